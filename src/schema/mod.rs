//! What the lossless formats' writers (in `export/`) and readers (in `ingest/`) share: the
//! GraphML key tables and the CSV cell codec. Readers take them from here, never from a writer.

pub mod csv_cells;
pub mod graphml_keys;
