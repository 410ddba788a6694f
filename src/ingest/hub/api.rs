//! The Hub API's model records as an input: a JSON array of them (what `/api/models` answers)
//! or JSON Lines, one a line (what `llmkg pull` writes), each handed on as a [`HubModel`]
//! record.

use super::read::Rows;
use super::records::HubModel;
use crate::error::{Error, Result};

/// Whether a `.json` text is the Hub API's array of models rather than an llmkg export (which
/// is one object).
pub(crate) fn is_api_array(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('[')
}

/// The records of an API text, as lines or as one array.
pub(super) enum ApiRows<'a> {
    /// JSON Lines: the text left, and the number of the line last read.
    Lines { rest: &'a str, line: u32 },
    /// An array, parsed whole (the API's pages are small), read from its end.
    Array { models: Vec<HubModel>, at: u32 },
}

impl<'a> ApiRows<'a> {
    /// The records of `text`: an array when it opens with `[`, else JSON Lines.
    pub(super) fn of(text: &'a str, file: &str) -> Result<ApiRows<'a>> {
        if !is_api_array(text) {
            return Ok(ApiRows::Lines {
                rest: text,
                line: 0,
            });
        }
        let mut models: Vec<HubModel> = serde_json::from_str(text).map_err(|e| {
            Error::parse(
                file,
                Some(e.line() as u64),
                format!("not a list of Hub models: {e}"),
            )
        })?;
        models.reverse();
        Ok(ApiRows::Array { models, at: 0 })
    }
}

impl Rows for ApiRows<'_> {
    fn next_row(&mut self, record: &mut csv::StringRecord, file: &str) -> Result<bool> {
        match self {
            ApiRows::Array { models, at } => match models.pop() {
                None => Ok(false),
                Some(m) => {
                    *at += 1;
                    m.write(record);
                    Ok(true)
                }
            },
            ApiRows::Lines { rest, line } => loop {
                if rest.is_empty() {
                    return Ok(false);
                }
                let (text, after) = rest.split_once('\n').unwrap_or((rest, ""));
                *rest = after;
                *line += 1;
                let text = text.trim().trim_start_matches('\u{feff}');
                if text.is_empty() {
                    continue;
                }
                let m: HubModel = serde_json::from_str(text).map_err(|e| {
                    Error::parse(
                        file,
                        Some(u64::from(*line)),
                        format!("not a Hub model record: {e}"),
                    )
                })?;
                m.write(record);
                return Ok(true);
            },
        }
    }

    fn place(&self, _: &csv::StringRecord) -> (u32, u64) {
        let n = match self {
            ApiRows::Array { at, .. } => *at,
            ApiRows::Lines { line, .. } => *line,
        };
        (n, u64::from(n))
    }

    fn step(&self) -> u64 {
        1 << 14
    }
}
