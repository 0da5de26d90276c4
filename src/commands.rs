//! The commands of the `timeline` binary, one function each: the binary
//! parses its arguments, calls one of these with typed values, and exits
//! with the code it returns (see [`crate::error::exit`]). Nothing here
//! prints or exits: what a command says goes through a [`Console`] the
//! caller provides (standard output and error for the binary, buffers in
//! tests).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, exit};
use crate::fsio::{self, Decoding};
use crate::pipeline::{self, BuildOptions, Hooks};
use crate::render::{self, RenderOptions};
use crate::timeline::count;
use crate::{tagger, timeline};

/// Where a command's output goes.
pub trait Console: Send {
    /// Standard output (a command's result: YAML, a table, JSON lines) and
    /// standard error (warnings, explanations, summaries, skipped inputs).
    fn streams(&mut self) -> (&mut dyn Write, &mut dyn Write);

    /// Standard output.
    fn out(&mut self) -> &mut dyn Write {
        self.streams().0
    }

    /// One line for the user (a warning, an explanation, a summary); a
    /// closed standard error is ignored.
    fn note(&mut self, line: &str) {
        let err = self.streams().1;
        let _ = writeln!(err, "{line}");
    }

    /// An error that did not stop the command (an input skipped, a bad
    /// line answered by an error record).
    fn error(&mut self, e: &Error) {
        self.note(&e.report());
    }
}

/// Writes `s` on the console's standard output. A closed pipe is an
/// [`Error::Write`] on `<stdout>` (the binary ends quietly on it).
fn print(con: &mut dyn Console, s: &str) -> Result<(), Error> {
    let out = con.out();
    out.write_all(s.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Error::Write {
            path: PathBuf::from("<stdout>"),
            source: e,
        })
}

/// The articles `timeline build` reads: `inputs`, folders expanded to the
/// `*.txt` files they hold, or every `seeds/*.txt` when there are none.
pub fn build_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    pipeline::expand_inputs(inputs, Path::new("seeds"))
}

/// `timeline build`: see [`pipeline::build`]. Lists what was written, then
/// (unless `quiet`) a summary line; the exit code says whether some inputs
/// failed (4) or the build was interrupted (130).
pub fn build(
    inputs: &[PathBuf],
    opts: &BuildOptions,
    quiet: bool,
    hooks: &Hooks<'_>,
    con: &mut dyn Console,
) -> Result<i32, Error> {
    let started = std::time::Instant::now();
    let report = pipeline::build(inputs, opts, hooks)?;
    // --quiet: nothing on success; errors are always shown.
    if !quiet {
        for w in &report.warnings {
            con.note(&format!("warning: {w}"));
        }
        let mut listing = String::new();
        for b in &report.built {
            listing.push_str(&format!(
                "{}: {}, chart {}\n",
                b.yaml.display(),
                count(b.events, "event", "events"),
                b.svg.display()
            ));
        }
        // Files are written: a closed standard output only ends the listing.
        let _ = print(con, &listing);
    }
    for e in &report.failed {
        con.error(e);
    }
    if !quiet {
        let secs = started.elapsed().as_secs_f64();
        let events: usize = report.built.iter().map(|b| b.events).sum();
        con.note(&format!(
            "{}, {}, {:.2} s, {:.2} MB/s",
            count(report.documents, "document", "documents"),
            count(events, "event", "events"),
            secs,
            report.bytes as f64 / 1e6 / secs.max(1e-9)
        ));
    }
    Ok(if report.interrupted {
        con.note(&format!(
            "interrupted: {} written, each complete",
            count(report.built.len(), "timeline", "timelines")
        ));
        exit::INTERRUPTED
    } else if report.failed.is_empty() {
        exit::OK
    } else if report.built.is_empty() {
        report.failed[0].exit_code()
    } else {
        con.note(&format!(
            "{} of {} failed",
            report.failed.len(),
            count(inputs.len(), "input", "inputs")
        ));
        exit::PARTIAL
    })
}

/// Where `timeline extract` and `timeline merge` put their timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output.
    Stdout,
    /// A file, written as `build` writes: an existing timeline is updated
    /// (hand edits kept), a file that is not a timeline is refused.
    File(PathBuf),
}

/// What `timeline extract` is asked.
#[derive(Debug, Clone)]
pub struct Extract {
    /// The articles.
    pub inputs: Vec<PathBuf>,
    /// Document date for every article.
    pub dct: Option<NaiveDate>,
    /// Timeline title.
    pub title: Option<String>,
    /// How to decode the articles.
    pub decoding: Decoding,
    /// Explain, on the console, how each event was found.
    pub explain: bool,
    /// Where the timeline goes.
    pub to: Destination,
}

/// `timeline extract`: the YAML timeline of one or more articles.
pub fn extract(x: &Extract, con: &mut dyn Console) -> Result<i32, Error> {
    let mut results = Vec::new();
    for p in &x.inputs {
        let article = pipeline::read_article(p, x.decoding)?;
        let r = pipeline::process(&article, x.dct)?;
        for w in &r.tagged.warnings {
            con.note(&format!("warning: {}: {w}", p.display()));
        }
        if x.explain {
            for line in &r.extraction.explanation {
                con.note(line);
            }
        }
        results.push(r);
    }
    let fresh = pipeline::timeline_of(x.title.clone(), &results);
    put_timeline(&fresh, &x.to, "extract", con)?;
    Ok(exit::OK)
}

fn put_timeline(
    t: &timeline::Timeline,
    to: &Destination,
    command: &str,
    con: &mut dyn Console,
) -> Result<(), Error> {
    match to {
        Destination::Stdout => print(con, &timeline::to_yaml(t)),
        Destination::File(path) => pipeline::write_timeline(path, t, command).map(|_| ()),
    }
}

/// `timeline extract --jsonl`: the map step of a cluster run (see
/// [`pipeline::extract_jsonl_line`]), over one JSON-lines file (standard
/// input when `inputs` is empty).
pub fn extract_jsonl(
    inputs: &[PathBuf],
    jobs: Option<usize>,
    con: &mut dyn Console,
) -> Result<i32, Error> {
    if inputs.len() > 1 {
        return Err(Error::Usage(
            "extract --jsonl reads one file (or standard input)".into(),
        ));
    }
    let input = inputs.first().map(PathBuf::as_path);
    map_jsonl(input, jobs, &pipeline::extract_jsonl_line, con)
}

/// `timeline tag --jsonl`: timexes of JSON-lines documents (see
/// [`crate::jsonl`]).
pub fn tag_jsonl(
    input: Option<&Path>,
    jobs: Option<usize>,
    con: &mut dyn Console,
) -> Result<i32, Error> {
    map_jsonl(input, jobs, &pipeline::tag_jsonl_line, con)
}

fn map_jsonl(
    input: Option<&Path>,
    jobs: Option<usize>,
    f: &(dyn Fn(&str) -> Result<String, pipeline::JsonlError> + Sync),
    con: &mut dyn Console,
) -> Result<i32, Error> {
    let name = input.map_or("<stdin>".to_string(), |p| p.display().to_string());
    let reader = fsio::open_lines(input)?;
    let stats = pipeline::with_jobs(jobs, || {
        let (out, err) = con.streams();
        pipeline::map_jsonl(reader, out, &name, f, &mut |e| {
            let _ = writeln!(err, "{}", e.report());
        })
    })?;
    if stats.failed > 0 {
        con.note(&format!(
            "{} of {} lines failed (each answered by an error record)",
            stats.failed,
            stats.failed + stats.documents
        ));
        return Ok(exit::PARTIAL);
    }
    Ok(exit::OK)
}

/// `timeline tag`: the temporal expressions of an article (standard input
/// when `input` is `None`), one per line.
pub fn tag(
    input: Option<&Path>,
    dct: Option<NaiveDate>,
    decoding: Decoding,
    explain: bool,
    con: &mut dyn Console,
) -> Result<i32, Error> {
    let text = match input {
        Some(p) => pipeline::read_article(p, decoding)?.text,
        None => fsio::read_stdin(decoding)?,
    };
    let tagged = tagger::tag_document(&text, dct)?;
    for w in &tagged.warnings {
        con.note(&format!("warning: {w}"));
    }
    let mut out = pipeline::tag_lines(&text, &tagged, explain).join("\n");
    out.push('\n');
    print(con, &out)?;
    Ok(exit::OK)
}

/// `timeline merge`: the reduce step, partial timelines into one (see
/// [`pipeline::merge_timelines`]).
pub fn merge(
    parts: &[PathBuf],
    title: Option<String>,
    to: &Destination,
    con: &mut dyn Console,
) -> Result<i32, Error> {
    let mut all = Vec::new();
    for p in parts {
        let loaded = pipeline::load_parts(p)?;
        if loaded.skipped > 0 {
            con.note(&format!(
                "warning: {}: skipped {} error records (documents the map step could not process)",
                p.display(),
                loaded.skipped
            ));
        }
        all.extend(loaded.timelines);
    }
    let merged = pipeline::merge_timelines(all, title);
    put_timeline(&merged, to, "merge", con)?;
    Ok(exit::OK)
}

/// A chart's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    /// SVG.
    Svg,
    /// PNG, rasterised from the SVG.
    Png,
    /// One self-contained HTML page: the chart and a table of every event.
    Html,
}

/// `timeline render`: the chart of a timeline, written to `output` (by
/// default the input's name with `.svg`, `.png` or `.html`), whose path is
/// printed.
/// An output that is the input itself (also through a link) is refused.
pub fn render(
    file: &Path,
    output: Option<&Path>,
    format: ChartFormat,
    opts: &RenderOptions,
    con: &mut dyn Console,
) -> Result<i32, Error> {
    if let Some(out) = output {
        if fsio::same_file(out, file) {
            return Err(Error::Usage(format!(
                "{}: the output is the input timeline; give another -o FILE",
                out.display()
            )));
        }
    }
    let t = pipeline::load_timeline(file)?;
    let (bytes, ext) = match format {
        ChartFormat::Svg => (render::svg(&t, opts)?.into_bytes(), "svg"),
        ChartFormat::Png => (render::png(&t, opts)?, "png"),
        ChartFormat::Html => (render::html(&t, opts)?.into_bytes(), "html"),
    };
    let out = output.map_or_else(|| file.with_extension(ext), Path::to_path_buf);
    fsio::write_file(&out, &bytes)?;
    print(con, &format!("{}\n", out.display()))?;
    Ok(exit::OK)
}

/// `timeline check`: every problem of a timeline file, or (unless
/// `quiet`) `ok` and its number of events.
pub fn check(file: &Path, quiet: bool, con: &mut dyn Console) -> Result<i32, Error> {
    let t = pipeline::load_timeline(file)?;
    if !quiet {
        let events = count(t.events.len(), "event", "events");
        print(con, &format!("{}: ok, {events}\n", file.display()))?;
    }
    Ok(exit::OK)
}

/// `timeline fmt`: see [`pipeline::format_in_place`]; `sort` puts the
/// events in date order.
pub fn fmt(file: &Path, sort: bool, _con: &mut dyn Console) -> Result<i32, Error> {
    pipeline::format_in_place(file, sort)?;
    Ok(exit::OK)
}

/// `timeline table`: a timeline as a Markdown table.
pub fn table(file: &Path, filter: &timeline::Filter, con: &mut dyn Console) -> Result<i32, Error> {
    let t = filter.apply(&pipeline::load_timeline(file)?).timeline;
    print(con, &pipeline::table(&t))?;
    Ok(exit::OK)
}

/// `timeline schema`: the JSON Schema of the timeline format.
pub fn schema(con: &mut dyn Console) -> Result<i32, Error> {
    print(con, &timeline::schema())?;
    Ok(exit::OK)
}
