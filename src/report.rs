//! Human and JSON output of `stats`, `show` and `list`.

use crate::graph::{Graph, NodeIx};
use crate::model::{Date, NodeKind};
use std::io::Write;

/// Which nodes `list` prints.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub kind: Option<NodeKind>,
    pub org: Option<NodeIx>,
    pub since: Option<Date>,
    pub until: Option<Date>,
}

pub fn stats(graph: &Graph, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let _ = (graph, json, out);
    anyhow::bail!("not written yet")
}

pub fn show(graph: &Graph, ix: NodeIx, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let _ = (graph, ix, json, out);
    anyhow::bail!("not written yet")
}

pub fn list(graph: &Graph, f: &ListFilter, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let _ = (graph, f, json, out);
    anyhow::bail!("not written yet")
}
