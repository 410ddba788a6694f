//! Validation of a built graph: cycles in lineage, relations between the wrong kinds, models with
//! no organization, dates out of order, sources that disagree on a parent, names that likely
//! stand for one entity, plus the findings recorded while reading. `llmkg check` prints them.

mod sources;

use crate::error::{Code, Diagnostic, Severity};
use crate::graph::{EdgeIx, Graph, NodeIx};
use crate::licence::Licences;
use crate::model::{Date, KnownAttr, Name, NodeKind, Relation};
use crate::report::ReportFormat;
use petgraph::algo::{is_cyclic_directed, tarjan_scc};
use petgraph::graphmap::DiGraphMap;
use petgraph::visit::{EdgeFiltered, EdgeRef};
use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Write;
use std::process::ExitCode;

/// Every finding about the graph, sorted: what ingest recorded and what validation finds (with
/// the bundled licence table).
pub fn validate(g: &Graph) -> Vec<Diagnostic> {
    validate_with(g, &Licences::bundled())
}

/// Every finding about the graph, sorted, licences classed by `licences`.
pub(crate) fn validate_with(g: &Graph, licences: &Licences) -> Vec<Diagnostic> {
    let mut out = g.diagnostics.clone();
    licence_drift(g, licences, &mut out);
    cycles(g, &mut out);
    kinds(g, &mut out);
    missing_orgs(g, &mut out);
    dates(g, &mut out);
    sources::parents(g, &mut out);
    sources::likely_pairs(g, &mut out);
    out.sort_by(|a, b| {
        place(&a.location)
            .cmp(&place(&b.location))
            .then_with(|| a.cmp(b))
    });
    out.dedup();
    out
}

/// A location's file and line, so that line 9 sorts before line 10.
fn place(location: &str) -> (&str, u64) {
    match location.rsplit_once(':') {
        Some((file, line)) if line.parse::<u64>().is_ok() => (file, line.parse().unwrap_or(0)),
        _ => (location, 0),
    }
}

/// Lineage cycles: a model cannot derive from itself, directly or not. A cycle one source
/// makes alone is an error of that source; one that only the facts of several sources make
/// together is a disagreement between them (a warning naming each edge and its evidence).
fn cycles(g: &Graph, out: &mut Vec<Diagnostic>) {
    let lineage = EdgeFiltered::from_fn(g.inner(), |e| e.weight().relation.is_lineage());
    for scc in tarjan_scc(&lineage) {
        let self_loop = scc.len() == 1 && g.lineage_out(scc[0]).any(|(_, t)| t == scc[0]);
        if scc.len() < 2 && !self_loop {
            continue;
        }
        let in_scc: HashSet<_> = scc.iter().copied().collect();
        let inside: Vec<(EdgeIx, NodeIx, NodeIx)> = (scc.iter())
            .flat_map(|&ix| g.lineage_out(ix).map(move |(e, t)| (e, ix, t)))
            .filter(|&(_, _, t)| in_scc.contains(&t))
            .collect();
        if self_loop || one_source_cycles(g, &inside) {
            out.push(cycle_error(g, &scc, &inside, self_loop));
        } else {
            out.push(cycle_across_sources(g, &scc, &inside));
        }
    }
}

/// Whether the lineage edges inside a cycle's nodes hold a cycle that one source asserts
/// every edge of: the source then contradicts itself.
fn one_source_cycles(g: &Graph, inside: &[(EdgeIx, NodeIx, NodeIx)]) -> bool {
    let mut sources: Vec<Name> = inside
        .iter()
        .flat_map(|&(e, _, _)| g.edge(e).sources())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    sources.iter().any(|s| {
        let edges = (inside.iter())
            .filter(|&&(e, _, _)| g.edge(e).sources().contains(s))
            .map(|&(_, a, b)| (a, b));
        let own: DiGraphMap<NodeIx, ()> = DiGraphMap::from_edges(edges);
        is_cyclic_directed(&own)
    })
}

/// The error for a cycle one source makes: its models, named by the first few.
fn cycle_error(
    g: &Graph,
    scc: &[NodeIx],
    inside: &[(EdgeIx, NodeIx, NodeIx)],
    self_loop: bool,
) -> Diagnostic {
    let mut members: Vec<_> = scc.iter().map(|&ix| g.node(ix)).collect();
    members.sort_by(|a, b| a.id.cmp(&b.id));
    // the place of one edge inside the cycle
    let at = (inside.iter())
        .map(|&(e, _, _)| g.edge(e).evidence.location())
        .min()
        .unwrap_or_default();
    let message = if self_loop {
        format!("lineage cycle: {} derives from itself", members[0].label)
    } else {
        // a cycle through thousands of models is named by its first few
        let mut names: Vec<&str> = members
            .iter()
            .take(SHOWN)
            .map(|n| n.label.as_str())
            .collect();
        let more = format!("... ({} models in all)", members.len());
        if members.len() > SHOWN {
            names.push(&more);
        }
        format!(
            "lineage cycle: {} derive from each other",
            names.join(" → ")
        )
    };
    Diagnostic::new(Severity::Error, Code::Cycle, at, message)
        .help("a model cannot derive from itself; remove or correct one of these facts")
}

/// How many models or edges a cycle's finding names.
const SHOWN: usize = 20;

/// The warning for a cycle only several sources make together: one cycle through its
/// first model, each edge with every piece of evidence that asserts it.
fn cycle_across_sources(
    g: &Graph,
    scc: &[NodeIx],
    inside: &[(EdgeIx, NodeIx, NodeIx)],
) -> Diagnostic {
    let start = (scc.iter().copied())
        .min_by(|&a, &b| g.node(a).id.cmp(&g.node(b).id))
        .expect("a cycle has models");
    let path = cycle_through(start, inside);
    let edge_text = |&(e, a, b): &(EdgeIx, NodeIx, NodeIx)| {
        let edge = g.edge(e);
        let evidence: Vec<String> = edge
            .evidence_records()
            .map(|ev| format!("{} {}", ev.source, ev.summary()))
            .collect();
        format!(
            "{} {} {} ({})",
            g.node(a).label,
            edge.relation,
            g.node(b).label,
            evidence.join("; ")
        )
    };
    let mut edges: Vec<String> = path.iter().take(SHOWN).map(edge_text).collect();
    if path.len() > SHOWN {
        edges.push(format!("... ({} edges in all)", path.len()));
    }
    let mut sources: Vec<Name> = (path.iter())
        .flat_map(|&(e, _, _)| g.edge(e).sources())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    let names: Vec<&str> = sources.iter().map(Name::as_str).collect();
    let at = (path.first()).map_or_else(String::new, |&(e, _, _)| g.edge(e).evidence.location());
    Diagnostic::new(
        Severity::Warning,
        Code::CycleAcrossSources,
        at,
        format!(
            "lineage cycle made by merging {}: {}",
            names.join(", "),
            edges.join(", ")
        ),
    )
    .help("the sources disagree on which model came first; a curated [[correction]] settles it (lineage queries stop where the cycle closes)")
}

/// One cycle through `start` along `inside` edges (all in one strongly connected part): the
/// shortest, found breadth first.
fn cycle_through(
    start: NodeIx,
    inside: &[(EdgeIx, NodeIx, NodeIx)],
) -> Vec<(EdgeIx, NodeIx, NodeIx)> {
    let mut came: HashMap<NodeIx, (EdgeIx, NodeIx, NodeIx)> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(ix) = queue.pop_front() {
        for &edge in inside.iter().filter(|&&(_, a, _)| a == ix) {
            let to = edge.2;
            if to == start {
                let mut path = vec![edge];
                let mut at = ix;
                while at != start {
                    let back = came[&at];
                    path.push(back);
                    at = back.1;
                }
                path.reverse();
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(v) = came.entry(to) {
                v.insert(edge);
                queue.push_back(to);
            }
        }
    }
    Vec::new()
}

/// Relations whose ends are of the wrong kind (developed_by to a model, trained_with to a model...).
fn kinds(g: &Graph, out: &mut Vec<Diagnostic>) {
    for e in g.inner().edge_references() {
        let (s, t) = (g.node(e.source()), g.node(e.target()));
        let r = e.weight().relation;
        let ok = match r {
            Relation::DevelopedBy => {
                t.kind == NodeKind::Organization && s.kind != NodeKind::Organization
            }
            Relation::TrainedWith => t.kind == NodeKind::Method && s.kind == NodeKind::Model,
            Relation::Extends => s.kind == NodeKind::Method && t.kind == NodeKind::Method,
            Relation::TrainedOn => s.kind == NodeKind::Model && t.kind == NodeKind::Dataset,
            _ => s.kind != NodeKind::Organization && t.kind != NodeKind::Organization,
        };
        if !ok {
            out.push(
                Diagnostic::new(
                    Severity::Error,
                    Code::WrongKind,
                    e.weight().evidence.location(),
                    format!(
                        "{} ({}) {r} {} ({}): {r} does not link a {} to a {}",
                        s.label, s.kind, t.label, t.kind, s.kind, t.kind
                    ),
                )
                .help("see the relation vocabulary in docs/graph.md"),
            );
        }
    }
}

/// Models and methods with no developed_by edge.
fn missing_orgs(g: &Graph, out: &mut Vec<Diagnostic>) {
    for ix in g.node_indices() {
        let n = g.node(ix);
        if n.kind == NodeKind::Organization || n.known_attr(KnownAttr::Stub).is_some() {
            continue;
        }
        if g.organizations_of(ix).next().is_none() {
            out.push(
                Diagnostic::new(
                    Severity::Warning,
                    Code::NoOrganization,
                    n.origin.location(),
                    format!("{} \"{}\" has no organization", n.kind, n.label),
                )
                .help("add `organization = \"...\"` to its curated record, or a developed_by fact"),
            );
        }
    }
}

/// A derived model whose licence is more permissive than its nearest licensed ancestor's (see
/// [`crate::licence::drifts`]): `X is apache-2.0 but derives from Y (llama2)`, with the chain.
fn licence_drift(g: &Graph, licences: &Licences, out: &mut Vec<Diagnostic>) {
    let id = |n: NodeIx| {
        let written = crate::licence::written(g, n).unwrap_or_default();
        licences.find(&written).map_or(written, |l| l.id.clone())
    };
    for d in crate::licence::drifts(g, licences) {
        let (derived, ancestor) = (g.node(d.derived), g.node(d.ancestor));
        let mut chain = derived.label.to_string();
        for &e in &d.chain {
            let parent = g.node(g.endpoints(e).1);
            chain.push_str(&format!(" {} {}", g.edge(e).relation, parent.label));
        }
        out.push(
            Diagnostic::new(
                Severity::Warning,
                Code::LicenseDrift,
                derived.origin.location(),
                format!(
                    "{} is {} but derives from {} ({}): {chain}",
                    derived.label,
                    id(d.derived),
                    ancestor.label,
                    id(d.ancestor)
                ),
            )
            .help(format!(
                "`llmkg licences \"{}\"` lists the licences along its ancestry; a licence the ancestor's allows goes in its `may_become` (a --facts file's [[licence]] table)",
                derived.label
            )),
        );
    }
}

/// A model released before what it derives from.
fn dates(g: &Graph, out: &mut Vec<Diagnostic>) {
    for e in g.inner().edge_references() {
        if !e.weight().relation.is_lineage() {
            continue;
        }
        let (s, t) = (g.node(e.source()), g.node(e.target()));
        if let (Some(ds), Some(dt)) = (s.released, t.released) {
            // compare at month precision (lists give months), at year precision where one
            // side gives only its year
            let year_only = ds.month == 0 || dt.month == 0;
            let month = |d: Date| {
                if year_only {
                    (d.year, 0)
                } else {
                    (d.year, d.month)
                }
            };
            if month(ds) < month(dt) {
                out.push(Diagnostic::new(
                    Severity::Warning,
                    Code::DateOrder,
                    e.weight().evidence.location(),
                    format!(
                        "{} ({ds}) {} {} ({dt}), which was released later",
                        s.label,
                        e.weight().relation,
                        t.label
                    ),
                ));
            }
        }
    }
}

/// The longest message the text output prints whole.
const MAX_MESSAGE: usize = 2000;

/// Prints every finding (licences classed by `licences`); exit 1 when any is an error.
pub(crate) fn run(
    g: &Graph,
    licences: &Licences,
    format: ReportFormat,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let found = validate_with(g, licences);
    let count = |s| found.iter().filter(|d| d.severity == s).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    if format == ReportFormat::Json {
        serde_json::to_writer_pretty(
            &mut *out,
            &serde_json::json!({
                "errors": errors,
                "warnings": warnings,
                "infos": infos,
                "nodes": g.node_count(),
                "edges": g.edge_count(),
                "diagnostics": found,
            }),
        )?;
        writeln!(out)?;
    } else {
        for d in &found {
            if d.message.len() > MAX_MESSAGE {
                // a 10 MB id in a dump is reported, not printed whole
                let mut short = d.clone();
                let cut = (0..=MAX_MESSAGE)
                    .rev()
                    .find(|&i| d.message.is_char_boundary(i))
                    .unwrap_or(0);
                short.message = format!(
                    "{}... ({} more bytes; --format json has the whole message)",
                    &d.message[..cut],
                    d.message.len() - cut
                );
                writeln!(out, "{short}")?;
            } else {
                writeln!(out, "{d}")?;
            }
        }
        writeln!(
            out,
            "checked {} nodes and {} edges: {errors} error(s), {warnings} warning(s), {infos} note(s)",
            g.node_count(),
            g.edge_count()
        )?;
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
