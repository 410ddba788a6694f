//! Reading a source's CSV row by row, shared by the readers of Epoch AI, Ecosystem Graphs'
//! flattened assets and tables of models: the reader, its columns by name, each row with the
//! line it starts on, errors with their positions, and the check for a quote left open.

use crate::error::{Error, Result};

/// The index of the column `name` in `header`, matched trimmed, without a byte-order mark and
/// ignoring ASCII case.
pub(crate) fn column(header: &csv::StringRecord, name: &str) -> Option<usize> {
    header.iter().position(|h| {
        h.trim_start_matches('\u{feff}')
            .trim()
            .eq_ignore_ascii_case(name)
    })
}

/// A CSV reader over `text` whose rows must all have the header's number of cells.
pub(crate) fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes())
}

/// The 1-based line where a CSV record starts.
fn record_line(row: &csv::StringRecord) -> u32 {
    row.position()
        .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX))
}

/// A CSV error as a parse error of `file` at its line.
pub(crate) fn csv_error(file: &str, e: &csv::Error) -> Error {
    let line = e.position().map(csv::Position::line);
    let what = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("a row with {len} cells where the header has {expected_len}"),
        _ => e.to_string(),
    };
    Error::parse(file, line, format!("malformed CSV: {what}"))
        .with_help("check the quoting of the row: a cell holding commas, quotes or line breaks must be in double quotes, its quotes doubled")
}

/// The CSV reader ends a quoted cell that never closes at the end of the file, silently; an odd
/// number of quotes says the file was cut inside one (`last_line`: where the last row starts).
pub(crate) fn check_quotes(text: &str, file: &str, last_line: u32) -> Result<()> {
    if memchr::memchr_iter(b'"', text.as_bytes())
        .count()
        .is_multiple_of(2)
    {
        return Ok(());
    }
    Err(Error::parse(
        file,
        Some(last_line.into()),
        "malformed CSV: a quoted cell never closes (the file ends inside it)",
    )
    .with_help("the file may be cut short: download it again, or close the quote"))
}

/// Reads `rdr`'s rows (after its header) from `file`, whose whole text is `text`, calling `each`
/// with every row and the line it starts on; then checks that no quoted cell was left open.
pub(crate) fn each_row(
    file: &str,
    text: &str,
    rdr: &mut csv::Reader<&[u8]>,
    mut each: impl FnMut(&csv::StringRecord, u32),
) -> Result<()> {
    let mut row = csv::StringRecord::new();
    let mut last_line = 1;
    while rdr.read_record(&mut row).map_err(|e| csv_error(file, &e))? {
        last_line = record_line(&row);
        each(&row, last_line);
    }
    check_quotes(text, file, last_line)
}
