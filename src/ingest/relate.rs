//! What relation, if any, a record's dependency on a named entity stands for. A placeholder
//! (`Unknown`) is no dependency; data is `trained_on`; software and platforms are `uses`; a model
//! is lineage only where a text says so, another source says so, the dependent is named after it
//! or it is the dependent's only model dependency, and `uses` otherwise (a teacher, a judge, an
//! encoder, a data generator), which lineage queries do not walk.

use super::facts::Term;
use super::list::phrases::compile;
use super::list::phrases::{
    BASE_AFTER_NAME, BASE_BEFORE_NAME, TEACHER_AFTER_NAME, TEACHER_BEFORE_NAME,
};
use super::record::dependency_relation;
use super::value::size;
use crate::model::{Date, NodeKind, Relation, name_key};
use regex::Regex;
use std::sync::LazyLock;

/// The phrase tables, compiled.
static BASE_BEFORE: LazyLock<Vec<Regex>> =
    LazyLock::new(|| compile(BASE_BEFORE_NAME.iter().copied()));
static BASE_AFTER: LazyLock<Vec<Regex>> =
    LazyLock::new(|| compile(BASE_AFTER_NAME.iter().copied()));
static TEACHER_BEFORE: LazyLock<Vec<Regex>> =
    LazyLock::new(|| compile(TEACHER_BEFORE_NAME.iter().copied()));
static TEACHER_AFTER: LazyLock<Vec<Regex>> =
    LazyLock::new(|| compile(TEACHER_AFTER_NAME.iter().copied()));

/// Words a text may put between a phrase and the name it introduces ("based on the Llama 2").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "our", "his", "her", "this",
];

/// The most words a model's name is read as, after or before a phrase.
const NAME_WORDS: usize = 6;

/// Dependency names whose key is shorter than this are too short to say a record is named
/// after them (`T`, `LM`).
const SHORTEST_EPONYM: usize = 3;

/// What a dependency points at, as far as the sources and the vocabulary know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum What {
    /// A node of this kind: one some source defines, or a stub a source typed (a base that a
    /// list or Epoch's `Base model` names is a model, a training dataset a dataset).
    Node(NodeKind),
    /// A name the vocabulary knows as no model, which no source defines.
    Term(Term),
    /// A name only mentioned, whose kind nothing says.
    Mention,
}

/// The record whose dependency is related, with what the graph knows of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dependent<'a> {
    pub name: &'a str,
    pub kind: NodeKind,
    /// The texts that describe it (the record's description, the node's).
    pub texts: &'a [&'a str],
    pub released: Option<Date>,
    /// How many of the record's dependencies count as model ones ([`is_model_dependency`]).
    pub model_dependencies: usize,
}

/// What the dependency points at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target<'a> {
    pub what: What,
    /// Every name it goes by: the dependency's, the node's label and aliases.
    pub names: &'a [&'a str],
    pub released: Option<Date>,
    /// Whether another source already derives the dependent from it (a lineage edge).
    pub stated_elsewhere: bool,
}

/// The relation of a dependency of `from` on `to`, `given` where the source names one (Epoch's
/// `Base model` is `fine_tuned_from`, its `Training dataset` `trained_on`); `None` for no
/// dependency at all (a placeholder).
pub(crate) fn relation(from: &Dependent, given: Option<Relation>, to: &Target) -> Option<Relation> {
    let kind = match to.what {
        What::Term(Term::Placeholder | Term::Country) => return None,
        What::Term(Term::Software | Term::Platform) => return Some(Relation::Uses),
        What::Term(Term::Dataset) => NodeKind::Dataset,
        What::Term(Term::Method) => NodeKind::Method,
        What::Node(kind) => kind,
        What::Mention => NodeKind::Model,
    };
    if kind != NodeKind::Model || from.kind != NodeKind::Model {
        let fits = given.filter(|&r| fits(r, from.kind, kind));
        return Some(fits.unwrap_or_else(|| dependency_relation(from.kind, kind)));
    }
    match given {
        Some(r) if r.is_lineage() => Some(r),
        // training data taken from a model (its outputs, its data set) uses the model
        Some(Relation::TrainedOn) => Some(Relation::Uses),
        Some(r) => Some(r),
        None => Some(model_relation(from, to)),
    }
}

/// Whether a relation a source gives links a `from` to a `to` of these kinds.
fn fits(r: Relation, from: NodeKind, to: NodeKind) -> bool {
    match r {
        Relation::TrainedOn => from == NodeKind::Model && to == NodeKind::Dataset,
        Relation::TrainedWith => from == NodeKind::Model && to == NodeKind::Method,
        Relation::Uses => true,
        r if r.is_lineage() => from == to && matches!(to, NodeKind::Model | NodeKind::Method),
        _ => false,
    }
}

/// The relation of a model's dependency on a model where the source only says "depends on":
/// lineage where a text or another source says so, where the dependent is named after it, or
/// where it is the only model dependency (and was not released after the dependent, and no
/// text calls it a teacher); `uses` otherwise.
fn model_relation(from: &Dependent, to: &Target) -> Relation {
    if to.stated_elsewhere || names_in(from.texts, to.names, &BASE_BEFORE, &BASE_AFTER) {
        return Relation::DerivedFrom;
    }
    let later = matches!((from.released, to.released), (Some(a), Some(b)) if released_before(a, b));
    if later || names_in(from.texts, to.names, &TEACHER_BEFORE, &TEACHER_AFTER) {
        return Relation::Uses;
    }
    let counted = (to.names.iter()).all(|n| is_model_dependency(from.name, n, to.what));
    let only = counted && from.model_dependencies == 1;
    if only || named_after(from.name, to.names) {
        Relation::DerivedFrom
    } else {
        Relation::Uses
    }
}

/// Whether a dependency counts among the dependent's model dependencies (for "the only model
/// dependency is the base"): one on a model, unless named after the dependent, which makes it
/// a part of it (Sparrow's `Sparrow Rule reward model`), not a base.
pub(crate) fn is_model_dependency(dependent: &str, dependency: &str, what: What) -> bool {
    what == What::Node(NodeKind::Model) && !named_after(dependency, &[dependent])
}

/// Whether `a` comes before `b` at the precision both give (a day, else a month, else a year).
fn released_before(a: Date, b: Date) -> bool {
    match (a.month, b.month, a.day, b.day) {
        (0, _, _, _) | (_, 0, _, _) => a.year < b.year,
        (_, _, Some(_), Some(_)) => a < b,
        _ => (a.year, a.month) < (b.year, b.month),
    }
}

/// Whether the dependent's name holds one of the target's names (`BioMistral`, `Mistral`).
fn named_after(dependent: &str, names: &[&str]) -> bool {
    let own = name_key(dependent);
    names
        .iter()
        .map(|n| name_key(n))
        .any(|k| k.chars().count() >= SHORTEST_EPONYM && k != own && own.contains(k.as_str()))
}

/// Whether one of `texts` names the target (by one of `names`) right after a `before` phrase or
/// right before an `after` phrase.
fn names_in(texts: &[&str], names: &[&str], before: &[Regex], after: &[Regex]) -> bool {
    let keys: Vec<String> = names
        .iter()
        .map(|n| name_key(n))
        .filter(|k| !k.is_empty())
        .collect();
    let names_it = |words: &[&str]| {
        let candidate = words.join(" ");
        let candidate = candidate.trim_matches(|c: char| !c.is_alphanumeric());
        let family = size::split_off(candidate).map_or(candidate, |(f, _)| f);
        [candidate, family]
            .iter()
            .any(|c| keys.contains(&name_key(c)))
    };
    texts.iter().any(|text| {
        let follows = before.iter().flat_map(|re| re.find_iter(text)).any(|m| {
            let words = name_words(&text[m.end()..]);
            (1..=words.len()).any(|k| names_it(&words[..k]) && !is_version(words.get(k)))
        });
        follows
            || after.iter().flat_map(|re| re.find_iter(text)).any(|m| {
                let words: Vec<&str> = text[..m.start()].split_whitespace().collect();
                let from = words.len().saturating_sub(NAME_WORDS);
                (from..words.len()).any(|k| names_it(&words[k..]))
            })
    })
}

/// The first words of a text that may name a model, after determiners and possessives
/// (`the`, `Meta's`).
fn name_words(text: &str) -> Vec<&str> {
    let mut words = text.split_whitespace().peekable();
    while let Some(w) = words.peek() {
        let lower = w.to_lowercase();
        if DETERMINERS.contains(&lower.as_str()) || lower.ends_with("'s") || lower.ends_with("’s")
        {
            words.next();
        } else {
            break;
        }
    }
    words.take(NAME_WORDS).collect()
}

/// Whether the word after a name continues it as a version (`Llama 2`, `v1.5`): the name then
/// stands for another model.
fn is_version(word: Option<&&str>) -> bool {
    let Some(w) = word else { return false };
    let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
    let digits = w.strip_prefix(['v', 'V']).unwrap_or(w);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model<'a>(name: &'a str, texts: &'a [&'a str], models: usize) -> Dependent<'a> {
        Dependent {
            name,
            kind: NodeKind::Model,
            texts,
            released: None,
            model_dependencies: models,
        }
    }

    fn target<'a>(what: What, names: &'a [&'a str]) -> Target<'a> {
        Target {
            what,
            names,
            released: None,
            stated_elsewhere: false,
        }
    }

    #[test]
    fn data_software_and_placeholders_are_never_lineage() {
        let palig = model("PaliGemma 2", &[], 0);
        let rel = |what| relation(&palig, None, &target(what, &["X"]));
        assert_eq!(rel(What::Term(Term::Software)), Some(Relation::Uses));
        assert_eq!(rel(What::Term(Term::Platform)), Some(Relation::Uses));
        assert_eq!(rel(What::Term(Term::Dataset)), Some(Relation::TrainedOn));
        assert_eq!(rel(What::Term(Term::Placeholder)), None);
        assert_eq!(
            rel(What::Node(NodeKind::Dataset)),
            Some(Relation::TrainedOn)
        );
        // a base model column naming data still gives training data, not lineage
        let given = relation(
            &palig,
            Some(Relation::FineTunedFrom),
            &target(What::Node(NodeKind::Dataset), &["X"]),
        );
        assert_eq!(given, Some(Relation::TrainedOn));
    }

    #[test]
    fn the_only_model_dependency_is_the_base() {
        let zephyr = model("Zephyr", &[], 1);
        let mistral = target(What::Node(NodeKind::Model), &["Mistral"]);
        assert_eq!(
            relation(&zephyr, None, &mistral),
            Some(Relation::DerivedFrom)
        );
        // a mere mention is no model dependency: a plain mention is used
        let mention = target(What::Mention, &["Pub-S"]);
        assert_eq!(relation(&zephyr, None, &mention), Some(Relation::Uses));
    }

    #[test]
    fn of_several_models_only_the_one_named_or_described_is_the_base() {
        let texts = ["An instruction model fine-tuned from Meta's LLaMA 7B."];
        let alpaca = model("Alpaca", &texts, 2);
        let llama = target(What::Node(NodeKind::Model), &["LLaMa", "LLaMA"]);
        let davinci = target(What::Node(NodeKind::Model), &["text-davinci-003"]);
        assert_eq!(relation(&alpaca, None, &llama), Some(Relation::DerivedFrom));
        assert_eq!(relation(&alpaca, None, &davinci), Some(Relation::Uses));
        let bio = model("BioMistral", &[], 2);
        let mistral = target(What::Node(NodeKind::Model), &["Mistral"]);
        assert_eq!(relation(&bio, None, &mistral), Some(Relation::DerivedFrom));
        let mut elsewhere = davinci;
        elsewhere.stated_elsewhere = true;
        assert_eq!(
            relation(&alpaca, None, &elsewhere),
            Some(Relation::DerivedFrom)
        );
    }

    #[test]
    fn a_teacher_or_a_later_model_is_used_even_alone() {
        let texts = ["Post-training includes knowledge distillation from the DeepSeek-R1 model."];
        let v3 = model("DeepSeek-V3", &texts, 1);
        let r1 = target(What::Node(NodeKind::Model), &["DeepSeek-R1"]);
        assert_eq!(relation(&v3, None, &r1), Some(Relation::Uses));
        let mut v3 = model("DeepSeek-V3", &[], 1);
        v3.released = "2024-12-24".parse().ok();
        let mut r1 = r1;
        r1.released = "2025-01-20".parse().ok();
        assert_eq!(relation(&v3, None, &r1), Some(Relation::Uses));
        r1.released = "2024-12".parse().ok();
        assert_eq!(relation(&v3, None, &r1), Some(Relation::DerivedFrom));
        let judged = ["Answers were judged by GPT-4 as a judge."];
        let j = model("Judged", &judged, 1);
        let gpt4 = target(What::Node(NodeKind::Model), &["GPT-4"]);
        assert_eq!(relation(&j, None, &gpt4), Some(Relation::Uses));
    }

    #[test]
    fn texts_name_bases_around_their_phrases() {
        let names = ["Llama 2"];
        let base = |t: &str| names_in(&[t], &names, &BASE_BEFORE, &BASE_AFTER);
        assert!(base(
            "A chat model built on top of Llama 2, tuned for dialogue."
        ));
        assert!(base("A Llama 2-based assistant."));
        assert!(base("It is a fine-tuned version of the Llama 2 7B model."));
        assert!(!base("It outperforms Llama 2 on every benchmark."));
        let llama = ["LLaMA"];
        let first = |t: &str| names_in(&[t], &llama, &BASE_BEFORE, &BASE_AFTER);
        assert!(!first("Fine-tuned from Llama 2."), "another version");
        assert!(first("Fine-tuned from LLaMA 13B."), "a size of it");
    }

    #[test]
    fn a_part_named_after_the_dependent_is_no_model_dependency() {
        let a_model = What::Node(NodeKind::Model);
        assert!(!is_model_dependency(
            "Sparrow",
            "Sparrow Rule reward model",
            a_model
        ));
        assert!(is_model_dependency("Sparrow", "Chinchilla", a_model));
        assert!(!is_model_dependency(
            "Sparrow",
            "Dialogue data",
            What::Mention
        ));
        // beside its one base, a part of the dependent is still no base
        let sparrow = model("Sparrow", &[], 1);
        let part = target(a_model, &["Sparrow Rule reward model"]);
        assert_eq!(relation(&sparrow, None, &part), Some(Relation::Uses));
    }

    #[test]
    fn short_names_name_nothing_after_them() {
        assert!(!named_after("MT5", &["T5"]));
        assert!(named_after("PaliGemma 2", &["PaliGemma"]));
        assert!(!named_after("Mistral", &["Mistral"]));
    }
}
