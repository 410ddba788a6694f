//! Shared pieces of the fuzz targets: the downstream every parsed input goes through (validation
//! and every export), and small graphs to import into.

use llmkg::check;
use llmkg::export::{Format, Options};
use llmkg::graph::Graph;
use llmkg::ingest::curated::{self, Curated};
use llmkg::ingest::{build, list};
use std::sync::OnceLock;

/// The small curated test graph's source (tests/fixtures/mini.toml).
const MINI: &str = include_str!("../../tests/fixtures/mini.toml");

/// The bundled curated file, parsed once.
pub fn bundled_curated() -> &'static Curated {
    static C: OnceLock<Curated> = OnceLock::new();
    C.get_or_init(|| {
        curated::parse(
            llmkg::ingest::BUNDLED_CURATED_NAME,
            llmkg::ingest::BUNDLED_CURATED,
        )
        .expect("bundled curated file parses")
    })
}

/// The bundled list, parsed once.
pub fn bundled_list() -> &'static (String, list::ParsedList) {
    static L: OnceLock<(String, list::ParsedList)> = OnceLock::new();
    L.get_or_init(|| {
        let name = llmkg::ingest::BUNDLED_LIST_NAME.to_string();
        let parsed = list::parse(&name, llmkg::ingest::BUNDLED_LIST, &Default::default())
            .expect("bundled list parses");
        (name, parsed)
    })
}

/// A fresh small graph (tests/fixtures/mini.toml) to import into, so imports meet existing nodes.
pub fn mini_graph() -> Graph {
    static C: OnceLock<Curated> = OnceLock::new();
    let c = C.get_or_init(|| curated::parse("mini.toml", MINI).expect("mini.toml parses"));
    build::build(&[], std::slice::from_ref(c)).expect("mini.toml builds")
}

/// Everything after a successful read: validation and every export, into memory.
pub fn downstream(g: &Graph) {
    let diags = check::validate(g);
    std::hint::black_box(diags);
    let opts = Options {
        by_year: true,
        cluster_org: true,
    };
    let mut buf = Vec::new();
    for f in Format::ALL {
        for part in 0..f.files().len() {
            buf.clear();
            f.write_part(g, part, &mut buf, &opts)
                .expect("writing to memory cannot fail");
        }
    }
}

/// Reads `data` as one input file named `name` through `llmkg::ingest::load`, the route every
/// `--data` file takes (the Epoch and Ecosystem Graphs readers are reached only by it): the
/// bytes are written to a folder of this process under the temporary folder. The graph, when
/// the input reads.
pub fn load_file(name: &str, data: &[u8]) -> Option<Graph> {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("llmkg-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("a temporary folder");
        d
    });
    let path = dir.join(name);
    std::fs::write(&path, data).expect("writing the input");
    let opts = llmkg::ingest::LoadOptions {
        paths: vec![path],
        ..Default::default()
    };
    llmkg::ingest::load(&opts).ok()
}
