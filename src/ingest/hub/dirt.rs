//! The dirt a Hub dump holds (empty ids, duplicate rows, unknown relations, cycles, ...): counted
//! while the dump is read and linked, and reported as diagnostics with a few examples each.

use crate::error::{Code, Diagnostic, Severity};

/// A kind of dirt found in a dump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dirty {
    /// A base in no row, kept as a stub node.
    Stub,
    TrailingSlash,
    /// An id (of a row or a base) with stray characters around it (`a/b<br>`, `a/b">`,
    /// `a/bΩ`, `a/b.`), removed.
    StrayCharacters,
    /// An id naming a path inside a repository (`a/b/blob/main/x.pth`), read as the repository.
    RepositoryPath,
    /// A base written in another case than its row.
    CaseDiffers,
    DuplicateRow,
    SelfReference,
    RepeatedParent,
    UnknownRelation,
    Cycle,
    /// An unreadable date or number.
    BadValue,
    EmptyId,
}

impl Dirty {
    const ALL: [Dirty; 12] = [
        Dirty::Stub,
        Dirty::TrailingSlash,
        Dirty::StrayCharacters,
        Dirty::RepositoryPath,
        Dirty::CaseDiffers,
        Dirty::DuplicateRow,
        Dirty::SelfReference,
        Dirty::RepeatedParent,
        Dirty::UnknownRelation,
        Dirty::Cycle,
        Dirty::BadValue,
        Dirty::EmptyId,
    ];

    /// The diagnostic code.
    fn code(self) -> Code {
        match self {
            Dirty::Stub => Code::Stub,
            Dirty::TrailingSlash => Code::TrailingSlash,
            Dirty::StrayCharacters => Code::StrayCharacters,
            Dirty::RepositoryPath => Code::RepositoryPath,
            Dirty::CaseDiffers => Code::CaseDiffers,
            Dirty::DuplicateRow => Code::DuplicateRow,
            Dirty::SelfReference => Code::SelfReference,
            Dirty::RepeatedParent => Code::RepeatedParent,
            Dirty::UnknownRelation => Code::UnknownRelation,
            Dirty::Cycle => Code::Cycle,
            Dirty::BadValue => Code::BadValue,
            Dirty::EmptyId => Code::EmptyId,
        }
    }

    /// How serious it is, and what the diagnostic says of it.
    fn told(self) -> (Severity, &'static str) {
        use Severity::{Info, Warning};
        match self {
            Dirty::Stub => (Info, "bases not in the file, kept as stub nodes"),
            Dirty::TrailingSlash => (Info, "ids with a trailing '/', normalised"),
            Dirty::StrayCharacters => (
                Info,
                "ids with stray characters (HTML, quotes, brackets, symbols), removed",
            ),
            Dirty::RepositoryPath => (
                Info,
                "ids naming a path inside a repository, read as the repository",
            ),
            Dirty::CaseDiffers => (
                Info,
                "bases written in another case than their row, matched",
            ),
            Dirty::DuplicateRow => (Warning, "duplicate rows, the first kept"),
            Dirty::SelfReference => (Warning, "models listing themselves as base, dropped"),
            Dirty::RepeatedParent => (Warning, "bases listed twice in one row, kept once"),
            Dirty::UnknownRelation => (
                Warning,
                "unknown base_model_relation values, read as a fine-tune",
            ),
            Dirty::Cycle => (
                Warning,
                "lineage cycles, broken by dropping the edge that closes each",
            ),
            Dirty::BadValue => (Warning, "unreadable dates or numbers, left out"),
            Dirty::EmptyId => (Warning, "rows without an id, skipped"),
        }
    }
}

/// Counts and first examples of each kind of dirt found in a dump: the five examples of the
/// lowest lines, whatever order the rows were linked in.
#[derive(Default)]
pub(super) struct Dirt {
    /// By [`Dirty`]: how often it was found, and its examples with their lines.
    found: [(usize, Vec<(u32, String)>); Dirty::ALL.len()],
}

impl Dirt {
    pub(super) fn note(&mut self, what: Dirty, line: u32, example: impl FnOnce() -> String) {
        let e = &mut self.found[what as usize];
        e.0 += 1;
        // after the examples of the same line, so a row's own examples keep their order
        let at = e.1.partition_point(|(l, _)| *l <= line);
        if at < 5 {
            let mut text = example();
            if text.len() > 120 {
                // a 10 MB id makes a poor example: keep its start
                let cut = (0..=117)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                text.truncate(cut);
                text.push('…');
            }
            e.1.insert(at, (line, text));
            e.1.truncate(5);
        }
    }

    pub(super) fn into_diagnostics(self, file: &str) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = Dirty::ALL
            .into_iter()
            .zip(self.found)
            .filter(|(_, (count, _))| *count > 0)
            .map(|(what, (count, examples))| {
                let (severity, told) = what.told();
                let shown: Vec<&str> = examples.iter().map(|(_, text)| text.as_str()).collect();
                let more = if count > examples.len() { "; ..." } else { "" };
                Diagnostic::new(
                    severity,
                    what.code(),
                    file.to_string(),
                    format!("{count} {told}: {}{more}", shown.join("; ")),
                )
            })
            .collect();
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_slot() {
        for (i, what) in Dirty::ALL.into_iter().enumerate() {
            assert_eq!(what as usize, i, "{what:?}");
        }
    }
}
