//! Helpers shared by the integration tests.

use assert_cmd::Command;
use std::time::Duration;

/// How long a child llmkg may run before a test kills it. Not a speed assertion (speed is
/// measured in `benches/`, never in tests): it only turns a hang into a failure instead of a CI
/// run that never ends, so it is far above any run's time on the slowest machine.
pub const HANG_GUARD: Duration = Duration::from_secs(600);

/// The llmkg binary, ready for arguments.
pub fn llmkg() -> Command {
    Command::cargo_bin("llmkg").expect("the llmkg binary is built")
}

/// The llmkg binary as a plain process, for tests that spawn, signal or pipe it.
pub fn llmkg_process() -> std::process::Command {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("llmkg"))
}

/// Runs a command that must succeed and parses its standard output as JSON.
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

/// Whether a test that needs the outside reader `name` should run: true when `available`;
/// otherwise says "skipped: TEST: <name> not installed" ([`skip`]) and returns false, or panics when
/// `LLMKG_REQUIRE_READERS=1` says every reader must be there.
pub fn require_reader(name: &str, available: bool) -> bool {
    if available {
        return true;
    }
    if std::env::var("LLMKG_REQUIRE_READERS").as_deref() == Ok("1") {
        panic!("{name} is required (LLMKG_REQUIRE_READERS=1) but not installed");
    }
    skip(&format!("{name} not installed"));
    false
}

/// Says that the running test checked nothing, and why, where a plain `cargo test` shows it: on
/// the process's standard error, which the test harness does not capture (`println!` would show
/// only with `--nocapture`), as `skipped: TEST: why`.
pub fn skip(why: &str) {
    use std::io::Write as _;
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr().lock(), "skipped: {test}: {why}");
}

/// The graph `llmkg --data INPUT... export --format json` writes for `inputs`, parsed.
pub fn graph_of(inputs: &[std::path::PathBuf]) -> serde_json::Value {
    let mut cmd = llmkg();
    for i in inputs {
        cmd.arg("--data").arg(i);
    }
    json_of(cmd.args(["export", "--format", "json", "--out", "-"]))
}

/// The node `id` of a node-link JSON graph; panics naming the id where there is none.
pub fn node<'a>(g: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    (g["nodes"].as_array().expect("nodes").iter())
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

/// A file under `tests/fixtures/`.
pub fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs a command (killed after [`HANG_GUARD`]) and returns its exit code (-1 when killed by a
/// signal), standard output and standard error.
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.timeout(HANG_GUARD).output().expect("llmkg runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file under `dir` (recursively), by path relative to `dir`, with its bytes.
pub fn files(dir: &std::path::Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// A Hub-like model tree of `models` models, written by the benchmark's generator
/// (`benches/gen_hf_tree.py`, seed 42) into `dir`; the CSV's path.
pub fn hub_tree(dir: &std::path::Path, models: usize) -> std::path::PathBuf {
    let generator = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/gen_hf_tree.py");
    let csv = dir.join(format!("hub-{models}.csv"));
    let status = std::process::Command::new("python3")
        .arg(&generator)
        .arg(models.to_string())
        .arg(&csv)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("python3 runs benches/gen_hf_tree.py");
    assert!(status.success(), "benches/gen_hf_tree.py {models} failed");
    csv
}

/// Whether Graphviz's `dot` is installed.
pub fn has_dot() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether `python3` can import `module`.
pub fn has_python_module(module: &str) -> bool {
    std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The `--data` arguments of a merged graph of the four sources, a few thousand nodes: the
/// bundled data, fixtures of Epoch AI (with systems of the 1950s), Ecosystem Graphs assets and an
/// awesome list, and an Epoch AI CSV written into `dir` of `models` models of 30 organizations
/// (the k-th makes about twice as many as the (2k)-th), each organization's models in families
/// (most fine-tuned from an earlier one of theirs), released from 2016 to 2024.
pub fn merged_sources(dir: &std::path::Path, models: usize) -> Vec<std::path::PathBuf> {
    use std::io::Write;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources: Vec<std::path::PathBuf> = [
        "data",
        "tests/fixtures/epoch/all_ai_models.csv",
        "tests/fixtures/page/early-systems.csv",
        "tests/fixtures/ecosystem/assets",
        "tests/fixtures/awesome-readme.md",
    ]
    .iter()
    .map(|p| root.join(p))
    .collect();
    let path = dir.join("epoch-generated.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(f, "Model,Publication date,Organization,Parameters,Base model,Link,Domain,Country (of organization),Model accessibility,Training compute (FLOP)").unwrap();
    let harmonic: f64 = (1..=30).map(|k| 1.0 / k as f64).sum();
    for org in 0..30 {
        let count = ((models as f64 / harmonic) / (org + 1) as f64).ceil() as usize;
        for i in 0..count {
            let base = match i % 4 {
                0 => String::new(),
                _ => format!("Lab{org} Model {}", i / 2),
            };
            let (year, month) = (2016 + i * 9 / count, 1 + i % 12);
            writeln!(
                f,
                "Lab{org} Model {i},{year}-{month:02}-01,Laboratory {org},7000000000,{base},https://example.org/lab{org}/{i},Language,,Open weights (unrestricted),"
            )
            .unwrap();
        }
    }
    f.flush().unwrap();
    sources.push(path);
    sources
}
