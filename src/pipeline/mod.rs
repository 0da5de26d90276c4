//! The commands, as library functions: read articles, run the stages, and
//! write results atomically. The binary only parses arguments, calls these
//! and prints what they return.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

mod build;
mod stream;

pub use build::{BuildOptions, BuildReport, Built, Hooks, build};
pub use stream::{
    JsonlError, Parts, StreamStats, extract_jsonl_line, load_parts, map_jsonl, tag_jsonl_line,
};

use crate::error::Error;
use crate::events::{self, Article};
use crate::fsio::{self, Decoding};

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
    /// The article's headline (its first line, if it reads like one).
    pub headline: Option<String>,
}

/// The events of one article, for `build`: the same as [`process`] for an
/// article up to [`PIECE_BYTES`]; a longer one is processed piece by piece
/// (every piece dated by the document date found at the start), sources
/// pointing into the whole article, and merged.
pub fn article_events(
    article: &ArticleFile,
    dct: Option<NaiveDate>,
) -> Result<ArticleEvents, Error> {
    article_events_in(article, dct, PIECE_BYTES)
}

fn article_events_in(
    article: &ArticleFile,
    dct: Option<NaiveDate>,
    size: usize,
) -> Result<ArticleEvents, Error> {
    let text = article.text.as_str();
    let ranges = pieces(text, size);
    if ranges.len() == 1 {
        let r = process(article, dct)?;
        return Ok(ArticleEvents {
            events: r.extraction.events,
            warnings: r.tagged.warnings,
            headline: r.headline,
        });
    }
    let mut dct = dct;
    let mut out = ArticleEvents {
        headline: timeline::title::headline(text),
        ..ArticleEvents::default()
    };
    // One vector per piece, joined once at the end at its exact size (a
    // growing vector would hold up to twice the events).
    let mut found: Vec<Vec<crate::timeline::Event>> = Vec::with_capacity(ranges.len());
    let (mut lines_before, mut chars_before) = (0usize, 0usize);
    for (i, &(s, e)) in ranges.iter().enumerate() {
        let piece = &text[s..e];
        let tagged = tagger::tag_document(piece, dct)?;
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
    Ok(out)
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
pub fn format_in_place(path: &Path, sort: bool) -> Result<(), Error> {
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
    let text = if sort {
        timeline::format_sorted(&src, &file)?
    } else {
        timeline::format(&src, &file)?
    };
    update.commit(text.as_bytes(), "fmt", &[])
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
        let whole = article_events_in(&article, None, usize::MAX).unwrap();
        let split = article_events_in(&article, None, 300).unwrap();
        assert!(pieces(&article.text, 300).len() > 5);
        assert_eq!(split.warnings, whole.warnings);
        assert_eq!(split.events, whole.events);
    }
}
