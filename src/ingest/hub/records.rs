//! The Hub's own model records (a snapshot's rows, the API's JSON objects) in the one layout
//! the dump reader links: their tags read into bases and a relation, a licence, datasets and
//! papers, and the whole written as a record under [`HEADER`], so every kind of Hub input goes
//! the CSV dump's one route into the graph.

use serde::Deserialize;

/// The columns of the record a Hub model becomes (names the dump reader finds by itself).
pub(super) const HEADER: [&str; 12] = [
    "id",
    "author",
    "createdAt",
    "downloads",
    "likes",
    "pipeline_tag",
    "library_name",
    "base_model",
    "base_model_relation",
    "license",
    "datasets",
    "arxiv",
];

/// A model as the Hub describes it: the API's fields (a snapshot's columns have the same
/// names), extra fields ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct HubModel {
    pub(crate) id: String,
    /// The older name of `id`, which the API still sends beside it.
    #[serde(rename = "modelId")]
    pub(crate) model_id: Option<String>,
    pub(crate) author: Option<String>,
    #[serde(rename = "createdAt", alias = "created_at")]
    pub(crate) created_at: Option<String>,
    pub(crate) downloads: Option<i64>,
    pub(crate) likes: Option<i64>,
    pub(crate) pipeline_tag: Option<String>,
    pub(crate) library_name: Option<String>,
    /// Its tags (`null`, as huggingface_hub may write it, is none).
    #[serde(deserialize_with = "null_as_empty")]
    pub(crate) tags: Vec<String>,
}

/// A list that may be `null`: none.
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

/// What a model's tags say: its bases and its relation to them, its licence, the datasets it
/// was trained on and its papers.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Tagged<'a> {
    /// Base ids in the order the tags give them, each once.
    pub(crate) bases: Vec<&'a str>,
    /// The relation a `base_model:<relation>:<id>` tag names (the first such: `finetune`,
    /// `adapter`, `quantized`, `merge`), or "".
    pub(crate) relation: &'a str,
    pub(crate) license: Option<&'a str>,
    pub(crate) datasets: Vec<&'a str>,
    pub(crate) arxiv: Vec<&'a str>,
}

/// Reads a model's tags (others, such as `region:us` or a library name, are passed over).
pub(crate) fn read_tags<'a, I: IntoIterator<Item = &'a str>>(tags: I) -> Tagged<'a> {
    let mut t = Tagged::default();
    let push = |list: &mut Vec<&'a str>, v: &'a str| {
        let v = v.trim();
        if !v.is_empty() && !list.contains(&v) {
            list.push(v);
        }
    };
    for tag in tags {
        let Some((kind, value)) = tag.trim().split_once(':') else {
            continue;
        };
        match kind {
            "base_model" => {
                // a Hub id holds no `:`: what comes before one is the relation (one nobody
                // knows is reported by the linker, as a dump's unknown relation is)
                let base = match value.split_once(':') {
                    Some((rel, id)) => {
                        if t.relation.is_empty() {
                            t.relation = rel;
                        }
                        id
                    }
                    None => value,
                };
                push(&mut t.bases, base);
            }
            "license" if t.license.is_none() && !value.trim().is_empty() => {
                t.license = Some(value.trim());
            }
            "dataset" => push(&mut t.datasets, value),
            "arxiv" => push(&mut t.arxiv, value),
            _ => {}
        }
    }
    t
}

/// A model's fields as [`write`] takes them, borrowed from wherever the input holds them ("" or
/// `None` where a field is absent).
#[derive(Default)]
pub(super) struct Fields<'a> {
    pub(super) id: &'a str,
    pub(super) author: &'a str,
    pub(super) created_at: &'a str,
    pub(super) downloads: Option<i64>,
    pub(super) likes: Option<i64>,
    pub(super) pipeline_tag: &'a str,
    pub(super) library_name: &'a str,
}

/// Writes a model's fields and what its tags say as a record under [`HEADER`]; lists are
/// joined with `,` (no Hub id holds one).
pub(super) fn write<'t, T>(fields: &Fields<'_>, tags: T, record: &mut csv::StringRecord)
where
    T: IntoIterator<Item = &'t str>,
{
    record.clear();
    let tagged = read_tags(tags);
    let mut int = itoa::Buffer::new();
    record.push_field(fields.id);
    record.push_field(fields.author);
    record.push_field(fields.created_at);
    record.push_field(fields.downloads.map_or("", |i| int.format(i)));
    record.push_field(fields.likes.map_or("", |i| int.format(i)));
    record.push_field(fields.pipeline_tag);
    record.push_field(fields.library_name);
    push_list(record, &tagged.bases);
    record.push_field(tagged.relation);
    record.push_field(tagged.license.unwrap_or(""));
    push_list(record, &tagged.datasets);
    push_list(record, &tagged.arxiv);
}

/// Pushes `items` joined with `,` as one field (without a copy for one item or none).
fn push_list(record: &mut csv::StringRecord, items: &[&str]) {
    match items {
        [] => record.push_field(""),
        [one] => record.push_field(one),
        _ => record.push_field(&items.join(",")),
    }
}

impl HubModel {
    /// The model's id: `id`, or the older `modelId` where `id` is empty.
    pub(super) fn id(&self) -> &str {
        match (&self.id, &self.model_id) {
            (id, Some(old)) if id.is_empty() => old,
            (id, _) => id,
        }
    }

    /// Writes the model as a record under [`HEADER`].
    pub(super) fn write(&self, record: &mut csv::StringRecord) {
        let id = self.id();
        fn text(v: &Option<String>) -> &str {
            v.as_deref().unwrap_or("")
        }
        let fields = Fields {
            id,
            author: text(&self.author),
            created_at: text(&self.created_at),
            downloads: self.downloads,
            likes: self.likes,
            pipeline_tag: text(&self.pipeline_tag),
            library_name: text(&self.library_name),
        };
        write(&fields, self.tags.iter().map(String::as_str), record);
    }
}

/// The header record of [`HEADER`].
pub(super) fn header() -> csv::StringRecord {
    csv::StringRecord::from(HEADER.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_give_bases_relation_licence_datasets_and_papers() {
        let t = read_tags([
            "transformers",
            "base_model:meta-llama/Llama-2-7b-hf",
            "base_model:adapter:meta-llama/Llama-2-7b-hf",
            "dataset:a/b",
            "dataset:a/b",
            "license:llama2",
            "license:mit",
            "arxiv:2307.09288",
            "region:us",
        ]);
        assert_eq!(t.bases, ["meta-llama/Llama-2-7b-hf"]);
        assert_eq!(t.relation, "adapter");
        assert_eq!(t.license, Some("llama2"));
        assert_eq!(t.datasets, ["a/b"]);
        assert_eq!(t.arxiv, ["2307.09288"]);
    }

    #[test]
    fn merges_name_every_base_and_unknown_relations_are_kept() {
        let t = read_tags([
            "base_model:merge:a/x",
            "base_model:merge:b/y",
            "base_model:c/z",
        ]);
        assert_eq!(t.bases, ["a/x", "b/y", "c/z"]);
        assert_eq!(t.relation, "merge");
        // a relation nobody knows is kept for the linker to report
        let t = read_tags(["base_model:distill:a/x"]);
        assert_eq!(t.bases, ["a/x"]);
        assert_eq!(t.relation, "distill");
    }

    #[test]
    fn a_model_becomes_a_record_in_the_header_layout() {
        let m = HubModel {
            id: "a/b".into(),
            downloads: Some(3),
            tags: vec!["base_model:quantized:c/d".into(), "license:mit".into()],
            ..HubModel::default()
        };
        let mut r = csv::StringRecord::new();
        m.write(&mut r);
        assert_eq!(r.len(), HEADER.len());
        let get = |name| r.get(HEADER.iter().position(|h| *h == name).unwrap());
        assert_eq!(get("base_model"), Some("c/d"));
        assert_eq!(get("base_model_relation"), Some("quantized"));
        assert_eq!(get("license"), Some("mit"));
        assert_eq!(get("downloads"), Some("3"));
    }
}
