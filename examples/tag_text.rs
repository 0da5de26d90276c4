//! Tags a text from stdin and explains each match: `tag_text [YYYY-MM-DD]`.

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let dct = match std::env::args().nth(1) {
        Some(s) => Some(chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")?),
        None => None,
    };
    let tagged = timeline::tagger::tag_document(&text, dct);
    for w in &tagged.warnings {
        eprintln!("warning: {w}");
    }
    for t in &tagged.timexes {
        println!("{}", timeline::tagger::explain(&text, t));
    }
    Ok(())
}
