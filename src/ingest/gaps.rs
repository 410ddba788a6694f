//! What an entry or record adds to a node made before it, beside names, links and edges: the
//! release date, description and attributes the node lacks, and the findings where it says
//! otherwise than the node.

use crate::error::{Code, Diagnostic, Severity};
use crate::model::{AttrValue, Date, Evidence, Node};

/// Gives node `n` what it lacks of what a later source says of it: its release date, its
/// description, and each attribute (`license`, `context_length`) it has none of. What the node
/// has is kept: the first source to give a value gives it, and a later date is a finding
/// ([`date_finding`]).
pub(crate) fn fill<'a>(
    n: &mut Node,
    released: Option<Date>,
    description: Option<&str>,
    attrs: impl IntoIterator<Item = (&'a str, AttrValue)>,
) {
    n.released = n.released.or(released);
    if n.description.is_none() {
        n.description = description.filter(|d| !d.is_empty()).map(Into::into);
    }
    for (k, v) in attrs {
        if !n.attrs.contains_key(k) {
            n.attrs.insert(k.into(), v);
        }
    }
}

/// The finding where a source at `ev` dates node `n` more than a month from the date it has.
pub(crate) fn date_finding(n: &Node, says: Option<Date>, ev: &Evidence) -> Option<Diagnostic> {
    let (had, says) = (n.released?, says?);
    let apart = months_apart(had, says)?;
    (apart > 1).then(|| {
        let message = format!("released {had} by {}, {says} by", n.origin.source);
        disagreement(Code::DateDisagrees, n, ev, message)
    })
}

/// A finding where a source at `ev` says otherwise than the node it joins: `message` ends with
/// "by" and is followed by the source; both places are named.
pub(crate) fn disagreement(code: Code, n: &Node, ev: &Evidence, message: String) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        code,
        ev.location(),
        format!(
            "{}: {message} {} (first named at {}, then at {})",
            n.label,
            ev.source,
            n.origin.summary(),
            ev.summary()
        ),
    )
    .help("check both sources; a curated [[correction]] settles which one holds")
}

/// How many months apart two dates are, where both name their month.
fn months_apart(a: Date, b: Date) -> Option<u32> {
    if a.month == 0 || b.month == 0 {
        return None;
    }
    let m = |d: Date| i64::from(d.year) * 12 + i64::from(d.month);
    Some((m(a) - m(b)).unsigned_abs() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Name, NodeKind};

    fn node() -> Node {
        let src: Name = "list".into();
        let mut n = Node::new(
            "falcon",
            "Falcon",
            NodeKind::Model,
            Evidence::at(&src, &src, 1),
        );
        n.released = Some("2023-05".parse().unwrap());
        n
    }

    #[test]
    fn a_later_source_fills_only_what_the_node_lacks() {
        let mut n = node();
        let licence = AttrValue::Text("Apache 2.0".into());
        let later = Some("2023-09".parse().unwrap());
        fill(
            &mut n,
            later,
            Some("An open model."),
            [("license", licence)],
        );
        assert_eq!(n.released, Some("2023-05".parse().unwrap()));
        assert_eq!(n.description.as_deref(), Some("An open model."));
        assert!(n.attrs.contains_key("license"));
        let other = AttrValue::Text("MIT".into());
        fill(&mut n, None, Some("Another."), [("license", other)]);
        assert_eq!(n.description.as_deref(), Some("An open model."));
        assert_eq!(n.attrs.get("license"), Some(licence));
    }

    #[test]
    fn a_date_more_than_a_month_away_is_a_finding() {
        let n = node();
        let src: Name = "other.md".into();
        let ev = Evidence::at(&"list".into(), &src, 9);
        assert!(date_finding(&n, Some("2023-06".parse().unwrap()), &ev).is_none());
        assert!(date_finding(&n, None, &ev).is_none());
        let d = date_finding(&n, Some("2023-09".parse().unwrap()), &ev).unwrap();
        assert_eq!(d.code, Code::DateDisagrees);
        assert!(d.message.contains("other.md:9"), "{}", d.message);
    }
}
