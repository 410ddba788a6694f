//! The lossless file formats, each one's reader and writer side by side (GraphML, the Gephi CSV
//! pair, node-link JSON; GEXF and the Neo4j CSV are written only), and the attribute schema they
//! share (`schema.rs`: every node and edge attribute and how each format spells it).

pub(crate) mod chunks;
pub mod csv;
pub mod gexf;
pub mod graphml;
pub(crate) mod import;
pub mod json;
pub(crate) mod neo4j;
pub(crate) mod schema;
pub(crate) mod style;
mod xml;
