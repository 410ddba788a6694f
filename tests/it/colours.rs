//! One organization colour assignment per graph (#24): the organizations are ranked on the
//! whole graph loaded, and every drawing of it or of a part of it (`--family`, `--org`,
//! `--no-orgs`) gives an organization the same colour, in DOT, Mermaid, the page, GEXF and `render`.
//! The fixture's Beta family alone would rank its organizations the other way round.

use crate::common;

use common::{fixture, llmkg, run};
use std::path::Path;

/// The palette's first two colours (`style::ORG_PALETTE`).
const FIRST: &str = "#77aadd";
const SECOND: &str = "#ee8866";

/// Exports DOT, Mermaid, the page and GEXF of the fixture with `filter` into `dir`.
fn export(filter: &[&str], dir: &Path) {
    let (code, _, err) = run(llmkg()
        .arg("--data")
        .arg(fixture("colours/colours.toml"))
        .args(["export", "--format", "dot,mermaid,html,gexf", "--out"])
        .arg(dir)
        .args(filter));
    assert_eq!(code, 0, "{err}");
}

/// Node `id`'s fill in graph.dot.
fn dot_fill(dot: &str, id: &str) -> String {
    let line = (dot.lines())
        .find(|l| l.trim_start().starts_with(&format!("\"{id}\"[")))
        .unwrap_or_else(|| panic!("no node {id} in {dot}"));
    let fill = line.split("fillcolor=\"").nth(1).expect("a fill");
    fill[..7].to_string()
}

/// Node `id`'s fill in graph.mmd: the `classDef` of the class its line ends with.
fn mermaid_fill(mmd: &str, id: &str) -> String {
    let line = (mmd.lines())
        .find(|l| l.trim_start().starts_with(&format!("n_{id}[")))
        .unwrap_or_else(|| panic!("no node {id} in {mmd}"));
    let class = line.rsplit(":::").next().unwrap();
    let def = (mmd.lines())
        .find(|l| l.trim_start().starts_with(&format!("classDef {class} ")))
        .unwrap_or_else(|| panic!("no classDef {class} in {mmd}"));
    let fill = def.split("fill:").nth(1).expect("a fill");
    fill[..7].to_string()
}

/// Node `id`'s colour in graph.html's data.
fn page_fill(html: &str, id: &str) -> String {
    let start = html.find("id=\"graph-data\">").unwrap() + "id=\"graph-data\">".len();
    let json = &html[start..start + html[start..].find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let node = (data["nodes"].as_array().unwrap().iter())
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("no node {id} in the page"));
    node["color"].as_str().unwrap().to_string()
}

/// Node `id`'s `viz:color` in graph.gexf, as `#rrggbb`.
fn gexf_fill(gexf: &str, id: &str) -> String {
    let node = (gexf.split("<node id=\"").skip(1))
        .find(|n| n.starts_with(&format!("{id}\"")))
        .unwrap_or_else(|| panic!("no node {id} in {gexf}"));
    let channel = |c: &str| -> u8 {
        let v = node.split(&format!(" {c}=\"")).nth(1).expect("a colour");
        v[..v.find('"').unwrap()].parse().unwrap()
    };
    format!(
        "#{:02x}{:02x}{:02x}",
        channel("r"),
        channel("g"),
        channel("b")
    )
}

#[test]
fn an_organization_keeps_its_colour_in_every_drawing_of_every_part_of_the_graph() {
    let tmp = tempfile::tempdir().unwrap();
    let parts: [&[&str]; 4] = [
        &[],
        &["--family", "beta"],
        &["--org", "small-co"],
        &["--no-orgs"],
    ];
    for (k, filter) in parts.into_iter().enumerate() {
        let dir = tmp.path().join(k.to_string());
        export(filter, &dir);
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
        let (dot, mmd, html) = (read("graph.dot"), read("graph.mmd"), read("graph.html"));
        let gexf = read("graph.gexf");
        // Small Co made Beta: second in the whole graph, though first within its family
        for (id, want) in [("beta", SECOND), ("beta-tuned", FIRST)] {
            let what = format!("{id} with {filter:?}");
            assert_eq!(dot_fill(&dot, id), want, "DOT: {what}");
            assert_eq!(
                mermaid_fill(&mmd, id.replace('-', "_").as_str()),
                want,
                "Mermaid: {what}"
            );
            assert_eq!(page_fill(&html, id), want, "page: {what}");
            assert_eq!(gexf_fill(&gexf, id), want, "GEXF: {what}");
        }
    }
    if !common::has_dot() {
        return;
    }
    // render draws what graph.dot does, in the same colours
    let (code, svg, err) = run(llmkg()
        .arg("--data")
        .arg(fixture("colours/colours.toml"))
        .args(["render", "--family", "beta", "--out", "-"]));
    assert_eq!(code, 0, "{err}");
    let node = svg.split("<title>beta</title>").nth(1).expect("beta drawn");
    let fill = node.split("fill=\"").nth(1).unwrap();
    assert_eq!(&fill[..7], SECOND, "render: {node}");
}
