//! Lineage queries, their printing and the export filters on a hand-built LLM-like graph, a
//! property test against a brute-force transitive closure, and a 100,000-deep chain.

use llmkg::answer::{self, OutputFormat};
use llmkg::filter::Filter;
use llmkg::graph::{Graph, NodeIx};
use llmkg::model::{Edge, Evidence, Node, NodeKind, Relation, slug};
use llmkg::query::{self, Answer, AnswerGroup, PathRole, Scope};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn ev(line: u32, text: Option<&str>) -> Evidence {
    let src: llmkg::model::Name = "test".into();
    let file: llmkg::model::Name = "facts.toml".into();
    let mut e = Evidence::at(&src, &file, line);
    e.text = text.map(Into::into);
    e
}

fn add(g: &mut Graph, label: &str, kind: NodeKind, released: Option<&str>) -> NodeIx {
    let mut n = Node::new(slug(label), label.to_string(), kind, ev(1, None));
    n.released = released.map(|d| d.parse().unwrap());
    g.add_node(n).unwrap()
}

fn link(g: &mut Graph, from: NodeIx, rel: Relation, to: NodeIx, text: &str) {
    let line = g.edge_count() as u32 + 10;
    g.add_edge(from, to, Edge::new(rel, ev(line, Some(text))));
}

/// Llama ← Llama 2 ← Code Llama; Alpaca and Vicuna fine-tuned from Llama; Merge-A and Merge-B
/// each merged from Alpaca and Vicuna; Falcon ← Falcon-Instruct; DeepSeek alone; organizations.
fn llm_graph() -> Graph {
    use NodeKind::*;
    use Relation::*;
    let mut g = Graph::new();
    let llama = add(&mut g, "Llama", Model, Some("2023-02"));
    let llama2 = add(&mut g, "Llama 2", Model, Some("2023-07"));
    let code = add(&mut g, "Code Llama", Model, Some("2023-08-24"));
    let alpaca = add(&mut g, "Alpaca", Model, Some("2023-03"));
    let vicuna = add(&mut g, "Vicuna", Model, Some("2023-03"));
    let merge_a = add(&mut g, "Merge-A", Model, None);
    let merge_b = add(&mut g, "Merge-B", Model, None);
    let falcon = add(&mut g, "Falcon", Model, Some("2023-05"));
    let falcon_i = add(&mut g, "Falcon-Instruct", Model, Some("2023-06"));
    let deepseek = add(&mut g, "DeepSeek", Model, Some("2023-11"));
    let meta = add(&mut g, "Meta AI", Organization, None);
    let stanford = add(&mut g, "Stanford", Organization, None);
    let lmsys = add(&mut g, "LMSYS", Organization, None);
    let tii = add(&mut g, "TII", Organization, None);
    let dsai = add(&mut g, "DeepSeek AI", Organization, None);
    let lora = add(&mut g, "LoRA", Method, Some("2021-06"));
    link(
        &mut g,
        llama2,
        SuccessorOf,
        llama,
        "Llama 2 is the successor of Llama",
    );
    link(
        &mut g,
        code,
        DerivedFrom,
        llama2,
        "Code Llama is built on Llama 2",
    );
    link(
        &mut g,
        alpaca,
        FineTunedFrom,
        llama,
        "Alpaca fine-tunes LLaMA 7B",
    );
    link(
        &mut g,
        vicuna,
        FineTunedFrom,
        llama,
        "Vicuna fine-tunes LLaMA on ShareGPT",
    );
    link(&mut g, merge_a, MergedFrom, alpaca, "merge");
    link(&mut g, merge_a, MergedFrom, vicuna, "merge");
    link(&mut g, merge_b, MergedFrom, alpaca, "merge");
    link(&mut g, merge_b, MergedFrom, vicuna, "merge");
    link(
        &mut g,
        falcon_i,
        FineTunedFrom,
        falcon,
        "instruct version of Falcon",
    );
    for m in [llama, llama2, code] {
        link(&mut g, m, DevelopedBy, meta, "by Meta");
    }
    link(&mut g, alpaca, DevelopedBy, stanford, "by Stanford");
    link(&mut g, vicuna, DevelopedBy, lmsys, "by LMSYS");
    link(&mut g, falcon, DevelopedBy, tii, "by TII");
    link(&mut g, falcon_i, DevelopedBy, tii, "by TII");
    link(&mut g, deepseek, DevelopedBy, dsai, "by DeepSeek AI");
    link(&mut g, alpaca, TrainedWith, lora, "Alpaca-LoRA");
    g
}

fn ix(g: &Graph, id: &str) -> NodeIx {
    g.index_of(id).unwrap_or_else(|| panic!("no node {id}"))
}

/// The reported nodes of an answer, in its order.
fn node_ixs(a: &Answer) -> Vec<NodeIx> {
    a.nodes.iter().map(|r| r.ix).collect()
}

fn ids(g: &Graph, v: &[NodeIx]) -> Vec<String> {
    v.iter().map(|&n| g.node(n).id.to_string()).collect()
}

fn set(g: &Graph, v: &[NodeIx]) -> BTreeSet<String> {
    ids(g, v).into_iter().collect()
}

fn strs(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn table(g: &Graph, a: &Answer) -> String {
    let mut out = Vec::new();
    answer::write(g, a, OutputFormat::Table, false, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn json(g: &Graph, a: &Answer) -> serde_json::Value {
    let mut out = Vec::new();
    answer::write(g, a, OutputFormat::Json, false, &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn rels(v: &[Relation]) -> Scope {
    Scope {
        relations: v.to_vec(),
        ..Scope::default()
    }
}

#[test]
fn ancestors_of_code_llama_nearest_first_as_a_tree() {
    let g = llm_graph();
    let a = query::ancestors(&g, ix(&g, "code-llama"), &Scope::default());
    assert!(a.found);
    assert_eq!(ids(&g, &node_ixs(&a)), ["llama-2", "llama"]);
    assert_eq!(
        a.nodes.iter().map(|r| r.depth.unwrap()).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(a.edges.len(), 2);
    let text = table(&g, &a);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Code Llama (2023-08-24)");
    assert_eq!(lines[1], "  ─derived_from→ Llama 2 (2023-07)");
    assert_eq!(lines[2], "    ─successor_of→ Llama (2023-02)");
    assert_eq!(lines[3], "2 ancestor(s) of Code Llama");
    // organizations are not lineage
    assert!(!text.contains("Meta AI"));
}

#[test]
fn ancestors_follow_only_the_relations_asked_and_report_only_the_kind_asked() {
    let g = llm_graph();
    let code = ix(&g, "code-llama");
    let a = query::ancestors(&g, code, &rels(&[Relation::DerivedFrom]));
    assert_eq!(ids(&g, &node_ixs(&a)), ["llama-2"]);
    // weight inheritance only: merges are not followed
    let a = query::ancestors(
        &g,
        ix(&g, "merge-a"),
        &rels(&[Relation::FineTunedFrom, Relation::DerivedFrom]),
    );
    assert!(a.nodes.is_empty());
    let scope = Scope {
        relations: Relation::ALL.to_vec(),
        kind: Some(NodeKind::Organization),
        depth: None,
    };
    let a = query::ancestors(&g, code, &scope);
    assert_eq!(ids(&g, &node_ixs(&a)), ["meta-ai"]);
    // only edges between the subject and reported nodes are kept
    assert_eq!(a.edges.len(), 1);
    assert_eq!(
        table(&g, &a)
            .lines()
            .next()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["1", "Meta", "AI", "organization", "meta-ai"]
    );
}

#[test]
fn descendants_tree_expands_a_merge_once_and_depth_limits() {
    let g = llm_graph();
    let llama = ix(&g, "llama");
    let a = query::descendants(&g, llama, &Scope::default());
    assert_eq!(
        set(&g, &node_ixs(&a)),
        strs(&[
            "llama-2",
            "code-llama",
            "alpaca",
            "vicuna",
            "merge-a",
            "merge-b"
        ])
    );
    // each merge is reached along two edges: expanded once, repeated once
    let merge_a = ix(&g, "merge-a");
    let lines: Vec<_> = a.tree.iter().filter(|l| l.node == merge_a).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines.iter().filter(|l| l.repeat).count(), 1);
    let text = table(&g, &a);
    assert!(
        text.contains("  ←fine_tuned_from─ Alpaca (2023-03)\n"),
        "{text}"
    );
    assert!(
        text.contains("    ←merged_from─ Merge-A (see above)\n"),
        "{text}"
    );
    assert_eq!(a.tree.len(), 1 + 8); // the root plus one line per lineage edge

    let d1 = query::descendants(
        &g,
        llama,
        &Scope {
            depth: Some(1),
            ..Scope::default()
        },
    );
    assert_eq!(
        set(&g, &node_ixs(&d1)),
        strs(&["llama-2", "alpaca", "vicuna"])
    );
    assert_eq!(d1.edges.len(), 3);
}

#[test]
fn path_code_llama_to_llama_has_two_edges_with_evidence() {
    let g = llm_graph();
    let a = query::path(&g, ix(&g, "code-llama"), ix(&g, "llama"), &Scope::default());
    assert!(a.found);
    assert_eq!(ids(&g, &node_ixs(&a)), ["code-llama", "llama-2", "llama"]);
    assert_eq!(a.edges.len(), 2);
    let j = json(&g, &a);
    assert_eq!(j["query"], "path");
    let nodes: Vec<&str> = j["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(nodes, ["code-llama", "llama-2", "llama"]);
    assert_eq!(j["nodes"][0]["label"], "Code Llama");
    assert_eq!(j["nodes"][0]["kind"], "model");
    assert_eq!(j["edges"][0]["source"], "code-llama");
    assert_eq!(j["edges"][0]["target"], "llama-2");
    assert_eq!(j["edges"][0]["relation"], "derived_from");
    assert_eq!(
        j["edges"][0]["evidence"],
        "facts.toml:11 \"Code Llama is built on Llama 2\""
    );
    assert_eq!(j["edges"][1]["relation"], "successor_of");
    let text = table(&g, &a);
    assert!(
        text.starts_with("Code Llama ─derived_from→ Llama 2 ─successor_of→ Llama\n"),
        "{text}"
    );
    assert!(
        text.contains("\"Llama 2 is the successor of Llama\""),
        "{text}"
    );
}

#[test]
fn no_path_from_llama_to_code_llama_but_the_reverse_exists() {
    let g = llm_graph();
    let a = query::path(&g, ix(&g, "llama"), ix(&g, "code-llama"), &Scope::default());
    assert!(!a.found);
    assert!(a.nodes.is_empty() && a.edges.is_empty());
    assert!(a.message.as_ref().unwrap().contains("reverse exists"));
    assert_eq!(a.paths.len(), 1);
    assert_eq!(a.paths[0].role, PathRole::Reverse);
    assert_eq!(
        ids(&g, &a.paths[0].nodes),
        ["code-llama", "llama-2", "llama"]
    );
    let j = json(&g, &a);
    assert_eq!(j["found"], false);
    assert_eq!(j["paths"][0]["role"], "reverse");

    let none = query::path(&g, ix(&g, "falcon"), ix(&g, "llama"), &Scope::default());
    assert!(!none.found && none.paths.is_empty());
    assert!(none.message.unwrap().contains("nor from Llama to Falcon"));
}

#[test]
fn common_ancestor_of_alpaca_and_vicuna_is_llama() {
    let g = llm_graph();
    let a = query::common(&g, &[ix(&g, "alpaca"), ix(&g, "vicuna")], &Scope::default());
    assert!(a.found);
    assert_eq!(ids(&g, &node_ixs(&a)), ["llama"]);
    assert_eq!(a.paths.len(), 2);
    assert_eq!(ids(&g, &a.paths[0].nodes), ["alpaca", "llama"]);
    assert_eq!(ids(&g, &a.paths[1].nodes), ["vicuna", "llama"]);
    let sub = a.subgraph(&g);
    assert_eq!(
        set(&sub, &sub.nodes_sorted()),
        strs(&["alpaca", "llama", "vicuna"])
    );
    assert_eq!(sub.edge_count(), 2);
    let j = json(&g, &a);
    assert_eq!(j["nodes"].as_array().unwrap().len(), 1);
    assert_eq!(j["nodes"][0]["id"], "llama");

    // an input that is itself an ancestor of the other is their common ancestor
    let a = query::common(
        &g,
        &[ix(&g, "code-llama"), ix(&g, "llama-2")],
        &Scope::default(),
    );
    assert_eq!(ids(&g, &node_ixs(&a)), ["llama-2"]);
    // three inputs
    let a = query::common(
        &g,
        &[ix(&g, "code-llama"), ix(&g, "alpaca"), ix(&g, "merge-b")],
        &Scope::default(),
    );
    assert_eq!(ids(&g, &node_ixs(&a)), ["llama"]);
    assert_eq!(a.paths.len(), 3);
}

#[test]
fn common_ancestors_of_two_merges_are_both_parents() {
    let g = llm_graph();
    let a = query::common(
        &g,
        &[ix(&g, "merge-a"), ix(&g, "merge-b")],
        &Scope::default(),
    );
    assert_eq!(set(&g, &node_ixs(&a)), strs(&["alpaca", "vicuna"]));
    assert_eq!(a.paths.len(), 4);
    let text = table(&g, &a);
    assert!(text.contains("  Merge-A ─merged_from→ Alpaca\n"), "{text}");
}

#[test]
fn no_common_ancestor_of_unrelated_roots() {
    let g = llm_graph();
    let a = query::common(
        &g,
        &[ix(&g, "falcon"), ix(&g, "deepseek")],
        &Scope::default(),
    );
    assert!(!a.found);
    assert!(a.nodes.is_empty());
    assert!(a.message.unwrap().contains("no common ancestor"));
}

#[test]
fn family_is_the_models_joined_by_lineage_from_their_roots() {
    let g = llm_graph();
    let a = query::family(&g, ix(&g, "vicuna"), &Scope::default());
    assert_eq!(
        set(&g, &node_ixs(&a)),
        strs(&[
            "llama",
            "llama-2",
            "code-llama",
            "alpaca",
            "vicuna",
            "merge-a",
            "merge-b"
        ])
    );
    assert_eq!(a.tree[0].node, ix(&g, "llama"));
    assert_eq!(a.edges.len(), 8);
    let f = query::family(&g, ix(&g, "falcon"), &Scope::default());
    assert_eq!(set(&g, &node_ixs(&f)), strs(&["falcon", "falcon-instruct"]));
    let d = query::family(&g, ix(&g, "deepseek"), &Scope::default());
    assert_eq!(ids(&g, &node_ixs(&d)), ["deepseek"]);
    assert!(table(&g, &f).contains("2 node(s) in the family of Falcon, from Falcon"));
}

#[test]
fn org_lists_what_it_made_and_the_derivations_across_its_border() {
    let g = llm_graph();
    let a = query::org(&g, ix(&g, "meta-ai"), &Scope::default());
    assert_eq!(
        set(&g, &node_ixs(&a)),
        strs(&["llama", "llama-2", "code-llama"])
    );
    let group = |a: &Answer, name: AnswerGroup| -> Vec<(String, String)> {
        let (_, edges) = a.groups.iter().find(|(n, _)| *n == name).unwrap();
        edges
            .iter()
            .map(|&e| {
                let (s, t) = g.endpoints(e);
                (g.node(s).id.to_string(), g.node(t).id.to_string())
            })
            .collect()
    };
    assert!(group(&a, AnswerGroup::BuildsOn).is_empty());
    assert_eq!(
        group(&a, AnswerGroup::BuiltOnBy),
        [
            ("alpaca".to_string(), "llama".to_string()),
            ("vicuna".to_string(), "llama".to_string())
        ]
    );
    let s = query::org(&g, ix(&g, "stanford"), &Scope::default());
    assert_eq!(ids(&g, &node_ixs(&s)), ["alpaca"]);
    assert_eq!(
        group(&s, AnswerGroup::BuildsOn),
        [("alpaca".to_string(), "llama".to_string())]
    );
    assert_eq!(group(&s, AnswerGroup::BuiltOnBy).len(), 2);
    let j = json(&g, &s);
    assert_eq!(j["builds_on"][0]["target"], "llama");
    let text = table(&g, &s);
    assert!(text.contains("[Meta AI]"), "{text}");
    assert!(text.contains("[no organization]"), "{text}");
}

#[test]
fn why_gives_direct_edges_paths_and_shared_ancestors() {
    let g = llm_graph();
    // a direct fact
    let a = query::why(&g, ix(&g, "llama"), ix(&g, "meta-ai"), &Scope::default());
    assert!(a.found);
    let (_, direct) = &a.groups[0];
    assert_eq!(direct.len(), 1);
    assert_eq!(g.edge(direct[0]).relation, Relation::DevelopedBy);
    assert!(table(&g, &a).contains("by Meta"));
    // a derivation path
    let a = query::why(&g, ix(&g, "llama"), ix(&g, "code-llama"), &Scope::default());
    assert_eq!(a.paths.len(), 1);
    assert_eq!(a.paths[0].role, PathRole::Reverse);
    assert_eq!(a.edges.len(), 2);
    // siblings: their common ancestor and their common descendants (the merges)
    let a = query::why(&g, ix(&g, "alpaca"), ix(&g, "vicuna"), &Scope::default());
    assert!(a.found);
    let ends: BTreeSet<(PathRole, String)> = a
        .paths
        .iter()
        .map(|p| (p.role, g.node(p.to()).id.to_string()))
        .collect();
    assert_eq!(
        ends,
        [
            (PathRole::Ancestor, "llama".to_string()),
            (PathRole::Descendant, "merge-a".to_string()),
            (PathRole::Descendant, "merge-b".to_string())
        ]
        .into_iter()
        .collect()
    );
    let j = json(&g, &a);
    assert!(
        j["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["evidence"].is_string())
    );
    // nothing
    let a = query::why(&g, ix(&g, "falcon"), ix(&g, "deepseek"), &Scope::default());
    assert!(!a.found);
    assert!(
        a.message
            .unwrap()
            .starts_with("nothing links Falcon and DeepSeek")
    );
}

#[test]
fn subgraph_of_a_path_is_its_nodes_and_edges() {
    let g = llm_graph();
    let a = query::path(&g, ix(&g, "code-llama"), ix(&g, "llama"), &Scope::default());
    let sub = a.subgraph(&g);
    assert_eq!(
        ids(&sub, &sub.nodes_sorted()),
        ["code-llama", "llama", "llama-2"]
    );
    let edges: Vec<Relation> = sub
        .edges_sorted()
        .into_iter()
        .map(|e| sub.edge(e).relation)
        .collect();
    assert_eq!(edges, [Relation::DerivedFrom, Relation::SuccessorOf]);
}

#[test]
fn filters_keep_a_family_an_org_kinds_relations_and_dates() {
    let g = llm_graph();
    let kept = |f: &Filter| {
        let sub = f.apply(&g);
        set(&sub, &sub.nodes_sorted())
    };
    assert_eq!(kept(&Filter::default()).len(), g.node_count());
    let fam = Filter {
        family: Some(ix(&g, "falcon-instruct")),
        ..Filter::default()
    };
    assert_eq!(kept(&fam), strs(&["falcon", "falcon-instruct", "tii"]));
    let fam_no_orgs = Filter {
        no_orgs: true,
        ..fam.clone()
    };
    assert_eq!(kept(&fam_no_orgs), strs(&["falcon", "falcon-instruct"]));
    let llama_family = Filter {
        family: Some(ix(&g, "alpaca")),
        no_methods: true,
        ..Filter::default()
    };
    let k = kept(&llama_family);
    assert!(k.contains("merge-b") && k.contains("stanford") && !k.contains("lora"));
    assert!(!k.contains("falcon"));

    let org = Filter {
        org: Some(ix(&g, "stanford")),
        ..Filter::default()
    };
    assert_eq!(
        kept(&org),
        strs(&["alpaca", "llama", "lora", "merge-a", "merge-b", "stanford"])
    );
    let models = Filter {
        kinds: vec![NodeKind::Model],
        relations: vec![Relation::FineTunedFrom],
        ..Filter::default()
    };
    let sub = models.apply(&g);
    assert!(
        sub.nodes_sorted()
            .iter()
            .all(|&n| sub.node(n).kind == NodeKind::Model)
    );
    assert_eq!(sub.edge_count(), 3);
    let dates = Filter {
        since: Some("2023-03".parse().unwrap()),
        until: Some("2023-08".parse().unwrap()),
        no_orgs: true,
        ..Filter::default()
    };
    // Code Llama's day falls in the month; undated merges and the 2023-02 / 2023-11 models go;
    // the method stays whatever its date
    assert_eq!(
        kept(&dates),
        strs(&[
            "alpaca",
            "code-llama",
            "falcon",
            "falcon-instruct",
            "llama-2",
            "lora",
            "vicuna"
        ])
    );
}

// ---- property test: random DAGs with merges against a brute-force transitive closure ----

/// `n` nodes; edges only from a higher to a lower index, several parents allowed.
fn dag_strategy() -> impl Strategy<Value = (usize, Vec<(usize, usize, usize)>)> {
    (1usize..=40).prop_flat_map(|n| {
        let edge = (1..n.max(2), any::<prop::sample::Index>(), 0usize..8);
        (
            Just(n),
            prop::collection::vec(edge, 0..(3 * n)).prop_map(move |raw| {
                raw.into_iter()
                    .filter(|(from, _, _)| *from < n)
                    .map(|(from, to, rel)| (from, to.index(from), rel))
                    .collect::<Vec<_>>()
            }),
        )
    })
}

const LINEAGE: [Relation; 8] = [
    Relation::FineTunedFrom,
    Relation::DerivedFrom,
    Relation::SuccessorOf,
    Relation::VariantOf,
    Relation::QuantizedFrom,
    Relation::AdapterOf,
    Relation::MergedFrom,
    Relation::BuiltOn,
];

fn build(n: usize, edges: &[(usize, usize, usize)]) -> (Graph, Vec<NodeIx>) {
    let mut g = Graph::new();
    let ixs: Vec<NodeIx> = (0..n)
        .map(|i| add(&mut g, &format!("m{i}"), NodeKind::Model, None))
        .collect();
    for &(from, to, rel) in edges {
        link(&mut g, ixs[from], LINEAGE[rel], ixs[to], "random");
    }
    (g, ixs)
}

/// reach[i][j]: i derives (transitively, at least one step) from j. Floyd–Warshall.
fn closure(n: usize, edges: &[(usize, usize, usize)]) -> Vec<Vec<bool>> {
    let mut r = vec![vec![false; n]; n];
    for &(from, to, _) in edges {
        r[from][to] = true;
    }
    for k in 0..n {
        let row_k = r[k].clone();
        for row in r.iter_mut() {
            if row[k] {
                for (x, &y) in row.iter_mut().zip(&row_k) {
                    *x |= y;
                }
            }
        }
    }
    r
}

fn index_set(ixs: &[NodeIx], v: &[NodeIx]) -> BTreeSet<usize> {
    v.iter()
        .map(|x| ixs.iter().position(|y| y == x).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn queries_agree_with_the_transitive_closure(
        (n, edges) in dag_strategy(),
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        let (g, ixs) = build(n, &edges);
        let r = closure(n, &edges);
        let scope = Scope::default();
        for i in 0..n {
            let anc = query::ancestors(&g, ixs[i], &scope);
            let want: BTreeSet<usize> = (0..n).filter(|&j| r[i][j]).collect();
            prop_assert_eq!(index_set(&ixs, &node_ixs(&anc)), want);
            // nearest first
            let depths: Vec<usize> = anc.nodes.iter().map(|x| x.depth.unwrap()).collect();
            prop_assert!(depths.windows(2).all(|w| w[0] <= w[1]));
            let desc = query::descendants(&g, ixs[i], &scope);
            let want: BTreeSet<usize> = (0..n).filter(|&j| r[j][i]).collect();
            prop_assert_eq!(index_set(&ixs, &node_ixs(&desc)), want);
        }
        let (x, y) = (a.index(n), b.index(n));
        // path existence, and the path found is a real chain of edges from x to y
        let p = query::path(&g, ixs[x], ixs[y], &scope);
        prop_assert_eq!(p.found, x == y || r[x][y]);
        if p.found {
            let nodes = &p.paths[0].nodes;
            prop_assert_eq!(nodes[0], ixs[x]);
            prop_assert_eq!(*nodes.last().unwrap(), ixs[y]);
            for (k, &e) in p.paths[0].edges.iter().enumerate() {
                prop_assert_eq!(g.endpoints(e), (nodes[k], nodes[k + 1]));
            }
        } else {
            prop_assert_eq!(!p.paths.is_empty(), r[y][x]);
        }
        // lowest common ancestors (each node its own ancestor)
        let anc_or_self = |i: usize, c: usize| i == c || r[i][c];
        let common: Vec<usize> = (0..n).filter(|&c| anc_or_self(x, c) && anc_or_self(y, c)).collect();
        let want: BTreeSet<usize> = common
            .iter()
            .copied()
            .filter(|&c| !common.iter().any(|&d| d != c && r[d][c]))
            .collect();
        let lca = query::common(&g, &[ixs[x], ixs[y]], &scope);
        prop_assert_eq!(index_set(&ixs, &node_ixs(&lca)), want.clone());
        prop_assert_eq!(lca.found, !want.is_empty());
        prop_assert_eq!(lca.paths.len(), 2 * want.len());
    }
}

#[test]
fn cycles_in_bad_data_terminate_and_still_answer() {
    let mut g = Graph::new();
    let [a, b, x, y] = ["A", "B", "X", "Y"].map(|l| add(&mut g, l, NodeKind::Model, None));
    link(&mut g, a, Relation::DerivedFrom, b, "cycle");
    link(&mut g, b, Relation::DerivedFrom, a, "cycle");
    link(&mut g, x, Relation::FineTunedFrom, a, "x");
    link(&mut g, y, Relation::FineTunedFrom, b, "y");
    let anc = query::ancestors(&g, x, &Scope::default());
    assert_eq!(ids(&g, &node_ixs(&anc)), ["a", "b"]);
    let c = query::common(&g, &[x, y], &Scope::default());
    assert_eq!(set(&g, &node_ixs(&c)), strs(&["a", "b"]));
    let f = query::family(&g, x, &Scope::default());
    assert_eq!(set(&g, &node_ixs(&f)), strs(&["a", "b", "x", "y"]));
}

/// A million-node tree (the size of the Hub's model tree): every query answers in about linear
/// time. Run with `cargo test --release --test query -- --ignored`.
#[test]
#[ignore = "large; run in release"]
fn a_million_node_tree_answers_quickly() {
    const N: usize = 1_000_000;
    let mut g = Graph::with_capacity(N, N);
    let ev = ev(1, None);
    let ixs: Vec<NodeIx> = (0..N)
        .map(|i| {
            g.add_node(Node::new(
                format!("m{i}"),
                format!("M{i}"),
                NodeKind::Model,
                ev.clone(),
            ))
            .unwrap()
        })
        .collect();
    for i in 1..N {
        // a skewed random parent: a few huge hubs and long chains
        let h = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 33;
        let parent = if h.is_multiple_of(4) {
            (h as usize) % 16
        } else {
            i - 1 - (h as usize) % i.min(8)
        };
        g.add_edge_unchecked(
            ixs[i],
            ixs[parent],
            Edge::new(Relation::FineTunedFrom, ev.clone()),
        );
    }
    // how fast is the benchmark's business (benches/bench.py); here, that each answers
    let d = query::descendants(&g, ixs[0], &Scope::default());
    assert_eq!(d.nodes.len(), N - 1);
    let f = query::family(&g, ixs[N - 1], &Scope::default());
    assert_eq!(f.nodes.len(), N);
    let a = query::ancestors(&g, ixs[N - 1], &Scope::default());
    assert!(!a.nodes.is_empty());
    let c = query::common(&g, &[ixs[N - 1], ixs[N - 2], ixs[N / 2]], &Scope::default());
    assert!(c.found);
    let p = query::path(&g, ixs[N - 1], ixs[0], &Scope::default());
    assert!(p.found);
    let sub = Filter {
        family: Some(ixs[5]),
        ..Filter::default()
    }
    .apply(&g);
    assert_eq!(sub.node_count(), N);
}
