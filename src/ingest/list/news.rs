//! News feeds in lists: a markdown list whose items open with a day and a colon (`- 04/29:
//! FastChat-T5, a compact chatbot, Fine-tuned from Flan-T5 (…)`), announcing models among
//! benchmarks, tools, papers and events. A feed's line is an entry only when it opens with a
//! model's name and its prose says what that model builds on; every other line is news.

use super::markdown::Bullet;
use crate::model::Date;
use regex::Regex;
use std::sync::LazyLock;

/// A news line: a date (`05/26`, `2023/05/26`, `2023-05`) and a colon, then the news.
static NEWS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(?P<y>\d{4})[/.-](?P<m>\d{1,2})(?:[/.-]\d{1,2})?|\d{1,2}[/.-]\d{1,2})\s*:\s*",
    )
    .expect("valid regex")
});

/// The name a news line opens with: up to four words (each after the first capitalised or a
/// number), optionally after its publisher and a slash (`StabilityAI/StableVicuna`), then the
/// end of the headline (`,`, `:`, `(`, `!`, ` - ` or the end of the line).
static HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<org>[A-Za-z][\w.\-]*)/)?(?P<name>[A-Za-z][\w.\-+]*(?:\s[A-Z0-9][\w.\-+]*){0,3})\s*(?:$|[,:(!]|\s-\s)",
    )
    .expect("valid regex")
});

/// A list is a feed when at least this many of its items are news lines, and at least half.
const MIN_FEED_LINES: usize = 3;

/// What a news line opens with: the date it gives (a year and month, when it has a year), the
/// publisher before a slash, the name, and where the news after the name starts.
#[derive(Debug, PartialEq)]
pub(crate) struct Headline {
    pub released: Option<Date>,
    pub publisher: Option<String>,
    pub name: String,
    /// Byte offset in the bullet's text where the prose after the name starts.
    pub rest: usize,
}

/// Whether a bullet opens with a news date and a colon.
fn is_news(b: &Bullet) -> bool {
    NEWS_LINE.is_match(&b.text)
}

/// The bullets (indexes into `bullets`) of every list that is a news feed: at least
/// [`MIN_FEED_LINES`] of its items, and at least half, open with a news date. The bullets
/// nested in a feed's items belong to it too.
pub(crate) fn feed_bullets(bullets: &[Bullet]) -> Vec<bool> {
    let mut counts: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
    for b in bullets {
        let c = counts.entry(b.list).or_default();
        c.0 += usize::from(is_news(b));
        c.1 += 1;
    }
    let feed = |list: usize| {
        counts
            .get(&list)
            .is_some_and(|&(news, all)| news >= MIN_FEED_LINES && news * 2 >= all)
    };
    let mut out = vec![false; bullets.len()];
    let mut in_feed: Option<usize> = None;
    for (i, b) in bullets.iter().enumerate() {
        if in_feed.is_some_and(|d| b.depth <= d) {
            in_feed = None;
        }
        if in_feed.is_none() && feed(b.list) {
            in_feed = Some(b.depth);
        }
        out[i] = in_feed.is_some();
    }
    out
}

/// The headline of a news line, when the line opens with a date and then a name.
pub(crate) fn headline(b: &Bullet) -> Option<Headline> {
    let date = NEWS_LINE.captures(&b.text)?;
    let at = date.get(0)?.end();
    let released = (date.name("y").zip(date.name("m")))
        .and_then(|(y, m)| Date::month(y.as_str().parse().ok()?, m.as_str().parse().ok()?));
    let c = HEADLINE.captures(&b.text[at..])?;
    let name = c.name("name")?;
    Some(Headline {
        released,
        publisher: c.name("org").map(|o| o.as_str().to_string()),
        name: name.as_str().trim().to_string(),
        rest: at + name.end(),
    })
}
