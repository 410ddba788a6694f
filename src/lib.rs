//! llmkg: turns curated lists of open LLMs into a lineage knowledge graph to draw, load and question.

// Functions stay short enough to hold in mind: clippy.toml sets the limit (80 lines), CI denies
// warnings, so a longer function fails CI. No `allow` of it anywhere.
#![warn(clippy::too_many_lines)]
// The public API is what the binary and a library user need (docs/ARCHITECTURE.md); everything
// else is crate-private, and an item marked `pub` that nothing outside can reach is a warning.
#![warn(unreachable_pub)]

pub mod answer; // printing of query answers: aligned tables and trees, JSON, DOT subgraphs
pub mod check; // validation of a built graph: the findings `llmkg check` reports
mod cmd; // the command line: one module per command, clap types turned into plain option structs
pub mod error; // the library error type and check diagnostics
pub mod export; // the export formats and their dispatch, the drawings (DOT, Mermaid), atomic output
pub mod filter; // export filters: family, organization, kinds, relations, release dates
pub mod formats; // the lossless file formats: each one's reader and writer side by side
pub mod graph; // the petgraph graph, stable string ids, the name and alias index
pub mod ingest; // readers of every input, and the builder that merges them into one graph
pub(crate) mod interrupt; // clean interruption: temporary files removed, Graphviz stopped
pub(crate) mod licence; // licences along the lineage: the class table, drifts
pub mod model; // node and edge kinds, the relation vocabulary, serde types
pub(crate) mod progress; // progress bars for long work, on a terminal only
pub(crate) mod pull; // `llmkg pull`: a family fetched from the Hub API into JSON Lines
pub mod query; // lineage queries: ancestors, descendants, path, common, family, org, why
pub mod render; // `llmkg render`: the DOT drawing through Graphviz's dot to SVG, PNG or PDF
pub(crate) mod report; // human and JSON output of stats, show and list
pub(crate) mod suggest; // "did you mean" suggestions

/// The `llmkg` command line: parses the arguments, runs the command, and gives the exit code.
pub use cmd::main;
