//! The integration tests, one binary so that a build compiles and links them once: one module per
//! area, sharing the helpers in `common`.

mod common;

mod atomic;
mod bundled;
mod cli;
mod colours;
mod deep_chain;
mod export_other;
mod export_xml;
mod families;
mod family_tree;
mod fuzz_regressions;
mod hostile;
mod hub;
mod hub_crawl;
mod hub_snapshot;
mod licences;
mod limits;
mod lists;
mod long_names;
mod merge;
mod mermaid;
mod page;
mod pull;
mod query;
mod query_cli;
mod readers;
mod readme;
mod refusals;
mod relations;
mod roundtrip;
mod snapshots;
mod sources;
