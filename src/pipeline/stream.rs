//! JSON-lines streams: the map step (`tag --jsonl`, `extract --jsonl`)
//! run line by line in parallel, in bounded memory, a bad line answered by
//! an error record; and the reduce step's reader of partial timelines.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::fsio;
use crate::timeline::{self, Timeline};

use super::{ArticleFile, chunk_size, load_timeline, process, timeline_of};

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
