//! The facts no rule can know, read from `data/facts/` (compiled in) and a user's `--facts`
//! files: organizations with their spellings and namespaces, the organizations that develop
//! models together, aliases, and the vocabulary of names that are not models.

use crate::error::{Error, Result};
use crate::suggest::name_key;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The bundled fact files, by the names they go by in messages.
const BUNDLED: [(&str, &str); 4] = [
    (
        "data/facts/organizations.toml",
        include_str!("../../data/facts/organizations.toml"),
    ),
    (
        "data/facts/partners.toml",
        include_str!("../../data/facts/partners.toml"),
    ),
    (
        "data/facts/aliases.toml",
        include_str!("../../data/facts/aliases.toml"),
    ),
    (
        "data/facts/vocabulary.toml",
        include_str!("../../data/facts/vocabulary.toml"),
    ),
];

/// What a name that is not a model stands for, where a source only mentions it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Term {
    /// A corpus or data set: a model depends on it by `trained_on`.
    Dataset,
    /// A library or framework: a model `uses` it, never derives from it.
    Software,
    /// A platform, service or hardware: `uses`, never lineage.
    Platform,
    /// `Unknown`, `N/A`, `None`: no dependency at all.
    Placeholder,
    /// An architecture or a training technique (`Transformer`, `RLHF`): a model is
    /// `trained_with` it, never derived from it.
    Method,
    /// A country (`United Arab Emirates`): where a source names it as a model's developer, it
    /// is the model's `country`, not an organization; it is never a dependency.
    Country,
}

impl Term {
    /// The vocabulary table that lists this kind of name.
    fn table_name(self) -> &'static str {
        match self {
            Term::Dataset => "datasets",
            Term::Software => "software",
            Term::Platform => "platforms",
            Term::Placeholder => "placeholders",
            Term::Method => "methods",
            Term::Country => "countries",
        }
    }
}

/// One organization: the name shown, and every other spelling and namespace it goes by.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Organization {
    pub name: String,
    #[serde(default)]
    pub spellings: Vec<String>,
    #[serde(default)]
    pub namespaces: Vec<String>,
    /// The organization it is part of (a lab of a company, a company of a group): the two
    /// meet in the organization test, and each keeps its own node.
    #[serde(default)]
    pub part_of: Option<String>,
}

/// Organizations that develop models together (a university lab and the company it
/// founded): a model one of them is named with and a model of the same name by another may be
/// one model. They stay organizations of their own.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Partners {
    pub organizations: Vec<String>,
    /// What they develop together and where that is said: for the reader, never compared.
    #[serde(default, rename = "note")]
    _note: String,
}

/// One entity's other names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Alias {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Wrong spellings a source makes (`Galatica` for Galactica): they join as aliases do, and
    /// never label a node (a node first named so is labelled `name`).
    #[serde(default)]
    pub misspellings: Vec<String>,
}

impl Alias {
    /// Every name of the entity: the one shown, then the others, then its misspellings.
    pub(crate) fn names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name)
            .chain(&self.aliases)
            .chain(&self.misspellings)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Vocabulary {
    #[serde(default)]
    datasets: Vec<String>,
    #[serde(default)]
    software: Vec<String>,
    #[serde(default)]
    platforms: Vec<String>,
    #[serde(default)]
    placeholders: Vec<String>,
    #[serde(default)]
    methods: Vec<String>,
    #[serde(default)]
    countries: Vec<String>,
}

/// One fact file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    organization: Vec<Organization>,
    #[serde(default)]
    partners: Vec<Partners>,
    #[serde(default)]
    alias: Vec<Alias>,
    #[serde(default)]
    vocabulary: Vocabulary,
    /// Licences, read by the licence table ([`crate::licence::Licences::load`]), not here.
    #[serde(default, rename = "licence")]
    _licence: Vec<toml::Table>,
}

/// Every fact, indexed by name key.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    organizations: Vec<Organization>,
    /// Name key of a name, spelling or namespace → index in `organizations`.
    org_by_key: HashMap<String, usize>,
    /// The partnerships as written, settled into `partner_pairs` once every file is read.
    partners: Vec<Partners>,
    /// Each pair of partners, by their organizations' [`Facts::org_key`]s, both ways round.
    partner_pairs: HashSet<(String, String)>,
    /// Each organization's key → the key of the organization it is part of.
    parents: HashMap<String, String>,
    aliases: Vec<Alias>,
    /// Name key of a name or alias → index in `aliases`.
    alias_by_key: HashMap<String, usize>,
    terms: HashMap<String, Term>,
    /// Where each key was given, for the message when a second place gives it again.
    places: HashMap<(Table, String), String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Table {
    Organization,
    Alias,
    Vocabulary,
}

impl Facts {
    /// The bundled facts and those of the user's files, in order; a name given twice in one
    /// table is an error naming both places.
    pub(crate) fn load(extra: &[impl AsRef<Path>]) -> Result<Facts> {
        let mut facts = Facts::default();
        for (name, text) in BUNDLED {
            facts.add(name, text)?;
        }
        for path in extra {
            let path = path.as_ref();
            let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
                path: path.to_path_buf(),
                source,
            })?;
            facts.add(&path.display().to_string(), &text)?;
        }
        facts.settle_partners();
        Ok(facts)
    }

    /// The bundled facts alone.
    pub(crate) fn bundled() -> Facts {
        Facts::load(&[] as &[&Path]).expect("the bundled fact files are well-formed (tested)")
    }

    /// Adds one fact file's text, `name` naming it in messages.
    fn add(&mut self, name: &str, text: &str) -> Result<()> {
        let file: File = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start].matches('\n').count() as u64 + 1);
            Error::parse(name, line, format!("not a fact file: {}", e.message())).with_help(
                "expected [[organization]] (name, spellings, namespaces, part_of), [[partners]] (organizations, note), [[alias]] (name, aliases, misspellings) or [vocabulary] (datasets, software, platforms, placeholders, methods, countries) tables, as in data/facts/",
            )
        })?;
        for o in file.organization {
            let at = self.organizations.len();
            let keys = std::iter::once(&o.name)
                .chain(&o.spellings)
                .chain(&o.namespaces);
            for k in keys {
                self.claim(Table::Organization, k, name, &o.name)?;
                self.org_by_key.insert(name_key(k), at);
            }
            self.organizations.push(o);
        }
        self.partners.extend(file.partners);
        for a in file.alias {
            let at = self.aliases.len();
            for k in a.names() {
                self.claim(Table::Alias, k, name, &a.name)?;
                self.alias_by_key.insert(name_key(k), at);
            }
            self.aliases.push(a);
        }
        let v = file.vocabulary;
        let terms = [
            (v.datasets, Term::Dataset),
            (v.software, Term::Software),
            (v.platforms, Term::Platform),
            (v.placeholders, Term::Placeholder),
            (v.methods, Term::Method),
            (v.countries, Term::Country),
        ];
        for (names, term) in terms {
            for n in names {
                self.claim(Table::Vocabulary, &n, name, term.table_name())?;
                self.terms.insert(name_key(&n), term);
            }
        }
        Ok(())
    }

    /// Records that `file` gives `key` (in the entry named `entry`); the same key given by a
    /// second entry of the same table is an error. A key that folds to nothing (`-`, `?`) is
    /// kept by its text.
    fn claim(&mut self, table: Table, key: &str, file: &str, entry: &str) -> Result<()> {
        let k = fold(key);
        let here = format!("{file} ({entry})");
        match self.places.get(&(table, k.clone())) {
            Some(first) if !first.ends_with(&format!("({entry})")) => Err(Error::parse(
                file,
                None,
                format!("\"{key}\" is given twice: in {first} and in {here}"),
            )
            .with_help("keep one of them: a name stands for one entry")),
            _ => {
                self.places.insert((table, k), here);
                Ok(())
            }
        }
    }

    /// The organization `name` (a name, a spelling or a Hub or GitHub namespace) stands for.
    pub(crate) fn organization(&self, name: &str) -> Option<&Organization> {
        let at = self.org_by_key.get(&fold(name))?;
        Some(&self.organizations[*at])
    }

    /// The key an organization name is known by: its canonical name's [`name_key`] where the
    /// table knows it (by a name, spelling or namespace), else its own key.
    fn org_key(&self, name: &str) -> String {
        self.organization(name)
            .map_or_else(|| fold(name), |o| name_key(&o.name))
    }

    /// Files each pair of partners, and each organization's parent, by their
    /// [`Facts::org_key`]s, once every file is read (a partnership or a `part_of` may name an
    /// organization a later file gives).
    fn settle_partners(&mut self) {
        let mut pairs = HashSet::new();
        for p in &self.partners {
            let keys: Vec<String> = p.organizations.iter().map(|o| self.org_key(o)).collect();
            for a in &keys {
                for b in keys.iter().filter(|b| *b != a) {
                    pairs.insert((a.clone(), b.clone()));
                }
            }
        }
        self.partner_pairs = pairs;
        self.parents = (self.organizations.iter())
            .filter_map(|o| Some((name_key(&o.name), self.org_key(o.part_of.as_deref()?))))
            .filter(|(child, parent)| child != parent)
            .collect();
    }

    /// Whether the organization `a` is part of `b`, directly or through the organizations
    /// between them (each by a name, spelling, namespace or key).
    fn part_of(&self, a: &str, b: &str) -> bool {
        let target = self.org_key(b);
        let mut at = self.org_key(a);
        // a chain of `part_of` is short; the bound keeps a cycle a user's file makes finite
        for _ in 0..8 {
            match self.parents.get(&at) {
                Some(p) if *p == target => return true,
                Some(p) => at = p.clone(),
                None => return false,
            }
        }
        false
    }

    /// Whether the organizations `a` and `b` meet in the organization test though they are
    /// not one: partners (see [`Facts::partners`]), or one part of the other (`DeepMind` of
    /// `Google`). Two parts of one organization do not meet: they are different teams.
    pub(crate) fn related(&self, a: &str, b: &str) -> bool {
        self.partners(a, b) || self.part_of(a, b) || self.part_of(b, a)
    }

    /// Whether the organizations `a` and `b` (names, spellings, namespaces or their keys) are
    /// partners: they develop models together, by the partners table.
    pub(crate) fn partners(&self, a: &str, b: &str) -> bool {
        !self.partner_pairs.is_empty()
            && self
                .partner_pairs
                .contains(&(self.org_key(a), self.org_key(b)))
    }

    /// Every organization of the table, in the order given.
    #[cfg(test)]
    pub(crate) fn organizations(&self) -> &[Organization] {
        &self.organizations
    }

    /// The entity whose other name `name` is, by the alias table.
    pub(crate) fn alias(&self, name: &str) -> Option<&Alias> {
        let at = self.alias_by_key.get(&fold(name))?;
        Some(&self.aliases[*at])
    }

    /// The name a node first named `name` is labelled by: the alias table's name where `name`
    /// is one of its misspellings (`Galatica` is labelled `Galactica`), else `name` itself.
    pub(crate) fn label_for<'a>(&'a self, name: &'a str) -> &'a str {
        let key = fold(name);
        self.alias(name)
            .filter(|a| a.misspellings.iter().any(|m| fold(m) == key))
            .map_or(name, |a| a.name.as_str())
    }

    /// What `name` stands for when it is not a model, by the vocabulary.
    pub(crate) fn term(&self, name: &str) -> Option<Term> {
        self.terms.get(&fold(name)).copied()
    }
}

/// The key a fact is found by: its [`name_key`], or, for a name of punctuation alone (`-`,
/// `?`), the trimmed name itself.
fn fold(name: &str) -> String {
    let k = name_key(name);
    if k.is_empty() {
        name.trim().to_string()
    } else {
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_files_are_well_formed_without_duplicates() {
        let f = Facts::load(&[] as &[&Path]).expect("bundled facts load");
        assert!(f.organizations.len() > 30);
        assert!(f.aliases.len() > 5);
        assert!(f.terms.len() > 100);
    }

    #[test]
    fn a_misspelling_labels_no_node_and_an_alias_labels_as_written() {
        let f = Facts::bundled();
        assert_eq!(f.label_for("Galatica"), "Galactica");
        assert_eq!(f.label_for("galatica"), "Galactica");
        assert_eq!(f.label_for("Galactica"), "Galactica");
        assert_eq!(
            f.alias("Galatica").map(|a| a.name.as_str()),
            Some("Galactica")
        );
        // an other name is a source's own spelling, not a mistake
        assert_eq!(f.label_for("通义千问"), "通义千问");
        assert_eq!(f.label_for("Zorilla"), "Zorilla");
    }

    #[test]
    fn namespaces_and_spellings_name_one_organization() {
        let f = Facts::bundled();
        for n in [
            "meta-llama",
            "facebookresearch",
            "Facebook AI",
            "Meta FAIR",
            "meta ai",
        ] {
            assert_eq!(
                f.organization(n).map(|o| o.name.as_str()),
                Some("Meta AI"),
                "{n}"
            );
        }
        assert_eq!(
            f.organization("tiiuae").map(|o| o.name.as_str()),
            Some("Technology Innovation Institute")
        );
        assert!(f.organization("Llama").is_none());
    }

    #[test]
    fn partners_are_known_by_any_spelling_and_extended_by_a_file() {
        let f = Facts::bundled();
        assert!(f.partners("thudm", "Zhipu AI"));
        assert!(f.partners("zhipuai", "tsinghuauniversity"));
        assert!(!f.partners("Tsinghua University", "Tsinghua University"));
        assert!(!f.partners("DeepMind", "National University of Singapore"));
        assert!(
            f.organization("thudm")
                .is_some_and(|o| o.name != "Zhipu AI")
        );
        let mut f = Facts::bundled();
        f.add(
            "mine.toml",
            "[[partners]]\norganizations = [\"Wonder Lab\", \"wonder-inc\"]\n[[organization]]\nname = \"Wonder Inc\"\nnamespaces = [\"wonder-inc\"]\n",
        )
        .unwrap();
        f.settle_partners();
        assert!(f.partners("Wonder Inc", "wonderlab"));
    }

    #[test]
    fn an_organization_and_the_one_it_is_part_of_are_related() {
        let f = Facts::bundled();
        assert!(f.related("DeepMind", "Google"));
        assert!(f.related("google", "Google DeepMind"));
        assert!(f.related("Google Brain", "Google AI"));
        // two parts of one organization are not related through it
        assert!(!f.related("DeepMind", "Google Brain"));
        assert!(!f.related("DeepMind", "Meta AI"));
        // a chain, and a cycle a user's file makes, stay finite
        let mut f = Facts::bundled();
        f.add(
            "mine.toml",
            "[[organization]]\nname = \"Lab A\"\npart_of = \"Lab B\"\n[[organization]]\nname = \"Lab B\"\npart_of = \"Lab C\"\n[[organization]]\nname = \"Lab C\"\npart_of = \"Lab A\"\n",
        )
        .unwrap();
        f.settle_partners();
        assert!(f.related("Lab A", "Lab C"));
        assert!(!f.related("Lab A", "Google"));
    }

    #[test]
    fn vocabulary_types_names_that_are_not_models() {
        let f = Facts::bundled();
        assert_eq!(f.term("PyTorch"), Some(Term::Software));
        assert_eq!(f.term("Kaggle"), Some(Term::Platform));
        assert_eq!(f.term("the stack v2"), Some(Term::Dataset));
        assert_eq!(f.term("Unknown"), Some(Term::Placeholder));
        assert_eq!(f.term("N/A"), Some(Term::Placeholder));
        assert_eq!(f.term("Llama"), None);
        assert_eq!(f.term("Transformer"), Some(Term::Method));
        assert_eq!(f.term("RLHF"), Some(Term::Method));
    }

    #[test]
    fn a_name_given_twice_is_an_error_naming_both_places() {
        let mut f = Facts::bundled();
        let err = f
            .add(
                "mine.toml",
                "[[organization]]\nname = \"Other\"\nnamespaces = [\"meta-llama\"]\n",
            )
            .unwrap_err()
            .to_string();
        assert!(err.contains("organizations.toml (Meta AI)"), "{err}");
        assert!(err.contains("mine.toml (Other)"), "{err}");
    }

    #[test]
    fn a_malformed_file_names_its_line() {
        let mut f = Facts::default();
        let err = f
            .add("mine.toml", "\n[[organization]]\nnam = \"X\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("mine.toml:"), "{err}");
    }
}
