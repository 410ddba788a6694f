//! `llmkg licences`: the licence of every model in a model's ancestry, and each drift (a derived
//! model whose licence is more permissive than an ancestor's), with the chain and its evidence.

use super::{DataArgs, FormatArgs, OnErrors, TextFormat};
use crate::graph::Graph;
use crate::licence::{self, Licences, Report};
use anyhow::Result;
use serde_json::{Value, json};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A model: id, label, alias, or a loose spelling.
    pub(crate) name: String,
    #[command(flatten)]
    pub(crate) format: FormatArgs,
}

/// Prints the licences along the ancestry of NAME and the drifts in it.
pub(crate) fn run(args: &Args, data: &DataArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let table = Licences::load(&data.facts)?;
    let graph = super::load(data, OnErrors::Stop)?;
    let ix = graph.resolve(&args.name, None)?;
    let report = licence::along(graph, ix, &table);
    match args.format.format {
        TextFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &as_json(graph, &report))?;
            writeln!(out)?;
        }
        TextFormat::Table => print(graph, &report, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A drift as one sentence: `X is apache-2.0 but derives from Y (llama2)`.
fn sentence(g: &Graph, report: &Report, d: &licence::Drift) -> String {
    let id = |n| {
        (report.lines.iter())
            .find(|l| l.node == n)
            .and_then(|l| l.licence.as_ref())
            .map_or("?", |l| l.id.as_str())
    };
    format!(
        "{} is {} but derives from {} ({})",
        g.node(d.derived).label,
        id(d.derived),
        g.node(d.ancestor).label,
        id(d.ancestor)
    )
}

/// The human table: one line per model of the ancestry, then the drifts with their chains.
fn print(g: &Graph, report: &Report, out: &mut dyn Write) -> Result<()> {
    let width = (report.lines.iter())
        .map(|l| l.depth * 2 + g.node(l.node).label.chars().count())
        .max()
        .unwrap_or(0);
    for l in &report.lines {
        let name = format!("{}{}", "  ".repeat(l.depth), g.node(l.node).label);
        let (id, class) = match (&l.licence, &l.written) {
            (Some(lic), _) => (lic.id.clone(), lic.class.as_str()),
            (None, Some(w)) => (w.clone(), "unknown class"),
            (None, None) => ("-".to_string(), "no licence known"),
        };
        writeln!(out, "{name:width$}  {id:20} {class}")?;
    }
    if report.drifts.is_empty() {
        writeln!(out, "\nno licence drift")?;
    }
    for d in &report.drifts {
        writeln!(out, "\nwarning[license-drift]: {}", sentence(g, report, d))?;
        for (s, r, t, evidence) in licence::chain_evidence(g, &d.chain) {
            let (s, t) = (&g.node(s).label, &g.node(t).label);
            writeln!(out, "  {s} --{}--> {t}", r.as_str())?;
            for e in evidence {
                writeln!(out, "    {}", e.summary())?;
            }
        }
    }
    Ok(())
}

/// The JSON answer: `model`, `licences` (one per model of the ancestry) and `drifts`.
fn as_json(g: &Graph, report: &Report) -> Value {
    let licences: Vec<Value> = (report.lines.iter())
        .map(|l| {
            json!({
                "id": g.node(l.node).id,
                "label": g.node(l.node).label,
                "depth": l.depth,
                "written": l.written,
                "license": l.licence.as_ref().map(|x| &x.id),
                "class": l.licence.as_ref().map(|x| x.class.as_str()),
            })
        })
        .collect();
    let drifts: Vec<Value> = (report.drifts.iter())
        .map(|d| {
            let chain: Vec<Value> = (licence::chain_evidence(g, &d.chain).into_iter())
                .map(|(s, r, t, evidence)| {
                    json!({
                        "source": g.node(s).id,
                        "relation": r.as_str(),
                        "target": g.node(t).id,
                        "evidence": evidence,
                    })
                })
                .collect();
            json!({
                "code": "license-drift",
                "message": sentence(g, report, d),
                "derived": g.node(d.derived).id,
                "ancestor": g.node(d.ancestor).id,
                "chain": chain,
            })
        })
        .collect();
    json!({
        "model": g.node(report.lines[0].node).id,
        "licences": licences,
        "drifts": drifts,
    })
}
