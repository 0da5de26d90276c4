//! Layout: pure geometry of a chart, computed from a timeline.
