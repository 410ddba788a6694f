//! Epoch AI's "Data on AI models" CSV downloads: one [`Record`](super::record::Record) per row.
//!
//! The downloads (notable, large-scale, all models) carry different columns in different orders,
//! so columns are found by name ([`is_epoch_header`]); only `Model`, `Organization` and
//! `Publication date` must be there. Each row is one model release: its name, organizations (the
//! cell split at its commas), date, parameter count (as sizes), links, a few attributes
//! ([`ATTR_COLUMNS`]), its `Base model` as a `fine_tuned_from` dependency and its `Training
//! dataset` (split at commas outside parentheses) as `trained_on` ones; placeholders such as
//! `Unspecified unreleased` are left to the merge, which knows the vocabulary. Also holds what the
//! Ecosystem Graphs reader shares with it: the CSV reader and its errors, splitting a cell at
//! commas, sizes from a count, dates and links.

use super::csv_rows::{column, csv_error, csv_reader, each_row};
use super::record::{Dependency, Record, split_list};
use super::value::link::{self, is_url};
use crate::error::{Code, Diagnostic, Error, Result, Severity};
use crate::model::{AttrValue, Date, Evidence, Link, Name, NodeKind, Relation};

/// The source tag of Epoch's records.
const SOURCE: &str = "epoch";

/// The columns read, by their names in the downloads' header (matched trimmed, ignoring case).
const MODEL: &str = "Model";
const ORGANIZATION: &str = "Organization";
const PUBLICATION_DATE: &str = "Publication date";
const PARAMETERS: &str = "Parameters";
const LINK: &str = "Link";
const BASE_MODEL: &str = "Base model";
const TRAINING_DATASET: &str = "Training dataset";

/// The columns every Epoch download has, whatever else it carries.
const REQUIRED: [&str; 3] = [MODEL, ORGANIZATION, PUBLICATION_DATE];

/// Columns kept as text attributes where non-empty: (attribute, column), sorted by attribute;
/// an attribute with two columns (the downloads have spelt it both ways) takes the first found.
const ATTR_COLUMNS: [(&str, &str); 4] = [
    ("accessibility", "Model accessibility"),
    ("country", "Country (of organization)"),
    ("country", "Country (from Organization)"),
    ("domain", "Domain"),
];

/// Characters that separate the URLs of a cell holding several.
const URL_SEPARATORS: [char; 5] = [',', ';', ' ', '\n', '\r'];

/// Whether a CSV header is an Epoch download's: it has every column of [`REQUIRED`], in any
/// order, spelled with any case and surrounding spaces (and a byte-order mark on the first).
pub(crate) fn is_epoch_header(header: &csv::StringRecord) -> bool {
    REQUIRED.iter().all(|c| column(header, c).is_some())
}

/// The records of an Epoch download named `file` (for evidence and messages); rows without a
/// name are left out with a `skipped-record` finding in `diags`, unreadable values with a
/// `bad-value` one. A malformed CSV is an error naming the line.
pub(crate) fn read(file: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Result<Vec<Record>> {
    let mut rdr = csv_reader(text);
    let header = rdr.headers().map_err(|e| csv_error(file, &e))?.clone();
    let cols = Columns::of(&header).ok_or_else(|| {
        Error::parse(
            file,
            Some(1),
            format!(
                "not an Epoch AI models CSV: the header lacks one of the columns {}",
                REQUIRED.join(", ")
            ),
        )
        .with_help("give the notable, large-scale or all-models CSV as downloaded from Epoch AI")
    })?;
    let (source, fname) = (Name::new(SOURCE), Name::new(file));
    let mut records = Vec::new();
    each_row(file, text, &mut rdr, |row, line| {
        let ev = Evidence::at(&source, &fname, line);
        records.extend(cols.record(row, ev, diags));
    })?;
    Ok(records)
}

/// Where each read column is in one download's header.
struct Columns {
    model: usize,
    organization: usize,
    date: usize,
    parameters: Option<usize>,
    link: Option<usize>,
    base: Option<usize>,
    training_data: Option<usize>,
    /// (attribute, column index) for each column of [`ATTR_COLUMNS`] the header has.
    attrs: Vec<(&'static str, usize)>,
}

/// (attribute, column index) for each attribute of [`ATTR_COLUMNS`] the header has a column of.
fn attr_columns(header: &csv::StringRecord) -> Vec<(&'static str, usize)> {
    let mut attrs: Vec<(&'static str, usize)> = ATTR_COLUMNS
        .iter()
        .filter_map(|&(attr, col)| Some((attr, column(header, col)?)))
        .collect();
    attrs.dedup_by_key(|(attr, _)| *attr);
    attrs
}

impl Columns {
    fn of(header: &csv::StringRecord) -> Option<Columns> {
        Some(Columns {
            model: column(header, MODEL)?,
            organization: column(header, ORGANIZATION)?,
            date: column(header, PUBLICATION_DATE)?,
            parameters: column(header, PARAMETERS),
            link: column(header, LINK),
            base: column(header, BASE_MODEL),
            training_data: column(header, TRAINING_DATASET),
            attrs: attr_columns(header),
        })
    }

    /// The record of one row, or `None` (with a finding) for a row without a name.
    fn record(
        &self,
        row: &csv::StringRecord,
        ev: Evidence,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Record> {
        let cell = |i: usize| row.get(i).map_or("", str::trim);
        let opt = |i: Option<usize>| i.map_or("", cell);
        let at = ev.location();
        let name = cell(self.model);
        if name.is_empty() {
            diags.push(skipped(
                &at,
                "a row without a model name (the Model cell is empty): left out",
                "fill in the Model cell, or leave the row out of the file",
            ));
            return None;
        }
        let mut r = Record::new(name, NodeKind::Model, ev);
        r.organizations = super::org::split_names(cell(self.organization));
        r.released = date(cell(self.date), &at, diags);
        if let Some(b) = parameter_count(opt(self.parameters), &at, diags) {
            r.sizes.push(crate::ingest::value::size::text(b));
            r.sizes_b.push(b);
        }
        r.links = links(opt(self.link));
        r.evidence.url = r.links.first().map(|l| Name::new(&l.url));
        r.attrs = self
            .attrs
            .iter()
            .filter(|&&(_, i)| !cell(i).is_empty())
            .map(|&(attr, i)| (attr.to_string(), AttrValue::Text(cell(i).into())))
            .collect();
        let given = |cell: &str, relation: Relation| {
            let names = split_list(cell).into_iter();
            names.map(move |name| Dependency {
                name,
                relation: Some(relation),
            })
        };
        r.depends_on = given(opt(self.base), Relation::FineTunedFrom)
            .chain(given(opt(self.training_data), Relation::TrainedOn))
            .collect();
        let before = r.depends_on.len();
        let is_self = |d: &Dependency| {
            d.relation == Some(Relation::FineTunedFrom) && d.name.trim().eq_ignore_ascii_case(name)
        };
        r.depends_on.retain(|d| !is_self(d));
        if r.depends_on.len() < before {
            diags.push(
                Diagnostic::new(
                    Severity::Warning,
                    Code::SelfReference,
                    &at,
                    format!("\"{name}\" names itself as its base model: no edge"),
                )
                .help("give the model it was fine-tuned from, or leave the Base model cell empty"),
            );
        }
        Some(r)
    }
}

/// The billions of parameters of a `Parameters` cell (a count such as `70000000000.0`);
/// `None` for an empty cell, and, with a `bad-value` finding, for one that is not a positive
/// number.
fn parameter_count(cell: &str, at: &str, diags: &mut Vec<Diagnostic>) -> Option<f64> {
    if cell.is_empty() {
        return None;
    }
    match cell.parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 => Some(n / 1e9),
        _ => {
            diags.push(bad_value(
                at,
                format!("Parameters \"{cell}\" is not a parameter count: no size read"),
            ));
            None
        }
    }
}

/// The date of a cell (`YYYY-MM-DD`, a month, a year or an ISO timestamp); `None` for an empty
/// cell, and, with a `bad-value` finding, for one that is no date.
pub(super) fn date(cell: &str, at: &str, diags: &mut Vec<Diagnostic>) -> Option<Date> {
    if cell.is_empty() {
        return None;
    }
    match cell.parse() {
        Ok(d) => Some(d),
        Err(e) => {
            diags.push(bad_value(at, format!("{e}: no release date read")));
            None
        }
    }
}

/// The links of a cell holding one or several URLs (separated by commas, spaces or line breaks),
/// each once, in order; words that are not URLs are left out.
pub(super) fn links(cell: &str) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    for url in cell.split(URL_SEPARATORS).filter(|u| is_url(u)) {
        if !out.iter().any(|l| l.url == url) {
            out.push(Link {
                kind: link::kind_of(url),
                url: url.to_string(),
            });
        }
    }
    out
}

/// A `skipped-record` finding at `at`.
pub(super) fn skipped(at: &str, what: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::new(Severity::Warning, Code::SkippedRecord, at, what).help(help)
}

/// A `bad-value` finding at `at`.
pub(super) fn bad_value(at: &str, what: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Severity::Warning, Code::BadValue, at, what)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTABLE: &str = include_str!("../../tests/fixtures/epoch/notable_ai_models.csv");
    const ALL: &str = include_str!("../../tests/fixtures/epoch/all_ai_models.csv");

    fn header(cells: &[&str]) -> csv::StringRecord {
        csv::StringRecord::from(cells.to_vec())
    }

    #[test]
    fn the_country_column_is_read_in_either_spelling() {
        for col in ["Country (of organization)", "Country (from Organization)"] {
            let h = header(&["Model", "Domain", col, "Country (from Organization)"]);
            assert_eq!(attr_columns(&h), [("country", 2), ("domain", 1)], "{col}");
        }
    }

    fn read_ok(text: &str) -> (Vec<Record>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let records = read("epoch.csv", text, &mut diags).expect("reads");
        (records, diags)
    }

    fn by_name<'a>(records: &'a [Record], name: &str) -> &'a Record {
        records
            .iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("no record {name:?}"))
    }

    fn text(v: &str) -> AttrValue {
        AttrValue::Text(v.into())
    }

    #[test]
    fn headers_are_recognised_by_their_columns_in_any_order() {
        let notable = csv_reader(NOTABLE).headers().unwrap().clone();
        let all = csv_reader(ALL).headers().unwrap().clone();
        assert_eq!(notable.len(), 46);
        assert!(is_epoch_header(&notable));
        assert!(is_epoch_header(&all));
        assert!(is_epoch_header(&header(&[
            "\u{feff} Publication date",
            " organization ",
            "Model"
        ])));
        assert!(!is_epoch_header(&header(&[
            "Model",
            "Organization",
            "Date"
        ])));
        assert!(!is_epoch_header(&header(&["id", "base_model"])));
    }

    #[test]
    fn the_notable_download_gives_one_record_per_row_with_its_line() {
        let (records, diags) = read_ok(NOTABLE);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(records.len(), 13);
        let lines: Vec<(&str, Option<u32>)> = records
            .iter()
            .take(4)
            .map(|r| {
                (
                    r.name.as_str(),
                    r.evidence.line.map(std::num::NonZeroU32::get),
                )
            })
            .collect();
        // LLaMA-65B's abstract and Llama 2-70B's links hold line breaks
        assert_eq!(
            lines,
            [
                ("LLaMA-65B", Some(2)),
                ("LLaMA-7B", Some(4)),
                ("Llama 2-70B", Some(5)),
                ("Llama 2-7B", Some(7))
            ]
        );
        let r = by_name(&records, "LLaMA-65B");
        assert_eq!(r.kind, NodeKind::Model);
        assert_eq!(r.evidence.source.as_str(), "epoch");
        assert_eq!(r.evidence.file.map(|f| f.as_str()), Some("epoch.csv"));
        assert_eq!(r.released, Some("2023-02-24".parse().unwrap()));
        assert_eq!(
            (r.sizes.as_slice(), r.sizes_b.as_slice()),
            (&["65B".to_string()][..], &[65.0][..])
        );
        assert_eq!(r.organizations, ["Meta AI"]);
        assert_eq!(
            r.attrs,
            [
                (
                    "accessibility".to_string(),
                    text("Open weights (non-commercial)")
                ),
                ("country".to_string(), text("United States of America")),
                ("domain".to_string(), text("Language")),
            ]
        );
        assert!(r.depends_on.is_empty());
        assert_eq!(r.description, None);
    }

    #[test]
    fn names_and_bases_are_trimmed_and_bases_are_fine_tuned_from() {
        let (records, _) = read_ok(NOTABLE);
        let bases = |name: &str| -> Vec<(String, Option<Relation>)> {
            by_name(&records, name)
                .depends_on
                .iter()
                .map(|d| (d.name.clone(), d.relation))
                .collect()
        };
        let ft = Some(Relation::FineTunedFrom);
        assert_eq!(bases("Alpaca"), [("LLaMA-7B".to_string(), ft)]);
        assert_eq!(bases("QwQ-32B"), [("Qwen2.5-Coder (32B)".to_string(), ft)]);
        // a base that no row describes is kept as written: the merge decides
        assert_eq!(bases("Code Llama-34B"), [("Llama 2-34B".to_string(), ft)]);
        // trailing spaces in names
        assert!(records.iter().any(|r| r.name == "Vicuna-13B"));
        assert!(records.iter().any(|r| r.name == "GPT-4o (Mar 2025)"));
        assert!(records.iter().all(|r| r.name == r.name.trim()));
        let ernie = by_name(&records, "ERNIE-4.5-VL-424B-A47B (文心大模型4.5)");
        assert_eq!(ernie.sizes, ["424B"]);
        assert_eq!(
            ernie.attrs.last(),
            Some(&("domain".to_string(), text("Multimodal,Language,Vision")))
        );
    }

    #[test]
    fn organizations_split_at_commas_outside_parentheses() {
        let (records, _) = read_ok(NOTABLE);
        assert_eq!(
            by_name(&records, "Vicuna-13B").organizations,
            [
                "Large Model Systems Organization",
                "University of California San Diego",
                "Carnegie Mellon University (CMU)",
                "Stanford University"
            ]
        );
        assert_eq!(
            by_name(&records, "OPT-350M").organizations,
            ["Meta AI", "Facebook AI Research"]
        );
        assert_eq!(split_list(" a (b, c), ,d,"), ["a (b, c)", "d"]);
    }

    #[test]
    fn parameter_counts_become_sizes() {
        let (records, _) = read_ok(NOTABLE);
        let size = |name: &str| {
            let r = by_name(&records, name);
            (r.sizes.clone(), r.sizes_b.clone())
        };
        assert_eq!(size("Llama 2-70B"), (vec!["70B".into()], vec![70.0]));
        assert_eq!(size("LLaMA-7B"), (vec!["6.7B".into()], vec![6.7]));
        assert_eq!(
            size("Qwen2.5-Coder (32B)"),
            (vec!["32.5B".into()], vec![32.5])
        );
        assert_eq!(size("OPT-350M"), (vec!["350M".into()], vec![0.35]));
        // an empty Parameters cell: no size, no finding
        assert_eq!(size("GPT-4o (Mar 2025)"), (vec![], vec![]));
        let (all, _) = read_ok(ALL);
        assert_eq!(by_name(&all, "BLOOM-176B").sizes, ["176B"]);
        assert_eq!(by_name(&all, "Zephyr-7B-β").sizes, ["7.24B"]);
    }

    #[test]
    fn links_are_split_and_kinded_and_the_first_is_the_evidence_url() {
        let (records, _) = read_ok(NOTABLE);
        let r = by_name(&records, "Llama 2-70B");
        let links: Vec<(&str, &str)> = r
            .links
            .iter()
            .map(|l| (l.kind.as_str(), l.url.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("paper", "https://arxiv.org/abs/2307.09288"),
                ("model", "https://huggingface.co/meta-llama/Llama-2-70b-hf"),
                ("other", "https://ai.meta.com/llama/"),
            ]
        );
        assert_eq!(
            r.evidence.url.map(|u| u.as_str()),
            Some("https://arxiv.org/abs/2307.09288")
        );
    }

    #[test]
    fn the_all_models_download_reads_with_other_columns_in_another_order() {
        let (records, diags) = read_ok(ALL);
        assert!(diags.is_empty(), "{diags:?}");
        let names: Vec<&str> = records.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            ["Mixtral 8x7B", "Zephyr-7B-β", "BLOOM-176B", "Llama 2-13B"]
        );
        let z = by_name(&records, "Zephyr-7B-β");
        assert_eq!(z.depends_on[0].name, "Mistral 7B");
        assert_eq!(z.released, Some("2023-10-25".parse().unwrap()));
        assert_eq!(z.attrs.len(), 2, "no country cell: {:?}", z.attrs);
        assert_eq!(
            by_name(&records, "BLOOM-176B").organizations,
            ["Hugging Face", "BigScience"]
        );
    }

    #[test]
    fn an_empty_name_or_bad_value_is_a_finding_with_its_line() {
        let text = "Model,Organization,Publication date,Parameters\n\
                    A,Org,2023-01-02,\n\
                    \"\",Org,2023-01-02,7e9\n\
                    B,Org,someday,many\n";
        let (records, diags) = read_ok(text);
        assert_eq!(records.len(), 2);
        let found: Vec<(Code, &str)> = diags
            .iter()
            .map(|d| (d.code, d.location.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (Code::SkippedRecord, "epoch.csv:3"),
                (Code::BadValue, "epoch.csv:4"),
                (Code::BadValue, "epoch.csv:4")
            ]
        );
        let b = by_name(&records, "B");
        assert_eq!((b.released, b.sizes.len()), (None, 0));
    }

    #[test]
    fn crlf_line_ends_and_a_bom_read_as_well() {
        let text = "\u{feff}Model,Organization,Publication date\r\nA ,\"X, Y\",2023-05\r\n";
        let (records, _) = read_ok(text);
        assert_eq!(records[0].name, "A");
        assert_eq!(records[0].organizations, ["X", "Y"]);
        assert_eq!(records[0].released, Date::month(2023, 5));
    }

    #[test]
    fn malformed_csv_is_an_error_with_file_and_line() {
        let mut diags = Vec::new();
        let short_row = "Model,Organization,Publication date\nA,B,2023-01-01\nC,D\n";
        let e = read("e.csv", short_row, &mut diags)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("e.csv:3: malformed CSV"), "{e}");
        let unclosed = "Model,Organization,Publication date\nA,B,2023-01-01\nC,D,\"2023\n";
        let e = read("e.csv", unclosed, &mut diags).unwrap_err().to_string();
        assert!(e.starts_with("e.csv:3: malformed CSV"), "{e}");
        assert!(e.contains("never closes"), "{e}");
        let e = read("e.csv", "id,base_model\nx,y\n", &mut diags)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("e.csv:1: not an Epoch AI models CSV"), "{e}");
    }
}
