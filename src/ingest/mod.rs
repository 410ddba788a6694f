//! Readers of every input (the markdown list, the curated file, ...) and the builder that merges
//! what they read into one graph.

pub mod list;
