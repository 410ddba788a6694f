//! `graph.html`, the page to explore the family tree in a browser: its layout (bases above what
//! derives from them, families side by side), its bytes (the same on every run, one file that
//! loads nothing), its limit (over 5,000 nodes, or `--max-nodes`, it draws the largest families
//! that fit and says how to narrow, as export does), and
//! the page itself in Debian's Chromium through Playwright, offline (`tests/page/check_page.py`):
//! search, lineage highlighting, the card's evidence, the URL fragment, the filters, and a
//! 5,000-node page.

use crate::common;

use common::{json_of, llmkg, require_reader, run};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exports `formats` of the bundled data (or of `data`) into `dir`; returns standard error.
fn export(data: Option<&Path>, formats: &str, dir: &Path) -> String {
    let mut cmd = llmkg();
    if let Some(d) = data {
        cmd.arg("--data").arg(d);
    }
    let (code, _, err) = run(cmd.args(["export", "--format", formats, "--out"]).arg(dir));
    assert_eq!(code, 0, "{err}");
    err
}

/// The JSON the page carries in its `graph-data` script element.
fn page_data(html: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"graph-data\">";
    let start = html.find(open).expect("the data element") + open.len();
    let end = start + html[start..].find("</script>").expect("its end");
    serde_json::from_str(&html[start..end]).expect("the page data is JSON")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// A Hub dump of `trees` binary trees of `per_tree` models each, one author per tree, dated by
/// depth: `trees * per_tree` models and `trees` organizations.
fn forest(dir: &Path, trees: usize, per_tree: usize) -> PathBuf {
    let path = dir.join(format!("forest-{trees}x{per_tree}.csv"));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(
        f,
        "id,author,created_at,params_b,base_model,base_model_relation"
    )
    .unwrap();
    for t in 0..trees {
        for k in 0..per_tree {
            let month = 1 + 2 * (k + 1).ilog2() as usize + k % 2;
            let date = format!("{}-{:02}-01", 2023 + (month - 1) / 12, (month - 1) % 12 + 1);
            let base = match k {
                0 => ",".to_string(),
                _ => format!("org{t}/m{},finetune", (k - 1) / 2),
            };
            writeln!(f, "org{t}/m{k},org{t},{date},7,{base}").unwrap();
        }
    }
    f.flush().unwrap();
    path
}

/// A node's place on the page: x, y and column.
type Place = (i64, i64, Option<u64>);

/// The relations the page calls lineage, and each node's place from the page data.
fn places(data: &Value) -> (BTreeSet<String>, BTreeMap<String, Place>) {
    let lineage = data["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["lineage"] == true)
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect();
    let places = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let at = (
                n["x"].as_i64().unwrap(),
                n["y"].as_i64().unwrap(),
                n["column"].as_u64(),
            );
            (n["id"].as_str().unwrap().to_string(), at)
        })
        .collect();
    (lineage, places)
}

#[test]
fn bases_are_drawn_above_what_derives_from_them_and_families_stay_together() {
    let dir = tempfile::tempdir().unwrap();
    export(None, "html,json", dir.path());
    let data = page_data(&read(&dir.path().join("graph.html")));
    let graph: Value = serde_json::from_str(&read(&dir.path().join("graph.json"))).unwrap();
    let (lineage, at) = places(&data);
    let kind: BTreeMap<&str, &str> = (graph["nodes"].as_array().unwrap().iter())
        .map(|n| (n["id"].as_str().unwrap(), n["kind"].as_str().unwrap()))
        .collect();
    let released: BTreeMap<&str, &str> = (graph["nodes"].as_array().unwrap().iter())
        .filter_map(|n| Some((n["id"].as_str()?, n["released"].as_str()?)))
        .collect();
    let mut checked = 0;
    for e in graph["edges"].as_array().unwrap() {
        let (s, t) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
        if !lineage.contains(e["relation"].as_str().unwrap()) || kind[s] != kind[t] {
            continue;
        }
        // a family edge: both ends in one column, the base above when it is not newer
        assert_eq!(at[s].2, at[t].2, "{s} and its base {t} share a column");
        let base_not_newer = match (released.get(t), released.get(s)) {
            (Some(base), Some(derived)) => base <= derived,
            (Some(_), None) => true, // undated nodes are drawn below the dated ones
            _ => false,
        };
        if base_not_newer {
            assert!(
                at[t].1 < at[s].1,
                "{t} drawn above {s}: {:?} {:?}",
                at[t],
                at[s]
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked} family edges checked");
    // columns side by side, each holding its members and nothing else
    let columns = data["columns"].as_array().unwrap();
    assert!(columns.len() > 5);
    for (k, c) in columns.iter().enumerate() {
        let (x, w) = (c["x"].as_i64().unwrap(), c["width"].as_i64().unwrap());
        if let Some(next) = columns.get(k + 1) {
            assert!(
                x + w <= next["x"].as_i64().unwrap(),
                "columns {k} and {} apart",
                k + 1
            );
        }
        let members: Vec<_> = at.values().filter(|p| p.2 == Some(k as u64)).collect();
        assert_eq!(members.len() as u64, c["members"].as_u64().unwrap());
        assert!(
            members.iter().all(|p| x <= p.0 && p.0 < x + w),
            "column {k}"
        );
    }
    assert_eq!(columns[0]["label"], "Llama", "the largest family first");
    // the time axis: earliest at the top, every node inside the drawing
    let bands: Vec<&str> = (data["bands"].as_array().unwrap().iter())
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(bands.first(), Some(&"2017"));
    assert!(
        bands.contains(&"2023 Q3"),
        "a crowded year in quarters: {bands:?}"
    );
    assert_eq!(bands.last(), Some(&"organizations"));
    let (w, h) = (
        data["width"].as_i64().unwrap(),
        data["height"].as_i64().unwrap(),
    );
    assert!(
        at.values()
            .all(|p| 0 < p.0 && p.0 < w && 0 < p.1 && p.1 < h)
    );
}

#[test]
fn the_page_is_byte_identical_from_run_to_run_and_carries_every_node_and_edge() {
    let tmp = tempfile::tempdir().unwrap();
    let data = forest(tmp.path(), 20, 50);
    for source in [None, Some(data.as_path())] {
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        export(source, "html,json", &a);
        export(source, "html", &b);
        let page = read(&a.join("graph.html"));
        assert!(
            page == read(&b.join("graph.html")),
            "{source:?}: two runs differ"
        );
        let graph: Value = serde_json::from_str(&read(&a.join("graph.json"))).unwrap();
        let data = page_data(&page);
        for list in ["nodes", "edges"] {
            assert_eq!(
                data[list].as_array().unwrap().len(),
                graph[list].as_array().unwrap().len(),
                "{source:?}: {list}"
            );
        }
        let evidence = &data["edges"][0]["evidence"][0];
        assert_eq!(*evidence, graph["edges"][0]["evidence"], "{source:?}");
    }
}

#[test]
fn over_the_limit_the_page_draws_the_largest_families_and_says_how_to_narrow() {
    let tmp = tempfile::tempdir().unwrap();
    let data = forest(tmp.path(), 50, 101); // 5,050 models and 50 organizations
    let err = export(Some(&data), "html", tmp.path());
    assert!(
        err.contains("note: graph.html: ") && err.contains("--family"),
        "{err}"
    );
    let page = page_data(&read(&tmp.path().join("graph.html")));
    let drawn = page["nodes"].as_array().unwrap().len();
    assert!((4_000..=5_000).contains(&drawn), "{drawn}");
    let notice = page["notice"].to_string();
    assert!(notice.contains("--family"), "{notice}");
    // --max-nodes sets the page's limit as the other drawings'
    let small = tmp.path().join("small");
    let mut cmd = llmkg();
    let (code, _, err) = run(cmd
        .arg("--data")
        .arg(&data)
        .args(["export", "--format", "html", "--max-nodes", "300", "--out"])
        .arg(&small));
    assert_eq!(code, 0, "{err}");
    let page = page_data(&read(&small.join("graph.html")));
    let drawn = page["nodes"].as_array().unwrap().len();
    assert!((100..=300).contains(&drawn), "{drawn}");
    // at the limit the page draws everything and export says nothing of it
    let data = forest(tmp.path(), 50, 99);
    let err = export(Some(&data), "html", tmp.path());
    assert!(!err.contains("graph.html: "), "{err}");
    let page = page_data(&read(&tmp.path().join("graph.html")));
    assert_eq!(page["nodes"].as_array().unwrap().len(), 5000);
    assert!(page.get("notice").is_none());
}

/// Whether Python's Playwright and Debian's Chromium are installed (nothing downloads a browser).
fn browser_available() -> bool {
    common::has_python_module("playwright.sync_api") && Path::new("/usr/bin/chromium").exists()
}

/// Runs `tests/page/check_page.py` on `config` and fails with its output unless it passed.
fn check_in_chromium(config: &Value, dir: &Path) {
    let path = dir.join("check.json");
    std::fs::write(&path, config.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/page/check_page.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(&path)
        .output()
        .expect("python3 runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    println!("{stdout}");
    assert!(out.status.success(), "{stdout}\n{stderr}");
}

/// The ids `llmkg QUERY NAME --format json` lists, less the subject.
fn query_ids(query: &str, name: &str) -> Vec<String> {
    let v = json_of(llmkg().args([query, name, "--format", "json"]));
    (v["nodes"].as_array().unwrap().iter())
        .map(|n| n["id"].as_str().unwrap().to_string())
        .filter(|id| id != name)
        .collect()
}

#[test]
fn the_bundled_page_works_offline_in_chromium() {
    if !require_reader(
        "python3 playwright and /usr/bin/chromium",
        browser_available(),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    export(None, "html,json", dir.path());
    let mut bundled = serde_json::json!({
        "html": dir.path().join("graph.html"),
        "json": dir.path().join("graph.json"),
        "ancestors": query_ids("ancestors", "code-llama"),
        "descendants": query_ids("descendants", "code-llama"),
    });
    // LLMKG_PAGE_SCREENSHOT=docs/page.png takes the README's picture
    if let Ok(shot) = std::env::var("LLMKG_PAGE_SCREENSHOT") {
        bundled["screenshot"] = serde_json::json!(Path::new(env!("CARGO_MANIFEST_DIR")).join(shot));
    }
    check_in_chromium(&serde_json::json!({ "bundled": bundled }), dir.path());
}

#[test]
fn a_5000_node_page_opens_in_chromium_and_a_larger_one_draws_what_fits_with_a_notice() {
    if !require_reader(
        "python3 playwright and /usr/bin/chromium",
        browser_available(),
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (big, over) = (tmp.path().join("big"), tmp.path().join("over"));
    export(Some(&forest(tmp.path(), 50, 99)), "html", &big);
    export(Some(&forest(tmp.path(), 50, 101)), "html", &over);
    let config = serde_json::json!({
        "big": {"html": big.join("graph.html"), "nodes": 5000, "deep": "org9--m98"},
        "over": {"html": over.join("graph.html")},
    });
    check_in_chromium(&config, tmp.path());
}

#[test]
fn the_page_of_a_merged_graph_opens_readable_and_colours_its_largest_organizations_apart() {
    if !require_reader(
        "python3 playwright and /usr/bin/chromium",
        browser_available(),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // the bundled data with fixtures of the other sources: Epoch (with systems of the 1950s and
    // a generated CSV of 2,500 models), Ecosystem Graphs assets and an awesome list
    let mut cmd = llmkg();
    for data in common::merged_sources(dir.path(), 2_500) {
        cmd.arg("--data").arg(data);
    }
    let (code, _, err) = run(cmd
        .args(["export", "--format", "html,json", "--out"])
        .arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    let html = dir.path().join("graph.html");
    let data = page_data(&read(&html));
    let organizations = data["organizations"].as_array().unwrap();
    // how many organizations made something, so have a colour or count among the others
    let makers = organizations
        .iter()
        .filter(|o| o["count"].as_u64().unwrap() > 0)
        .count();
    assert!(makers > 12, "{makers}");
    assert_eq!(data["bands"][0]["label"], "1950");
    assert!(
        data["bands"][1]["gap"].as_u64().is_some(),
        "a gap of years is marked: {}",
        data["bands"]
    );
    let mut merged = serde_json::json!({
        "html": html, "json": dir.path().join("graph.json"), "organizations": makers,
    });
    assert!(data["nodes"].as_array().unwrap().len() > 2_000);
    // LLMKG_MERGED_SCREENSHOT=docs/img/merged-page.png takes the docs' picture of the first view
    if let Ok(shot) = std::env::var("LLMKG_MERGED_SCREENSHOT") {
        merged["screenshot"] = serde_json::json!(Path::new(env!("CARGO_MANIFEST_DIR")).join(shot));
    }
    let config = serde_json::json!({ "merged": merged });
    check_in_chromium(&config, dir.path());
}

#[test]
fn the_page_colours_by_licence_class_on_request() {
    if !require_reader(
        "python3 playwright and /usr/bin/chromium",
        browser_available(),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let snapshot =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hub-snapshot/models.parquet");
    export(Some(&snapshot), "html", dir.path());
    let config = serde_json::json!({ "licences": {
        "html": dir.path().join("graph.html"),
        // a model of each class the fixture has, and one the table has no class for
        "classes": {
            "someone--vicuna-7b-lora": "permissive",
            "meta-llama--llama-2-7b-hf": "custom-restricted",
            "mistralai--mistral-7b-v0.1": "none",
        },
        "colours": {
            "permissive": "rgb(153, 221, 255)",
            "custom-restricted": "rgb(238, 221, 136)",
            "none": "rgb(244, 244, 244)",
        },
        // models and datasets by class: two datasets and Mistral have none
        "counts": {"permissive": "2", "copyleft": "0", "custom-restricted": "3", "non-commercial": "0", "none": "3"},
    }});
    check_in_chromium(&config, dir.path());
}
