//! A JSON Schema (draft 2020-12) for the timeline file, for editors.
//!
//! Editors such as VS Code (with the YAML extension) validate and complete
//! a file that starts with
//! `# yaml-language-server: $schema=timeline.schema.json`.
//! The schema mirrors what [`from_yaml`](super::from_yaml) accepts, except
//! that it cannot check dates for real calendar days or intervals for order;
//! `timeline fmt` does.

use serde_json::{Value, json};

use super::FORMAT_VERSION;

fn string_list(description: &str) -> Value {
    json!({
        "type": "array",
        "description": description,
        "items": {"type": "string", "minLength": 1}
    })
}

/// The schema as a JSON value.
fn schema_value() -> Value {
    // EDTF dates as written canonically, plus the hand-typed forms; the
    // pattern is a coarse first check.
    let date = json!({
        "description": "A date at its precision: 2020-11-10, 2021-09, 2012-22 (summer 2012), 2013-33 (Q1 2013), 1991, 199X, 19XX, -0043 (44 BC), with ~ (approximate), ? (uncertain) or % (both); hand-typed forms such as \"Nov 10, 2020\", \"22.03.2013\", \"summer 2012\", \"early 2011\" or \"1991 to 2020\" are accepted and normalised by `timeline fmt`.",
        "type": ["string", "integer"]
    });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "timeline",
        "description": "A timeline file: dated events with their sources. Edit freely; `timeline build` keeps your edits.",
        "type": "object",
        "additionalProperties": false,
        "required": ["version", "events"],
        "properties": {
            "version": {"const": FORMAT_VERSION, "description": "Format version."},
            "title": {"type": "string", "description": "The chart title."},
            "colors": {
                "type": "object",
                "description": "Colours for tags, e.g. {conflict: \"#d55e00\"}; other tags get theirs from the palette.",
                "additionalProperties": {"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}
            },
            "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
            "deleted": string_list("Ids of events you deleted; `timeline build` never adds them again."),
            "generated": string_list("Bookkeeping, leave it alone: the ids of all events and tombstones when `timeline` last wrote the file; an id here that is in neither `events` nor `deleted` was deleted by you.")
        },
        "$defs": {
            "date": date,
            "event": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "when", "title"],
                "properties": {
                    "id": {"type": "string", "minLength": 1, "description": "Stable id, unique in the file."},
                    "when": {
                        "description": "A date, an EDTF interval (1991/2020, 1991/..), or {start, end} with either end open.",
                        "oneOf": [
                            {"$ref": "#/$defs/date"},
                            {
                                "type": "object",
                                "additionalProperties": false,
                                "minProperties": 1,
                                "properties": {
                                    "start": {"$ref": "#/$defs/date"},
                                    "end": {"$ref": "#/$defs/date"}
                                }
                            }
                        ]
                    },
                    "title": {"type": "string", "minLength": 1},
                    "tags": string_list("Free-form tags; each gets a colour."),
                    "inferred": {"type": "boolean", "description": "The date was inferred, not read."},
                    "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                    "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}}
                }
            },
            "source": {
                "type": "object",
                "additionalProperties": false,
                "required": ["file", "line", "span", "quote"],
                "properties": {
                    "file": {"type": "string", "minLength": 1},
                    "line": {"type": "integer", "minimum": 0},
                    "span": {
                        "type": "array",
                        "items": {"type": "integer", "minimum": 0},
                        "minItems": 2,
                        "maxItems": 2,
                        "description": "Character span [start, end) of the sentence in the file."
                    },
                    "quote": {"type": "string", "minLength": 1},
                    "rules": string_list("Rules that produced the date.")
                }
            }
        }
    })
}

/// The JSON Schema, pretty-printed with sorted keys (deterministic).
pub fn schema() -> String {
    let mut s = serde_json::to_string_pretty(&schema_value()).unwrap_or_default();
    s.push('\n');
    s
}
