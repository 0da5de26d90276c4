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
    /// The name recorded in sources: the path as given on the command line
    /// (relative to the working directory when it was given so), so that
    /// `x/a.txt` and `y/a.txt` stay apart.
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
    let name = path.display().to_string();
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
        if fsio::is_dir(p) {
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
}

/// Tags and extracts the events of one article.
pub fn process(article: &ArticleFile, dct: Option<NaiveDate>) -> ArticleResult {
    let tagged = tagger::tag_document(&article.text, dct);
    let extraction = events::extract(
        Article {
            name: &article.name,
            text: &article.text,
        },
        &tagged,
    );
    ArticleResult { tagged, extraction }
}

/// Articles longer than this are tagged and their events extracted in
/// pieces of about this size, cut at paragraph breaks (else line, sentence
/// or word breaks), so that a build's memory stays proportional to the
/// article (the stages' working sets are many times their input). Shorter
/// articles, nearly all of them, are processed whole.
pub const PIECE_BYTES: usize = 1 << 20;

/// The byte ranges of the pieces of `text` (see [`PIECE_BYTES`]).
fn pieces(text: &str, size: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > size {
        let mut limit = start + size;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        // The last good break in the second half of the window.
        let half = window.len() / 2;
        let cut = ["\n\n", "\n", ". ", " "]
            .iter()
            .find_map(|b| window.rfind(b).filter(|&i| i >= half).map(|i| i + b.len()))
            .unwrap_or(window.len());
        out.push((start, start + cut));
        start += cut;
    }
    out.push((start, text.len()));
    out
}

/// What `build` needs of an article: its events and the tagger's warnings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleEvents {
    /// The events, merged.
    pub events: Vec<crate::timeline::Event>,
    /// Warnings, e.g. a missing document date.
    pub warnings: Vec<String>,
}

/// The events of one article, for `build`: the same as [`process`] for an
/// article up to [`PIECE_BYTES`]; a longer one is processed piece by piece
/// (every piece dated by the document date found at the start), sources
/// pointing into the whole article, and merged.
pub fn article_events(article: &ArticleFile, dct: Option<NaiveDate>) -> ArticleEvents {
    article_events_in(article, dct, PIECE_BYTES)
}

fn article_events_in(article: &ArticleFile, dct: Option<NaiveDate>, size: usize) -> ArticleEvents {
    let text = article.text.as_str();
    let ranges = pieces(text, size);
    if ranges.len() == 1 {
        let r = process(article, dct);
        return ArticleEvents {
            events: r.extraction.events,
            warnings: r.tagged.warnings,
        };
    }
    let mut dct = dct;
    let mut out = ArticleEvents::default();
    // One vector per piece, joined once at the end at its exact size (a
    // growing vector would hold up to twice the events).
    let mut found: Vec<Vec<crate::timeline::Event>> = Vec::with_capacity(ranges.len());
    let (mut lines_before, mut chars_before) = (0usize, 0usize);
    for (i, &(s, e)) in ranges.iter().enumerate() {
        let piece = &text[s..e];
        let tagged = tagger::tag_document(piece, dct);
        if i == 0 && dct.is_none() {
            dct = tagged.dct.as_ref().map(|d| d.date);
        }
        for w in &tagged.warnings {
            if !out.warnings.contains(w) {
                out.warnings.push(w.clone());
            }
        }
        let mut x = events::extract(
            Article {
                name: &article.name,
                text: piece,
            },
            &tagged,
        );
        drop(tagged);
        for ev in &mut x.events {
            for src in &mut ev.sources {
                src.line += lines_before;
                src.span.0 += chars_before;
                src.span.1 += chars_before;
            }
        }
        x.events.shrink_to_fit();
        found.push(x.events);
        lines_before += piece.bytes().filter(|&b| b == b'\n').count();
        chars_before += piece.chars().count();
    }
    let mut all = Vec::with_capacity(found.iter().map(Vec::len).sum());
    for piece in found {
        all.extend(piece);
    }
    out.events = events::merge(all);
    out
}

/// Builds one timeline from several articles' results.
pub fn timeline_of(title: Option<String>, results: &[ArticleResult]) -> Timeline {
    let all = results
        .iter()
        .flat_map(|r| r.extraction.events.iter().cloned())
        .collect();
    Timeline {
        version: FORMAT_VERSION,
        title,
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
    /// Called with each timeline file's path once its new text is ready,
    /// just before it is checked (unchanged since it was read?) and
    /// replaced, with its directory locked: a tool watching the build sees
    /// each write, and tests can edit the file at the worst moment.
    pub before_replace: &'a (dyn Fn(&Path) + Sync),
}

impl Default for Hooks<'_> {
    fn default() -> Self {
        Hooks {
            progress: &|| {},
            cancelled: &|| false,
            before_replace: &|_| {},
        }
    }
}

/// An article's size in bytes and its events.
type Processed = (u64, ArticleEvents);

/// One timeline `build` writes: its name and its inputs (in input order).
struct Unit {
    name: String,
    inputs: Vec<PathBuf>,
}

/// The timelines of a build: one named `opts.name` for all inputs, else one
/// per file stem, where articles with the same file name in different
/// folders (`x/a.txt`, `y/a.txt`) share one timeline (`a`), so `build`
/// gives the same result whether they are built together or one after the
/// other. Each unit's events go out once its last input is processed.
fn units(inputs: &[PathBuf], name: Option<&str>) -> Vec<Unit> {
    if let Some(name) = name {
        return vec![Unit {
            name: name.to_string(),
            inputs: inputs.to_vec(),
        }];
    }
    let mut out: Vec<Unit> = Vec::new();
    for p in inputs {
        let stem = stem_of(p);
        match out.iter_mut().find(|u| u.name == stem) {
            Some(u) => u.inputs.push(p.clone()),
            None => out.push(Unit {
                name: stem,
                inputs: vec![p.clone()],
            }),
        }
    }
    out
}

fn build_inner(
    inputs: &[PathBuf],
    opts: &BuildOptions,
    hooks: &Hooks<'_>,
) -> Result<BuildReport, Error> {
    use rayon::prelude::*;
    let mut report = BuildReport::default();
    let units = units(inputs, opts.name.as_deref());
    for u in units
        .iter()
        .filter(|u| u.inputs.len() > 1 && opts.name.is_none())
    {
        let names: Vec<String> = u.inputs.iter().map(|p| p.display().to_string()).collect();
        report.warnings.push(format!(
            "{} have the same file name: their events go into one timeline, `{}` (use -o NAME, or rename them, to keep them apart)",
            names.join(" and "),
            u.name
        ));
    }
    // The unit each input belongs to, and how many inputs each still waits for.
    let mut unit_of: Vec<usize> = Vec::with_capacity(inputs.len());
    let mut pending: Vec<usize> = units.iter().map(|u| u.inputs.len()).collect();
    for (i, u) in units.iter().enumerate() {
        for _ in &u.inputs {
            unit_of.push(i);
        }
    }
    let order: Vec<(usize, &PathBuf)> = units
        .iter()
        .enumerate()
        .flat_map(|(i, u)| u.inputs.iter().map(move |p| (i, p)))
        .collect();
    let mut collected: Vec<Vec<crate::timeline::Event>> = vec![Vec::new(); units.len()];
    let mut succeeded: Vec<Vec<PathBuf>> = vec![Vec::new(); units.len()];
    for chunk in order.chunks(chunk_size()) {
        if (hooks.cancelled)() {
            report.interrupted = true;
            return Ok(report);
        }
        let done: Vec<(usize, &PathBuf, Result<Processed, Error>)> = chunk
            .par_iter()
            .map(|&(unit, path)| {
                let r = read_article(path, opts.decoding).map(|a| {
                    let r = article_events(&a, opts.dct);
                    (a.text.len() as u64, r)
                });
                (hooks.progress)();
                (unit, path, r)
            })
            .collect();
        for (unit, path, r) in done {
            pending[unit] -= 1;
            match r {
                Ok((bytes, result)) => {
                    report.documents += 1;
                    report.bytes += bytes;
                    report.warnings.extend(
                        result
                            .warnings
                            .iter()
                            .map(|w| format!("{}: {w}", path.display())),
                    );
                    collected[unit].extend(result.events);
                    succeeded[unit].push(path.clone());
                }
                Err(e) => report.failed.push(e),
            }
            if pending[unit] > 0 || succeeded[unit].is_empty() {
                continue;
            }
            if (hooks.cancelled)() {
                report.interrupted = true;
                return Ok(report);
            }
            let fresh = Timeline {
                version: FORMAT_VERSION,
                title: opts.name.clone(),
                events: events::merge(std::mem::take(&mut collected[unit])),
                deleted: Vec::new(),
            };
            let inputs = std::mem::take(&mut succeeded[unit]);
            match write_unit(&units[unit].name, fresh, opts, hooks) {
                Ok((yaml, svg, events)) => report.built.push(Built {
                    inputs,
                    yaml,
                    svg,
                    events,
                }),
                Err(e) if opts.name.is_some() => return Err(e),
                Err(e) => report.failed.push(e),
            }
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
/// Both are written under the lock taken before the YAML file is read (see
/// [`fsio`]), so a concurrent build merges into this one's result and the
/// chart always shows the file it sits beside.
fn write_unit(
    stem: &str,
    fresh: Timeline,
    opts: &BuildOptions,
    hooks: &Hooks<'_>,
) -> Result<(PathBuf, PathBuf, usize), Error> {
    let yaml_path = opts.data_dir.join(format!("{stem}.yaml"));
    let svg_path = opts.output_dir.join(format!("{stem}.svg"));
    let update = fsio::lock_for_update(&yaml_path, &[&svg_path])?;
    let merged = updated_timeline(&update, fresh)?;
    let svg = render::svg(&merged.timeline, &opts.render);
    (hooks.before_replace)(&yaml_path);
    update.commit(merged.text.as_bytes(), "build", &[svg.as_bytes()])?;
    Ok((yaml_path, svg_path, merged.timeline.events.len()))
}

/// The new text and timeline of the file `update` read, after merging
/// `fresh` into it, checked against the limits the loader enforces. A
/// stream (a named pipe, a device) is refused: a timeline file to update
/// must be a regular file. An existing file that does not load is an
/// error, so a user's file is never replaced by one that lost their edits;
/// an empty one (only whitespace) holds nothing to lose.
fn updated_timeline(update: &fsio::Update, fresh: Timeline) -> Result<timeline::Updated, Error> {
    let path = update.path();
    if update.is_stream() {
        return Err(update.not_a_timeline());
    }
    let file = path.display().to_string();
    let existing = match update.existing() {
        Some(bytes) => timeline::decode(bytes, &file)?,
        None => String::new(),
    };
    let merged = timeline::update_owned(&existing, &file, fresh)?;
    timeline::limits::check(&merged.text).map_err(|message| Error::OverLimit {
        path: path.to_path_buf(),
        message,
    })?;
    Ok(merged)
}

/// Writes the timeline `fresh` to `path` the way `build` does: an existing
/// timeline there is updated (hand edits kept), a file that does not load
/// is refused (exit 1), a named pipe or device is written through, and a
/// file edited meanwhile is not overwritten. `command` names the command
/// in messages (`extract -o`, `merge -o`). Returns the number of events
/// the file now holds.
pub fn write_timeline(path: &Path, fresh: &Timeline, command: &str) -> Result<usize, Error> {
    let update = fsio::lock_for_update(path, &[])?;
    if update.is_stream() {
        let text = timeline::to_yaml(fresh);
        timeline::limits::check(&text).map_err(|message| Error::OverLimit {
            path: path.to_path_buf(),
            message,
        })?;
        update.commit(text.as_bytes(), command, &[])?;
        return Ok(fresh.events.len());
    }
    let merged = updated_timeline(&update, fresh.clone())?;
    update.commit(merged.text.as_bytes(), command, &[])?;
    Ok(merged.timeline.events.len())
}

/// The new text of the timeline file at `path` after merging `fresh` into
/// it: `fresh` in canonical form when there is no file yet. Nothing is
/// written; an unreadable or invalid existing file is an error, so a user's
/// file is never replaced by one that lost their edits.
pub fn update_file(path: &Path, fresh: &Timeline) -> Result<String, Error> {
    let update = fsio::lock_for_update(path, &[])?;
    Ok(updated_timeline(&update, fresh.clone())?.text)
}

/// Loads a timeline file, reporting every problem in it.
pub fn load_timeline(path: &Path) -> Result<Timeline, Error> {
    let bytes = fsio::read_timeline(path)?;
    Ok(timeline::from_yaml_bytes(
        &bytes,
        &path.display().to_string(),
    )?)
}

/// `timeline fmt`: rewrites a timeline file in canonical form, comments
/// kept, atomically, unless it changed while being formatted. An invalid
/// file is an error and is left alone.
pub fn format_in_place(path: &Path) -> Result<(), Error> {
    let update = fsio::lock_for_update(path, &[])?;
    let file = path.display().to_string();
    let Some(bytes) = update.existing() else {
        return Err(match update.is_stream() {
            true => update.not_a_timeline(),
            false => Error::read(path, std::io::ErrorKind::NotFound.into()),
        });
    };
    // Validates the encoding with line and column, as `check` does.
    let src = timeline::decode(bytes, &file)?;
    let text = timeline::format(&src, &file)?;
    update.commit(text.as_bytes(), "fmt", &[])
}

/// `timeline fmt` without writing: the canonical form of a timeline file,
/// comments kept. An invalid file is an error.
pub fn format_file(path: &Path) -> Result<String, Error> {
    let bytes = fsio::read_timeline(path)?;
    let file = path.display().to_string();
    let src = timeline::decode(&bytes, &file)?;
    Ok(timeline::format(&src, &file)?)
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
pub use crate::jsonl::DocError as JsonlError;

/// The map step of a cluster run: one JSON line `{"id","dct","text"}` in,
/// one line `{"id","yaml"}` out, where `yaml` is that document's timeline
/// (sources named by the document id). `timeline merge` is the reduce step.
pub fn extract_jsonl_line(line: &str) -> Result<String, JsonlError> {
    let doc = crate::jsonl::parse_doc(line)?;
    let name = match &doc.id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let article = ArticleFile {
        path: PathBuf::from(&name),
        name,
        text: doc.text,
    };
    let result = process(&article, doc.dct);
    let t = timeline_of(None, std::slice::from_ref(&result));
    let mut out = serde_json::Map::new();
    out.insert("id".into(), doc.id);
    out.insert("yaml".into(), timeline::to_yaml(&t).into());
    Ok(serde_json::Value::Object(out).to_string())
}

/// The reduce step: combines partial timelines into one. Events about the
/// same happening merge (see [`events::merge`]); deletions are united; the
/// title is `title`, else the first part's.
pub fn merge_timelines(parts: Vec<Timeline>, title: Option<String>) -> Timeline {
    let mut deleted: Vec<String> = Vec::new();
    let mut events_all = Vec::new();
    let mut first_title = None;
    for p in parts {
        if first_title.is_none() {
            first_title = p.title;
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
        events: events_all,
        deleted,
    }
}

/// Partial timelines read by [`load_parts`].
#[derive(Debug, Default)]
pub struct Parts {
    /// The timelines.
    pub timelines: Vec<Timeline>,
    /// Error records (`{"id","line","error"}` lines of a map step whose
    /// document failed) skipped.
    pub skipped: usize,
}

/// Loads partial timelines: a YAML timeline file, or a JSON-lines file of
/// `{"id","yaml"}` lines as written by `timeline extract --jsonl`, whose
/// error records (`{"id","line","error"}`) are skipped and counted.
pub fn load_parts(path: &Path) -> Result<Parts, Error> {
    let file = path.display().to_string();
    if path.extension().is_none_or(|x| x != "jsonl") {
        return Ok(Parts {
            timelines: vec![load_timeline(path)?],
            skipped: 0,
        });
    }
    // JSON lines are read as a stream (any size, line by line decoded),
    // with the same messages as the map step's reader.
    let bytes = fsio::read_article_bytes(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut parts = Parts::default();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = crate::jsonl::decode_line(raw).map_err(|e| Error::Jsonl {
            file: file.clone(),
            line: i + 1,
            column: e.column,
            message: e.message,
        })?;
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
            if v.get("error").is_some_and(|e| e.is_string()) {
                parts.skipped += 1;
                continue;
            }
            return Err(Error::Jsonl {
                file: file.clone(),
                line: i + 1,
                column: 1,
                message: "no \"yaml\" string field (write parts with `timeline extract --jsonl`)"
                    .into(),
            });
        };
        parts
            .timelines
            .push(timeline::from_yaml(yaml, &format!("{file}:{}", i + 1))?);
    }
    Ok(parts)
}

/// Tags one JSON line `{"id","dct","text"}` and returns the output line
/// `{"id","timexes":[{"start","end","text","type","value"}]}`, with offsets
/// in Unicode characters (end exclusive).
pub fn tag_jsonl_line(line: &str) -> Result<String, JsonlError> {
    crate::jsonl::tag_line(line)
}

/// Counts from a JSON-lines run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StreamStats {
    /// Documents processed.
    pub documents: usize,
    /// Bytes of input read.
    pub bytes: u64,
    /// Lines that failed, each answered by an error record.
    pub failed: usize,
}

/// One input line: its number and its bytes.
type RawLine = (usize, Vec<u8>);

/// The error record answering a bad line: `{"id","line","error"}`, with the
/// id when the line's JSON could be read that far (else `null`).
fn error_record(bytes: &[u8], line: usize, message: &str) -> String {
    let text = String::from_utf8_lossy(bytes);
    let id = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("id").cloned())
        .unwrap_or(serde_json::Value::Null);
    let mut o = serde_json::Map::new();
    o.insert("id".into(), id);
    o.insert("line".into(), line.into());
    o.insert("error".into(), message.into());
    serde_json::Value::Object(o).to_string()
}

/// Maps one line: the output line, or the error record and the error.
fn map_line(
    name: &str,
    n: usize,
    bytes: &[u8],
    f: &(dyn Fn(&str) -> Result<String, JsonlError> + Sync),
) -> Result<String, (String, Error)> {
    let fail = |column: usize, message: String| {
        let record = error_record(bytes, n, &format!("column {column}: {message}"));
        let e = Error::Jsonl {
            file: name.to_string(),
            line: n,
            column,
            message,
        };
        (record, e)
    };
    if bytes.len() as u64 > fsio::MAX_INPUT_BYTES {
        return Err(fail(
            1,
            format!(
                "the line is over the {}-byte limit of one document",
                fsio::MAX_INPUT_BYTES
            ),
        ));
    }
    let line = match crate::jsonl::decode_line(bytes) {
        Ok(s) => s,
        Err(e) => return Err(fail(e.column, e.message)),
    };
    f(line).map_err(|e| fail(e.column, e.message))
}

/// Reads one line of at most `limit` bytes (plus its newline) into `buf`;
/// the rest of a longer line is read and dropped, keeping only `limit + 1`
/// bytes (enough to say it is too long). Returns the bytes consumed.
fn read_line_limited<R: std::io::BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    limit: u64,
) -> std::io::Result<u64> {
    use std::io::{BufRead, Read};
    let mut consumed = (&mut *reader).take(limit + 1).read_until(b'\n', buf)? as u64;
    if buf.last() == Some(&b'\n') || (buf.len() as u64) <= limit {
        return Ok(consumed);
    }
    // Too long: skip to the end of the line.
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(consumed);
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(consumed + i as u64 + 1);
            }
            None => {
                let n = chunk.len();
                reader.consume(n);
                consumed += n as u64;
            }
        }
    }
}

/// Maps a JSON-lines stream line by line with `f`, in parallel, writing the
/// results in input order. At most a few lines per worker are in memory at
/// once (each at most [`fsio::MAX_INPUT_BYTES`]), so a stream of any size
/// runs in bounded memory. Blank lines are skipped. A bad line (malformed
/// JSON, invalid UTF-8, too long) is answered by an error record
/// `{"id","line","error"}` in its place and passed to `on_error`; the other
/// lines are processed ([`StreamStats::failed`] counts the bad ones).
pub fn map_jsonl<R: std::io::BufRead, W: std::io::Write>(
    mut reader: R,
    mut writer: W,
    name: &str,
    f: &(dyn Fn(&str) -> Result<String, JsonlError> + Sync),
    on_error: &mut dyn FnMut(Error),
) -> Result<StreamStats, Error> {
    use rayon::prelude::*;
    let write_err = |e: std::io::Error| Error::Write {
        path: PathBuf::from("<stdout>"),
        source: e,
    };
    let mut stats = StreamStats::default();
    let chunk = chunk_size() * 4;
    let mut n = 0usize;
    loop {
        let mut batch: Vec<RawLine> = Vec::with_capacity(chunk);
        loop {
            let mut buf = Vec::new();
            let read = read_line_limited(&mut reader, &mut buf, fsio::MAX_INPUT_BYTES)
                .map_err(|e| Error::read(Path::new(name), e))?;
            if read == 0 {
                break;
            }
            n += 1;
            stats.bytes += read;
            while matches!(buf.last(), Some(b'\n' | b'\r')) {
                buf.pop();
            }
            if !buf.iter().all(u8::is_ascii_whitespace) {
                batch.push((n, buf));
            }
            if batch.len() == chunk {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let out: Vec<Result<String, (String, Error)>> = batch
            .par_iter()
            .map(|(n, bytes)| map_line(name, *n, bytes, f))
            .collect();
        for r in out {
            let line = match r {
                Ok(line) => {
                    stats.documents += 1;
                    line
                }
                Err((record, e)) => {
                    stats.failed += 1;
                    on_error(e);
                    record
                }
            };
            writeln!(writer, "{line}").map_err(write_err)?;
        }
    }
    writer.flush().map_err(write_err)?;
    Ok(stats)
}

/// The timeline as a Markdown table (`| date | title |`), for `timeline
/// table` and for pasting into a report or a README. Pipes in titles are
/// escaped.
pub fn table(t: &Timeline) -> String {
    let mut out = String::from("| date | title |\n|---|---|\n");
    for e in &t.events {
        out.push_str(&format!(
            "| {} | {} |\n",
            crate::layout::date_text(e),
            e.title.replace('|', "\\|")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cut_at_paragraphs_then_lines_then_words() {
        let text = "aaaa bbbb.\n\ncccc dddd.\neeee ffff gggg";
        let p = pieces(text, 16);
        assert_eq!(p.first(), Some(&(0, 12)));
        let joined: String = p.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(joined, text);
        assert!(p.iter().all(|&(s, e)| e - s <= 16 && e > s));
        assert_eq!(pieces("short", 16), [(0, 5)]);
        let one_line = "word ".repeat(40);
        assert!(
            pieces(&one_line, 16)
                .iter()
                .all(|&(s, e)| one_line[s..e].ends_with(' '))
        );
    }

    #[test]
    fn a_long_article_in_pieces_gives_the_events_of_the_whole() {
        let mut text = String::from("date 2021-03-04\n");
        for i in 0..40 {
            text.push_str(&format!(
                "The council approved plan {i} on May {}, 2020.\n\nIt met again in June.\n\n",
                1 + i % 28
            ));
        }
        let article = ArticleFile {
            path: PathBuf::from("a.txt"),
            name: "a.txt".into(),
            text,
        };
        let whole = article_events_in(&article, None, usize::MAX);
        let split = article_events_in(&article, None, 300);
        assert!(pieces(&article.text, 300).len() > 5);
        assert_eq!(split.warnings, whole.warnings);
        assert_eq!(split.events, whole.events);
    }
}
