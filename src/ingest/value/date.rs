//! Release dates as people write them in lists and tables ("2023/02", "Feb 2023", "February
//! 24, 2023", "2023年3月", a year alone): the one reader of a written date. A date in a data
//! file's own field (`2023-02-24`, `2023-02`, an ISO timestamp) is [`Date`]'s `FromStr`, which
//! Epoch, Ecosystem Graphs, the Hub and curated files all parse with.

use crate::model::Date;
use regex::Regex;
use std::sync::LazyLock;

macro_rules! re {
    ($(#[$doc:meta])* $name:ident, $pat:expr) => {
        $(#[$doc])*
        static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(&$pat).expect("valid regex"));
    };
}

/// A date read from a cell: a year, with its month and day when the cell gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParsedDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl ParsedDate {
    /// The graph's date, which needs a month: None for a year alone.
    pub(crate) fn date(self) -> Option<Date> {
        let d = Date::month(self.year, self.month?)?;
        Some(Date { day: self.day, ..d })
    }
}

/// English month names; a name may be cut to its first three letters ("Feb", "Sept" too).
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month alternation for the date patterns: full names first, then "sept", then the
/// three-letter cuts.
fn month_pattern() -> String {
    let full = MONTHS.join("|");
    let short: Vec<&str> = MONTHS.iter().map(|m| &m[..3]).collect();
    format!("(?:{full}|sept|{})", short.join("|"))
}

// `(?-u:\b)`: an ASCII word boundary, so "2023年" and "7B参数" have one after the digits
re!(
    D_NUMERIC,
    r"(?-u:\b)(\d{4})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?(?-u:\b)"
);
re!(
    D_CJK,
    r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?"
);
re!(
    D_MONTH_FIRST,
    format!(
        r"(?i)\b({})\.?(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?)?\s*[,\-]?\s*(\d{{4}})(?-u:\b)",
        month_pattern()
    )
);
re!(
    D_DAY_FIRST,
    format!(
        r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+({})\.?,?\s+(\d{{4}})(?-u:\b)",
        month_pattern()
    )
);
re!(
    D_AMBIGUOUS,
    r"(?-u:\b)\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*(\d{4})(?-u:\b)"
);
re!(D_MONTH_YEAR, r"(?-u:\b)(\d{1,2})\s*[-/.]\s*(\d{4})(?-u:\b)");
re!(D_YEAR, r"(?-u:\b)((?:19|20)\d{2})(?-u:\b)");

/// The month a name stands for ("Feb", "february", "Sept").
fn month_number(name: &str) -> Option<u8> {
    let name = name.to_lowercase();
    let name = if name == "sept" { "sep" } else { &name };
    let at = MONTHS.iter().position(|m| *m == name || m[..3] == *name)?;
    u8::try_from(at + 1).ok()
}

/// A date from its parts, checked: a year 1900–2099, a month 1–12, a day that month has.
fn checked(year: &str, month: Option<u8>, day: Option<&str>) -> Option<ParsedDate> {
    let year: u16 = year.parse().ok()?;
    if !(1900..=2099).contains(&year) {
        return None;
    }
    let day = match day {
        Some(d) => Some(d.parse::<u8>().ok()?),
        None => None,
    };
    if let Some(m) = month {
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        if day.is_some_and(|d| d == 0 || d > days) {
            return None;
        }
    }
    Some(ParsedDate { year, month, day })
}

/// The first place each date pattern matches, with the date it reads.
fn date_candidates(cell: &str) -> Vec<(usize, ParsedDate)> {
    let num = |s: Option<regex::Match>| s.and_then(|m| m.as_str().parse::<u8>().ok());
    let mut found = Vec::new();
    let mut first = |re: &Regex, read: &dyn Fn(&regex::Captures) -> Option<ParsedDate>| {
        if let Some((at, d)) = re
            .captures_iter(cell)
            .find_map(|c| Some((c.get(0)?.start(), read(&c)?)))
        {
            found.push((at, d));
        }
    };
    first(&D_NUMERIC, &|c| {
        checked(&c[1], Some(num(c.get(2))?), c.get(3).map(|m| m.as_str()))
    });
    first(&D_CJK, &|c| match c.get(2) {
        Some(m) => checked(&c[1], Some(num(Some(m))?), c.get(3).map(|m| m.as_str())),
        None => checked(&c[1], None, None),
    });
    first(&D_MONTH_FIRST, &|c| {
        checked(
            &c[3],
            Some(month_number(&c[1])?),
            c.get(2).map(|m| m.as_str()),
        )
    });
    first(&D_DAY_FIRST, &|c| {
        checked(&c[3], Some(month_number(&c[2])?), Some(&c[1]))
    });
    first(&D_AMBIGUOUS, &|c| checked(&c[1], None, None));
    first(&D_MONTH_YEAR, &|c| {
        checked(&c[2], Some(num(c.get(1))?), None)
    });
    first(&D_YEAR, &|c| checked(&c[1], None, None));
    found
}

/// A release date in a cell: "2023/02", "2023-02", "2023-02-24", "2023.02", "Feb 2023",
/// "February 24, 2023", "24 Feb 2023", "02/2023", "2023年3月", "2023" (year alone). The
/// earliest date in the cell wins ("2023-02 (v2: 2023-07)" is February); at one place the
/// fullest reading wins. Impossible dates (month 13, February 30) are not dates. Numeric dates with
/// the year last ("24/02/2023", "02/24/2023") are ambiguous (day or month first?) and read for
/// their year only.
pub(crate) fn written(cell: &str) -> Option<ParsedDate> {
    let mut found = date_candidates(cell);
    // the earliest; at one place, the one that says most (a month beats a year alone)
    found.sort_by_key(|(at, d)| (*at, d.month.is_none(), d.day.is_none()));
    found.first().map(|&(_, d)| d)
}

/// A date opening a segment of a list's prose, year `y` and month `m`, with what follows it
/// up to the text it dates ("2023/06, ", "2023年6月，").
const OPENING: [&str; 2] = [
    r"^(?P<y>\d{4})/(?P<m>\d{1,2})(?:/\d{1,2})?\s*,\s*",
    r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?\s*,?\s*",
];

static OPENING_RES: LazyLock<[Regex; 2]> =
    LazyLock::new(|| OPENING.map(|p| Regex::new(p).expect("valid regex")));

re!(
    /// A year and month that open a new segment in the middle of a sentence, after a comma
    /// ("..., 2023年6月, 提出了WizardMath").
    D_CJK_OPENING,
    r"^\s*\d{4}\s*年\s*\d{1,2}\s*月"
);

/// The date that opens `text` as a list's prose writes it before what it dates ("2023/06, ",
/// "2023年6月，"): its year and month (`None` where they are no date), and how many bytes
/// it takes with the separator after it. `None` where `text` opens with no such date.
pub(crate) fn opening(text: &str) -> Option<(Option<Date>, usize)> {
    let c = OPENING_RES.iter().find_map(|re| re.captures(text))?;
    let year = c["y"].parse().ok();
    let month = c["m"].parse().ok();
    let date = year.zip(month).and_then(|(y, m)| Date::month(y, m));
    Some((date, c[0].len()))
}

/// Whether `text` opens (after spaces) with a year and month written in Chinese ("2023年6月"):
/// a date that starts a new segment after a comma.
pub(crate) fn opens_with_cjk_month(text: &str) -> bool {
    D_CJK_OPENING.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: u16, month: Option<u8>, day: Option<u8>) -> Option<ParsedDate> {
        Some(ParsedDate { year, month, day })
    }

    #[test]
    fn dates_in_every_written_form() {
        let feb = ymd(2023, Some(2), None);
        for cell in [
            "2023/02",
            "2023-02",
            "2023.02",
            "2023/2",
            "Feb 2023",
            "February 2023",
            "Feb. 2023",
            "02/2023",
            " 2023 - 02 ",
        ] {
            assert_eq!(written(cell), feb, "{cell}");
        }
        let day = ymd(2023, Some(2), Some(24));
        for cell in [
            "2023-02-24",
            "2023/02/24",
            "2023.2.24",
            "February 24, 2023",
            "Feb 24th, 2023",
            "24 Feb 2023",
            "2023年2月24日",
        ] {
            assert_eq!(written(cell), day, "{cell}");
        }
        assert_eq!(written("2023年3月"), ymd(2023, Some(3), None));
        assert_eq!(written("发布于2023年3月"), ymd(2023, Some(3), None));
        assert_eq!(written("2023"), ymd(2023, None, None));
        assert_eq!(written("2023年"), ymd(2023, None, None));
        assert_eq!(written("Sept 2021"), ymd(2021, Some(9), None));
    }

    #[test]
    fn dates_take_the_earliest_and_refuse_nonsense() {
        assert_eq!(written("2023-02 (v2: 2023-07)"), ymd(2023, Some(2), None));
        assert_eq!(
            written("Mar 2024, updated 2023-01"),
            ymd(2024, Some(3), None)
        );
        assert_eq!(written("2023-13"), ymd(2023, None, None));
        assert_eq!(written("2023-02-30"), ymd(2023, None, None));
        assert_eq!(written("2024-02-29"), ymd(2024, Some(2), Some(29)));
        assert_eq!(written("03/04/2023"), ymd(2023, None, None));
        for cell in ["", "-", "?", "TBA", "4096", "7B", "May"] {
            assert_eq!(written(cell), None, "{cell}");
        }
    }

    #[test]
    fn dates_opening_prose_are_measured() {
        let jun = Date::month(2023, 6);
        assert_eq!(opening("2023/06, They propose X"), Some((jun, 9)));
        assert_eq!(opening("2023/06/12 , X"), Some((jun, 13)));
        assert_eq!(opening("2023年6月，提出"), Some((jun, 11)));
        assert_eq!(opening("2023年6月12日提出"), Some((jun, 16)));
        assert_eq!(opening("2023/13, X"), Some((None, 9)), "no month 13");
        assert_eq!(opening("In 2023/06, X"), None);
        assert!(opens_with_cjk_month(" 2023年6月, 提出了"));
        assert!(!opens_with_cjk_month(" 2023/06, X"));
    }

    #[test]
    fn parsed_dates_become_graph_dates_with_a_month() {
        let d = written("2023-02-24").and_then(ParsedDate::date).unwrap();
        assert_eq!((d.year, d.month, d.day), (2023, 2, Some(24)));
        assert_eq!(written("2023").and_then(ParsedDate::date), None);
    }
}
