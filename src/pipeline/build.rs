//! `timeline build`: articles in, timelines and charts out, a bounded
//! number of articles in flight, every write under [`fsio`]'s guarantees.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::Error;
use crate::events;
use crate::fsio::{self, Decoding};
use crate::render::{self, RenderOptions};
use crate::timeline::{self, FORMAT_VERSION, Timeline};

use super::{ArticleEvents, article_events, chunk_size, read_article, updated_timeline, with_jobs};

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
    let mut headlines: Vec<Vec<String>> = vec![Vec::new(); units.len()];
    for chunk in order.chunks(chunk_size()) {
        if (hooks.cancelled)() {
            report.interrupted = true;
            return Ok(report);
        }
        let done: Vec<(usize, &PathBuf, Result<Processed, Error>)> = chunk
            .par_iter()
            .map(|&(unit, path)| {
                let r = read_article(path, opts.decoding)
                    .and_then(|a| Ok((a.text.len() as u64, article_events(&a, opts.dct)?)));
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
                    headlines[unit].extend(result.headline);
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
            // `--title`, else the headline (or what the headlines share),
            // else the name given with -o.
            let title = opts
                .render
                .title
                .clone()
                .or_else(|| timeline::title::common_subject(&headlines[unit]))
                .or_else(|| opts.name.clone());
            let fresh = Timeline {
                version: FORMAT_VERSION,
                title,
                colors: Default::default(),
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
    let svg = render::svg(&merged.timeline, &opts.render)?;
    (hooks.before_replace)(&yaml_path);
    update.commit(merged.text.as_bytes(), "build", &[svg.as_bytes()])?;
    Ok((yaml_path, svg_path, merged.timeline.events.len()))
}
