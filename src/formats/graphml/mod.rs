//! GraphML (`graph.graphml`): the writer, the reader (llmkg's own files losslessly, other tools'
//! files with their attributes carried through), and the fixed key tables (attr.name, attr.type)
//! that the writer declares and the reader reads back.

pub mod read;
pub mod write;

pub use read::{DEFAULT_RELATION, add};
pub use write::{write, write_counted};

/// The fixed node columns: (attr.name, attr.type). Key ids are `n_` + name.
pub const NODE_KEYS: [(&str, &str); 17] = [
    ("label", "string"),
    ("kind", "string"),
    ("aliases", "string"),
    ("released", "string"),
    ("sizes", "string"),
    ("sizes_b", "string"),
    ("organization", "string"),
    ("organizations", "string"),
    ("descendants", "long"),
    ("links", "string"),
    ("description", "string"),
    ("origin_source", "string"),
    ("origin_file", "string"),
    ("origin_line", "int"),
    ("origin_text", "string"),
    ("origin_url", "string"),
    ("corrections", "string"),
];

/// The edge columns: (attr.name, attr.type). Key ids are `e_` + name.
pub const EDGE_KEYS: [(&str, &str); 7] = [
    ("relation", "string"),
    ("edge_id", "string"),
    ("evidence_source", "string"),
    ("evidence_file", "string"),
    ("evidence_line", "int"),
    ("evidence_text", "string"),
    ("evidence_url", "string"),
];
