//! The README and docs/ as a newcomer meets them: every link resolves, and every example runs as
//! shown.
//!
//! A `console` block of the README is `$ command` lines, each followed by the standard output it
//! prints, which must be what the command prints today. An `sh` block's commands must succeed
//! (`cargo` and `bash` lines are the developer's, left out), and a `python` block runs after them.
//! They run in an empty folder holding only `docs/examples/`, as from the clone.

use crate::common::{has_dot, has_python_module, require_reader};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fenced block of a markdown file: its language and its lines.
struct Block {
    lang: String,
    lines: Vec<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for line in text.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => {
                open = Some(Block {
                    lang: lang.trim().to_string(),
                    lines: Vec::new(),
                })
            }
            (Some(_), Some(_)) => out.extend(open.take()),
            (Some(block), None) => block.lines.push(line.to_string()),
            (None, None) => {}
        }
    }
    out
}

/// An empty folder with the README's example inputs, and a PATH that finds this build's llmkg.
fn workspace() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let examples = dir.path().join("docs/examples");
    std::fs::create_dir_all(&examples).unwrap();
    for entry in std::fs::read_dir(root().join("docs/examples")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), examples.join(entry.file_name())).unwrap();
    }
    let bin = assert_cmd::cargo::cargo_bin("llmkg");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (dir, path)
}

fn shell(dir: &Path, path: &str, command: &str) -> std::process::Output {
    Command::new("sh")
        .args(["-c", command])
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .expect("sh runs")
}

/// The `console` blocks' commands with the output the README shows for each.
fn console_examples(readme: &str) -> Vec<(String, String)> {
    let mut examples: Vec<(String, String)> = Vec::new();
    for block in blocks(readme).into_iter().filter(|b| b.lang == "console") {
        for line in block.lines {
            match (line.strip_prefix("$ "), examples.last_mut()) {
                (Some(command), _) => examples.push((command.to_string(), String::new())),
                (None, Some((_, shown))) => {
                    shown.push_str(&line);
                    shown.push('\n');
                }
                (None, None) => panic!("a console block starts without a `$ ` command: {line}"),
            }
        }
    }
    examples
}

#[test]
fn the_readmes_console_examples_print_what_it_shows() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let examples = console_examples(&readme);
    assert!(examples.len() >= 3, "the README shows its examples");
    let (dir, path) = workspace();
    for (command, shown) in examples {
        assert!(command.starts_with("llmkg "), "{command}");
        let out = shell(dir.path(), &path, &command);
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), shown, "{command}");
    }
}

#[test]
fn the_readmes_shell_and_python_examples_run() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let commands: Vec<String> = blocks(&readme)
        .into_iter()
        .filter(|b| b.lang == "sh")
        .flat_map(|b| b.lines)
        .map(|l| l.split(" #").next().unwrap().trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with("cargo ") && !l.starts_with("bash "))
        .collect();
    assert!(commands.iter().any(|c| c.starts_with("llmkg render")));
    if !require_reader("dot", has_dot())
        || !require_reader("networkx", has_python_module("networkx"))
    {
        return;
    }
    let (dir, path) = workspace();
    for command in &commands {
        let out = shell(dir.path(), &path, command);
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(dir.path().join("site/graph.html").is_file());
    for block in blocks(&readme).into_iter().filter(|b| b.lang == "python") {
        let out = Command::new("python3")
            .args(["-c", &block.lines.join("\n")])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("nodes;"));
    }
}

/// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(text: &str) -> Vec<String> {
    blocks_out(text)
        .lines()
        .filter(|line| line.starts_with('#'))
        .map(|line| anchor(line.trim_start_matches('#')))
        .collect()
}

/// A markdown text without its fenced blocks.
fn blocks_out(text: &str) -> String {
    let mut fenced = false;
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Every `[text](target)` of a markdown text, outside code, whose target is inside the repository.
fn local_links(text: &str) -> Vec<String> {
    let prose: String = blocks_out(text);
    let code = regex::Regex::new(r"`[^`\n]*`").unwrap();
    let text = code.replace_all(&prose, "");
    let link = regex::Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    link.captures_iter(&text)
        .map(|c| c[1].to_string())
        .filter(|t| !t.contains("://") && !t.starts_with("mailto:"))
        .collect()
}

#[test]
fn every_link_of_the_readme_and_docs_resolves() {
    let mut pages = vec![root().join("README.md")];
    for entry in std::fs::read_dir(root().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    assert!(
        pages.len() >= 8,
        "docs/ holds the topics the README links to"
    );
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for target in local_links(&text) {
            let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let path = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            assert!(
                path.exists(),
                "{}: link to {target}: no such file",
                page.display()
            );
            if !fragment.is_empty() {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    anchors(&text).iter().any(|a| a == fragment),
                    "{}: link to {target}: no such heading",
                    page.display()
                );
            }
        }
    }
}

#[test]
fn the_readme_is_read_in_five_minutes() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.lines().count() < 300,
        "the README stays under 300 lines"
    );
    let first = blocks(&readme).into_iter().next().unwrap();
    assert!(first.lines[0].starts_with("cargo run --release"));
    assert!(first.lines[1].starts_with("cargo test --release"));
}
