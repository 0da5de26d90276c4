//! A page to browse a timeline: one self-contained HTML file with the
//! chart and a table of every event.
//!
//! The page loads nothing from anywhere (a content security policy forbids
//! it): the SVG is inline, the style and a few lines of script too. The
//! table lists every event the filter keeps, with its date, title, tags,
//! importance, quotes and their sources (file and line), sorted by date.
//! Without script it is a plain table; with script, a tag filter and a
//! sort-order button appear above it. The page's address can choose them:
//! `page.html#tag=flood&sort=desc`.

use std::fmt::Write as _;

use super::backend::escape;
use super::{RenderError, RenderOptions, Theme, svg::write_svg};
use crate::layout::date_text;
use crate::layout::text::FONT_STACK;
use crate::timeline::{Event, Timeline, importance};

/// The style of the page: the theme's colours, nothing loaded.
fn style(theme: Theme) -> String {
    let (bg, fg, muted, rule, stripe) = match theme {
        Theme::Light => ("#ffffff", "#1f1f1f", "#5f6368", "#d0d4d8", "#f4f6f8"),
        Theme::Dark => ("#1b1d21", "#ececec", "#aaaeb3", "#3a3e44", "#23262b"),
    };
    format!(
        "body{{margin:2rem auto;max-width:72rem;padding:0 1rem;background:{bg};color:{fg};\
         font-family:{FONT_STACK};line-height:1.4}}\
         h1{{font-size:1.5rem;margin:0 0 .25rem}}p.summary{{color:{muted};margin:0 0 1rem}}\
         figure{{margin:0 0 1.5rem;overflow-x:auto}}figure svg{{max-width:100%;height:auto}}\
         #controls{{margin:.5rem 0;display:flex;gap:1rem;align-items:center;color:{muted}}}\
         table{{border-collapse:collapse;width:100%;font-size:.9rem}}\
         th,td{{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid {rule}}}\
         tbody tr:nth-child(even){{background:{stripe}}}td.date{{white-space:nowrap}}\
         blockquote{{margin:0 0 .35rem;color:{muted}}}td.source{{white-space:nowrap;color:{muted}}}"
    )
}

/// The script: a tag filter and the sort order, chosen on the page or in
/// its address (`#tag=flood&sort=desc`).
const SCRIPT: &str = r#"(function () {
  var table = document.getElementById('events');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var select = document.getElementById('tag');
  var button = document.getElementById('sort');
  var count = document.getElementById('count');
  var header = document.getElementById('date-header');
  var oldestFirst = true;
  function tagsOf(row) { return JSON.parse(row.getAttribute('data-tags')); }
  function show() {
    var tag = select.value, n = 0;
    rows.forEach(function (row) {
      var on = tag === '' || tagsOf(row).indexOf(tag) >= 0;
      row.hidden = !on;
      if (on) { n += 1; }
    });
    count.textContent = n + ' of ' + rows.length + ' events';
  }
  function sort() {
    rows.sort(function (a, b) {
      var d = Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order'));
      return oldestFirst ? d : -d;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    header.setAttribute('aria-sort', oldestFirst ? 'ascending' : 'descending');
    button.textContent = oldestFirst ? 'Newest first' : 'Oldest first';
  }
  var asked = new URLSearchParams(window.location.hash.slice(1));
  if (asked.has('tag')) { select.value = asked.get('tag'); }
  if (asked.get('sort') === 'desc') { oldestFirst = false; }
  select.addEventListener('change', show);
  button.addEventListener('click', function () { oldestFirst = !oldestFirst; sort(); });
  sort();
  show();
  document.getElementById('controls').hidden = false;
})();"#;

/// Renders `t` as one self-contained HTML page: the chart, then a table of
/// every event the filter keeps.
pub fn html(t: &Timeline, opts: &RenderOptions) -> Result<String, RenderError> {
    let chart = opts.chart(t)?;
    let svg = write_svg(&chart, opts.theme)?;
    let kept = opts.filter.apply(t).timeline;
    let title = chart.title_text();
    let events = kept.events_by_date();
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n",
    );
    writeln!(out, "<title>{}</title>", escape(&title))?;
    writeln!(out, "<style>{}</style>\n</head>\n<body>", style(opts.theme))?;
    writeln!(out, "<h1>{}</h1>", escape(&title))?;
    writeln!(
        out,
        "<p class=\"summary\">{}</p>",
        escape(&summary(events.len(), chart.events.len(), t.events.len()))
    )?;
    writeln!(out, "<figure>\n{svg}</figure>")?;
    table(&mut out, &events)?;
    writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>")?;
    Ok(out)
}

/// What the page shows, in a sentence.
fn summary(listed: usize, drawn: usize, total: usize) -> String {
    let mut s = format!(
        "{listed} {} in the table below; the chart shows {drawn} of them one by one.",
        if listed == 1 { "event" } else { "events" }
    );
    if listed < total {
        s.push_str(&format!(" {} more left out by the filter.", total - listed));
    }
    s
}

/// The controls and the table of events.
fn table(out: &mut String, events: &[&Event]) -> std::fmt::Result {
    let mut tags: Vec<&str> = events
        .iter()
        .flat_map(|e| e.tags.iter().map(String::as_str))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    out.push_str("<div id=\"controls\" hidden>\n<label>Tag <select id=\"tag\">");
    out.push_str("<option value=\"\">all</option>");
    for t in &tags {
        write!(out, "<option>{}</option>", escape(t))?;
    }
    out.push_str("</select></label>\n<button id=\"sort\" type=\"button\">Newest first</button>\n");
    out.push_str("<span id=\"count\"></span>\n</div>\n");
    out.push_str("<table id=\"events\">\n<thead><tr><th scope=\"col\" id=\"date-header\" aria-sort=\"ascending\">Date</th>");
    out.push_str(
        "<th scope=\"col\">Event</th><th scope=\"col\">Tags</th><th scope=\"col\">Importance</th>",
    );
    out.push_str(
        "<th scope=\"col\">Quote</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>\n",
    );
    for (order, e) in events.iter().enumerate() {
        row(out, e, order)?;
    }
    out.push_str("</tbody>\n</table>\n");
    Ok(())
}

/// One event's row.
fn row(out: &mut String, e: &Event, order: usize) -> std::fmt::Result {
    let tags_json = serde_json::to_string(&e.tags).unwrap_or_else(|_| "[]".into());
    write!(
        out,
        "<tr data-id=\"{}\" data-order=\"{order}\" data-tags=\"{}\">",
        escape(&e.id),
        escape(&tags_json)
    )?;
    write!(out, "<td class=\"date\">{}</td>", escape(&date_text(e)))?;
    write!(out, "<td>{}</td>", escape(&e.title))?;
    write!(out, "<td>{}</td>", escape(&e.tags.join(", ")))?;
    match e.confidence {
        Some(_) => write!(out, "<td>{:.2}</td>", importance(e))?,
        None => out.push_str("<td>1 (hand-written)</td>"),
    }
    out.push_str("<td>");
    for s in &e.sources {
        write!(out, "<blockquote>{}</blockquote>", escape(&s.quote))?;
    }
    out.push_str("</td><td class=\"source\">");
    let places: Vec<String> = e
        .sources
        .iter()
        .map(|s| escape(&format!("{}:{}", s.file, s.line)))
        .collect();
    out.push_str(&places.join("<br>"));
    out.push_str("</td></tr>\n");
    Ok(())
}
