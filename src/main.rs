//! The `timeline` command line: parses arguments, calls the library, prints
//! what it returns and maps errors to exit codes.

#![warn(clippy::unwrap_used, clippy::expect_used)]

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use timeline::date::DateSpec;
use timeline::error::{Error, exit};
use timeline::fsio::{self, Decoding};
use timeline::pipeline::{self, BuildOptions};
use timeline::render::{self, RenderOptions, Theme};
use timeline::{tagger, timeline as tl};

/// Turn news articles into timelines: tag dates, build events, write an
/// editable YAML timeline and render it as an SVG chart.
#[derive(Parser, Debug)]
#[command(name = "timeline", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build data/<stem>.yaml and output/<stem>.svg for each article.
    #[command(
        after_help = "Examples:\n  timeline build                      # every seeds/*.txt\n  timeline build a.txt b.txt\n  timeline build news/ -o ukraine     # one timeline from a folder\n  timeline build news/ -o ukraine --from 2022-02 --max-events 40\n\nThe chart options (--from, --to, --tag, --min-importance, --max-events)\nchoose what the charts show; the YAML timeline keeps every event."
    )]
    Build(BuildArgs),
    /// Print the YAML timeline of one or more articles.
    #[command(
        after_help = "Examples:\n  timeline extract seeds/000_5da06e75f2e99931.txt\n  timeline extract a.txt --dct 2023-11-02 -o a.yaml\n  timeline extract a.txt --explain"
    )]
    Extract(ExtractArgs),
    /// Render a YAML timeline as an SVG (or PNG) chart, or an HTML page.
    #[command(
        after_help = "Examples:\n  timeline render data/a.yaml -o output/a.svg\n  timeline render data/a.yaml --theme dark --width 1200 --format png -o a.png\n  timeline render data/a.yaml --format html       # the chart and a table of every event\n  timeline render data/a.yaml --from 2013-03-14 --to 2013-03-24 --tag flood --max-events 30"
    )]
    Render(RenderArgs),
    /// Validate a YAML timeline; report every problem with file:line:col.
    #[command(
        after_help = "Examples:\n  timeline check data/a.yaml\n  timeline check -q data/a.yaml && echo valid"
    )]
    Check {
        /// The timeline file.
        file: PathBuf,
        /// Print nothing when the file is valid (problems are still shown).
        #[arg(short, long)]
        quiet: bool,
    },
    /// Rewrite a YAML timeline in canonical form (in place, atomically).
    #[command(
        after_help = "Examples:\n  timeline fmt data/a.yaml\n  timeline fmt --sort data/a.yaml   # events in date order, comments kept with them"
    )]
    Fmt {
        /// The timeline file.
        file: PathBuf,
        /// Sort the events by date; each comment moves with its event.
        #[arg(long)]
        sort: bool,
    },
    /// Print a YAML timeline as a Markdown table of dates and titles, in
    /// date order.
    #[command(
        after_help = "Examples:\n  timeline table data/000_5da06e75f2e99931.yaml\n  timeline table data/lenne-flood.yaml --from 2013-03-14 --to 2013-03-24 --tag disaster"
    )]
    Table {
        /// The timeline file.
        file: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Print the temporal expressions of an article, one per line.
    #[command(
        after_help = "Examples:\n  timeline tag seeds/000_5da06e75f2e99931.txt\n  timeline tag --dct 2023-11-02 --explain article.txt\n  timeline tag --jsonl docs.jsonl > tagged.jsonl   # {\"id\",\"dct\",\"text\"} per line"
    )]
    Tag(TagArgs),
    /// Combine partial timelines (YAML files, or JSON lines from
    /// `extract --jsonl`) into one: the reduce step of a cluster run.
    #[command(
        after_help = "Examples:\n  timeline merge part-a.yaml part-b.yaml -o data/all.yaml\n  timeline tag --jsonl docs.jsonl   # map, see README for Spark\n  timeline extract --jsonl docs.jsonl > parts.jsonl && timeline merge parts.jsonl -o all.yaml"
    )]
    Merge {
        /// Partial timelines: *.yaml, or *.jsonl of {"id","yaml"} lines.
        #[arg(required = true)]
        parts: Vec<PathBuf>,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Title of the merged timeline.
        #[arg(long)]
        title: Option<String>,
    },
    /// Print the JSON Schema of the YAML timeline format.
    #[command(after_help = "Example:\n  timeline schema > timeline.schema.json")]
    Schema,
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// Articles (.txt) or folders of articles; default: every seeds/*.txt.
    inputs: Vec<PathBuf>,
    /// Build one timeline named NAME from all inputs.
    #[arg(short = 'o', long = "name", value_name = "NAME")]
    name: Option<String>,
    /// Where YAML timelines are written.
    #[arg(long, default_value = "data")]
    data_dir: PathBuf,
    /// Where SVG charts are written.
    #[arg(long, default_value = "output")]
    output_dir: PathBuf,
    /// Document date (YYYY-MM-DD) for every input, instead of reading it
    /// from the article.
    #[arg(long, value_name = "DATE")]
    dct: Option<String>,
    /// Replace invalid UTF-8 bytes instead of refusing the file.
    #[arg(long)]
    lossy: bool,
    /// Worker threads (default: every core).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    jobs: Option<u32>,
    /// Print nothing on success: no progress bar, no list of what was
    /// written, no warnings, no summary (errors are still shown).
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    chart: ChartArgs,
}

#[derive(Args, Debug)]
struct ExtractArgs {
    /// Articles (.txt); with --jsonl, one JSON-lines file (default stdin).
    #[arg(required_unless_present = "jsonl")]
    inputs: Vec<PathBuf>,
    /// Map JSON lines {"id","dct","text"} to {"id","yaml"}, one per
    /// document, for `timeline merge` (a cluster engine's map step).
    #[arg(long, conflicts_with_all = ["output", "update", "explain"])]
    jsonl: bool,
    /// Worker threads for --jsonl (default: every core).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    jobs: Option<u32>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Merge into this existing timeline, keeping its hand edits, and write
    /// it back.
    #[arg(long, value_name = "FILE", conflicts_with = "output")]
    update: Option<PathBuf>,
    /// Document date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    dct: Option<String>,
    /// Print, on standard error, how each event was found.
    #[arg(long)]
    explain: bool,
    /// Timeline title.
    #[arg(long)]
    title: Option<String>,
    /// Replace invalid UTF-8 bytes instead of refusing the file.
    #[arg(long)]
    lossy: bool,
}

#[derive(Args, Debug)]
struct RenderArgs {
    /// The YAML timeline.
    file: PathBuf,
    /// Output file; default: the input's name with .svg (.png, .html).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Svg)]
    format: Format,
    #[command(flatten)]
    chart: ChartArgs,
}

#[derive(Args, Debug)]
struct ChartArgs {
    /// Chart width in pixels.
    #[arg(long, default_value_t = 800, value_parser = clap::value_parser!(u32).range(200..=20000))]
    width: u32,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    theme: ThemeArg,
    /// Chart title (default: the timeline's title).
    #[arg(long)]
    title: Option<String>,
    #[command(flatten)]
    filter: FilterArgs,
}

/// Which events to show (charts and tables); see `timeline::timeline::Filter`.
#[derive(Args, Debug)]
struct FilterArgs {
    /// Only events on or after DATE (e.g. 2013, 2013-03, 18 March 2013).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    from: Option<DateSpec>,
    /// Only events on or before DATE.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    to: Option<DateSpec>,
    /// At most N events: the most important, spread over time and tags.
    #[arg(long, value_name = "N")]
    max_events: Option<usize>,
    /// Only events at least this important, 0 to 1 (their confidence;
    /// hand-written events count as 1).
    #[arg(long, value_name = "X")]
    min_importance: Option<f64>,
    /// Only events with this tag (repeat for several: any of them).
    #[arg(long = "tag", value_name = "T")]
    tags: Vec<String>,
}

fn date_arg(s: &str) -> Result<DateSpec, String> {
    tl::parse_date(s).map_err(|e| e.to_string())
}

impl FilterArgs {
    fn filter(&self) -> Result<tl::Filter, Error> {
        let f = tl::Filter {
            from: self.from,
            to: self.to,
            max_events: self.max_events,
            min_importance: self.min_importance,
            tags: self.tags.clone(),
        };
        f.check().map_err(|e| Error::Usage(e.to_string()))?;
        Ok(f)
    }
}

#[derive(Args, Debug)]
struct TagArgs {
    /// The article (default: standard input).
    input: Option<PathBuf>,
    /// Document date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    dct: Option<String>,
    /// Show how each expression was built: rule, parts, resolution.
    #[arg(long)]
    explain: bool,
    /// Read JSON lines {"id","dct","text"}; write {"id","timexes":[...]}.
    #[arg(long)]
    jsonl: bool,
    /// Worker threads for --jsonl (default: every core).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    jobs: Option<u32>,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum Format {
    Svg,
    Png,
    /// One self-contained page: the chart and a table of every event.
    Html,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum ThemeArg {
    Light,
    Dark,
}

impl ChartArgs {
    fn options(&self) -> Result<RenderOptions, Error> {
        Ok(RenderOptions {
            width: self.width,
            theme: match self.theme {
                ThemeArg::Light => Theme::Light,
                ThemeArg::Dark => Theme::Dark,
            },
            title: self.title.clone(),
            filter: self.filter.filter()?,
        })
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            report(&e);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// Prints an error on standard error. Timeline diagnostics carry their own
/// `file:line:col: error:` prefix and source snippet.
fn report(e: &Error) {
    match e {
        Error::Timeline(_) => eprintln!("{e}"),
        _ => eprintln!("error: {e}"),
    }
}

/// A progress bar on standard error, hidden when it is not a terminal or
/// with `--quiet`.
fn progress_bar(len: u64, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !io::stderr().is_terminal() || len < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}

fn decoding(lossy: bool) -> Decoding {
    if lossy {
        Decoding::Lossy
    } else {
        Decoding::Strict
    }
}

fn dct(arg: &Option<String>) -> Result<Option<chrono::NaiveDate>, Error> {
    arg.as_deref().map(pipeline::parse_dct).transpose()
}

fn stdout_write(s: &str) -> Result<(), Error> {
    let mut out = io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Write {
            path: PathBuf::from("<stdout>"),
            source: e,
        }),
    }
}

fn run(cli: Cli) -> Result<i32, Error> {
    match cli.command {
        Command::Build(a) => {
            let inputs = pipeline::expand_inputs(&a.inputs, Path::new("seeds"))?;
            let opts = BuildOptions {
                data_dir: a.data_dir,
                output_dir: a.output_dir,
                dct: dct(&a.dct)?,
                name: a.name,
                render: a.chart.options()?,
                decoding: decoding(a.lossy),
                jobs: a.jobs.map(|n| n as usize),
            };
            let started = std::time::Instant::now();
            let bar = progress_bar(inputs.len() as u64, a.quiet);
            // Ctrl-C stops the build between two files: every file written
            // is whole (and writes are atomic anyway).
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let flag = stop.clone();
            let _ = ctrlc::set_handler(move || {
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
            });
            let hooks = pipeline::Hooks {
                progress: &|| bar.inc(1),
                cancelled: &|| stop.load(std::sync::atomic::Ordering::SeqCst),
            };
            let report = pipeline::build(&inputs, &opts, &hooks)?;
            bar.finish_and_clear();
            // --quiet: nothing on success; errors are always shown.
            if !a.quiet {
                for w in &report.warnings {
                    eprintln!("warning: {w}");
                }
                for b in &report.built {
                    println!(
                        "{}: {}, chart {}",
                        b.yaml.display(),
                        tl::count(b.events, "event", "events"),
                        b.svg.display()
                    );
                }
            }
            for e in &report.failed {
                self::report(e);
            }
            if !a.quiet {
                let secs = started.elapsed().as_secs_f64();
                let events: usize = report.built.iter().map(|b| b.events).sum();
                eprintln!(
                    "{}, {}, {:.2} s, {:.2} MB/s",
                    tl::count(report.documents, "document", "documents"),
                    tl::count(events, "event", "events"),
                    secs,
                    report.bytes as f64 / 1e6 / secs.max(1e-9)
                );
            }
            if report.interrupted {
                eprintln!(
                    "interrupted: {} written, each complete",
                    tl::count(report.built.len(), "timeline", "timelines")
                );
                Ok(exit::INTERRUPTED)
            } else if report.failed.is_empty() {
                Ok(exit::OK)
            } else if report.built.is_empty() {
                Ok(report.failed[0].exit_code())
            } else {
                eprintln!(
                    "{} of {} failed",
                    report.failed.len(),
                    tl::count(inputs.len(), "input", "inputs")
                );
                Ok(exit::PARTIAL)
            }
        }
        Command::Extract(a) if a.jsonl => {
            if a.inputs.len() > 1 {
                return Err(Error::Usage(
                    "extract --jsonl reads one file (or standard input)".into(),
                ));
            }
            map_jsonl(
                a.inputs.first().map(PathBuf::as_path),
                a.jobs.map(|n| n as usize),
                &pipeline::extract_jsonl_line,
            )
        }
        Command::Merge {
            parts,
            output,
            title,
        } => {
            let mut all = Vec::new();
            for p in &parts {
                all.extend(pipeline::load_parts(p)?);
            }
            let text = tl::to_yaml(&pipeline::merge_timelines(all, title));
            match &output {
                Some(path) => fsio::write_atomic(path, text.as_bytes())?,
                None => stdout_write(&text)?,
            }
            Ok(exit::OK)
        }
        Command::Extract(a) => {
            let dct = dct(&a.dct)?;
            let mut results = Vec::new();
            for p in &a.inputs {
                let article = pipeline::read_article(p, decoding(a.lossy))?;
                let r = pipeline::process(&article, dct)?;
                for w in &r.tagged.warnings {
                    eprintln!("warning: {}: {w}", p.display());
                }
                if a.explain {
                    for line in &r.extraction.explanation {
                        eprintln!("{line}");
                    }
                }
                results.push(r);
            }
            let fresh = pipeline::timeline_of(a.title, &results);
            if let Some(path) = &a.update {
                let text = pipeline::update_file(path, &fresh)?;
                fsio::write_atomic(path, text.as_bytes())?;
            } else {
                let text = tl::to_yaml(&fresh);
                match &a.output {
                    Some(path) => fsio::write_atomic(path, text.as_bytes())?,
                    None => stdout_write(&text)?,
                }
            }
            Ok(exit::OK)
        }
        Command::Render(a) => {
            let t = pipeline::load_timeline(&a.file)?;
            let opts = a.chart.options()?;
            let (bytes, ext) = match a.format {
                Format::Svg => (render::svg(&t, &opts)?.into_bytes(), "svg"),
                Format::Png => (render::png(&t, &opts)?, "png"),
                Format::Html => (render::html(&t, &opts)?.into_bytes(), "html"),
            };
            let out = a.output.unwrap_or_else(|| a.file.with_extension(ext));
            fsio::write_atomic(&out, &bytes)?;
            println!("{}", out.display());
            Ok(exit::OK)
        }
        Command::Check { file, quiet } => {
            let t = pipeline::load_timeline(&file)?;
            if !quiet {
                let events = tl::count(t.events.len(), "event", "events");
                println!("{}: ok, {events}", file.display());
            }
            Ok(exit::OK)
        }
        Command::Fmt { file, sort } => {
            let text = pipeline::format_file_with(&file, sort)?;
            fsio::write_atomic(&file, text.as_bytes())?;
            Ok(exit::OK)
        }
        Command::Table { file, filter } => {
            let t = filter
                .filter()?
                .apply(&pipeline::load_timeline(&file)?)
                .timeline;
            stdout_write(&pipeline::table(&t))?;
            Ok(exit::OK)
        }
        Command::Schema => {
            stdout_write(&tl::schema())?;
            Ok(exit::OK)
        }
        Command::Tag(a) => tag(a),
    }
}

fn tag(a: TagArgs) -> Result<i32, Error> {
    if a.jsonl {
        return map_jsonl(
            a.input.as_deref(),
            a.jobs.map(|n| n as usize),
            &pipeline::tag_jsonl_line,
        );
    }
    let text = match &a.input {
        Some(p) => pipeline::read_article(p, Decoding::Strict)?.text,
        None => {
            let mut buf = Vec::new();
            io::Read::read_to_end(&mut io::stdin().lock(), &mut buf)
                .map_err(|e| Error::read(Path::new("<stdin>"), e))?;
            fsio::decode(Path::new("<stdin>"), buf, Decoding::Strict)?
        }
    };
    let tagged = tagger::tag_document(&text, dct(&a.dct)?)?;
    for w in &tagged.warnings {
        eprintln!("warning: {w}");
    }
    let mut out = pipeline::tag_lines(&text, &tagged, a.explain).join("\n");
    out.push('\n');
    stdout_write(&out)?;
    Ok(exit::OK)
}

fn map_jsonl(
    input: Option<&Path>,
    jobs: Option<usize>,
    f: &(dyn Fn(&str) -> Result<String, pipeline::JsonlError> + Sync),
) -> Result<i32, Error> {
    let name = input.map_or("<stdin>".to_string(), |p| p.display().to_string());
    let reader: Box<dyn BufRead + Send> = match input {
        Some(p) => Box::new(io::BufReader::new(
            std::fs::File::open(p).map_err(|e| Error::read(p, e))?,
        )),
        None => Box::new(io::BufReader::new(io::stdin())),
    };
    let result = pipeline::with_jobs(jobs, || {
        let out = io::BufWriter::new(io::stdout().lock());
        pipeline::map_jsonl(reader, out, &name, f)
    });
    match result {
        Ok(_) => Ok(exit::OK),
        // A closed pipe (`| head`) ends the run quietly.
        Err(Error::Write { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => {
            Ok(exit::OK)
        }
        Err(e) => Err(e),
    }
}
