//! Re-extraction keeps every hand edit: changed fields, deleted events,
//! added events and comments.

use timeline::date::Date;
use timeline::timeline::{Event, Source, Timeline, When, assign_ids, event_id, from_yaml, update};

fn ev(when: When, title: &str, line: usize) -> Event {
    Event {
        id: String::new(),
        when,
        title: title.to_string(),
        tags: vec!["conflict".into()],
        inferred: false,
        confidence: Some(0.9),
        sources: vec![Source {
            file: "000_5da06e75f2e99931.txt".into(),
            line,
            span: (line * 100, line * 100 + 50),
            quote: format!("{title}."),
            rules: vec!["date.month_day_year".into()],
        }],
    }
}

/// The `generated:` record of a file (the last top-level list).
fn record(text: &str) -> Vec<String> {
    text.split("\ngenerated:\n")
        .nth(1)
        .unwrap_or_default()
        .lines()
        .map_while(|l| l.strip_prefix("  - "))
        .map(str::to_string)
        .collect()
}

fn day(y: i32, m: u32, d: u32) -> When {
    let Ok(date) = Date::day(y, m, d) else {
        panic!("bad test date");
    };
    When::On(date.into())
}

fn fresh() -> Timeline {
    let mut t = Timeline {
        version: 1,
        title: Some("Pakistan–Azerbaijan military ties".into()),
        colors: Default::default(),
        events: vec![
            ev(
                When::Between {
                    start: Some(Date::Year(1991).into()),
                    end: Some(Date::Year(2020).into()),
                },
                "Armenian occupation of Azerbaijani lands",
                40,
            ),
            ev(
                day(2020, 11, 10),
                "The war concluded with the signing of a statement",
                97,
            ),
            ev(
                When::On(
                    Date::Month {
                        year: 2021,
                        month: 9,
                    }
                    .into(),
                ),
                "Joint drills in Baku",
                120,
            ),
        ],
        deleted: vec![],
    };
    assign_ids(&mut t);
    t
}

#[test]
fn ids_are_stable_and_unique() {
    let t = fresh();
    let ids: Vec<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "e-1991-to-2020-armenian-occupation-azerbaijani-lands",
            "e-2020-11-10-war-concluded-signing-statement",
            "e-2021-09-joint-drills-baku",
        ]
    );
    let mut twice = Timeline {
        events: vec![
            ev(day(2020, 1, 1), "Same", 1),
            ev(day(2020, 1, 1), "Same", 2),
        ],
        ..Timeline::default()
    };
    assign_ids(&mut twice);
    assert_eq!(twice.events[0].id, "e-2020-01-01-same");
    assert_eq!(twice.events[1].id, "e-2020-01-01-same-2");
    // Explicit ids are kept, shared ones made unique, derived ones avoid them.
    let mut mixed = Timeline {
        events: vec![
            ev(day(2020, 1, 1), "Same", 1),
            ev(day(2020, 1, 1), "Other", 2),
            ev(day(2020, 1, 1), "Other", 3),
        ],
        ..Timeline::default()
    };
    mixed.events[1].id = "e-2020-01-01-same".into();
    mixed.events[2].id = "e-2020-01-01-same".into();
    let raw = mixed.clone();
    assign_ids(&mut mixed);
    let ids: Vec<&str> = mixed.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "e-2020-01-01-same-2",
            "e-2020-01-01-same",
            "e-2020-01-01-same-3"
        ]
    );
    // A fresh extraction with missing or shared ids is written valid.
    let text = timeline::timeline::to_yaml(&Timeline { version: 1, ..raw });
    assert_eq!(from_yaml(&text, "t.yaml").unwrap().events, mixed.events);
    assert_eq!(
        event_id(
            &When::Between {
                start: Some(Date::Year(-43).into()),
                end: None
            },
            "¡Caesar dies!"
        ),
        "e-since-bce0043-caesar-dies"
    );
}

#[test]
fn first_build_records_generated_ids() {
    let text = update("", "t.yaml", &fresh()).unwrap();
    let t = from_yaml(&text, "t.yaml").unwrap();
    assert_eq!(t.events, fresh().events);
    assert_eq!(
        record(&text),
        [
            "e-1991-to-2020-armenian-occupation-azerbaijani-lands",
            "e-2020-11-10-war-concluded-signing-statement",
            "e-2021-09-joint-drills-baku",
        ]
    );
    assert!(t.deleted.is_empty());
    // Nothing changed: updating again is a no-op.
    assert_eq!(update(&text, "t.yaml", &fresh()).unwrap(), text);
}

#[test]
fn every_hand_edit_survives_re_extraction() {
    let generated = update("", "t.yaml", &fresh()).unwrap();

    // The user edits the file as text.
    let mut edited = generated.replace(
        "title: The war concluded with the signing of a statement",
        "title: Ceasefire statement ends the war   # my wording",
    );
    // Delete the drills event (from its `- id:` line to the next top-level key).
    let start = edited.find("  - id: e-2021-09-joint-drills-baku").unwrap();
    let end = edited.find("deleted:").unwrap();
    edited.replace_range(start..end, "");
    // Add an event by hand, with a comment, before `deleted:`.
    let at = edited.find("deleted:").unwrap();
    edited.insert_str(
        at,
        "  # added by hand after the interview\n  - id: my-visit\n    when: c. 2019\n    title: Our own visit\n",
    );
    edited.insert_str(0, "# Reviewed by A. on 2024-01-05\n");

    let updated = update(&edited, "t.yaml", &fresh()).unwrap();
    let t = from_yaml(&updated, "t.yaml").unwrap();

    // The edited title stays, with its comment.
    assert!(updated.contains("title: Ceasefire statement ends the war   # my wording"));
    assert_eq!(t.events[1].title, "Ceasefire statement ends the war");
    // The deleted event stays deleted, now as a tombstone.
    assert!(
        !t.events
            .iter()
            .any(|e| e.id == "e-2021-09-joint-drills-baku")
    );
    assert_eq!(t.deleted, ["e-2021-09-joint-drills-baku"]);
    // The added event and all comments stay, byte for byte.
    assert!(updated.starts_with("# Reviewed by A. on 2024-01-05\n"));
    assert!(updated.contains(
        "  # added by hand after the interview\n  - id: my-visit\n    when: c. 2019\n    title: Our own visit\n"
    ));
    // Apart from the tombstone and the record, nothing else changed.
    assert_eq!(
        updated,
        edited.replace(
            "deleted: []\n",
            "deleted:\n  - e-2021-09-joint-drills-baku\n"
        ) + "  - my-visit\n"
    );
    // Updating again changes nothing.
    assert_eq!(update(&updated, "t.yaml", &fresh()).unwrap(), updated);
}

#[test]
fn new_findings_are_inserted_in_date_order() {
    let generated = update("", "t.yaml", &fresh()).unwrap();
    let edited = generated.replace(
        "    title: Joint drills in Baku\n",
        "    title: Joint drills in Baku\n    # keep this note\n",
    );
    let mut more = fresh();
    more.events
        .push(ev(day(2020, 12, 1), "Victory parade in Baku", 130));
    more.events
        .push(ev(day(2023, 11, 2), "The chief of staff visits", 5));
    assign_ids(&mut more);
    let updated = update(&edited, "t.yaml", &more).unwrap();
    let t = from_yaml(&updated, "t.yaml").unwrap();
    let ids: Vec<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "e-1991-to-2020-armenian-occupation-azerbaijani-lands",
            "e-2020-11-10-war-concluded-signing-statement",
            "e-2020-12-01-victory-parade-baku",
            "e-2021-09-joint-drills-baku",
            "e-2023-11-02-chief-staff-visits",
        ]
    );
    assert_eq!(record(&updated).len(), 5);
    assert!(updated.contains("    title: Joint drills in Baku\n    # keep this note\n"));
    assert_eq!(t.events[2], more.events[3]);
}

#[test]
fn a_statement_dated_anew_is_not_added_twice() {
    // A newer extractor dates or titles the same sentence differently: its
    // id changes, but it quotes the same place, so the user's copy stands.
    let generated = update("", "t.yaml", &fresh()).unwrap();
    let mut newer = fresh();
    newer.events[2].when = When::On(Date::Year(2021).into());
    newer.events[2].title = "Joint military drills in Baku".into();
    newer
        .events
        .push(ev(day(2020, 12, 1), "Victory parade in Baku", 130));
    assign_ids(&mut newer);
    let updated = update(&generated, "t.yaml", &newer).unwrap();
    let t = from_yaml(&updated, "t.yaml").unwrap();
    // The parade is new; the drills keep the user's date and title.
    assert_eq!(t.events.len(), 4);
    assert_eq!(t.events[2].title, "Victory parade in Baku");
    assert_eq!(t.events[3], fresh().events[2]);
}

#[test]
fn explicit_tombstones_block_re_adding() {
    let text = "version: 1\nevents: []\ndeleted: [e-2020-11-10-war-concluded-signing-statement]\n";
    let updated = update(text, "t.yaml", &fresh()).unwrap();
    let t = from_yaml(&updated, "t.yaml").unwrap();
    assert_eq!(t.events.len(), 2);
    assert!(!t.events.iter().any(|e| e.id.contains("war-concluded")));
    assert_eq!(t.deleted, ["e-2020-11-10-war-concluded-signing-statement"]);
}

#[test]
fn a_file_with_errors_is_not_updated() {
    let text = "version: 1\nevents:\n  - id: a\n    when: 2021-02-30\n    title: A\n";
    assert_eq!(
        update(text, "t.yaml", &fresh()).unwrap_err().0[0].message,
        "2021-02 has no day 30"
    );
}

#[test]
fn files_without_trailing_newline_or_generated_key() {
    let text = "version: 1\nevents:\n  - id: mine\n    when: 1995\n    title: Mine";
    let updated = update(text, "t.yaml", &fresh()).unwrap();
    let t = from_yaml(&updated, "t.yaml").unwrap();
    assert_eq!(t.events.len(), 4);
    assert_eq!(
        t.events[0].id,
        "e-1991-to-2020-armenian-occupation-azerbaijani-lands"
    );
    assert_eq!(t.events[1].id, "mine");
    assert_eq!(record(&updated).len(), 4);
    assert!(updated.starts_with("version: 1\nevents:\n"));
    assert!(
        updated.contains("  - id: mine\n    when: 1995\n    title: Mine\n  - id: e-2020-11-10")
    );
}

#[test]
fn crlf_files_keep_their_line_ends() {
    let text = "version: 1\r\nevents:\r\n  - id: mine\r\n    when: 1995\r\n    title: Mine\r\n";
    let updated = update(text, "t.yaml", &fresh()).unwrap();
    assert!(!updated.replace("\r\n", "").contains('\n'), "{updated:?}");
    assert_eq!(from_yaml(&updated, "t.yaml").unwrap().events.len(), 4);
}
