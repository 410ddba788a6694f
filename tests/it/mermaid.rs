//! graph.mmd read by Mermaid itself: the Mermaid CLI (`mmdc`, installed by `npm ci` in
//! `tests/mermaid/` with `PUPPETEER_SKIP_DOWNLOAD=1`) drives Debian's Chromium
//! (`tests/mermaid/puppeteer.json`) over the bundled data's graph.mmd and over the Mermaid
//! export of a 20,000-model Hub tree: each is drawn, every node of it, and the bundled one is
//! not much wider than tall. Skipped when node, the Mermaid CLI or Chromium is missing, unless
//! `LLMKG_REQUIRE_READERS=1`.

use crate::common;

use common::{hub_tree, llmkg, require_reader, run};
use std::path::{Path, PathBuf};

/// The folder of the Mermaid CLI's package.
fn cli_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mermaid")
}

/// Whether the Mermaid CLI can run: node, the installed package and Chromium.
fn has_mermaid_cli() -> bool {
    let node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok();
    let mmdc = cli_dir().join("node_modules/.bin/mmdc").exists();
    let chromium = Path::new("/usr/bin/chromium").exists();
    node && mmdc && chromium
}

/// Runs `mmdc` on `mmd`, which must succeed; the SVG it wrote.
fn mmdc(mmd: &Path, dir: &Path) -> String {
    let svg = dir.join(format!(
        "{}.svg",
        mmd.file_stem().unwrap().to_string_lossy()
    ));
    let dir = cli_dir();
    let out = std::process::Command::new(dir.join("node_modules/.bin/mmdc"))
        .arg("--quiet")
        .arg("--puppeteerConfigFile")
        .arg(dir.join("puppeteer.json"))
        .arg("--input")
        .arg(mmd)
        .arg("--output")
        .arg(&svg)
        .output()
        .expect("mmdc runs");
    assert!(
        out.status.success(),
        "mmdc {}: {}{}",
        mmd.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&svg).expect("mmdc wrote the SVG")
}

/// The nodes a flowchart declares.
fn declared(mmd: &str) -> usize {
    let node = regex::Regex::new(r#"^    n_[A-Za-z0-9_]+(\[|\(\[|\{\{|>)""#).unwrap();
    mmd.lines().filter(|l| node.is_match(l)).count()
}

/// The nodes Mermaid drew, and the drawing's width and height (its viewBox).
fn drawn(svg: &str) -> (usize, f64, f64) {
    assert!(!svg.contains("Maximum text size"), "over maxTextSize");
    assert!(!svg.contains("Syntax error"), "Mermaid could not read it");
    let nodes = regex::Regex::new(r#"<g class="node[ "]"#)
        .unwrap()
        .find_iter(svg)
        .count();
    let view = regex::Regex::new(r#"viewBox="([-0-9.]+) ([-0-9.]+) ([0-9.]+) ([0-9.]+)""#)
        .unwrap()
        .captures(svg)
        .expect("a viewBox");
    (nodes, view[3].parse().unwrap(), view[4].parse().unwrap())
}

#[test]
fn mermaid_draws_the_bundled_graph_top_down() {
    if !require_reader(
        "Mermaid CLI (npm ci in tests/mermaid) with node and chromium",
        has_mermaid_cli(),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mmd = Path::new(env!("CARGO_MANIFEST_DIR")).join("out/graph.mmd");
    let text = std::fs::read_to_string(&mmd).unwrap();
    let (nodes, width, height) = drawn(&mmdc(&mmd, dir.path()));
    assert_eq!(nodes, declared(&text), "every node drawn");
    assert!(nodes > 40, "{nodes}");
    assert!(
        width / height <= 3.0,
        "{width} x {height} px: the family tree is far wider than tall"
    );
}

#[test]
fn mermaid_draws_the_cut_export_of_a_graph_over_its_limits() {
    if !require_reader(
        "Mermaid CLI (npm ci in tests/mermaid) with node and chromium",
        has_mermaid_cli(),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = hub_tree(dir.path(), 20_000);
    let mmd = dir.path().join("hub.mmd");
    let (code, text, err) = run(llmkg()
        .arg("--data")
        .arg(&data)
        .args(["export", "--format", "mermaid", "--out", "-"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note: graph.mmd: ") && err.contains("--family NAME"),
        "{err}"
    );
    std::fs::write(&mmd, &text).unwrap();
    let (nodes, _, _) = drawn(&mmdc(&mmd, dir.path()));
    assert!(nodes > 100, "{nodes}");
    assert_eq!(nodes, declared(&text), "every node drawn");
}

#[test]
fn mermaid_draws_a_name_far_over_graphviz_limit_shortened() {
    if !require_reader(
        "Mermaid CLI (npm ci in tests/mermaid) with node and chromium",
        has_mermaid_cli(),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let name = format!("Giant{}", "x".repeat(19_995));
    let list = dir.path().join("long.md");
    std::fs::write(
        &list,
        format!(
            "# Models\n\n## Open LLMs\n* Llama [[paper](https://arxiv.org/abs/2302.13971)]\n  \
             * 2023/02, Meta AI proposes the open source LLM Llama.\n\
             * {name} [[code](https://github.com/example/giant)]\n  \
             * 2023/04, Stanford proposes {name}, fine-tuned from Llama.\n"
        ),
    )
    .unwrap();
    let (code, text, err) = run(llmkg()
        .arg("--data")
        .arg(&list)
        .args(["export", "--format", "mermaid", "--out", "-"]));
    assert_eq!(code, 0, "{err}");
    assert!(!text.contains(&name) && text.contains("Giantxxx"), "{text}");
    let mmd = dir.path().join("long.mmd");
    std::fs::write(&mmd, &text).unwrap();
    let svg = mmdc(&mmd, dir.path());
    let (nodes, _, _) = drawn(&svg);
    assert_eq!(nodes, declared(&text), "every node drawn");
    assert!(svg.contains("Giantxxx"), "the shortened name drawn");
}
