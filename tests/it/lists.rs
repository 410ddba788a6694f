//! Lists as people keep them: every layout under tests/fixtures/lists/ is read through the real
//! binary, and gives the entries, names, dates, sizes, organizations and lineage a reader of the
//! page would list, and nothing else.

use crate::common;

use serde_json::Value;

const DIR: &str = "tests/fixtures/lists";

fn llmkg(args: &[&str]) -> (i32, String, String) {
    common::run(common::llmkg().args(args))
}

/// `llmkg --data FILE [extra] export --format json --out -`, parsed.
fn graph(file: &str, extra: &[&str]) -> Value {
    let path = format!("{DIR}/{file}");
    let mut args = vec!["--data", path.as_str()];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["export", "--format", "json", "--out", "-"]);
    let (code, out, err) = llmkg(&args);
    assert_eq!(code, 0, "{file}: {err}");
    serde_json::from_str(&out).expect("json")
}

fn nodes(g: &Value) -> &Vec<Value> {
    g["nodes"].as_array().expect("nodes")
}

fn node<'a>(g: &'a Value, id: &str) -> &'a Value {
    nodes(g)
        .iter()
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

/// (source, relation, target) of every edge, sorted.
fn edges(g: &Value) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = g["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (s("source"), s("relation"), s("target"))
        })
        .collect();
    v.sort();
    v
}

fn lineage(g: &Value) -> Vec<(String, String, String)> {
    edges(g)
        .into_iter()
        .filter(|(_, r, _)| r != "developed_by")
        .collect()
}

fn triples(t: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = t
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    v.sort();
    v
}

#[test]
fn a_mention_of_an_unknown_name_becomes_a_stub_with_a_warning() {
    let g = graph("prose.md", &[]);
    let gtm = node(&g, "generic-transformer-model");
    assert_eq!(gtm["label"], "Generic Transformer Model");
    assert_eq!(gtm["aliases"], serde_json::json!(["GTM"]));
    assert_eq!(gtm["attrs"]["stub"], true);
    assert_eq!(node(&g, "transformer")["attrs"]["stub"], true);
    assert!(node(&g, "orca-lm").get("attrs").is_none());
    assert_eq!(
        lineage(&g),
        triples(&[
            ("dora", "extends", "lora"),
            ("heron", "built_on", "transformer"),
            ("kestrel-2", "successor_of", "kestrel"),
            ("orca-chat", "fine_tuned_from", "orca-lm"),
            ("orca-lm", "built_on", "generic-transformer-model"),
        ])
    );
    let (code, out, _) = llmkg(&["--data", "tests/fixtures/lists/prose.md", "check"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("tests/fixtures/lists/prose.md:14: warning[unresolved-reference]: \"Kestrel\" matches no node; kept as a stub model \"kestrel\""),
        "{out}"
    );
    assert!(
        out.contains("help: did you mean \"Kestrel-2\"? to tie it to a node, give that node the name as an alias in a curated file: [[model]] name = \"Kestrel-2\" aliases = [\"Kestrel\"]"),
        "{out}"
    );
    // a heading that names no models but holds dated entries is noted, not read
    assert!(
        out.contains("prose.md:20: info[unread-section]: section \"Classic ones\" is not read (its heading names no models or methods), though 3 of its 3 item(s) look like models"),
        "{out}"
    );
    assert!(
        out.contains("help: read it with --section \"Classic ones=model\""),
        "{out}"
    );
    assert!(!nodes(&g).iter().any(|n| n["label"] == "Wren"));
    // every command runs on such data
    for cmd in [
        &["stats"][..],
        &["ancestors", "Orca-Chat"],
        &["show", "GTM"],
    ] {
        let mut args = vec!["--data", "tests/fixtures/lists/prose.md"];
        args.extend_from_slice(cmd);
        let (code, _, err) = llmkg(&args);
        assert_eq!(code, 0, "{cmd:?}: {err}");
    }
}

#[test]
fn a_parent_named_like_its_organization_is_the_model() {
    // Finch the model and Finch the organization that made it share a name: the parent a
    // sentence names is the model, not a stub beside it
    let g = graph("same-name.md", &[]);
    assert_eq!(
        lineage(&g),
        triples(&[("chatfinch", "fine_tuned_from", "finch")])
    );
    assert_eq!(node(&g, "finch-org")["kind"], "organization");
    assert!(!nodes(&g).iter().any(|n| n["id"] == "finch-stub"));
}

#[test]
fn the_bundled_curated_file_serves_a_list_that_lacks_its_models() {
    // a list of two entries: the curated records and facts about every other model are left
    // out with a note, and no command stops
    let (code, out, err) = llmkg(&[
        "--data",
        "tests/fixtures/lists/two-entries.md",
        "--data",
        "data/curated.toml",
        "check",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("info[skipped-record]: model \"Llama 3\" is in no list in use and its record has no citation: left out, with the facts about it"),
        "{out}"
    );
    assert!(
        out.contains("info[skipped-fact]: fact about \"Phi-2\" left out"),
        "{out}"
    );
    // cited records are added as before
    let (code, out, _) = llmkg(&[
        "--data",
        "tests/fixtures/lists/two-entries.md",
        "--data",
        "data/curated.toml",
        "show",
        "StarCoder",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("StarCoder"), "{out}");
}

/// Every node of a kind other than organization, with its release date and sizes.
fn entries(g: &Value) -> Vec<(String, String, Vec<String>)> {
    let mut v: Vec<_> = nodes(g)
        .iter()
        .filter(|n| n["kind"] != "organization")
        .map(|n| {
            let sizes = n["sizes"]
                .as_array()
                .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
                .unwrap_or_default();
            (
                n["label"].as_str().unwrap().to_string(),
                n["released"].as_str().unwrap_or("").to_string(),
                sizes,
            )
        })
        .collect();
    v.sort();
    v
}

fn expect_entries(g: &Value, want: &[(&str, &str, &[&str])]) {
    let mut want: Vec<(String, String, Vec<String>)> = want
        .iter()
        .map(|(l, d, s)| {
            (
                l.to_string(),
                d.to_string(),
                s.iter().map(|x| x.to_string()).collect(),
            )
        })
        .collect();
    want.sort();
    assert_eq!(entries(g), want);
}

/// (model label, organization label) of every developed_by edge, sorted.
fn made_by(g: &Value) -> Vec<(String, String)> {
    let label = |id: &str| node(g, id)["label"].as_str().unwrap().to_string();
    let mut v: Vec<_> = edges(g)
        .into_iter()
        .filter(|(_, r, _)| r == "developed_by")
        .map(|(s, _, t)| (label(&s), label(&t)))
        .collect();
    v.sort();
    v
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<_> = p
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    v.sort();
    v
}

fn check(file: &str) -> (i32, String) {
    let path = format!("{DIR}/{file}");
    let (code, out, err) = llmkg(&["--data", &path, "check"]);
    (code, out + &err)
}

#[test]
fn a_markdown_table_is_a_list() {
    let g = graph("table.md", &[]);
    expect_entries(
        &g,
        &[
            ("Heron", "2024-03-12", &["3B"]),
            ("Heron-Coder", "", &[]),
            ("Heron-Math", "", &[]),
            ("Kestrel 2", "2024-03", &["8B"]),
            // "Date added" is not a release date
            ("Orca-Chat-7B", "", &["7B"]),
            ("Orca-LM", "2024-01", &["7B", "13B"]),
        ],
    );
    // lineage from the description column
    assert_eq!(
        lineage(&g),
        triples(&[
            ("heron-coder", "fine_tuned_from", "heron"),
            ("heron-math", "derived_from", "heron-coder"),
            ("orca-chat-7b", "fine_tuned_from", "orca-lm"),
        ])
    );
    // no organization column: the Hugging Face links name them
    assert_eq!(
        made_by(&g),
        pairs(&[
            ("Heron", "heron-ai"),
            ("Heron-Coder", "heron-ai"),
            ("Heron-Math", "heron-ai"),
            ("Orca-Chat-7B", "orca-lab"),
            ("Orca-LM", "orca-lab"),
        ])
    );
    let orca = node(&g, "orca-lm");
    assert_eq!(orca["attrs"]["license"], "Apache 2.0");
    assert_eq!(orca["attrs"]["context_length"], "4096");
    assert_eq!(node(&g, "heron")["attrs"]["context_length"], "8K");
    // show keeps a space after an attribute name longer than its column
    let (_, out, _) = llmkg(&["--data", "tests/fixtures/lists/table.md", "show", "Orca-LM"]);
    assert!(out.contains("  context_length 4096\n"), "{out}");
    // licences, a leaderboard link and to-do items are not models, and check says why
    let (code, out) = check("table.md");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("tests/fixtures/lists/table.md:1: info[skipped-section]: section \"Open LLMs\": none of its 4 item(s) looks like a model or method"), "{out}");
    assert!(
        out.contains("line 23 \"Apache 2.0\" (no date, size, organization, link or lineage)"),
        "{out}"
    );
    assert!(
        out.contains("line 33 \"Add Heron\" (a to-do item)"),
        "{out}"
    );
    // a leaderboard section is never read
    assert!(
        !nodes(&g)
            .iter()
            .any(|n| n["label"] == "Open LLM Leaderboard"),
        "{g}"
    );
}

#[test]
fn an_html_table_is_a_list() {
    let g = graph("html-table.md", &[]);
    expect_entries(
        &g,
        &[
            ("Lark-7B", "2023-09", &["7B"]),
            ("Lark-Chat", "2023-11", &["7B", "13B"]),
            ("Swift-1.5", "2024-02", &["1.5B"]),
        ],
    );
    assert!(lineage(&g).is_empty());
    assert_eq!(
        made_by(&g),
        pairs(&[
            ("Lark-7B", "云雀实验室"),
            ("Lark-Chat", "云雀实验室"),
            ("Swift-1.5", "Swift AI"),
            ("Swift-1.5", "Peking University"),
        ])
    );
    // the evidence names the row's line
    assert_eq!(node(&g, "lark-chat")["origin"]["line"], 11);
    assert_eq!(check("html-table.md").0, 0);
}

#[test]
fn groups_name_organizations_and_size_lists_leave_the_name() {
    let g = graph("grouped.md", &[]);
    expect_entries(
        &g,
        &[
            ("Code Llama", "", &["7B", "13B", "34B"]),
            ("DeepSeek-Coder", "", &["1.3B", "6.7B", "33B"]),
            ("DeepSeek-V3", "", &[]),
            ("Falcon", "", &["7B", "40B", "180B"]),
            ("Llama 2", "", &["7B", "13B", "70B"]),
            ("Mistral 7B", "", &["7B"]),
            ("Mixtral", "", &["8x7B", "8x22B"]),
            ("Qwen2", "", &["0.5B", "1.5B", "7B", "57B-A14B", "72B"]),
            ("RWKV", "", &[]),
            ("StarCoder-15B", "", &["15B"]),
        ],
    );
    // "Meta" and "Mistral AI" are organizations; "Code models" is a category and "Falcon" a
    // family, so their entries take their Hugging Face namespace; "DeepSeek" starts its
    // entries' names but also their namespace (deepseek-ai), so it is an organization. Each
    // is shown by the canonical name data/facts/organizations.toml gives it (tiiuae is TII).
    assert_eq!(
        made_by(&g),
        pairs(&[
            ("Code Llama", "Meta AI"),
            ("DeepSeek-Coder", "DeepSeek"),
            ("DeepSeek-V3", "DeepSeek"),
            ("Qwen2", "Alibaba Cloud"),
            ("RWKV", "Alibaba Cloud"),
            ("Falcon", "Technology Innovation Institute"),
            ("Llama 2", "Meta AI"),
            ("Mistral 7B", "Mistral AI"),
            ("Mixtral", "Mistral AI"),
            ("StarCoder-15B", "BigCode"),
        ])
    );
    let (code, out, _) = llmkg(&[
        "--data",
        "tests/fixtures/lists/grouped.md",
        "show",
        "Llama 2",
    ]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_survey_list_keeps_names_and_takes_the_year() {
    let g = graph("survey.md", &[]);
    expect_entries(
        &g,
        &[
            ("Alpaca", "2023", &[]),
            ("GLM", "2022", &[]),
            ("LLaMA", "2023", &[]),
            ("Pythia", "2023", &[]),
            ("Vicuna", "2023", &[]),
        ],
    );
    // the citation is the description
    let llama = node(&g, "llama");
    assert_eq!(
        llama["description"],
        "\"LLaMA: Open and Efficient Foundation Language Models\". Hugo Touvron et al. arXiv 2023"
    );
    // a survey names no organization: the checkpoint's GitHub owner is the one link that does
    // (facebookresearch, Meta AI's by data/facts/organizations.toml)
    assert_eq!(made_by(&g), pairs(&[("LLaMA", "Meta AI")]));
    assert!(lineage(&g).is_empty());
}

#[test]
fn a_chinese_name_is_joined_by_the_other_name_a_source_or_the_alias_table_gives() {
    // an Awesome-Chinese-LLM page and an LLMs-In-China table, in both orders
    let (names, table) = ("zh-names.md", "tests/fixtures/lists/zh-table.md");
    let g = graph(names, &["--data", table]);
    let named = |label: &str| {
        let n = nodes(&g).iter().filter(|n| {
            n["kind"] == "model"
                && (n["label"] == label
                    || (n["aliases"].as_array()).is_some_and(|a| a.contains(&label.into())))
        });
        n.map(|n| n["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    // “书生·浦语”（InternLM） in its description: one model with the table's InternLM, while
    // 书生·浦语2, whose description quotes another name, stays apart
    assert_eq!(named("书生·浦语"), named("InternLM"));
    assert_eq!(named("书生·浦语").len(), 1);
    assert_ne!(named("书生·浦语2"), named("InternLM"));
    // 通义千问 is Qwen by data/facts/aliases.toml, and 阿里云 is Alibaba Cloud
    assert_eq!(named("通义千问"), named("Qwen"));
    assert_eq!(named("Qwen").len(), 1);
    // a cell of three linked names is three models; 西北工业大学+华为 two organizations
    for m in ["盘古", "盘古气象", "盘古-Σ"] {
        assert_eq!(named(m).len(), 1, "{m}");
    }
    let made = made_by(&g);
    for pair in [
        ("盘古气象", "Huawei"),
        ("秦岭·翱翔", "西北工业大学"),
        ("秦岭·翱翔", "Huawei"),
        ("Qwen", "Alibaba Cloud"),
    ] {
        let pair = (pair.0.to_string(), pair.1.to_string());
        assert!(made.contains(&pair), "{pair:?} not in {made:?}");
    }
    // 阿里云 and the GitHub account QwenLM are Alibaba Cloud, 华为 Huawei
    for org in ["阿里云", "QwenLM", "华为"] {
        assert!(!nodes(&g).iter().any(|n| n["label"] == org), "{org}");
    }
    // the table first: 通义千问 is made first and Qwen joins it, still with the models its
    // description names (Qwen-1.8B, Qwen-72B)
    let other = graph("zh-table.md", &["--data", &format!("{DIR}/{names}")]);
    assert!(nodes(&other).iter().any(|n| n["label"] == "Qwen-72B"));
    assert_eq!(nodes(&other).len(), nodes(&g).len());
    assert_eq!(edges(&other).len(), edges(&g).len());
}

#[test]
fn a_chinese_list_reads_as_fully_as_an_english_one() {
    let g = graph("chinese.md", &[]);
    expect_entries(
        &g,
        &[
            ("DoRA", "2024-02", &[]),
            ("Llama 2", "", &[]),
            ("LoRA", "2021-06", &[]),
            ("Swift", "2024-02", &["7B"]),
            ("Swift 2", "2024-06", &["8B", "70B"]),
            ("云雀", "2023-09", &["7B", "13B"]),
            ("云雀-Chat", "2023-11", &["7B"]),
        ],
    );
    let id = |label: &str| {
        nodes(&g).iter().find(|n| n["label"] == label).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (lark, lark_chat) = (id("云雀"), id("云雀-Chat"));
    assert_eq!(
        lineage(&g),
        triples(&[
            ("dora", "extends", "lora"),
            ("swift", "derived_from", "llama-2"),
            ("swift-2", "successor_of", "swift"),
            (&lark_chat, "fine_tuned_from", &lark),
        ])
    );
    assert_eq!(
        made_by(&g),
        pairs(&[
            // 英伟达 is NVIDIA, 微软 Microsoft and 北京大学 Peking University
            // (data/facts/organizations.toml)
            ("DoRA", "NVIDIA"),
            ("LoRA", "Microsoft"),
            ("Swift", "Swift AI"),
            ("Swift 2", "Swift AI"),
            ("云雀", "云雀实验室"),
            ("云雀-Chat", "云雀实验室"),
            ("云雀-Chat", "Peking University"),
        ])
    );
    // Llama 2 is only mentioned: a stub, with a warning
    let (code, out) = check("chinese.md");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("chinese.md:11: warning[unresolved-reference]: \"Llama 2\" matches no node"),
        "{out}"
    );
}

#[test]
fn a_page_that_is_not_a_list_is_refused_with_what_it_has() {
    for cmd in ["check", "stats", "export"] {
        let (code, _, err) = llmkg(&["--data", "tests/fixtures/lists/not-a-list.md", cmd]);
        assert_eq!(code, 1, "{cmd}");
        assert!(
            err.contains("not-a-list.md:1: not a model list: none of its 3 item(s) in \"Running the models locally\", \"Download models\" looks like a model or method"),
            "{err}"
        );
        assert!(err.contains("--section"), "{err}");
    }
}

#[test]
fn a_section_that_is_not_there_is_an_error_with_the_closest_headings() {
    let (code, _, err) = llmkg(&[
        "--data",
        "tests/fixtures/lists/prose.md",
        "--section",
        "Base Modles=model",
        "stats",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--section \"Base Modles\": no heading of tests/fixtures/lists/prose.md is called that: the closest are \"Base Model\""),
        "{err}"
    );
    // with nothing close, the file's headings
    let (code, _, err) = llmkg(&[
        "--data",
        "tests/fixtures/lists/empty-sections.md",
        "--section",
        "Zzz=model",
        "stats",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--section \"Zzz\": no heading of tests/fixtures/lists/empty-sections.md is called that: its headings are \"Notes\", \"Base Model\", \"Our picks\""),
        "{err}"
    );
    // a named section is read even when the usual ones are empty
    let (code, out, err) = llmkg(&[
        "--data",
        "tests/fixtures/lists/empty-sections.md",
        "--section",
        "Our picks=model",
        "list",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Orca-LM"), "{out}");
}

#[test]
fn a_curated_record_ties_a_stub_to_a_node() {
    let g = graph("prose.md", &["--data", "tests/fixtures/lists/tie.toml"]);
    let gtm = node(&g, "generic-transformer-model");
    assert!(gtm.get("attrs").is_none(), "no longer a stub: {gtm}");
    assert_eq!(gtm["origin"]["file"], "tests/fixtures/lists/tie.toml");
    assert!(lineage(&g).contains(&(
        "orca-lm".to_string(),
        "built_on".to_string(),
        "generic-transformer-model".to_string()
    )));
    let (_, out, _) = llmkg(&[
        "--data",
        "tests/fixtures/lists/prose.md",
        "--data",
        "tests/fixtures/lists/tie.toml",
        "check",
    ]);
    assert!(
        !out.contains("\"Generic Transformer Model\" matches no node"),
        "{out}"
    );
}

#[test]
fn labelled_sub_bullets_are_fields_and_taglines_leave_the_name() {
    let g = graph("fields.md", &[]);
    expect_entries(
        &g,
        &[
            ("EduLark", "", &[]),
            ("Lark", "", &[]),
            ("Lark-Chat", "", &[]),
            ("Llama-2", "", &[]),
            ("MedLark", "", &[]),
        ],
    );
    // 地址 is the link, 简介 the description, read for lineage
    let lark = node(&g, "lark");
    assert_eq!(lark["links"][0]["url"], "https://github.com/lark-lab/Lark");
    assert_eq!(
        lark["description"],
        "基于 Llama-2 的中文底座模型, 经过中文语料的二次预训练。"
    );
    assert_eq!(
        node(&g, "medlark")["aliases"],
        serde_json::json!(["医云雀"])
    );
    assert!(
        node(&g, "lark-chat")["description"]
            .as_str()
            .unwrap()
            .starts_with("首个会写古诗的中文对话模型")
    );
    assert_eq!(
        lineage(&g),
        triples(&[
            ("lark", "derived_from", "llama-2"),
            ("lark-chat", "derived_from", "lark"),
            ("medlark", "fine_tuned_from", "lark"),
        ])
    );
    // the GitHub or Hugging Face owner where nothing else names one; a topic (医疗) names
    // nobody, a university does; the training-framework section is not read
    assert_eq!(
        made_by(&g),
        pairs(&[
            ("EduLark", "Tsinghua University"),
            ("Lark", "lark-lab"),
            ("Lark-Chat", "lark-lab"),
            ("MedLark", "med-team"),
        ])
    );
}

#[test]
fn a_bullet_over_its_models_is_their_organization() {
    let g = graph("parents.md", &[]);
    expect_entries(
        &g,
        &[
            ("Heron", "", &[]),
            ("Heron-Coder", "", &["3B"]),
            ("Heron-Math", "", &[]),
            ("Orca-Chat", "2024-03", &[]),
            ("Orca-LM", "2024-01", &["7B"]),
            ("Orca-LM-2", "2024-02", &["13B"]),
        ],
    );
    assert_eq!(
        made_by(&g),
        pairs(&[
            ("Heron", "Heron AI"),
            ("Heron-Coder", "Heron AI"),
            ("Heron-Math", "Heron AI"),
            ("Orca-Chat", "Orca Lab"),
            ("Orca-LM", "Orca Lab"),
            ("Orca-LM-2", "Orca Lab"),
        ])
    );
    assert_eq!(node(&g, "orca-chat")["origin"]["line"], 8);
}

#[test]
fn every_command_runs_on_every_layout_alone_and_beside_the_curated_file() {
    let files = [
        "prose.md",
        "table.md",
        "html-table.md",
        "grouped.md",
        "survey.md",
        "chinese.md",
        "fields.md",
        "parents.md",
        "two-entries.md",
        "headings.md",
        "headings-zh.md",
    ];
    let commands: [&[&str]; 6] = [
        &["stats"],
        &["check"],
        &["list"],
        &[
            "export",
            "--format",
            "json,graphml,gexf,csv,neo4j,mermaid,dot",
            "--out",
        ],
        &[
            "descendants",
            "--relation",
            "fine_tuned_from,derived_from,successor_of",
            "--format",
            "json",
        ],
        &["org", "--format", "json"],
    ];
    let out_dir = tempfile::tempdir().expect("temp dir");
    for file in files {
        let path = format!("{DIR}/{file}");
        for curated in [false, true] {
            for cmd in commands {
                let mut args = vec!["--data", path.as_str()];
                if curated {
                    args.extend_from_slice(&["--data", "data/curated.toml"]);
                }
                args.extend_from_slice(cmd);
                let first_model;
                if cmd[0] == "export" {
                    args.push(out_dir.path().to_str().unwrap());
                } else if cmd[0] == "descendants" || cmd[0] == "org" {
                    // the file's first node of the right kind
                    let g = graph(
                        file,
                        if curated {
                            &["--data", "data/curated.toml"]
                        } else {
                            &[]
                        },
                    );
                    let kind = if cmd[0] == "org" {
                        "organization"
                    } else {
                        "model"
                    };
                    first_model = nodes(&g)
                        .iter()
                        .find(|n| n["kind"] == kind)
                        .map(|n| n["id"].as_str().unwrap().to_string());
                    let Some(m) = first_model.as_deref() else {
                        continue;
                    };
                    args.insert(args.len() - cmd.len() + 1, m);
                }
                let (code, _, err) = llmkg(&args);
                assert_eq!(code, 0, "{args:?}: {err}");
            }
        }
    }
}

/// Every node of a kind other than organization: (kind, label, aliases).
fn kinds(g: &Value) -> Vec<(String, String, Vec<String>)> {
    let mut v: Vec<_> = nodes(g)
        .iter()
        .filter(|n| n["kind"] != "organization")
        .map(|n| {
            let aliases = n["aliases"]
                .as_array()
                .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
                .unwrap_or_default();
            (
                n["kind"].as_str().unwrap().to_string(),
                n["label"].as_str().unwrap().to_string(),
                aliases,
            )
        })
        .collect();
    v.sort();
    v
}

fn kinds_of(want: &[(&str, &str, &[&str])]) -> Vec<(String, String, Vec<String>)> {
    let mut v: Vec<_> = want
        .iter()
        .map(|(k, l, a)| {
            (
                k.to_string(),
                l.to_string(),
                a.iter().map(|x| x.to_string()).collect(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_page_with_a_heading_per_model_is_a_list() {
    let g = graph("headings.md", &[]);
    // stamps and emoji leave the labels; "Quokka and Quokka-Chat" is two models, "SELF-REFINE
    // and Pelican" a method and a model; the agents and the leaderboard are not read; the
    // corpus items are datasets (the mentioned bases are stubs)
    assert_eq!(
        kinds(&g),
        kinds_of(&[
            ("dataset", "Burrow-Dialogs", &[]),
            ("dataset", "SquirrelInstruct", &[]),
            ("method", "SELF-REFINE", &[]),
            ("model", "BLOOM-7B", &[]),
            ("model", "Heron", &[]),
            ("model", "Kestrel-70B", &[]),
            ("model", "LLaMA-13B", &[]),
            ("model", "LLaMA-65B", &[]),
            ("model", "Llama 2", &[]),
            ("model", "Marmot", &[]),
            ("model", "Mistral-7B", &[]),
            ("model", "Owlet", &[]),
            ("model", "Pelican", &[]),
            ("model", "Quokka", &[]),
            ("model", "Quokka-Chat", &[]),
            ("model", "Wren", &[]),
        ])
    );
    // lineage from the paragraphs; "Llama 2 models" gives its base to Kestrel-70B, whose text
    // says nothing, not to Wren, whose text names Mistral-7B; "Alpaca-style" is a recipe
    assert_eq!(
        lineage(&g),
        triples(&[
            ("kestrel-70b", "derived_from", "llama-2"),
            ("marmot", "fine_tuned_from", "bloom-7b"),
            ("pelican", "fine_tuned_from", "llama-65b"),
            ("quokka", "fine_tuned_from", "llama-13b"),
            ("quokka-chat", "fine_tuned_from", "quokka"),
            ("wren", "fine_tuned_from", "mistral-7b"),
        ])
    );
    // the release month of the prose, never the update stamp
    assert_eq!(node(&g, "owlet")["released"], "2023-03");
    assert_eq!(node(&g, "heron")["released"], "2023-05");
    assert!(node(&g, "marmot")["released"].is_null());
    assert!(node(&g, "kestrel-70b")["released"].is_null());
    let (code, out) = check("headings.md");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("headings.md:47: warning[unresolved-reference]: \"Llama 2\" matches no node"),
        "{out}"
    );
    assert!(
        out.contains("headings.md:77: info[skipped-section]: section \"Leaderboards\" holds leaderboards and benchmarks, not models"),
        "{out}"
    );
    assert!(
        out.contains("headings.md:63: info[skipped-section]: section \"Agents\" holds agents"),
        "{out}"
    );
}

#[test]
fn a_chinese_page_with_a_heading_per_model_reads_as_fully() {
    let g = graph("headings-zh.md", &[]);
    // "白鹭Egret" and "雪貂(Ferret)" are one model each with two names; "PetZoo（松鼠Squirrel和
    // Hamster）" is a project over two models, not a model itself
    assert_eq!(
        kinds(&g),
        kinds_of(&[
            ("dataset", "Lynx", &[]),
            ("dataset", "Pika", &[]),
            ("model", "BLOOMZ-7B", &[]),
            ("model", "Egret", &["白鹭"]),
            ("model", "Ferret", &["雪貂"]),
            ("model", "GLM-6B", &[]),
            ("model", "Hamster", &[]),
            ("model", "LLaMA-2", &[]),
            ("model", "LLaMA-7B", &[]),
            ("model", "Magpie-7B", &[]),
            ("model", "Myna", &[]),
            ("model", "Myna-Chat", &[]),
            ("model", "Oriole-13B", &[]),
            ("model", "QingLuan", &["青鸾"]),
            ("model", "Qwen-7B", &[]),
            ("model", "Squirrel", &["松鼠"]),
        ])
    );
    assert_eq!(
        lineage(&g),
        triples(&[
            ("egret", "fine_tuned_from", "llama-7b"),
            ("ferret", "fine_tuned_from", "bloomz-7b"),
            ("magpie-7b", "derived_from", "qwen-7b"),
            ("myna", "fine_tuned_from", "glm-6b"),
            ("myna-chat", "fine_tuned_from", "myna"),
            ("oriole-13b", "derived_from", "llama-2"),
        ])
    );
    // "2023年4月，青鸾实验室开源了..." is the release; "（更新于2023年6月1日）" is not
    assert_eq!(node(&g, "qingluan")["released"], "2023-04");
    assert!(node(&g, "oriole-13b")["released"].is_null());
    assert!(made_by(&g).contains(&("QingLuan".to_string(), "青鸾实验室".to_string())));
    // the section's lineage has the section heading as its evidence
    let (code, out, err) = llmkg(&[
        "--data",
        "tests/fixtures/lists/headings-zh.md",
        "why",
        "Oriole-13B",
        "LLaMA-2",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("headings-zh.md:45"), "{out}");
    assert!(out.contains("三、LLaMA-2篇"), "{out}");
}

#[test]
fn a_readme_with_installation_and_usage_headings_is_not_a_list() {
    let (code, _, err) = llmkg(&["--data", "tests/fixtures/lists/readme.md", "stats"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("readme.md: not a model list: no section headed like"),
        "{err}"
    );
}

/// The lineage edges of a graph, relations that are no lineage (trained_with) included.
fn lineage_of(g: &Value, ids: &[&str]) -> Vec<(String, String, String)> {
    lineage(g)
        .into_iter()
        .filter(|(s, _, _)| ids.contains(&s.as_str()))
        .collect()
}

#[test]
fn heading_pages_name_parents_not_owners_methods_benchmarks_or_recipes() {
    let ids = [
        "dorado",
        "lark",
        "zeta",
        "zeta-13b",
        "zeta-33b",
        "zeta-text2vec",
        "osprey",
        "kite",
        "chatkiwi",
        "llava",
        "owlbench",
        "stablekiwi",
        "delta",
    ];
    // English: the owner's pythia family, a recipe beside a fine-tune, the models a clause
    // opens, a list that ends before a benchmark and compared models, an architecture, a "+"
    let g = graph("headings-lineage.md", &[]);
    assert_eq!(
        lineage_of(&g, &ids),
        triples(&[
            ("chatkiwi", "derived_from", "llama"),
            ("dorado", "derived_from", "pythia"),
            ("kite", "trained_with", "transformer"),
            ("lark", "fine_tuned_from", "bloomz-7b"),
            ("zeta-13b", "fine_tuned_from", "ziya-13b"),
            ("zeta-13b", "variant_of", "zeta"),
            ("zeta-33b", "fine_tuned_from", "anima-33b"),
            ("zeta-33b", "variant_of", "zeta"),
            ("zeta-text2vec", "derived_from", "bert"),
            ("zeta-text2vec", "variant_of", "zeta"),
        ])
    );
    assert_eq!(node(&g, "transformer")["kind"], "method");
    // Chinese: the same, with "RLHF的微调模型" (a method) and "基于Bloom、LLama的监督微调"
    let g = graph("headings-lineage-zh.md", &[]);
    assert_eq!(
        lineage_of(&g, &ids),
        triples(&[
            ("chatkiwi", "derived_from", "llama"),
            ("delta", "derived_from", "zorilla"),
            ("dorado", "derived_from", "pythia"),
            ("kite", "trained_with", "transformer"),
            ("lark", "fine_tuned_from", "bloom"),
            ("lark", "fine_tuned_from", "llama"),
            ("stablekiwi", "trained_with", "rlhf"),
            // "开源了三个模型：Zeta-13B，基于Ziya-13B...": a model that heads its own clause is no
            // name of the entry's, though the verb names it first
            ("zeta-13b", "derived_from", "ziya-13b"),
            ("zeta-13b", "variant_of", "zeta"),
            ("zeta-33b", "derived_from", "anima-33b"),
            ("zeta-33b", "variant_of", "zeta"),
            ("zeta-text2vec", "derived_from", "bert"),
            ("zeta-text2vec", "variant_of", "zeta"),
        ])
    );
    // "基于Zorilla的Zeta-7B": Zorilla is an owner only where the facts in use say so
    let g = graph(
        "headings-lineage-zh.md",
        &["--facts", "tests/fixtures/lists/headings-facts.toml"],
    );
    assert_eq!(
        lineage_of(&g, &["delta"]),
        triples(&[("delta", "derived_from", "zeta-7b")])
    );
}

#[test]
fn one_name_listed_by_two_organizations_is_two_models() {
    // LLMs-In-China's table: 盘古 of Huawei, and 盘古 of Recurrent AI (循环智能)
    let g = graph("zh-homonyms.md", &[]);
    let made = made_by(&g);
    for pair in [("盘古", "Huawei"), ("盘古 (循环智能)", "循环智能")] {
        let pair = (pair.0.to_string(), pair.1.to_string());
        assert!(made.contains(&pair), "{pair:?} not in {made:?}");
    }
    let pangu: Vec<&Value> = (nodes(&g).iter())
        .filter(|n| n["label"].as_str().unwrap().starts_with("盘古"))
        .filter(|n| n["label"] != "盘古气象")
        .collect();
    assert_eq!(pangu.len(), 2, "{pangu:?}");
    // one organization listing a model twice is still one model
    let baichuan = nodes(&g).iter().filter(|n| n["label"] == "百川").count();
    assert_eq!(baichuan, 1);
    let (_, found) = check("zh-homonyms.md");
    assert!(found.contains("info[homonym]: 盘古:"), "{found}");
    assert!(
        found.contains("warning[duplicate-entry]: \"百川\""),
        "{found}"
    );
    assert!(!found.contains("\"盘古\" is listed again"), "{found}");
}

#[test]
fn a_country_named_as_a_developer_is_the_models_country() {
    let g = graph("countries.md", &[]);
    // no organization node for a country; who made Falcon is what its Hub links say
    assert!(
        nodes(&g)
            .iter()
            .all(|n| n["label"] != "United Arab Emirates")
    );
    assert_eq!(
        made_by(&g),
        pairs(&[
            ("ChatGLM", "Tsinghua University"),
            ("Falcon", "Technology Innovation Institute"),
        ])
    );
    for id in ["falcon", "jais"] {
        assert_eq!(
            node(&g, id)["attrs"]["country"],
            "United Arab Emirates",
            "{id}"
        );
    }
    assert!(node(&g, "chatglm")["attrs"].get("country").is_none());
    // the organization a link's namespace gave is evidenced by that link, not by the sentence
    // that named the country
    let made = (g["edges"].as_array().unwrap().iter())
        .find(|e| e["source"] == "falcon" && e["relation"] == "developed_by")
        .expect("Falcon's developed_by");
    assert_eq!(
        made["evidence"]["url"],
        "https://huggingface.co/tiiuae/falcon-180B"
    );
    assert!(made["evidence"].get("text").is_none(), "{made}");
}

/// One page kept in English and in Chinese (a repository's README.md and README.zh.md) names
/// one set of entities: organizations by their Chinese names (谷歌-style names of the fact
/// table), a country as a country, and a model mentioned by its long name in one and its
/// short name in the other as one stub; read in either order, the same graph.
#[test]
fn a_page_and_its_chinese_translation_name_the_same_entities() {
    let (en, zh) = (
        common::fixture("bilingual/en.md"),
        common::fixture("bilingual/zh.md"),
    );
    let g = common::graph_of(&[en.clone(), zh.clone()]);
    let ids: Vec<&str> = (g["nodes"].as_array().unwrap().iter())
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "alpaca",
            "chatglm",
            "falcon",
            "glm",
            "llama",
            "meta-ai",
            "microsoft",
            "minicpm",
            "modelbest",
            "phi-1.5",
            "stanford-university",
            "technology-innovation-institute",
            "tsinghua-university",
        ],
        "no model split by its organization's Chinese name, no country as an organization"
    );
    let org = |id: &str| common::node(&g, id)["aliases"].clone();
    assert!(
        org("stanford-university")
            .to_string()
            .contains("斯坦福大学")
    );
    assert!(org("microsoft").to_string().contains("微软研究院"));
    assert!(org("modelbest").to_string().contains("面壁智能"));
    let glm = common::node(&g, "glm");
    assert_eq!(
        glm["label"], "GLM",
        "the alias table's name labels the stub"
    );
    assert_eq!(
        glm["aliases"],
        serde_json::json!(["General Language Model"])
    );
    assert_eq!(
        common::node(&g, "falcon")["attrs"]["country"],
        "United Arab Emirates"
    );
    let reversed = common::graph_of(&[zh, en]);
    assert_eq!(g, reversed, "the order of --data changes nothing");
}

#[test]
fn a_repository_that_dates_its_release_names_the_numbered_model_at_its_size() {
    // open-llms' layout: Mistral Small 3 (24B) links mistralai/Mistral-Small-24B-Base-2501,
    // whose name carries a date code (2501) where the version number would stand; a Hub dump's
    // row for that repository is the list's model, and a fine-tune of it derives from it
    let mut c = common::llmkg();
    c.arg("--data").arg(format!("{DIR}/dated-repo.md"));
    c.arg("--data").arg(format!("{DIR}/dated-repo-hub.csv"));
    c.args(["export", "--format", "json", "--out", "-"]);
    let (code, out, err) = common::run(&mut c);
    assert_eq!(code, 0, "{err}");
    let g: Value = serde_json::from_str(&out).expect("json");
    let ids: Vec<&str> = nodes(&g).iter().filter_map(|n| n["id"].as_str()).collect();
    assert!(ids.contains(&"mistral-small-3"), "{ids:?}");
    assert!(
        !ids.iter().any(|i| i.contains("mistral-small-24b")),
        "the dated repository is the list's node: {ids:?}"
    );
    let edges = g["edges"].as_array().expect("edges");
    assert!(
        edges.iter().any(|e| e["source"] == "someone--small-3-ft"
            && e["relation"] == "fine_tuned_from"
            && e["target"] == "mistral-small-3"),
        "{edges:?}"
    );
    // a repository without a date code or a version is most often the family's first
    // release: Yi 1.5 is not identified by Yi-34B, which stays its own node
    assert!(ids.contains(&"01-ai--yi-34b"), "{ids:?}");
}

/// LLaMA-Cult-and-More's layout: models under a bullet per maker. A data set listed among them
/// (The Pile, which the vocabulary knows) is a data set, not a model that others derive from;
/// a maker written as a spelling beside its namespace (`Tsinghua THUDM`) is that organization.
#[test]
fn a_known_data_set_among_models_is_a_data_set_and_a_spelled_maker_its_organization() {
    let g = graph("grouped-with-a-dataset.md", &[]);
    let kind = |id: &str| common::node(&g, id)["kind"].as_str().unwrap().to_string();
    assert_eq!(kind("the-pile"), "dataset");
    assert_eq!(kind("gpt-j"), "model");
    assert_eq!(kind("tsinghua-university"), "organization");
    assert_eq!(
        made_by(&g),
        pairs(&[
            ("ChatGLM-6B", "Tsinghua University"),
            ("GLM-130B", "Tsinghua University"),
            ("GPT-J", "EleutherAI"),
            ("GPT-NeoX", "EleutherAI"),
            ("The Pile", "EleutherAI"),
        ])
    );
}

/// The bundled list is built before any other list, whatever the order of `--data` and the
/// other lists' names (the curated file is written against its names): a model both name is
/// described by the bundled list.
#[test]
fn the_bundled_list_describes_what_it_shares_with_another_list() {
    // a list whose name sorts before `data/LLM-BaseModel.md` (an absolute path outside the
    // working folder), given first
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("a.md");
    std::fs::copy(common::fixture("bilingual/zh.md"), &zh).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let g = common::json_of(
        common::llmkg()
            .current_dir(root)
            .arg("--data")
            .arg(&zh)
            .args(["--data", "data", "export", "--format", "json", "--out", "-"]),
    );
    let falcon = common::node(&g, "falcon");
    let said = falcon["description"].as_str().unwrap();
    assert!(
        said.starts_with("2023/06, United Arab Emirates proposes Falcon"),
        "{said}"
    );
    assert_eq!(falcon["origin"]["file"], "data/LLM-BaseModel.md");
}

#[test]
fn a_chain_of_bases_after_an_arrow_is_lineage_of_each_name() {
    // LLMs-In-China's layout: "基于A->B->C" is the clause's model on A, A on B and B on C, each
    // by the row's sentence; a "基于" repeated after the arrow is the chain's, not the entry's
    let g = graph("zh-table-chains.md", &[]);
    assert_eq!(
        lineage(&g),
        triples(&[
            ("guanaco", "derived_from", "llama"),
            ("lexilaw-13b", "derived_from", "zhuque-13b"),
            ("lexilaw-13b", "variant_of", "lexilaw"),
            ("lexilaw-33b", "derived_from", "lyra33b"),
            ("lexilaw-33b", "variant_of", "lexilaw"),
            ("lyra", "derived_from", "guanaco"),
            ("lyra33b", "derived_from", "guanaco"),
            ("zhuque-13b", "derived_from", "llama"),
        ])
    );
    let file = format!("{DIR}/zh-table-chains.md");
    let (code, out, err) = llmkg(&["--data", &file, "why", "LexiLaw", "LLaMA"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Zhuque-13B"), "{out}");
    assert!(out.contains("zh-table-chains.md:7"), "{out}");
}

#[test]
fn a_base_stated_of_a_model_named_inside_an_entry_is_that_models() {
    // Awesome-Chinese-LLM's layout: the entry names its models, each with its own base; none of
    // them is the entry's, and the entry's organization made them
    let g = graph("zh-sub-models.md", &[]);
    assert_eq!(
        lineage(&g),
        triples(&[
            ("lexilaw-13b", "derived_from", "zhuque-13b"),
            ("lexilaw-13b", "variant_of", "lexilaw"),
            ("lexilaw-33b", "derived_from", "lyra-33b"),
            ("lexilaw-33b", "variant_of", "lexilaw"),
            ("lexilaw-match", "derived_from", "bert"),
            ("lexilaw-match", "variant_of", "lexilaw"),
        ])
    );
    let made = made_by(&g);
    assert!(
        made.contains(&("LexiLaw-Match".into(), "lexi-group".into())),
        "{made:?}"
    );
    // the same in LLMs-In-China's table: a row's description names its models too
    let table = graph("zh-table-chains.md", &[]);
    assert_eq!(node(&table, "lexilaw-13b")["label"], "LexiLaw-13B");
}

#[test]
fn a_table_name_written_in_two_scripts_is_one_model_with_both_names() {
    // LLMs-In-China's `罗宾Robin` beside Awesome-Chinese-LLM's `Robin (罗宾)`: one model, as a
    // heading's `Koala考拉` is; `大象GPT`-like names are one name, `小舟ChatABC` two
    let table = graph("zh-table-bilingual.md", &[]);
    let finch = node(&table, "finch");
    assert_eq!(finch["label"], "Finch");
    assert_eq!(finch["aliases"], serde_json::json!(["雀鸟"]));
    assert_eq!(
        node(&table, "chatabc")["aliases"],
        serde_json::json!(["小舟"])
    );
    assert!(nodes(&table).iter().any(|n| n["label"] == "大鹏GPT"));
    let bullets = format!("{DIR}/zh-bilingual-bullets.md");
    let g = graph("zh-table-bilingual.md", &["--data", &bullets]);
    let finches: Vec<&Value> = (nodes(&g).iter())
        .filter(|n| n["label"] == "雀鸟Finch" || n["label"] == "Finch" || n["label"] == "雀鸟")
        .collect();
    assert_eq!(finches.len(), 1, "{finches:?}");
    assert_eq!(finches[0]["id"], "finch");
}

#[test]
fn a_parenthesised_other_name_is_an_alias_with_or_without_a_space_and_a_size_is_not() {
    // Awesome-Chinese-LLM's `獬豸(LawGPT_zh)` is written as its `通义千问 (Qwen)` is, without
    // the space; what is in parentheses after `Lyra`, `Lexi` and `Themis` qualifies the name
    let g = graph("zh-paren-aliases.md", &[]);
    let named = |label: &str| {
        (nodes(&g).iter())
            .find(|n| n["label"] == label)
            .unwrap_or_else(|| panic!("no node labelled {label}"))
    };
    assert_eq!(named("狴犴")["aliases"], serde_json::json!(["BiAn_zh"]));
    assert_eq!(named("皋陶")["aliases"], serde_json::json!(["GaoYao"]));
    for one in ["Lyra(13B)", "Lexi(v2)", "Themis(instruct)"] {
        assert!(named(one)["aliases"].is_null(), "{one}");
    }
    // the node keeps its statements and is found by its other name
    let bian = named("狴犴")["id"].as_str().unwrap().to_string();
    assert!(lineage(&g).contains(&(bian, "fine_tuned_from".into(), "chatglm-6b".into())));
    let path = format!("{DIR}/zh-paren-aliases.md");
    let (code, out, err) = llmkg(&["--data", &path, "why", "BiAn_zh", "ChatGLM-6B"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("狴犴") && out.contains("fine_tuned_from"),
        "{out}"
    );
}

#[test]
fn a_base_that_is_a_data_set_is_training_data_never_lineage() {
    // Awesome-Chinese-LLM's ChatMed layout: the family's backbone is lineage, each model's
    // "基于...数据集X" its training data, whether the name ends like a data set's
    // (`MediBot_Ask_Dataset`, `NurseNotes-data`), 数据集 stands before it (`HerbInstruct`) or
    // after it (`PillQA数据集`), or the vocabulary knows it (`ShareGPT`)
    let g = graph("zh-data-bases.md", &[]);
    assert_eq!(
        lineage(&g),
        triples(&[
            ("carechat", "trained_on", "sharegpt"),
            ("medibot", "derived_from", "llama-7b"),
            ("medibot-ask", "trained_on", "medibot-ask-dataset"),
            ("medibot-ask", "variant_of", "medibot"),
            ("medibot-herb", "trained_on", "herbinstruct"),
            ("medibot-herb", "variant_of", "medibot"),
            ("nurselm", "trained_on", "nursenotes-data"),
            ("pilldoc", "fine_tuned_from", "baichuan-13b"),
            ("pilldoc", "trained_on", "pillqa"),
        ])
    );
    for data in [
        "medibot-ask-dataset",
        "herbinstruct",
        "pillqa",
        "sharegpt",
        "nursenotes-data",
    ] {
        assert_eq!(node(&g, data)["kind"], "dataset", "{data}");
    }
    let path = format!("{DIR}/zh-data-bases.md");
    let (code, out, err) = llmkg(&["--data", &path, "ancestors", "MediBot-Ask"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("LLaMA-7B"), "{out}");
    assert!(!out.contains("MediBot_Ask_Dataset"), "{out}");
    let (code, out, _) = llmkg(&[
        "--data",
        &path,
        "path",
        "MediBot-Ask",
        "MediBot_Ask_Dataset",
    ]);
    assert_eq!(code, 1, "{out}");
    let (code, _) = check("zh-data-bases.md");
    assert_eq!(code, 0);
}

#[test]
fn a_section_of_platforms_and_the_lists_own_change_log_give_no_models() {
    // lonePatient/awesome-pretrained-chinese-nlp-models: `## 开源模型库平台` lists Hugging Face
    // and ModelScope (`1. 🤗[HuggingFace](…)`, which stopped the load: no name before the
    // link), and `## 更新` logs what the list added (`- 2026.06.19 增加[GLM-5.2](docs/…)`,
    // which made a model `2026.06.19 增加`); a bullet whose name is its link, after an emoji,
    // is named by the link's text
    let g = graph("zh-platforms.md", &[]);
    let models: Vec<&str> = (nodes(&g).iter())
        .filter(|n| n["kind"] == "model")
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        models,
        ["GLM-4-Base", "Mistral-7B", "Yi-1.5-Base", "Zephyr-7B-beta"],
        "{models:?}"
    );
    // the description after a full-width colon starts at its first word
    let zephyr = node(&g, "zephyr-7b-beta");
    let about = zephyr["description"].as_str().unwrap();
    assert!(about.starts_with("2023-10, fine-tuned"), "{zephyr}");
    let base = ("zephyr-7b-beta", "fine_tuned_from", "mistral-7b");
    assert!(
        lineage(&g).contains(&triples(&[base])[0]),
        "{:?}",
        lineage(&g)
    );
}

#[test]
fn a_greek_letter_and_its_name_spell_one_model() {
    // RUCAIBox/LLMSurvey's `PanGu-α` and awesome-pretrained-chinese-nlp-models' `PanGu-Alpha`
    // are one model (the load stopped: both slugged to `pangu-alpha`); `PanGu-Σ` is another
    let dir = common::fixture("greek");
    let g = common::graph_of(&[dir]);
    let models: Vec<(&str, &Value)> = (nodes(&g).iter())
        .filter(|n| n["kind"] == "model")
        .map(|n| (n["id"].as_str().unwrap(), &n["aliases"]))
        .collect();
    assert_eq!(models.len(), 2, "{models:?}");
    let alpha = node(&g, "pangu-alpha");
    assert_eq!(alpha["aliases"], serde_json::json!(["PanGu-α"]), "{alpha}");
    assert_eq!(
        alpha["sizes"],
        serde_json::json!(["13B", "200B"]),
        "{alpha}"
    );
    assert!(models.iter().any(|(id, _)| *id == "pangu-sigma"));
}

#[test]
fn an_organization_column_a_lab_of_a_company_and_counts_before_one_unit() {
    // awesome-pretrained-chinese-nlp-models' `机构/个人` column names Tele-AI for Telechat,
    // LLMs-In-China's `公司` column 中国电信 for TeleChat: TeleAI is part of China Telecom
    // (the organization table), so they are one model; `7/12B` is 7B and 12B
    let g = common::graph_of(&[common::fixture("telechat")]);
    let models: Vec<&Value> = (nodes(&g).iter())
        .filter(|n| n["kind"] == "model")
        .collect();
    assert_eq!(models.len(), 2, "{models:?}");
    let telechat = node(&g, "telechat");
    assert_eq!(
        telechat["sizes"],
        serde_json::json!(["7B", "12B"]),
        "{telechat}"
    );
    let mut makers: Vec<String> = (edges(&g).into_iter())
        .filter(|(from, rel, _)| from == "telechat" && rel == "developed_by")
        .map(|(_, _, to)| to)
        .collect();
    makers.sort();
    assert_eq!(makers, ["china-telecom", "teleai"]);
    let qwen = node(&g, "qwen-3");
    assert_eq!(
        qwen["sizes"],
        serde_json::json!(["4B", "14B", "30B", "235B"])
    );
}

#[test]
fn what_an_entry_is_built_with_is_typed_by_the_vocabulary_never_lineage() {
    // the bundled list's layout: "based on" and "built on" name libraries, platforms and
    // data as well as bases; the vocabulary says which a name only mentioned is, and a name
    // the list defines as a model (GPT-NeoX, also a library) stays a model
    let g = graph("built-with.md", &[]);
    assert_eq!(
        lineage(&g),
        triples(&[
            ("barbot", "uses", "langchain"),
            ("barbot", "uses", "pytorch"),
            ("bazlm", "fine_tuned_from", "vicuna"),
            ("bazlm", "uses", "vllm"),
            ("foochat", "fine_tuned_from", "llama"),
            ("foochat", "trained_on", "sharegpt"),
            ("quxlm", "derived_from", "gpt-neox"),
            ("quxlm", "uses", "deepspeed"),
            ("vicuna", "derived_from", "llama"),
            ("zaptune", "extends", "lora"),
            ("zaptune", "uses", "hugging-face"),
            ("zaptune", "uses", "pytorch"),
        ])
    );
    for (id, kind) in [
        ("pytorch", "application"),
        ("langchain", "application"),
        ("vllm", "application"),
        ("deepspeed", "application"),
        ("hugging-face", "application"),
        ("sharegpt", "dataset"),
        ("gpt-neox", "model"),
        ("lora", "method"),
    ] {
        assert_eq!(node(&g, id)["kind"], kind, "{id}");
    }
    let path = format!("{DIR}/built-with.md");
    let ancestors = |name: &str| {
        let (code, out, err) = llmkg(&["--data", &path, "ancestors", name]);
        assert_eq!(code, 0, "{err}");
        out
    };
    let out = ancestors("BarBot");
    assert!(out.contains("0 ancestor(s)"), "{out}");
    let out = ancestors("BazLM");
    assert!(out.contains("Vicuna") && out.contains("Llama"), "{out}");
    let out = ancestors("ZapTune");
    assert!(out.contains("LoRA"), "{out}");
    for name in ["BarBot", "BazLM", "FooChat", "QuxLM", "ZapTune"] {
        let out = ancestors(name);
        for library in [
            "PyTorch",
            "LangChain",
            "vLLM",
            "DeepSpeed",
            "Hugging Face",
            "ShareGPT",
        ] {
            assert!(!out.contains(library), "{name}: {out}");
        }
    }
    let (code, out) = check("built-with.md");
    assert_eq!(code, 0);
    // a stub of a kind no curated file holds is tied by the alias table, not a curated record
    assert!(
        out.contains("give the name as an alias in a facts file (--facts FILE): [[alias]]"),
        "{out}"
    );
    assert!(
        !out.contains("[[dataset]]") && !out.contains("[[application]]"),
        "{out}"
    );
}

#[test]
fn two_entities_whose_names_slug_alike_get_ids_apart_and_the_load_goes_on() {
    // `盘古` slugs to its code points, `u76d8u53e4`, which another list's model is named: the
    // identity rules keep them apart, so the second gets an id with its organization (before:
    // `duplicate id` stopped the load)
    let g = common::graph_of(&[common::fixture("slug-clash")]);
    let models: Vec<(&str, &str)> = (nodes(&g).iter())
        .filter(|n| n["kind"] == "model")
        .map(|n| (n["id"].as_str().unwrap(), n["label"].as_str().unwrap()))
        .collect();
    assert_eq!(
        models,
        [
            ("u76d8u53e4", "盘古"),
            ("u76d8u53e4-some-lab", "u76d8u53e4")
        ]
    );
}
