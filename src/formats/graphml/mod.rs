//! GraphML (`graph.graphml`): the writer, and the reader that takes llmkg's own files back
//! losslessly and other tools' files with their attributes carried through. Both go by the
//! schema's GraphML columns ([`crate::formats::schema`]).

pub mod read;
pub mod write;

pub use read::{DEFAULT_RELATION, add};
pub use write::{write, write_counted};
