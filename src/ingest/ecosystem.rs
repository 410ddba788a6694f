//! Stanford CRFM's Ecosystem Graphs: the `assets/*.yaml` folder and the flattened
//! `all_assets.csv`, one [`Record`](super::record::Record) per asset.
