//! `llmkg pull` against a loopback server started here that answers like the Hub: pages with
//! `Link` cursors, a 429 with `Retry-After`, a 500 once, a 404 for an unknown id. Never the
//! network.

use crate::common;

use common::llmkg;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// A canned Hub: the family root/a ← {x/child1, x/child2 (adapter)}, child1 ← x/grand (quantized),
/// x/grand ← x/great (finetune). Listings come one model a page.
struct Hub {
    port: u16,
    /// Every path asked for, in order.
    asked: Arc<Mutex<Vec<String>>>,
}

fn record(id: &str, tags: &[&str]) -> Value {
    json!({"id": id, "modelId": id, "downloads": 7, "likes": 1, "tags": tags})
}

/// The children of a filter, by `base_model:<relation>:<id>`.
fn children() -> HashMap<&'static str, Vec<Value>> {
    HashMap::from([
        (
            "base_model:finetune:root/a",
            vec![record(
                "x/child1",
                &["base_model:finetune:root/a", "license:mit"],
            )],
        ),
        (
            "base_model:adapter:root/a",
            vec![record("x/child2", &["base_model:adapter:root/a"])],
        ),
        (
            "base_model:quantized:x/child1",
            vec![record("x/grand", &["base_model:quantized:x/child1"])],
        ),
        (
            "base_model:finetune:x/grand",
            vec![record("x/great", &["base_model:finetune:x/grand"])],
        ),
    ])
}

impl Hub {
    fn start() -> Hub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&asked);
        std::thread::spawn(move || {
            let kids = children();
            let mut failed = (false, false);
            for stream in listener.incoming() {
                let Ok(mut s) = stream else { continue };
                let mut reader = BufReader::new(s.try_clone().unwrap());
                let mut first = String::new();
                reader.read_line(&mut first).unwrap();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).unwrap() == 0 || h == "\r\n" {
                        break;
                    }
                }
                let path = first.split(' ').nth(1).unwrap_or("").to_string();
                log.lock().unwrap().push(path.clone());
                let (status, headers, body) = answer(&path, port, &kids, &mut failed);
                let _ = write!(
                    s,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n{body}",
                    body.len()
                );
            }
        });
        Hub { port, asked }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn asked(&self) -> Vec<String> {
        self.asked.lock().unwrap().clone()
    }
}

/// The answer to a path: a 429 (with `Retry-After: 1`) the first time a listing of root/a is
/// asked, a 500 the first time x/child1's quantizations are, pages of one model each otherwise.
fn answer(
    path: &str,
    port: u16,
    kids: &HashMap<&str, Vec<Value>>,
    failed: &mut (bool, bool),
) -> (String, String, String) {
    let ok = |headers: String, body: String| ("200 OK".to_string(), headers, body);
    if let Some(id) = path.strip_prefix("/api/models/") {
        return match id {
            "root/a" => ok(
                String::new(),
                record("root/a", &["license:llama2"]).to_string(),
            ),
            _ => (
                "404 Not Found".into(),
                String::new(),
                "{\"error\":\"not found\"}".into(),
            ),
        };
    }
    let query = path.split_once('?').map_or("", |(_, q)| q);
    let param = |k: &str| {
        (query.split('&'))
            .find_map(|kv| kv.strip_prefix(&format!("{k}=")))
            .unwrap_or("")
            .to_string()
    };
    let filter = param("filter");
    if filter == "base_model:finetune:root/a" && !failed.0 {
        failed.0 = true;
        return (
            "429 Too Many Requests".into(),
            "Retry-After: 1\r\n".into(),
            "{}".into(),
        );
    }
    if filter == "base_model:quantized:x/child1" && !failed.1 {
        failed.1 = true;
        return (
            "500 Internal Server Error".into(),
            String::new(),
            "{}".into(),
        );
    }
    let list = kids.get(filter.as_str()).cloned().unwrap_or_default();
    // one model a page, then a cursor to the next (an empty page ends a list of one)
    let at: usize = param("cursor").parse().unwrap_or(0);
    let page: Vec<Value> = list.iter().skip(at).take(1).cloned().collect();
    let link = if at < list.len() {
        format!(
            "Link: <http://127.0.0.1:{port}/api/models?filter={filter}&limit=1&cursor={}>; rel=\"next\"\r\n",
            at + 1
        )
    } else {
        String::new()
    };
    ok(link, Value::from(page).to_string())
}

fn ids_in(file: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    (text.lines())
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn a_family_is_fetched_across_pages_through_a_429_and_a_500() {
    let hub = Hub::start();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("family.jsonl");
    llmkg()
        .args([
            "pull",
            "root/a",
            "--page-size",
            "1",
            "--endpoint",
            &hub.url(),
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let mut ids = ids_in(&out);
    ids.sort();
    assert_eq!(
        ids,
        ["root/a", "x/child1", "x/child2", "x/grand", "x/great"]
    );
    let asked = hub.asked();
    assert!(asked.iter().any(|p| p.contains("cursor=1")), "{asked:#?}");
    // the 429 and the 500 were each asked again
    let again = |f: &str| {
        asked
            .iter()
            .filter(|p| p.contains(f) && !p.contains("cursor"))
            .count()
    };
    assert_eq!(again("base_model:finetune:root/a"), 2);
    assert_eq!(again("base_model:quantized:x/child1"), 2);
    // the file is an input: the family, three levels deep, with its relations
    let v = common::json_of(llmkg().arg("--data").arg(&out).args([
        "ancestors",
        "x/great",
        "--format",
        "json",
    ]));
    let text = v.to_string();
    for id in ["x--grand", "x--child1", "root--a"] {
        assert!(text.contains(id), "{id} in {text}");
    }
}

#[test]
fn depth_limits_the_levels_and_a_rerun_resumes_from_the_file() {
    let hub = Hub::start();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("family.jsonl");
    let pull = |depth: Option<&str>| {
        let mut c = llmkg();
        c.args(["pull", "root/a", "--endpoint", &hub.url(), "-o"])
            .arg(&out);
        if let Some(d) = depth {
            c.args(["--depth", d]);
        }
        c.assert().success();
    };
    pull(Some("1"));
    let mut ids = ids_in(&out);
    ids.sort();
    assert_eq!(ids, ["root/a", "x/child1", "x/child2"]);
    // an interrupted pull: the rest is fetched, nothing is written twice, the model's own
    // record is not asked for again
    pull(None);
    let ids = ids_in(&out);
    assert_eq!(ids.len(), 5, "{ids:?}");
    let roots = hub
        .asked()
        .iter()
        .filter(|p| p.as_str() == "/api/models/root/a")
        .count();
    assert_eq!(roots, 1);
}

#[test]
fn an_unknown_id_is_a_clear_error() {
    let hub = Hub::start();
    let dir = tempfile::tempdir().unwrap();
    let out = llmkg()
        .args(["pull", "nobody/nothing", "--endpoint", &hub.url(), "-o"])
        .arg(dir.path().join("f.jsonl"))
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("nobody/nothing: no such model"), "{err}");
}
