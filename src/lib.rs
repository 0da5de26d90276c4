//! `timeline` turns news articles into timelines.
//!
//! The pipeline has typed stages, each in its own module:
//!
//! 1. [`tagger`]: text → temporal expressions (underspecified) → values
//!    resolved against the document creation time;
//! 2. [`events`]: tagged sentences → dated events with a title, a quote and
//!    a source;
//! 3. [`timeline`]: the event list as a YAML file people edit by hand;
//! 4. [`layout`]: the timeline → pure chart geometry;
//! 5. [`render`]: geometry → SVG (or PNG).
//!
//! [`date`] holds the calendar values shared by all stages.

#![warn(clippy::unwrap_used, clippy::expect_used)]

pub mod date;
pub mod events;
pub mod layout;
pub mod render;
pub mod tagger;
pub mod timeline;

pub mod commands;
pub mod error;
pub mod fsio;
pub mod jsonl;
pub mod pipeline;

pub use error::Error;
