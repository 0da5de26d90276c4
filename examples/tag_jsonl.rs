//! Tags JSON lines from stdin (`{"id","dct","text"}`), writes one line of
//! timexes per document to stdout. Used by `scripts/eval.sh`.

use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match timeline::tagger::jsonl::tag_line(&line) {
            Ok(s) => writeln!(out, "{s}")?,
            Err(e) => return Err(format!("<stdin>:{}: {e}", n + 1).into()),
        }
    }
    Ok(())
}
