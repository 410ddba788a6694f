//! The Hub's public metadata snapshot (Parquet, one row per model, as the `models` split of the
//! hub-stats dataset): its columns found by name and only those decoded, with the column
//! readers, a row group at a time and a few thousand rows at a time within it, each row handed
//! on as a record in the layout of [`super::records::HEADER`].

use super::read::Rows;
use super::records::{self, Fields};
use crate::error::{Error, Result};
use parquet::basic::{ConvertedType, LogicalType, TimeUnit};
use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::schema::types::ColumnDescriptor;
use std::fmt::Write as _;

/// Rows decoded at a time from every column read.
const CHUNK: usize = 4096;

/// A column the snapshot reader reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    Author,
    Created,
    Downloads,
    Likes,
    Pipeline,
    Library,
    Tags,
}

/// The columns read, each under the names a snapshot may give it; the rest are never decoded.
const COLUMNS: [(Col, &[&str]); 8] = [
    (Col::Id, &["id", "modelId", "model_id"]),
    (Col::Author, &["author"]),
    (Col::Created, &["createdAt", "created_at"]),
    (Col::Downloads, &["downloads"]),
    (Col::Likes, &["likes"]),
    (Col::Pipeline, &["pipeline_tag"]),
    (Col::Library, &["library_name"]),
    (Col::Tags, &["tags"]),
];

/// What a date column's numbers count (a text column is read as it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Days,
    Millis,
    Micros,
    Nanos,
    /// A number that is no date: not read.
    Unknown,
}

/// The decoded values of one column for the rows of the current chunk.
enum Values {
    Bytes(Vec<ByteArray>),
    Int32(Vec<i32>),
    Int64(Vec<i64>),
    Double(Vec<f64>),
}

/// A column's reader over the current row group, of the physical types a snapshot's columns
/// come in.
enum Reader {
    Bytes(ColumnReaderImpl<ByteArrayType>),
    Int32(ColumnReaderImpl<Int32Type>),
    Int64(ColumnReaderImpl<Int64Type>),
    Double(ColumnReaderImpl<DoubleType>),
}

/// One column read: which it is, its leaf in the file, and its cells for the current chunk.
struct Column {
    col: Col,
    leaf: usize,
    max_def: i16,
    max_rep: i16,
    unit: Unit,
    reader: Option<Reader>,
    values: Values,
    def: Vec<i16>,
    rep: Vec<i16>,
    /// Row `i` of the chunk holds `values[starts[i]..starts[i + 1]]`: none for a null, one for
    /// a plain cell, any number for a list.
    starts: Vec<u32>,
}

impl Column {
    /// The column of leaf `leaf`, described by `descr`; none for a physical type no snapshot
    /// column has (booleans, floats, fixed-length bytes).
    fn new(col: Col, leaf: usize, descr: &ColumnDescriptor) -> Option<Column> {
        use parquet::basic::Type as P;
        let values = match descr.physical_type() {
            P::BYTE_ARRAY => Values::Bytes(Vec::new()),
            P::INT32 => Values::Int32(Vec::new()),
            P::INT64 => Values::Int64(Vec::new()),
            P::DOUBLE => Values::Double(Vec::new()),
            _ => return None,
        };
        let unit = match (descr.logical_type_ref(), descr.converted_type()) {
            (Some(LogicalType::Timestamp(t)), _) => match t.unit {
                TimeUnit::MILLIS => Unit::Millis,
                TimeUnit::MICROS => Unit::Micros,
                TimeUnit::NANOS => Unit::Nanos,
            },
            (Some(LogicalType::Date), _) | (_, ConvertedType::DATE) => Unit::Days,
            (_, ConvertedType::TIMESTAMP_MILLIS) => Unit::Millis,
            (_, ConvertedType::TIMESTAMP_MICROS) => Unit::Micros,
            _ => Unit::Unknown,
        };
        Some(Column {
            col,
            leaf,
            max_def: descr.max_def_level(),
            max_rep: descr.max_rep_level(),
            unit,
            reader: None,
            values,
            def: Vec::new(),
            rep: Vec::new(),
            starts: Vec::new(),
        })
    }

    /// Decodes up to `n` more rows of the current row group; the number decoded.
    fn read(&mut self, n: usize) -> parquet::errors::Result<usize> {
        self.def.clear();
        self.rep.clear();
        let (def, rep) = (Some(&mut self.def), Some(&mut self.rep));
        let (rows, _, levels) = match (&mut self.reader, &mut self.values) {
            (None, _) => return Ok(0),
            (Some(Reader::Bytes(r)), Values::Bytes(v)) => {
                v.clear();
                r.read_records(n, def, rep, v)?
            }
            (Some(Reader::Int32(r)), Values::Int32(v)) => {
                v.clear();
                r.read_records(n, def, rep, v)?
            }
            (Some(Reader::Int64(r)), Values::Int64(v)) => {
                v.clear();
                r.read_records(n, def, rep, v)?
            }
            (Some(Reader::Double(r)), Values::Double(v)) => {
                v.clear();
                r.read_records(n, def, rep, v)?
            }
            _ => unreachable!("a column's reader and values are of its one physical type"),
        };
        self.split(rows, levels);
        Ok(rows)
    }

    /// Works out where each of the `rows` rows' values start, from their `levels` levels: a
    /// repetition level of 0 opens a row (every level does in a column that does not repeat),
    /// and a level at the highest definition holds a value.
    fn split(&mut self, rows: usize, levels: usize) {
        self.starts.clear();
        self.starts.push(0);
        if rows == 0 {
            return;
        }
        let mut v = 0u32;
        for i in 0..levels {
            if i > 0 && (self.max_rep == 0 || self.rep[i] == 0) {
                self.starts.push(v);
            }
            if self.max_def == 0 || self.def[i] == self.max_def {
                v += 1;
            }
        }
        self.starts.push(v);
    }

    /// The range of row `row`'s values.
    fn range(&self, row: usize) -> std::ops::Range<usize> {
        self.starts[row] as usize..self.starts[row + 1] as usize
    }

    /// Row `row`'s texts (none for a null, or a column of numbers).
    fn texts(&self, row: usize) -> impl Iterator<Item = &str> {
        let bytes: &[ByteArray] = match &self.values {
            Values::Bytes(v) => &v[self.range(row)],
            _ => &[],
        };
        (bytes.iter()).filter_map(|b| std::str::from_utf8(b.data()).ok())
    }

    /// Row `row`'s text, "" for none.
    fn text(&self, row: usize) -> &str {
        self.texts(row).next().unwrap_or("")
    }

    /// Row `row`'s whole number, of any width (a double only when it is whole).
    fn int(&self, row: usize) -> Option<i64> {
        let at = self.range(row).start;
        if self.range(row).is_empty() {
            return None;
        }
        match &self.values {
            Values::Int32(v) => Some(v[at].into()),
            Values::Int64(v) => Some(v[at]),
            Values::Double(v) if v[at].fract() == 0.0 => Some(v[at] as i64),
            _ => None,
        }
    }

    /// Row `row`'s date, written into `out`: a text as it is, a timestamp or a day count as
    /// its day (`YYYY-MM-DD`).
    fn date(&self, row: usize, out: &mut String) {
        out.clear();
        let at = self.range(row).start;
        if self.range(row).is_empty() {
            return;
        }
        let n = match &self.values {
            Values::Bytes(_) => return out.push_str(self.text(row)),
            Values::Int32(v) => i64::from(v[at]),
            Values::Int64(v) => v[at],
            Values::Double(_) => return,
        };
        let days = match self.unit {
            Unit::Days => n,
            Unit::Millis => n.div_euclid(86_400_000),
            Unit::Micros => n.div_euclid(86_400_000_000),
            Unit::Nanos => n.div_euclid(86_400_000_000_000),
            Unit::Unknown => return,
        };
        let (y, m, d) = civil(days);
        let _ = write!(out, "{y:04}-{m:02}-{d:02}");
    }
}

/// The rows of a snapshot file.
pub(super) struct Snapshot {
    file: SerializedFileReader<std::fs::File>,
    /// The columns read, the model id's first.
    columns: Vec<Column>,
    /// The row group next opened.
    group: usize,
    /// Rows of the current chunk, and the next one handed on.
    rows: usize,
    row: usize,
    /// The rows in the file.
    pub(super) total: u64,
    /// The 1-based number of the row last read.
    at: u64,
    /// The current row's date, as written.
    date: String,
    /// The current row's tags, where they come as JSON text.
    json_tags: Vec<String>,
}

impl Snapshot {
    /// Opens the snapshot at `path` (named `file`): an error if it is no Parquet file or has no
    /// model id column.
    pub(super) fn open(path: &std::path::Path, file: &str) -> Result<Snapshot> {
        let f = std::fs::File::open(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let reader = SerializedFileReader::new(f)
            .map_err(|e| Error::parse(file, None, format!("not a readable Parquet file: {e}")))?;
        let meta = reader.metadata().file_metadata();
        let total = meta.num_rows().max(0) as u64;
        let columns = find_columns(meta.schema_descr());
        if columns.first().map(|c| c.col) != Some(Col::Id) {
            let root = meta.schema_descr().root_schema();
            let names: Vec<&str> = root.get_fields().iter().map(|f| f.name()).collect();
            return Err(Error::parse(
                file,
                None,
                format!(
                    "no model id column: expected one of id, modelId, model_id (columns: {})",
                    names.join(", ")
                ),
            ));
        }
        Ok(Snapshot {
            file: reader,
            columns,
            group: 0,
            rows: 0,
            row: 0,
            total,
            at: 0,
            date: String::new(),
            json_tags: Vec::new(),
        })
    }

    /// Decodes the next chunk of rows, opening the next row group where the current one is
    /// done; false once the file is.
    fn next_chunk(&mut self) -> parquet::errors::Result<bool> {
        loop {
            let mut counts = Vec::with_capacity(self.columns.len());
            for c in &mut self.columns {
                counts.push(c.read(CHUNK)?);
            }
            if counts.iter().any(|&n| n != counts[0]) {
                return Err(parquet::errors::ParquetError::General(format!(
                    "row group {}: its columns hold different numbers of rows",
                    self.group
                )));
            }
            if counts[0] > 0 {
                (self.rows, self.row) = (counts[0], 0);
                return Ok(true);
            }
            if self.group == self.file.num_row_groups() {
                return Ok(false);
            }
            let group = self.file.get_row_group(self.group)?;
            for c in &mut self.columns {
                c.reader = Some(match group.get_column_reader(c.leaf)? {
                    ColumnReader::ByteArrayColumnReader(r) => Reader::Bytes(r),
                    ColumnReader::Int32ColumnReader(r) => Reader::Int32(r),
                    ColumnReader::Int64ColumnReader(r) => Reader::Int64(r),
                    ColumnReader::DoubleColumnReader(r) => Reader::Double(r),
                    _ => unreachable!("only columns of these types are read"),
                });
            }
            self.group += 1;
        }
    }

    /// Writes the current row as a record.
    fn write(&mut self, record: &mut csv::StringRecord) {
        let row = self.row;
        let mut fields = Fields::default();
        let mut tags = None;
        for c in &self.columns {
            match c.col {
                Col::Id => fields.id = c.text(row),
                Col::Author => fields.author = c.text(row),
                Col::Created => c.date(row, &mut self.date),
                Col::Downloads => fields.downloads = c.int(row),
                Col::Likes => fields.likes = c.int(row),
                Col::Pipeline => fields.pipeline_tag = c.text(row),
                Col::Library => fields.library_name = c.text(row),
                Col::Tags => tags = Some(c),
            }
        }
        fields.created_at = &self.date;
        match tags {
            Some(c) if c.max_rep > 0 => records::write(&fields, c.texts(row), record),
            Some(c) => {
                self.json_tags = serde_json::from_str(c.text(row)).unwrap_or_default();
                let tags = self.json_tags.iter().map(String::as_str);
                records::write(&fields, tags, record);
            }
            None => records::write(&fields, [], record),
        }
    }
}

/// The columns of `schema` the reader reads, the model id's first: each a top-level field of
/// one name of [`COLUMNS`] (the first such field) with a single leaf of a type it reads.
fn find_columns(schema: &parquet::schema::types::SchemaDescriptor) -> Vec<Column> {
    let mut columns: Vec<Column> = Vec::new();
    for (col, names) in COLUMNS {
        for name in names {
            let mut leaves = (schema.columns().iter().enumerate())
                .filter(|(_, d)| d.path().parts().first() == Some(&name.to_string()));
            let (Some((leaf, descr)), None) = (leaves.next(), leaves.next()) else {
                continue;
            };
            if let Some(c) = Column::new(col, leaf, descr) {
                columns.push(c);
                break;
            }
        }
    }
    columns
}

impl Rows for Snapshot {
    fn next_row(&mut self, record: &mut csv::StringRecord, file: &str) -> Result<bool> {
        if self.row == self.rows {
            match self.next_chunk() {
                Ok(true) => {}
                Ok(false) => return Ok(false),
                Err(e) => {
                    let at = self.at + 1;
                    return Err(Error::parse(file, None, format!("row {at}: {e}")));
                }
            }
        }
        self.at += 1;
        self.write(record);
        self.row += 1;
        Ok(true)
    }

    fn place(&self, _: &csv::StringRecord) -> (u32, u64) {
        (self.at.min(u64::from(u32::MAX)) as u32, self.at)
    }

    fn step(&self) -> u64 {
        1 << 14
    }
}

/// The calendar day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_calendar_days() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(19_551), (2023, 7, 13));
        assert_eq!(civil(-1), (1969, 12, 31));
        assert_eq!(civil(11_016), (2000, 2, 29));
    }

    /// A column of `values` split by its levels, as a chunk of `rows` rows.
    fn split(max_def: i16, max_rep: i16, def: &[i16], rep: &[i16], rows: usize) -> Vec<u32> {
        let mut c = Column {
            col: Col::Tags,
            leaf: 0,
            max_def,
            max_rep,
            unit: Unit::Unknown,
            reader: None,
            values: Values::Bytes(Vec::new()),
            def: def.to_vec(),
            rep: rep.to_vec(),
            starts: Vec::new(),
        };
        c.split(rows, def.len().max(rep.len()));
        c.starts
    }

    #[test]
    fn levels_split_rows_and_say_which_hold_values() {
        // a list column: [a, b], null, [], [c]
        let starts = split(3, 1, &[3, 3, 0, 1, 3], &[0, 1, 0, 0, 0], 4);
        assert_eq!(starts, [0, 2, 2, 2, 3]);
        // a plain optional column: x, null, y
        assert_eq!(split(1, 0, &[1, 0, 1], &[], 3), [0, 1, 1, 2]);
        // no rows left
        assert_eq!(split(1, 0, &[], &[], 0), [0]);
    }
}
