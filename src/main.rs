//! The `timeline` command line: parses arguments (clap), calls the
//! library's commands ([`timeline::commands`]), prints through a console on
//! standard output and error, and exits with the code they return.

#![warn(clippy::unwrap_used, clippy::expect_used)]

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use timeline::commands::{self, ChartFormat, Console, Destination};
use timeline::date::DateSpec;
use timeline::error::{Error, exit};
use timeline::fsio::Decoding;
use timeline::pipeline::{self, BuildOptions};
use timeline::render::{RenderOptions, Theme};
use timeline::timeline as tl;

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
    #[command(flatten)]
    dct: DctArg,
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
    #[command(flatten)]
    dct: DctArg,
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
    #[command(flatten)]
    dct: DctArg,
    /// Show how each expression was built: rule, parts, resolution.
    #[arg(long)]
    explain: bool,
    /// Replace invalid UTF-8 bytes instead of refusing the article.
    #[arg(long)]
    lossy: bool,
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

/// The document date, shared by `build`, `extract` and `tag`: one
/// declaration, read by the same function as the `dct` of JSON lines.
#[derive(Args, Debug, Clone, Copy)]
struct DctArg {
    /// Document date (YYYY-MM-DD, a time may follow) for every input,
    /// instead of reading it from the article.
    #[arg(long, value_name = "DATE", value_parser = timeline::jsonl::parse_dct)]
    dct: Option<chrono::NaiveDate>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut con = Term {
        out: io::BufWriter::new(io::stdout()),
        err: io::stderr(),
    };
    let result = run(cli, &mut con).and_then(|code| {
        con.out.flush().map_err(|e| Error::Write {
            path: PathBuf::from("<stdout>"),
            source: e,
        })?;
        Ok(code)
    });
    match result {
        Ok(code) => ExitCode::from(code as u8),
        // A closed pipe (`| head`) ends the run quietly, as in other tools.
        Err(e) if e.is_closed_stdout() => ExitCode::from(exit::OK as u8),
        Err(e) => {
            con.error(&e);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// Standard output (buffered) and standard error.
struct Term {
    out: io::BufWriter<io::Stdout>,
    err: io::Stderr,
}

impl Console for Term {
    fn streams(&mut self) -> (&mut dyn Write, &mut dyn Write) {
        (&mut self.out, &mut self.err)
    }
}

fn decoding(lossy: bool) -> Decoding {
    if lossy {
        Decoding::Lossy
    } else {
        Decoding::Strict
    }
}

fn jobs(n: Option<u32>) -> Option<usize> {
    n.map(|n| n as usize)
}

fn run(cli: Cli, con: &mut Term) -> Result<i32, Error> {
    match cli.command {
        Command::Build(a) => build(a, con),
        Command::Extract(a) if a.jsonl => commands::extract_jsonl(&a.inputs, jobs(a.jobs), con),
        Command::Extract(a) => commands::extract(&a.request(), con),
        Command::Merge {
            parts,
            output,
            title,
        } => commands::merge(&parts, title, &destination(output), con),
        Command::Render(a) => {
            let (output, opts) = (a.output.as_deref(), a.chart.options()?);
            commands::render(&a.file, output, a.format.into(), &opts, con)
        }
        Command::Check { file, quiet } => commands::check(&file, quiet, con),
        Command::Fmt { file, sort } => commands::fmt(&file, sort, con),
        Command::Table { file, filter } => commands::table(&file, &filter.filter()?, con),
        Command::Schema => commands::schema(con),
        Command::Tag(a) if a.jsonl => commands::tag_jsonl(a.input.as_deref(), jobs(a.jobs), con),
        Command::Tag(a) => {
            let decoding = decoding(a.lossy);
            commands::tag(a.input.as_deref(), a.dct.dct, decoding, a.explain, con)
        }
    }
}

impl From<Format> for ChartFormat {
    fn from(f: Format) -> ChartFormat {
        match f {
            Format::Svg => ChartFormat::Svg,
            Format::Png => ChartFormat::Png,
            Format::Html => ChartFormat::Html,
        }
    }
}

fn destination(output: Option<PathBuf>) -> Destination {
    output.map_or(Destination::Stdout, Destination::File)
}

impl ExtractArgs {
    fn request(self) -> commands::Extract {
        commands::Extract {
            inputs: self.inputs,
            dct: self.dct.dct,
            title: self.title,
            decoding: decoding(self.lossy),
            explain: self.explain,
            to: destination(self.update.or(self.output)),
        }
    }
}

/// `timeline build`, with a progress bar on a terminal and Ctrl-C stopping
/// the build between two files (every file written is whole).
fn build(a: BuildArgs, con: &mut Term) -> Result<i32, Error> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let inputs = commands::build_inputs(&a.inputs)?;
    let opts = BuildOptions {
        data_dir: a.data_dir,
        output_dir: a.output_dir,
        dct: a.dct.dct,
        name: a.name,
        render: a.chart.options()?,
        decoding: decoding(a.lossy),
        jobs: jobs(a.jobs),
    };
    let bar = progress_bar(inputs.len() as u64, a.quiet);
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let hooks = pipeline::Hooks {
        progress: &|| bar.inc(1),
        cancelled: &|| stop.load(Ordering::SeqCst),
        before_replace: &|_| {},
    };
    let code = commands::build(&inputs, &opts, a.quiet, &hooks, con);
    bar.finish_and_clear();
    code
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
