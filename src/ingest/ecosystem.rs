//! Stanford CRFM's Ecosystem Graphs: the `assets/*.yaml` folder and the flattened
//! `all_assets.csv`, one [`Record`](super::record::Record) per asset.
//!
//! Both layouts give the same assets: a YAML file is a list of assets (keys such as `name`,
//! `type`, `organization`, `created_date`, `dependencies`; a field may be a plain value or a
//! `{value, explanation}` mapping), and the CSV has a column per field, `{value, explanation}`
//! fields as their value and lists as Python literals (`"['LLaMA', 'ShareGPT data']"`). Each is
//! first read into an [`Asset`] (the fields of [`FIELDS`] as text, placeholders such as `unknown`
//! dropped), and one function makes the record of an asset, so both layouts give equal records.
//! Dependencies are kept as named, without a relation: the merge decides from the kinds.

use super::csv_rows::{column, csv_error, csv_reader, each_row};
use super::epoch::{bad_value, date, skipped};
use super::record::{Dependency, Record};
use super::value::link::{self, is_url};
use super::value::size;
use crate::error::{Diagnostic, Error, Result};
use crate::model::{AttrValue, Evidence, Link, LinkKind, Name, NodeKind};
use serde_yaml_ng::Value;

/// The source tag of Ecosystem Graphs' records.
const SOURCE: &str = "ecosystem";

/// The text fields of an asset that are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Type,
    Organization,
    CreatedDate,
    Size,
    Description,
    Url,
    ModelCard,
    Access,
    License,
    Modality,
}

/// Each [`Field`] (in the enum's order) with its key in the YAML files and column in the CSV.
const FIELDS: [(Field, &str); 11] = [
    (Field::Name, "name"),
    (Field::Type, "type"),
    (Field::Organization, "organization"),
    (Field::CreatedDate, "created_date"),
    (Field::Size, "size"),
    (Field::Description, "description"),
    (Field::Url, "url"),
    (Field::ModelCard, "model_card"),
    (Field::Access, "access"),
    (Field::License, "license"),
    (Field::Modality, "modality"),
];

/// The list of the names an asset depends on.
const DEPENDENCIES: &str = "dependencies";

/// The columns that make a CSV header the flattened assets file's.
const REQUIRED: [&str; 5] = ["name", "type", "organization", DEPENDENCIES, "created_date"];

/// A `{value, explanation}` field's key for its value.
const VALUE: &str = "value";

/// Asset types and the node kinds they become; other types are left out.
const KINDS: [(&str, NodeKind); 3] = [
    ("model", NodeKind::Model),
    ("dataset", NodeKind::Dataset),
    ("application", NodeKind::Application),
];

/// Fields kept as text attributes: (attribute, field), sorted by attribute.
const ATTR_FIELDS: [(&str, Field); 3] = [
    ("access", Field::Access),
    ("license", Field::License),
    ("modality", Field::Modality),
];

/// The attribute that keeps a size text that gives no parameter count (`52K instructions`).
const SIZE_ATTR: &str = "size";

/// Values that say nothing, read as an absent field (compared ignoring ASCII case).
const PLACEHOLDERS: [&str; 5] = ["unknown", "none", "n/a", "nan", "null"];

/// Whether a CSV header is the flattened assets file's: it has every column of [`REQUIRED`].
pub(crate) fn is_ecosystem_header(header: &csv::StringRecord) -> bool {
    REQUIRED.iter().all(|c| column(header, c).is_some())
}

/// Whether a text is an assets file: a YAML block list whose every item has `name:` and `type:`
/// keys. Only looks at the lines' indentation and keys: a file that passes may still fail to
/// parse, and [`read_yaml`] then says where.
pub(crate) fn is_ecosystem_yaml(text: &str) -> bool {
    item_lines(text).is_some_and(|items| {
        !items.is_empty()
            && items
                .iter()
                .all(|i| i.line_of("name").is_some() && i.line_of("type").is_some())
    })
}

/// The records of the flattened `all_assets.csv` named `file`; assets without a name or of
/// another type are left out with a `skipped-record` finding. A malformed CSV is an error
/// naming the line.
pub(crate) fn read_csv(file: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Result<Vec<Record>> {
    let mut rdr = csv_reader(text);
    let header = rdr.headers().map_err(|e| csv_error(file, &e))?.clone();
    if !is_ecosystem_header(&header) {
        return Err(Error::parse(
            file,
            Some(1),
            format!(
                "not an Ecosystem Graphs assets CSV: the header lacks one of the columns {}",
                REQUIRED.join(", ")
            ),
        )
        .with_help("give resources/all_assets.csv of the ecosystem-graphs repository"));
    }
    let cols = FIELDS.map(|(_, key)| column(&header, key));
    let deps = column(&header, DEPENDENCIES);
    let fname = Name::new(file);
    let mut records = Vec::new();
    each_row(file, text, &mut rdr, |row, line| {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("");
        let at = format!("{file}:{line}");
        let asset = Asset {
            texts: cols.map(|i| clean(cell(i))),
            dependencies: python_list(cell(deps), &at, diags),
            line: Some(line),
        };
        records.extend(record(&fname, &asset, diags));
    })?;
    Ok(records)
}

/// The records of one assets file (`assets/meta.yaml`) named `file`; each record's line is that
/// of its asset's `name:` key. Assets without a name or of another type are left out with a
/// `skipped-record` finding; a YAML syntax error is an error naming the line.
pub(crate) fn read_yaml(
    file: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Record>> {
    let doc: Value = serde_yaml_ng::from_str(text).map_err(|e| yaml_error(file, &e))?;
    let items = match doc {
        Value::Sequence(items) => items,
        Value::Null => return Ok(Vec::new()),
        _ => {
            return Err(Error::parse(
                file,
                Some(1),
                "not an Ecosystem Graphs assets file: expected a YAML list of assets",
            )
            .with_help(
                "each asset is an item `- name: ...` with keys such as type and organization",
            ));
        }
    };
    // where each item is, when the lines show one item per asset
    let places = item_lines(text).filter(|p| p.len() == items.len());
    let fname = Name::new(file);
    let mut records = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let place = places.as_ref().map(|p| &p[i]);
        let line = place.map(|p| p.line_of(Field::Name.key()).unwrap_or(p.start));
        let Some(fields) = item.as_mapping() else {
            let at = place.map_or(file.to_string(), |p| format!("{file}:{}", p.start));
            diags.push(skipped(
                &at,
                format!("asset {} is not a mapping of fields: left out", i + 1),
                "write each asset as `- name: ...` followed by its other keys",
            ));
            continue;
        };
        let asset = Asset {
            texts: FIELDS
                .map(|(_, key)| fields.get(key).and_then(value_text).and_then(|t| clean(&t))),
            dependencies: fields.get(DEPENDENCIES).map(yaml_list).unwrap_or_default(),
            line,
        };
        records.extend(record(&fname, &asset, diags));
    }
    Ok(records)
}

impl Field {
    /// The field's key in the YAML files and column in the CSV.
    fn key(self) -> &'static str {
        FIELDS[self as usize].1
    }
}

/// One asset as either layout gives it.
struct Asset {
    /// The text of each field of [`FIELDS`], by index; `None` where absent, empty or a
    /// placeholder.
    texts: [Option<String>; FIELDS.len()],
    /// The names it depends on, trimmed, as written.
    dependencies: Vec<String>,
    /// Its line: the YAML `name:` key's, or the CSV row's.
    line: Option<u32>,
}

impl Asset {
    fn get(&self, f: Field) -> Option<&str> {
        self.texts[f as usize].as_deref()
    }
}

/// The record of an asset, or `None` (with a finding) for one without a name or of a type
/// that is not a model, dataset or application.
fn record(file: &Name, asset: &Asset, diags: &mut Vec<Diagnostic>) -> Option<Record> {
    let at = match asset.line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    };
    let Some(name) = asset.get(Field::Name) else {
        let help = "give the asset a name, or leave it out of the file";
        diags.push(skipped(&at, "an asset without a name: left out", help));
        return None;
    };
    let Some(kind) = kind_of(asset.get(Field::Type).unwrap_or("")) else {
        let what = format!(
            "asset \"{name}\" has type \"{}\", not model, dataset or application: left out",
            asset.get(Field::Type).unwrap_or("")
        );
        diags.push(skipped(
            &at,
            what,
            "set its type to model, dataset or application",
        ));
        return None;
    };
    let url = asset.get(Field::Url).filter(|u| is_url(u));
    let evidence = Evidence {
        source: Name::new(SOURCE),
        file: Some(*file),
        line: asset.line.and_then(std::num::NonZeroU32::new),
        text: None,
        url: url.map(Name::new),
    };
    let mut r = Record::new(name, kind, evidence);
    r.organizations = asset
        .get(Field::Organization)
        .map(super::org::split_names)
        .unwrap_or_default();
    r.released = asset
        .get(Field::CreatedDate)
        .and_then(|d| date(d, &at, diags));
    r.description = asset.get(Field::Description).map(String::from);
    r.links = links(url, asset.get(Field::ModelCard));
    r.attrs = ATTR_FIELDS
        .iter()
        .filter_map(|&(attr, f)| Some((attr.to_string(), AttrValue::Text(asset.get(f)?.into()))))
        .collect();
    if let Some(size) = asset.get(Field::Size) {
        r.sizes_b = size::parameter_counts(size);
        r.sizes = r.sizes_b.iter().map(|&b| size::text(b)).collect();
        if r.sizes_b.is_empty() {
            r.attrs.push((
                SIZE_ATTR.to_string(),
                AttrValue::Text(size.to_string().into()),
            ));
            r.attrs.sort_by(|a, b| a.0.cmp(&b.0));
        }
    }
    r.depends_on = asset
        .dependencies
        .iter()
        .map(|name| Dependency {
            name: name.clone(),
            relation: None,
        })
        .collect();
    Some(r)
}

/// The node kind of an asset type ([`KINDS`]), ignoring case and spaces.
fn kind_of(asset_type: &str) -> Option<NodeKind> {
    KINDS
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(asset_type.trim()))
        .map(|&(_, k)| k)
}

/// The `url` link (`paper` on arXiv, else `other`) and the `model_card` link (`model`), where
/// they are URLs.
fn links(url: Option<&str>, model_card: Option<&str>) -> Vec<Link> {
    let mut out = Vec::new();
    if let Some(u) = url {
        // the asset's page: a checkpoint only where `model_card` names one
        let kind = match link::kind_of(u) {
            LinkKind::Model => LinkKind::Other,
            k => k,
        };
        out.push(Link {
            kind,
            url: u.to_string(),
        });
    }
    if let Some(card) = model_card.filter(|c| is_url(c)) {
        out.push(Link {
            kind: LinkKind::Model,
            url: card.to_string(),
        });
    }
    out
}

/// A field's text: trimmed; `None` when empty or a placeholder ([`PLACEHOLDERS`]).
fn clean(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty() && !PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(t)))
        .then(|| t.to_string())
}

/// The text of a YAML value: a scalar as written, a `{value, explanation}` mapping's value;
/// `None` for null, a list or a mapping without a value.
fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Mapping(m) => m.get(VALUE).and_then(value_text),
        Value::Tagged(t) => value_text(&t.value),
        Value::Null | Value::Sequence(_) => None,
    }
}

/// The names of a YAML `dependencies` value: a list of names, or one name, or either as the
/// value of a `{value, explanation}` mapping.
fn yaml_list(v: &Value) -> Vec<String> {
    if let Some(inner @ Value::Sequence(_)) = v.as_mapping().and_then(|m| m.get(VALUE)) {
        return yaml_list(inner);
    }
    let names: Vec<String> = match v {
        Value::Sequence(items) => items.iter().filter_map(value_text).collect(),
        other => value_text(other).into_iter().collect(),
    };
    trimmed(names)
}

/// The names of a CSV `dependencies` cell: a list written by Python (`['LLaMA', "Alpaca's
/// data"]`, read as JSON5, whose strings may be single-quoted), or one name; an unreadable list
/// is a `bad-value` finding at `at` and gives none.
fn python_list(cell: &str, at: &str, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let cell = cell.trim();
    if !cell.starts_with('[') {
        return clean(cell).into_iter().collect();
    }
    match json5::from_str::<Vec<String>>(cell) {
        Ok(names) => trimmed(names),
        Err(e) => {
            diags.push(bad_value(
                at,
                format!("dependencies {cell} is not a list of names ({e}): none read"),
            ));
            Vec::new()
        }
    }
}

/// Names trimmed, empties dropped.
fn trimmed(names: Vec<String>) -> Vec<String> {
    names
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// A YAML error as a parse error of `file` at its line.
fn yaml_error(file: &str, e: &serde_yaml_ng::Error) -> Error {
    let line = e.location().map(|l| l.line() as u64);
    Error::parse(file, line, format!("malformed YAML: {e}")).with_help(
        "check the indentation and quoting near that line: each asset is a `- ` item whose keys \
         (name, type, organization, ...) line up, and a value holding `: ` or ` #` must be quoted",
    )
}

/// Where an item of a YAML block list is: the line of its `-`, and the line of each key of its
/// own (not of nested mappings).
#[derive(Debug, PartialEq)]
struct ItemLines {
    start: u32,
    keys: Vec<(String, u32)>,
}

impl ItemLines {
    fn line_of(&self, key: &str) -> Option<u32> {
        self.keys.iter().find(|(k, _)| k == key).map(|&(_, l)| l)
    }
}

/// The items of a text that is a YAML block list (`- key: ...` lines at one indentation, their
/// other keys lined up below), found from the lines alone; `None` for a text that is not one.
/// Deeper lines (nested values, block text, continued lines) are passed over.
fn item_lines(text: &str) -> Option<Vec<ItemLines>> {
    let mut items: Vec<ItemLines> = Vec::new();
    let (mut list_indent, mut key_indent) = (None, None);
    for (i, raw) in text.lines().enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let body = raw.trim_start_matches(' ');
        let indent = raw.len() - body.len();
        let marker = indent == 0 && (body.starts_with("---") || body.starts_with("..."));
        if body.trim().is_empty() || body.starts_with('#') || marker {
            continue;
        }
        let top = *list_indent.get_or_insert(indent);
        if indent < top {
            return None;
        }
        if indent > top {
            let item = items.last_mut()?;
            if indent == *key_indent.get_or_insert(indent) {
                item.keys
                    .extend(key_of(body).map(|k| (k.to_string(), line)));
            }
            continue;
        }
        let rest = body.strip_prefix('-')?;
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        let content = rest.trim_start_matches(' ');
        key_indent = (!content.is_empty()).then(|| indent + 1 + rest.len() - content.len());
        let keys = key_of(content)
            .map(|k| (k.to_string(), line))
            .into_iter()
            .collect();
        items.push(ItemLines { start: line, keys });
    }
    Some(items)
}

/// The key of a `key: value` or `key:` line, plain or quoted; `None` for other lines (a list
/// entry `- x`, text).
fn key_of(line: &str) -> Option<&str> {
    let (key, rest) = line.split_once(':')?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let key = key.trim_end().trim_matches(['"', '\'']);
    let first = key.chars().next()?;
    let word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ');
    ((first.is_alphabetic() || first == '_') && key.chars().all(word)).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;
    use crate::model::{Date, Relation};

    /// The assets folder, in the order the flattened CSV lists it.
    const YAML: [(&str, &str); 4] = [
        (
            "assets/lmsys.yaml",
            include_str!("../../tests/fixtures/ecosystem/assets/lmsys.yaml"),
        ),
        (
            "assets/meta.yaml",
            include_str!("../../tests/fixtures/ecosystem/assets/meta.yaml"),
        ),
        (
            "assets/openai.yaml",
            include_str!("../../tests/fixtures/ecosystem/assets/openai.yaml"),
        ),
        (
            "assets/stanford.yaml",
            include_str!("../../tests/fixtures/ecosystem/assets/stanford.yaml"),
        ),
    ];
    const CSV: &str = include_str!("../../tests/fixtures/ecosystem/all_assets.csv");

    fn folder() -> (Vec<Record>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut records = Vec::new();
        for (file, text) in YAML {
            records.extend(read_yaml(file, text, &mut diags).expect("reads"));
        }
        (records, diags)
    }

    fn by_name<'a>(records: &'a [Record], name: &str) -> &'a Record {
        records
            .iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("no record {name:?}"))
    }

    fn deps(r: &Record) -> Vec<&str> {
        r.depends_on.iter().map(|d| d.name.as_str()).collect()
    }

    fn attr<'a>(r: &'a Record, name: &str) -> Option<&'a str> {
        r.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| match v {
                AttrValue::Text(t) => t.as_str(),
                other => panic!("{name} is not text: {other:?}"),
            })
    }

    /// The 1-based line of the first line of `text` equal to `line`.
    fn line_in(text: &str, line: &str) -> u32 {
        let i = text
            .lines()
            .position(|l| l == line)
            .expect("the line is there");
        u32::try_from(i + 1).unwrap()
    }

    #[test]
    fn fields_are_listed_in_the_order_of_the_enum() {
        for (i, (f, key)) in FIELDS.iter().enumerate() {
            assert_eq!(*f as usize, i, "{key}");
            assert_eq!(f.key(), *key);
        }
    }

    #[test]
    fn the_csv_header_is_recognised_by_its_columns_in_any_order() {
        let header = csv_reader(CSV).headers().unwrap().clone();
        assert!(is_ecosystem_header(&header));
        let shuffled = csv::StringRecord::from(vec![
            "created_date",
            " Type",
            "dependencies",
            "url",
            "organization",
            "\u{feff}name",
        ]);
        assert!(is_ecosystem_header(&shuffled));
        let no_deps = csv::StringRecord::from(vec!["name", "type", "organization", "created_date"]);
        assert!(!is_ecosystem_header(&no_deps));
    }

    #[test]
    fn assets_files_are_told_from_other_yaml_and_text() {
        for (file, text) in YAML {
            assert!(is_ecosystem_yaml(text), "{file}");
        }
        assert!(is_ecosystem_yaml(
            "---\n# assets\n-\n  name: A\n  type: model\n"
        ));
        assert!(!is_ecosystem_yaml("name: A\ntype: model\n"));
        assert!(!is_ecosystem_yaml("- name: A\n  organization: B\n"));
        assert!(!is_ecosystem_yaml("- A\n- B\n"));
        assert!(!is_ecosystem_yaml(""));
        assert!(!is_ecosystem_yaml(CSV));
        assert!(!is_ecosystem_yaml("# Models\n\n- LLaMA: a model\n"));
    }

    #[test]
    fn the_folder_and_the_flattened_csv_give_the_same_records() {
        let (yaml, yaml_diags) = folder();
        let mut csv_diags = Vec::new();
        let csv = read_csv("all_assets.csv", CSV, &mut csv_diags).expect("reads");
        let without_place = |records: Vec<Record>| -> Vec<Record> {
            records
                .into_iter()
                .map(|mut r| {
                    r.evidence.file = None;
                    r.evidence.line = None;
                    r
                })
                .collect()
        };
        assert_eq!(yaml.len(), 10, "11 assets, HELM a benchmark");
        assert_eq!(without_place(yaml), without_place(csv));
        // the same findings, at their own places
        let codes = |d: &[Diagnostic]| d.iter().map(|d| d.code).collect::<Vec<_>>();
        assert_eq!(codes(&yaml_diags), [Code::SkippedRecord]);
        assert_eq!(codes(&yaml_diags), codes(&csv_diags));
        assert_eq!(csv_diags[0].location, "all_assets.csv:13");
    }

    #[test]
    fn a_yaml_asset_is_placed_at_its_name_key() {
        let (records, diags) = folder();
        let (_, meta) = YAML[1];
        let llama = by_name(&records, "LLaMA");
        assert_eq!(llama.evidence.line_or_zero(), 18);
        assert_eq!(
            llama.evidence.line_or_zero(),
            line_in(meta, "  name: LLaMA")
        );
        assert_eq!(
            llama.evidence.file.map(|f| f.as_str()),
            Some("assets/meta.yaml")
        );
        assert_eq!(llama.evidence.source.as_str(), "ecosystem");
        let (_, stanford) = YAML[3];
        // its block text holds a `name:` line of its own, deeper
        assert_eq!(
            by_name(&records, "Alpaca dataset").evidence.line_or_zero(),
            line_in(stanford, "  name: Alpaca dataset")
        );
        assert_eq!(
            by_name(&records, "Alpaca").evidence.line_or_zero(),
            line_in(stanford, "  name: Alpaca")
        );
        let helm = line_in(stanford, "  name: HELM");
        assert_eq!(diags[0].location, format!("assets/stanford.yaml:{helm}"));
        assert!(diags[0].message.contains("\"benchmark\""), "{}", diags[0]);
    }

    #[test]
    fn dates_in_every_form() {
        let (records, diags) = folder();
        let released = |name: &str| by_name(&records, name).released;
        let day = |s: &str| Some(s.parse::<Date>().unwrap());
        // {value, explanation}
        assert_eq!(released("LLaMA"), day("2023-02-24"));
        assert_eq!(released("GPT-4"), day("2023-03-14"));
        // a plain date, a quoted one, an ISO timestamp
        assert_eq!(released("Llama 2"), day("2023-07-18"));
        assert_eq!(released("Code Llama"), day("2023-08-24"));
        assert_eq!(released("Alpaca"), day("2023-03-13"));
        // `unknown` as the value of {value, explanation}: no date, no finding
        assert_eq!(released("Chatbot Arena"), None);
        assert!(diags.iter().all(|d| d.code != Code::BadValue), "{diags:?}");
    }

    #[test]
    fn kinds_organizations_sizes_and_attributes() {
        let (records, _) = folder();
        let vicuna = by_name(&records, "Vicuna");
        assert_eq!(vicuna.kind, NodeKind::Model);
        assert_eq!(
            vicuna.organizations,
            ["LMSYS", "UC Berkeley", "Carnegie Mellon University (CMU)"]
        );
        assert_eq!(
            (vicuna.sizes.clone(), vicuna.sizes_b.clone()),
            (vec!["13B".to_string()], vec![13.0])
        );
        let llama = by_name(&records, "LLaMA");
        assert_eq!(
            llama.attrs,
            [
                ("access".to_string(), AttrValue::Text("limited".into())),
                (
                    "license".to_string(),
                    AttrValue::Text("LLaMA License (model weights), GPLv3 (code)".into())
                ),
                ("modality".to_string(), AttrValue::Text("text; text".into())),
            ]
        );
        let llama2 = by_name(&records, "Llama 2");
        assert_eq!(attr(llama2, "license"), Some("Llama 2 Community License"));
        let data = by_name(&records, "Alpaca dataset");
        assert_eq!(data.kind, NodeKind::Dataset);
        assert!(data.sizes.is_empty() && data.sizes_b.is_empty());
        assert_eq!(attr(data, "size"), Some("52K instructions"));
        assert_eq!(data.attrs.last().map(|a| a.0.as_str()), Some("size"));
        assert!(
            data.description
                .as_deref()
                .unwrap()
                .contains("\nname: not a key")
        );
        let arena = by_name(&records, "Chatbot Arena");
        assert_eq!(arena.kind, NodeKind::Application);
        assert_eq!(
            attr(arena, "license"),
            None,
            "an empty license is no attribute"
        );
        let davinci = by_name(&records, "text-davinci-003");
        assert_eq!(
            (attr(davinci, "license"), attr(davinci, "size")),
            (None, None)
        );
        assert!(davinci.sizes.is_empty());
    }

    #[test]
    fn links_and_the_evidence_url() {
        let (records, _) = folder();
        let kinds = |name: &str| -> Vec<(String, String)> {
            by_name(&records, name)
                .links
                .iter()
                .map(|l| (l.kind.as_str().to_string(), l.url.clone()))
                .collect()
        };
        let link = |k: &str, u: &str| (k.to_string(), u.to_string());
        assert_eq!(
            kinds("Llama 2"),
            [
                link("paper", "https://arxiv.org/abs/2307.09288"),
                link("model", "https://huggingface.co/meta-llama/Llama-2-70b"),
            ]
        );
        // model_card `none` is no link; the url is not a paper
        assert_eq!(
            kinds("Code Llama"),
            [link(
                "other",
                "https://ai.meta.com/research/publications/code-llama/"
            )]
        );
        assert_eq!(
            by_name(&records, "Vicuna").evidence.url.map(|u| u.as_str()),
            Some("https://lmsys.org/blog/2023-03-30-vicuna/")
        );
    }

    #[test]
    fn dependencies_are_kept_as_named_without_a_relation() {
        let (records, _) = folder();
        let vicuna = by_name(&records, "Vicuna");
        assert_eq!(deps(vicuna), ["LLaMA", "ShareGPT conversations data"]);
        assert!(vicuna.depends_on.iter().all(|d| d.relation.is_none()));
        assert_eq!(
            deps(by_name(&records, "Code Llama")),
            ["LLaMA 2", "Code Llama data"]
        );
        assert_eq!(
            deps(by_name(&records, "Alpaca")),
            ["LLaMA", "Alpaca dataset", "Alpaca's seed tasks"]
        );
        // `[]` and no key at all
        assert!(by_name(&records, "LLaMA").depends_on.is_empty());
        assert!(by_name(&records, "GPT-4").depends_on.is_empty());
        let _ = Relation::Uses; // the merge picks the relation from the kinds
    }

    #[test]
    fn python_lists_are_parsed_not_split() {
        let mut diags = Vec::new();
        let mut list = |cell: &str| python_list(cell, "f.csv:2", &mut diags);
        assert_eq!(
            list(r#"['LLaMA', "Alpaca's data", 'a, b', 'it\'s']"#),
            ["LLaMA", "Alpaca's data", "a, b", "it's"]
        );
        assert!(list("[]").is_empty());
        assert!(list("").is_empty());
        assert_eq!(list(" LLaMA "), ["LLaMA"]);
        assert!(list("['LLaMA', ").is_empty());
        assert_eq!(diags.len(), 1);
        assert_eq!(
            (diags[0].code, diags[0].location.as_str()),
            (Code::BadValue, "f.csv:2")
        );
    }

    #[test]
    fn yaml_errors_name_the_file_and_line() {
        let mut diags = Vec::new();
        let broken = "- name: A\n  type: model\n- name: B\n  type: [model\n  url: x\n";
        let e = read_yaml("assets/x.yaml", broken, &mut diags).unwrap_err();
        let Error::Parse { line, help, .. } = &e else {
            panic!("{e}")
        };
        assert!(matches!(line, Some(4..=6)), "{e}");
        assert!(help.is_some());
        assert!(e.to_string().starts_with("assets/x.yaml:"), "{e}");
        let e = read_yaml("m.yaml", "name: A\ntype: model\n", &mut diags).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("m.yaml:1: not an Ecosystem Graphs assets file"),
            "{e}"
        );
        assert!(read_yaml("e.yaml", "", &mut diags).unwrap().is_empty());
        let e = read_csv("a.csv", "name,type\nA,model\n", &mut diags).unwrap_err();
        assert!(
            e.to_string().starts_with("a.csv:1: not an Ecosystem"),
            "{e}"
        );
        let short =
            "name,type,organization,dependencies,created_date\nA,model,O,[],2023\nB,model\n";
        let e = read_csv("a.csv", short, &mut diags).unwrap_err();
        assert!(e.to_string().starts_with("a.csv:3: malformed CSV"), "{e}");
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn odd_assets_are_left_out_with_a_finding() {
        let mut diags = Vec::new();
        let text = "- plain text\n- name: ''\n  type: model\n- name: B\n  type: Model\n  created_date: soon\n";
        let records = read_yaml("o.yaml", text, &mut diags).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(
            (records[0].name.as_str(), records[0].evidence.line_or_zero()),
            ("B", 4)
        );
        let found: Vec<(Code, &str)> = diags
            .iter()
            .map(|d| (d.code, d.location.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (Code::SkippedRecord, "o.yaml:1"),
                (Code::SkippedRecord, "o.yaml:2"),
                (Code::BadValue, "o.yaml:4"),
            ]
        );
    }

    #[test]
    fn explained_dependencies_are_read_from_their_value() {
        let mut diags = Vec::new();
        let text = "- name: The Cauldron\n  type: dataset\n  dependencies:\n    explanation: the largest\n    value:\n    - WebSight\n    - DaTikz\n";
        let records = read_yaml("h.yaml", text, &mut diags).unwrap();
        assert_eq!(deps(&records[0]), ["WebSight", "DaTikz"]);
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn item_lines_follow_the_items_and_their_own_keys() {
        let text = "-\n  name: A\n  created_date:\n    name: deeper\n    value: 2023\n  type: model\n- type: x\n  dependencies:\n  - name: not a key\n  name: B\n";
        let items = item_lines(text).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!((items[0].start, items[0].line_of("name")), (1, Some(2)));
        assert_eq!(items[0].line_of("type"), Some(6));
        assert_eq!((items[1].start, items[1].line_of("name")), (7, Some(10)));
        assert_eq!(items[1].line_of("type"), Some(7));
    }
}
