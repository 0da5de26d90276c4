//! The commands, as library functions: read articles, run the stages, and
//! write results atomically. The binary only parses arguments, calls these
//! and prints what they return.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::Error;
use crate::events::{self, Article};
use crate::fsio::{self, Decoding};
use crate::render::{self, RenderOptions};
use crate::tagger::{self, Tagged};
use crate::timeline::{self, FORMAT_VERSION, Timeline};

/// An article read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// The name recorded in sources: the file name.
    pub name: String,
    /// The text.
    pub text: String,
}

/// Reads an article, refusing empty files (see [`fsio::read_text`] for the
/// other checks).
pub fn read_article(path: &Path, decoding: Decoding) -> Result<ArticleFile, Error> {
    let text = fsio::read_text(path, decoding)?;
    if text.trim().is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
            whitespace: !text.is_empty(),
        });
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(ArticleFile {
        path: path.to_path_buf(),
        name,
        text,
    })
}

/// Expands command-line inputs: directories become the `*.txt` files they
/// hold (sorted); with no input at all, the `*.txt` files of `default_dir`.
pub fn expand_inputs(inputs: &[PathBuf], default_dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if inputs.is_empty() {
        let files = fsio::text_files_in(default_dir)?;
        if files.is_empty() {
            return Err(Error::NoInput(format!(
                "no *.txt files in {}",
                default_dir.display()
            )));
        }
        return Ok(files);
    }
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let files = fsio::text_files_in(p)?;
            if files.is_empty() {
                return Err(Error::NoInput(format!("no *.txt files in {}", p.display())));
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// One article's extraction result.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleResult {
    /// The tagger's output.
    pub tagged: Tagged,
    /// The events and the explanation.
    pub extraction: events::Extraction,
    /// The article's headline (its first line, if it reads like one).
    pub headline: Option<String>,
}

/// Tags and extracts the events of one article.
pub fn process(article: &ArticleFile, dct: Option<NaiveDate>) -> Result<ArticleResult, Error> {
    let tagged = tagger::tag_document(&article.text, dct)?;
    let extraction = events::extract(
        Article {
            name: &article.name,
            text: &article.text,
        },
        &tagged,
    );
    Ok(ArticleResult {
        tagged,
        extraction,
        headline: timeline::title::headline(&article.text),
    })
}

/// Builds one timeline from several articles' results. Its title is
/// `title`, else the headline of one article or what the headlines of
/// several have in common (see [`timeline::title`]).
pub fn timeline_of(title: Option<String>, results: &[ArticleResult]) -> Timeline {
    let headlines: Vec<&str> = results
        .iter()
        .filter_map(|r| r.headline.as_deref())
        .collect();
    let title = title.or_else(|| timeline::title::common_subject(&headlines));
    let all = results
        .iter()
        .flat_map(|r| r.extraction.events.iter().cloned())
        .collect();
    Timeline {
        version: FORMAT_VERSION,
        title,
        colors: Default::default(),
        events: events::merge(all),
        deleted: Vec::new(),
    }
}

/// Options of `timeline build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Where YAML timelines go.
    pub data_dir: PathBuf,
    /// Where SVG charts go.
    pub output_dir: PathBuf,
    /// Document date override for every input.
    pub dct: Option<NaiveDate>,
    /// Build one combined timeline with this name instead of one per input.
    pub name: Option<String>,
    /// Chart options.
    pub render: RenderOptions,
    /// How to decode inputs.
    pub decoding: Decoding,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
}

/// What one `build` unit wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// The inputs it came from.
    pub inputs: Vec<PathBuf>,
    /// The YAML timeline written.
    pub yaml: PathBuf,
    /// The SVG chart written.
    pub svg: PathBuf,
    /// Number of events in the timeline.
    pub events: usize,
}

/// The outcome of `build`.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Timelines written.
    pub built: Vec<Built>,
    /// Inputs that failed, with the reason; the rest of the batch completed.
    pub failed: Vec<Error>,
    /// Warnings (e.g. missing document dates).
    pub warnings: Vec<String>,
    /// Articles read and processed.
    pub documents: usize,
    /// Bytes of article text processed.
    pub bytes: u64,
    /// The build was cancelled before it finished.
    pub interrupted: bool,
}

/// Runs `f` on a pool of `jobs` threads (every core when `None`).
pub fn with_jobs<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> T {
    match jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(f),
            Err(_) => f(),
        },
        None => f(),
    }
}

/// How many documents are in flight at once: enough to keep every worker
/// busy, few enough that memory stays bounded whatever the corpus size.
fn chunk_size() -> usize {
    rayon::current_num_threads().max(1) * 4
}

/// `timeline build`: for each input (or for all of them together with
/// `opts.name`), extract the events, merge them into the YAML timeline in
/// `data_dir` (keeping the user's edits), and render the chart to
/// `output_dir`. One bad input is reported and skipped. Articles are
/// processed in parallel, a bounded number at a time; results are written in
/// input order.
pub fn build(
    inputs: &[PathBuf],
    opts: &BuildOptions,
    hooks: &Hooks<'_>,
) -> Result<BuildReport, Error> {
    fsio::ensure_dir(&opts.data_dir)?;
    fsio::ensure_dir(&opts.output_dir)?;
    with_jobs(opts.jobs, || build_inner(inputs, opts, hooks))
}

/// Callbacks of a long [`build`].
pub struct Hooks<'a> {
    /// Called once per input done (for a progress bar).
    pub progress: &'a (dyn Fn() + Sync),
    /// Polled between articles: when it returns true, the build stops
    /// before starting the next write, leaving every written file whole,
    /// and reports [`BuildReport::interrupted`].
    pub cancelled: &'a (dyn Fn() -> bool + Sync),
}

impl Default for Hooks<'_> {
    fn default() -> Self {
        Hooks {
            progress: &|| {},
            cancelled: &|| false,
        }
    }
}

/// An article's size in bytes and its result.
type Processed = (u64, ArticleResult);

fn build_inner(
    inputs: &[PathBuf],
    opts: &BuildOptions,
    hooks: &Hooks<'_>,
) -> Result<BuildReport, Error> {
    use rayon::prelude::*;
    let mut report = BuildReport::default();
    let mut combined: Vec<crate::timeline::Event> = Vec::new();
    let mut combined_inputs = Vec::new();
    let mut headlines: Vec<String> = Vec::new();
    for chunk in inputs.chunks(chunk_size()) {
        if (hooks.cancelled)() {
            report.interrupted = true;
            return Ok(report);
        }
        let done: Vec<(PathBuf, Result<Processed, Error>)> = chunk
            .par_iter()
            .map(|path| {
                let r = read_article(path, opts.decoding)
                    .and_then(|a| Ok((a.text.len() as u64, process(&a, opts.dct)?)));
                (hooks.progress)();
                (path.clone(), r)
            })
            .collect();
        for (path, r) in done {
            let (bytes, result) = match r {
                Ok(x) => x,
                Err(e) => {
                    report.failed.push(e);
                    continue;
                }
            };
            report.documents += 1;
            report.bytes += bytes;
            report.warnings.extend(
                result
                    .tagged
                    .warnings
                    .iter()
                    .map(|w| format!("{}: {w}", path.display())),
            );
            if opts.name.is_some() {
                combined.extend(result.extraction.events);
                headlines.extend(result.headline);
                combined_inputs.push(path);
                continue;
            }
            if (hooks.cancelled)() {
                report.interrupted = true;
                return Ok(report);
            }
            let fresh = timeline_of(opts.render.title.clone(), std::slice::from_ref(&result));
            match write_unit(&stem_of(&path), &fresh, opts) {
                Ok((yaml, svg, events)) => report.built.push(Built {
                    inputs: vec![path],
                    yaml,
                    svg,
                    events,
                }),
                Err(e) => report.failed.push(e),
            }
        }
    }
    if let Some(name) = &opts.name {
        if !combined_inputs.is_empty() {
            // `--title`, else what the headlines share, else the name.
            let title = opts
                .render
                .title
                .clone()
                .or_else(|| timeline::title::common_subject(&headlines))
                .unwrap_or_else(|| name.clone());
            let fresh = Timeline {
                version: FORMAT_VERSION,
                title: Some(title),
                colors: Default::default(),
                events: events::merge(combined),
                deleted: Vec::new(),
            };
            let (yaml, svg, events) = write_unit(name, &fresh, opts)?;
            report.built.push(Built {
                inputs: combined_inputs,
                yaml,
                svg,
                events,
            });
        }
    }
    Ok(report)
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "timeline".into())
}

/// Merges `fresh` into `data_dir/<stem>.yaml`, writes it, and renders the
/// resulting (possibly hand-edited) timeline to `output_dir/<stem>.svg`.
fn write_unit(
    stem: &str,
    fresh: &Timeline,
    opts: &BuildOptions,
) -> Result<(PathBuf, PathBuf, usize), Error> {
    let yaml_path = opts.data_dir.join(format!("{stem}.yaml"));
    let svg_path = opts.output_dir.join(format!("{stem}.svg"));
    let text = update_file(&yaml_path, fresh)?;
    let merged = if yaml_path.exists() {
        // The chart shows the file as the user edited it.
        timeline::from_yaml(&text, &yaml_path.display().to_string())?
    } else {
        // A new file holds exactly `fresh` (with the ids `to_yaml` gave it).
        let mut t = fresh.clone();
        timeline::assign_ids(&mut t);
        t
    };
    let svg = render::svg(&merged, &opts.render)?;
    fsio::write_atomic(&yaml_path, text.as_bytes())?;
    fsio::write_atomic(&svg_path, svg.as_bytes())?;
    Ok((yaml_path, svg_path, merged.events.len()))
}

/// The new text of the timeline file at `path` after merging `fresh` into
/// it: `fresh` in canonical form when there is no file yet. Nothing is
/// written; an unreadable or invalid existing file is an error, so a user's
/// file is never replaced by one that lost their edits.
pub fn update_file(path: &Path, fresh: &Timeline) -> Result<String, Error> {
    if path.exists() {
        let bytes = read_timeline_bytes(path)?;
        let file = path.display().to_string();
        timeline::from_yaml_bytes(&bytes, &file)?;
        let existing = String::from_utf8_lossy(&bytes);
        Ok(timeline::update(
            &existing,
            &path.display().to_string(),
            fresh,
        )?)
    } else {
        Ok(timeline::to_yaml(fresh))
    }
}

/// Reads a timeline file's bytes: it must be a regular file no larger than
/// the loader's limit (checked before reading, so a huge file costs nothing).
fn read_timeline_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::read(path, e))?;
    if meta.is_dir() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
            what: "a directory",
        });
    }
    if meta.len() > timeline::MAX_FILE_BYTES as u64 {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: timeline::MAX_FILE_BYTES as u64,
        });
    }
    std::fs::read(path).map_err(|e| Error::read(path, e))
}

/// Loads a timeline file, reporting every problem in it.
pub fn load_timeline(path: &Path) -> Result<Timeline, Error> {
    let bytes = read_timeline_bytes(path)?;
    Ok(timeline::from_yaml_bytes(
        &bytes,
        &path.display().to_string(),
    )?)
}

/// `timeline fmt`: the canonical form of a timeline file, comments kept.
/// Nothing is written; an invalid file is an error.
pub fn format_file(path: &Path) -> Result<String, Error> {
    format_file_with(path, false)
}

/// [`format_file`], with the events sorted by date when `sort` is true
/// (`timeline fmt --sort`; comments move with their events).
pub fn format_file_with(path: &Path, sort: bool) -> Result<String, Error> {
    let bytes = read_timeline_bytes(path)?;
    let file = path.display().to_string();
    // Validates the encoding with line and column, as `check` does.
    timeline::from_yaml_bytes(&bytes, &file)?;
    let src = String::from_utf8_lossy(&bytes);
    Ok(if sort {
        timeline::format_sorted(&src, &file)?
    } else {
        timeline::format(&src, &file)?
    })
}

/// Parses a `--dct` value (`YYYY-MM-DD`).
pub fn parse_dct(s: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Usage(format!(
            "invalid --dct `{s}`: write the document date as YYYY-MM-DD, e.g. 2023-11-02"
        ))
    })
}

/// One line per temporal expression, for `timeline tag`:
/// `LINE:COL  TYPE  VALUE  "text"` (and the derivation with `explain`).
pub fn tag_lines(text: &str, tagged: &Tagged, explain: bool) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(dct) = &tagged.dct {
        let how = match &dct.source {
            tagger::DctSource::Given => "given".to_string(),
            tagger::DctSource::Document { rule, .. } => format!("from the document, rule {rule}"),
        };
        out.push(format!("document date: {} ({how})", dct.date));
    }
    // Line and column by one forward walk (timexes come in text order), not
    // a scan from the start per expression.
    let (mut at, mut line, mut col) = (0usize, 1usize, 1usize);
    for t in &tagged.timexes {
        if t.start < at {
            (at, line, col) = (0, 1, 1);
        }
        for c in text.get(at..t.start).unwrap_or("").chars() {
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        at = t.start;
        let surface = text.get(t.start..t.end).unwrap_or("").replace('\n', " ");
        let mut s = format!("{line}:{col}\t{}\t{}", t.kind.as_str(), t.value.timeml());
        if let Some(m) = t.modifier {
            s.push_str(&format!(" mod={}", m.as_str()));
        }
        s.push_str(&format!("\t{surface:?}"));
        if t.latent {
            s.push_str("\t(latent)");
        }
        if explain {
            s.push_str("\n\t");
            s.push_str(&tagger::explain(text, t).replace('\n', "\n\t"));
        }
        out.push(s);
    }
    out
}

/// A bad line of JSON-lines input: the document reader's error.
pub use crate::tagger::jsonl::DocError as JsonlError;

/// The map step of a cluster run: one JSON line `{"id","dct","text"}` in,
/// one line `{"id","yaml"}` out, where `yaml` is that document's timeline
/// (sources named by the document id). `timeline merge` is the reduce step.
pub fn extract_jsonl_line(line: &str) -> Result<String, JsonlError> {
    let doc = tagger::jsonl::parse_doc(line)?;
    let name = match &doc.id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let article = ArticleFile {
        path: PathBuf::from(&name),
        name,
        text: doc.text,
    };
    let result = process(&article, doc.dct).map_err(|e| JsonlError {
        message: e.to_string(),
        column: 1,
    })?;
    let t = timeline_of(None, std::slice::from_ref(&result));
    let mut out = serde_json::Map::new();
    out.insert("id".into(), doc.id);
    out.insert("yaml".into(), timeline::to_yaml(&t).into());
    Ok(serde_json::Value::Object(out).to_string())
}

/// The reduce step: combines partial timelines into one. Events about the
/// same happening merge (see [`events::merge`]); deletions are united; the
/// title is `title`, else the first part's; a tag's colour is the first
/// part's that sets one.
pub fn merge_timelines(parts: Vec<Timeline>, title: Option<String>) -> Timeline {
    let mut deleted: Vec<String> = Vec::new();
    let mut events_all = Vec::new();
    let mut first_title = None;
    let mut colors = std::collections::BTreeMap::new();
    for p in parts {
        if first_title.is_none() {
            first_title = p.title;
        }
        for (tag, c) in p.colors {
            colors.entry(tag).or_insert(c);
        }
        deleted.extend(p.deleted);
        events_all.extend(p.events);
    }
    deleted.sort();
    deleted.dedup();
    let events_all = events::merge(events_all)
        .into_iter()
        .filter(|e| deleted.binary_search(&e.id).is_err())
        .collect();
    Timeline {
        version: FORMAT_VERSION,
        title: title.or(first_title),
        colors,
        events: events_all,
        deleted,
    }
}

/// Loads partial timelines: a YAML timeline file, or a JSON-lines file of
/// `{"id","yaml"}` lines as written by `timeline extract --jsonl`.
pub fn load_parts(path: &Path) -> Result<Vec<Timeline>, Error> {
    let text = fsio::read_text(path, Decoding::Strict)?;
    let file = path.display().to_string();
    if path.extension().is_some_and(|x| x == "jsonl") {
        let mut parts = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(line).map_err(|e| Error::Jsonl {
                file: file.clone(),
                line: i + 1,
                column: e.column().max(1),
                message: "not a JSON object".into(),
            })?;
            let Some(yaml) = v.get("yaml").and_then(|y| y.as_str()) else {
                return Err(Error::Jsonl {
                    file: file.clone(),
                    line: i + 1,
                    column: 1,
                    message:
                        "no \"yaml\" string field (write parts with `timeline extract --jsonl`)"
                            .into(),
                });
            };
            parts.push(timeline::from_yaml(yaml, &format!("{file}:{}", i + 1))?);
        }
        Ok(parts)
    } else {
        Ok(vec![timeline::from_yaml(&text, &file)?])
    }
}

/// Tags one JSON line `{"id","dct","text"}` and returns the output line
/// `{"id","timexes":[{"start","end","text","type","value"}]}`, with offsets
/// in Unicode characters (end exclusive).
pub fn tag_jsonl_line(line: &str) -> Result<String, JsonlError> {
    tagger::jsonl::tag_line(line)
}

/// Counts from a JSON-lines run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StreamStats {
    /// Documents processed.
    pub documents: usize,
    /// Bytes of input read.
    pub bytes: u64,
}

/// Maps a JSON-lines stream line by line with `f`, in parallel, writing the
/// results in input order. At most a few lines per worker are in memory at
/// once, so a stream of any size runs in bounded memory. Blank lines are
/// skipped. The first bad line stops the run with its line and column.
pub fn map_jsonl<R: std::io::BufRead, W: std::io::Write>(
    reader: R,
    mut writer: W,
    name: &str,
    f: &(dyn Fn(&str) -> Result<String, JsonlError> + Sync),
) -> Result<StreamStats, Error> {
    use rayon::prelude::*;
    let write_err = |e: std::io::Error| Error::Write {
        path: PathBuf::from("<stdout>"),
        source: e,
    };
    let mut stats = StreamStats::default();
    let mut lines = reader.lines().enumerate();
    let chunk = chunk_size() * 4;
    loop {
        let mut batch = Vec::with_capacity(chunk);
        for (i, line) in lines.by_ref() {
            let line = line.map_err(|e| Error::read(Path::new(name), e))?;
            stats.bytes += line.len() as u64 + 1;
            if !line.trim().is_empty() {
                batch.push((i + 1, line));
            }
            if batch.len() == chunk {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let out: Vec<Result<String, Error>> = batch
            .par_iter()
            .map(|(n, line)| {
                f(line).map_err(|e| Error::Jsonl {
                    file: name.to_string(),
                    line: *n,
                    column: e.column,
                    message: e.message,
                })
            })
            .collect();
        for r in out {
            writeln!(writer, "{}", r?).map_err(write_err)?;
            stats.documents += 1;
        }
    }
    writer.flush().map_err(write_err)?;
    Ok(stats)
}

/// The timeline as a Markdown table (`| date | title |`), for `timeline
/// table` and for pasting into a report or a README. Pipes in titles are
/// escaped, bidirectional controls dropped.
pub fn table(t: &Timeline) -> String {
    let mut out = String::from("| date | title |\n|---|---|\n");
    for e in t.events_by_date() {
        out.push_str(&format!(
            "| {} | {} |\n",
            crate::layout::date_text(e),
            crate::layout::text::strip_bidi(&e.title).replace('|', "\\|")
        ));
    }
    out
}
