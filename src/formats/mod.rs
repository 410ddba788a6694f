//! The lossless file formats (GraphML, the Gephi CSV pair, node-link JSON) and the export-only
//! GEXF and Neo4j CSV: each one's reader and writer side by side, and what they share.

pub mod csv;
pub mod gexf;
pub mod graphml;
pub(crate) mod import;
pub mod json;
pub mod neo4j;
mod xml;
