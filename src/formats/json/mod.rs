//! llmkg's node-link JSON (`graph.json`): the writer, and the reader that takes it back losslessly.

pub mod read;
pub mod write;

pub use read::add;
pub use write::write;
