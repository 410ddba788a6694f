//! Epoch AI's "Data on AI models" CSV downloads: one [`Record`](super::record::Record) per row.
