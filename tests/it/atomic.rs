//! Nothing half-written: with the real binary, an export killed halfway, a full disk and two
//! exports racing into one folder all leave every output file whole, and a closed pipe is no error.

use crate::common;

use common::{files, llmkg_process as llmkg};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Writes a Hugging Face dump of `n` models: a tree where model i derives from model i/3, every
/// tenth one a merge of two. Each `variant` has other ids, release years and relations, so that
/// two dumps differ in every file an export writes.
fn write_dump(path: &Path, n: usize, variant: usize) {
    let year = 2023 + variant;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        f,
        "id,author,created_at,params_b,base_model,base_model_relation"
    )
    .unwrap();
    let id = |i: usize| format!("org{}/v{variant}-{i}", i % 97);
    for i in 0..n {
        let month = 1 + i % 12;
        write!(
            f,
            "{},org{},{year}-{month:02}-01,{},",
            id(i),
            i % 97,
            1 + i % 70
        )
        .unwrap();
        if i == 0 {
            writeln!(f, ",").unwrap();
        } else if i % 10 == 0 && i / 3 > 0 {
            writeln!(f, "\"['{}', '{}']\",merge", id(i / 3), id(i / 3 - 1)).unwrap();
        } else {
            let rel = ["finetune", "quantized", "adapter"][(i + variant) % 3];
            writeln!(f, "{},{rel}", id(i / 3)).unwrap();
        }
    }
}

/// A temporary file of atomic.rs: hidden, ending in `.tmp` (`.graph.dot.XXXXXX.tmp`).
fn is_temp(rel: &Path) -> bool {
    let name = rel.file_name().unwrap().to_string_lossy();
    name.starts_with('.') && name.ends_with(".tmp")
}

fn export(data: &Path, out: &Path, formats: &str) -> std::process::Output {
    let o = llmkg()
        .arg("--data")
        .arg(data)
        .args(["export", "--format", formats, "--out"])
        .arg(out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    o
}

#[test]
fn an_export_killed_halfway_leaves_the_previous_files_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first.csv"), dir.path().join("second.csv"));
    write_dump(&first, 300_000, 0);
    write_dump(&second, 300_000, 1);
    let out = dir.path().join("out");
    let formats = "dot,json";
    let o = export(&first, &out, formats);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let good = files(&out);
    assert_eq!(good.len(), 2, "{:?}", good.keys());

    let mut child = llmkg()
        .arg("--data")
        .arg(&second)
        .args(["export", "--format", formats, "--out"])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // wait until it writes its first temporary file, then kill it mid-write
    // (no time limit: the loop ends when the file appears or the child ends)
    loop {
        let writing = std::fs::read_dir(&out)
            .unwrap()
            .any(|e| is_temp(Path::new(&e.unwrap().file_name())));
        if writing {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the second export ended ({status}) before it wrote a temporary file");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let now = files(&out);
    for (rel, bytes) in &good {
        assert!(
            now.get(rel) == Some(bytes),
            "{} is no longer the first export's",
            rel.display()
        );
    }
    let leftovers: Vec<&PathBuf> = now.keys().filter(|r| !good.contains_key(*r)).collect();
    for rel in &leftovers {
        assert!(
            is_temp(rel),
            "{} is neither an export nor a temporary file",
            rel.display()
        );
    }
    // a SIGKILL gives the process no chance to remove its temporary file: the next run into
    // the folder removes it, and says so
    let o = export(&first, &out, formats);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    for rel in &leftovers {
        assert!(
            stderr.contains(&format!("note: removed {}", out.join(rel).display())),
            "{stderr}"
        );
    }
    assert_eq!(
        files(&out),
        good,
        "no temporary file is left after the next run"
    );
}

/// Waits (without a time limit: until the file appears or the child ends) for `child` to start
/// writing a temporary file into `out`.
fn wait_for_temp(child: &mut std::process::Child, out: &Path) {
    loop {
        let writing = std::fs::read_dir(out)
            .map(|d| {
                d.filter_map(Result::ok)
                    .any(|e| is_temp(Path::new(&e.file_name())))
            })
            .unwrap_or(false);
        if writing {
            return;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the export ended ({status}) before it wrote a temporary file");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Sends `signal` (`INT`, `TERM`) to process `pid` with kill(1).
fn signal(pid: u32, signal: &str) {
    let ok = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(ok.success(), "kill -{signal} {pid}");
}

#[test]
fn ctrl_c_and_sigterm_remove_the_temporary_files_and_exit_130_and_143() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump.csv");
    write_dump(&dump, 300_000, 0);
    for (name, code) in [("INT", 130), ("TERM", 143)] {
        let out = dir.path().join(format!("out-{name}"));
        let mut child = llmkg()
            .arg("--data")
            .arg(&dump)
            .args(["export", "--format", "dot,json", "--out"])
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for_temp(&mut child, &out);
        signal(child.id(), name);
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "SIG{name}");
        let left: Vec<PathBuf> = files(&out).into_keys().filter(|r| is_temp(r)).collect();
        assert!(left.is_empty(), "SIG{name} left {left:?}");
    }
}

/// The processes whose parent is `pid`, by their command names (from /proc).
fn children(pid: u32) -> Vec<(u32, String)> {
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    procs
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|p| {
            let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).ok()?;
            // pid (comm) state ppid ...: comm may hold spaces, so split after its ')'
            let (head, rest) = stat.rsplit_once(')')?;
            let comm = head.split_once('(')?.1.to_string();
            let ppid: u32 = rest.split_whitespace().nth(1)?.parse().ok()?;
            (ppid == pid).then_some((p, comm))
        })
        .collect()
}

#[test]
fn an_interrupted_render_stops_graphviz() {
    if !common::require_reader("Graphviz dot", common::has_dot()) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump.csv");
    write_dump(&dump, 20_000, 0);
    for (name, code) in [("INT", 130), ("TERM", 143)] {
        interrupt_render(dir.path(), &dump, name, code);
    }
}

/// Sends SIG`name` to a `render` of `dump` once its `dot` runs; checks it exits `code`, `dot`
/// is gone and no file is left in the picture's folder.
fn interrupt_render(dir: &Path, dump: &Path, name: &str, code: i32) {
    let picture = dir.join(format!("pictures-{name}/tree.svg"));
    let mut child = llmkg()
        .arg("--data")
        .arg(dump)
        .args(["render", "--max-nodes", "0", "--out"])
        .arg(&picture)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // until dot runs (no time limit: the loop ends when it does or the child ends)
    let dot = loop {
        if let Some((pid, _)) = children(child.id()).into_iter().find(|(_, c)| c == "dot") {
            break pid;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("render ended ({status}) before dot ran");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    signal(child.id(), name);
    assert_eq!(child.wait().unwrap().code(), Some(code), "SIG{name}");
    // dot was sent SIGTERM: wait for it to be gone (it is reaped by init once llmkg exited)
    let proc_dir = PathBuf::from(format!("/proc/{dot}"));
    let gone = |p: &Path| {
        std::fs::read_to_string(p.join("stat"))
            .map(|s| {
                s.rsplit_once(')')
                    .is_some_and(|(_, r)| r.trim_start().starts_with('Z'))
            })
            .unwrap_or(true)
    };
    let started = std::time::Instant::now();
    while !gone(&proc_dir) {
        assert!(
            started.elapsed() < common::HANG_GUARD,
            "SIG{name}: dot {dot} still runs"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        !picture.exists(),
        "SIG{name}: no picture from an interrupted render"
    );
    let pictures = picture.parent().unwrap();
    if pictures.exists() {
        let left = files(pictures);
        assert!(left.is_empty(), "SIG{name}: render left {:?}", left.keys());
    }
}

#[test]
fn a_full_standard_output_is_a_clear_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        common::skip("/dev/full is not available");
        return;
    };
    let o = llmkg()
        .args(["export", "--format", "graphml", "--out", "-"])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("error: cannot write to standard output: No space left on device"),
        "{stderr}"
    );
}

/// A tmpfs mounted for the test, unmounted when dropped.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_keeps_the_previous_files_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::piped())
        .output();
    match mounted {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            common::skip(&format!(
                "cannot mount a small tmpfs ({})",
                String::from_utf8_lossy(&o.stderr).trim()
            ));
            return;
        }
        Err(e) => {
            common::skip(&format!("cannot run mount ({e})"));
            return;
        }
    }
    let _guard = Mount(mnt.clone());
    // the bundled data's DOT and Mermaid files fit in 64 kB
    let o = llmkg()
        .args(["export", "--format", "dot,mermaid", "--out"])
        .arg(&mnt)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let good = files(&mnt);
    assert_eq!(good.len(), 2, "{:?}", good.keys());

    // a bigger graph does not
    let dump = dir.path().join("dump.csv");
    write_dump(&dump, 5_000, 0);
    let o = export(&dump, &mnt, "dot,mermaid");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: exporting dot"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "cannot write {}: No space left on device",
            mnt.join("graph.dot").display()
        )),
        "{stderr}"
    );
    // the previous files are whole, and the failed temporary file was removed
    assert_eq!(files(&mnt), good);
}

#[test]
fn two_exports_at_once_leave_every_file_complete() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    write_dump(&a, 30_000, 0);
    write_dump(&b, 30_000, 1);
    let formats = "dot,graphml,gexf,csv,neo4j,json,mermaid";
    let (ref_a, ref_b) = (dir.path().join("ref-a"), dir.path().join("ref-b"));
    assert!(export(&a, &ref_a, formats).status.success());
    assert!(export(&b, &ref_b, formats).status.success());
    let (want_a, want_b) = (files(&ref_a), files(&ref_b));
    assert_eq!(want_a.len(), 9);
    let same: Vec<&PathBuf> = want_a
        .iter()
        .filter(|(k, v)| want_b[*k] == **v)
        .map(|(k, _)| k)
        .collect();
    assert!(same.is_empty(), "the two runs write the same {same:?}");

    let out = dir.path().join("out");
    let spawn = |data: &Path| {
        llmkg()
            .arg("--data")
            .arg(data)
            .args(["export", "--format", formats, "--out"])
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (ca, cb) = (spawn(&a), spawn(&b));
    for c in [ca, cb] {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let got = files(&out);
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want_a.keys().collect::<Vec<_>>(),
        "no temporary file is left"
    );
    for (rel, bytes) in &got {
        assert!(
            *bytes == want_a[rel] || *bytes == want_b[rel],
            "{} is neither run's whole output",
            rel.display()
        );
    }
}

/// Runs llmkg with stdout to a pipe, reads one line and closes the pipe: exit 0, nothing on stderr.
fn first_line_then_close(args: &[&str]) {
    let mut child = llmkg()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    {
        let mut r = BufReader::new(child.stdout.take().unwrap());
        r.read_line(&mut line).unwrap();
    } // the reader is dropped: the pipe is closed
    assert!(!line.is_empty(), "llmkg {args:?} printed nothing");
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "llmkg {args:?}: {stderr}");
    assert_eq!(stderr, "", "llmkg {args:?}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    first_line_then_close(&["descendants", "Llama"]);
    first_line_then_close(&["list"]);
    // outputs much bigger than a pipe's buffer, so the pipe is closed while llmkg still writes
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump.csv");
    write_dump(&dump, 30_000, 0);
    let data = dump.to_str().unwrap();
    first_line_then_close(&[
        "--data", data, "export", "--format", "graphml", "--out", "-",
    ]);
    first_line_then_close(&["--data", data, "list"]);
    first_line_then_close(&["--data", data, "descendants", "org0/v0-0"]);
    first_line_then_close(&[
        "--data",
        data,
        "descendants",
        "org0/v0-0",
        "--format",
        "json",
    ]);
    first_line_then_close(&["--data", data, "check"]);
}

#[test]
fn out_naming_a_file_says_it_is_not_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("graph.json");
    std::fs::write(&file, "{}").unwrap();
    let o = llmkg()
        .args(["export", "--format", "json", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("a file, not a folder"), "{stderr}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"{}",
        "the file is left alone"
    );
}
