//! The Hub's public metadata snapshot (Parquet, one row per model, as the `models` split of the
//! hub-stats dataset): its columns found by name, only those read, a row group at a time, each
//! row handed on as a [`HubModel`] record.

use super::read::Rows;
use super::records::HubModel;
use crate::error::{Error, Result};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, Row, reader::RowIter};
use parquet::schema::types::Type;
use std::sync::Arc;

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

/// The rows of a snapshot file.
pub(super) struct Snapshot {
    rows: RowIter<'static>,
    /// For each column read, in file order, which it is.
    which: Vec<Col>,
    /// The rows in the file.
    pub(super) total: u64,
    /// The 1-based number of the row last read.
    at: u64,
    model: HubModel,
}

impl Snapshot {
    /// Opens the snapshot at `path` (named `file`): an error if it is no Parquet file or has no
    /// model id column.
    pub(super) fn open(path: &std::path::Path, file: &str) -> Result<Snapshot> {
        let bad = |e: parquet::errors::ParquetError| {
            Error::parse(file, None, format!("not a readable Parquet file: {e}"))
        };
        let f = std::fs::File::open(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let reader = SerializedFileReader::new(f).map_err(bad)?;
        let meta = reader.metadata().file_metadata();
        let total = meta.num_rows().max(0) as u64;
        let root = meta.schema_descr().root_schema();
        let mut fields = Vec::new();
        let mut which = Vec::new();
        for field in root.get_fields() {
            let named = |(_, names): &&(Col, &[&str])| names.contains(&field.name());
            if let Some(&(c, _)) = COLUMNS.iter().find(named)
                && !which.contains(&c)
            {
                fields.push(Arc::clone(field));
                which.push(c);
            }
        }
        if !which.contains(&Col::Id) {
            let columns: Vec<&str> = root.get_fields().iter().map(|f| f.name()).collect();
            return Err(Error::parse(
                file,
                None,
                format!(
                    "no model id column: expected one of id, modelId, model_id (columns: {})",
                    columns.join(", ")
                ),
            ));
        }
        let projection = Type::group_type_builder(root.name())
            .with_fields(fields)
            .build()
            .map_err(bad)?;
        let rows = RowIter::from_file_into(Box::new(reader))
            .project(Some(projection))
            .map_err(bad)?;
        Ok(Snapshot {
            rows,
            which,
            total,
            at: 0,
            model: HubModel::default(),
        })
    }

    /// Fills the model from a row.
    fn fill(&mut self, row: &Row) {
        let m = &mut self.model;
        *m = HubModel::default();
        for ((_, field), &c) in row.get_column_iter().zip(&self.which) {
            match c {
                Col::Id => m.id = text(field).unwrap_or_default(),
                Col::Author => m.author = text(field),
                Col::Created => m.created_at = date(field),
                Col::Downloads => m.downloads = int(field),
                Col::Likes => m.likes = int(field),
                Col::Pipeline => m.pipeline_tag = text(field),
                Col::Library => m.library_name = text(field),
                Col::Tags => m.tags = tags(field),
            }
        }
    }
}

impl Rows for Snapshot {
    fn next_row(&mut self, record: &mut csv::StringRecord, file: &str) -> Result<bool> {
        let row = match self.rows.next() {
            None => return Ok(false),
            Some(Err(e)) => {
                let at = self.at + 1;
                return Err(Error::parse(file, None, format!("row {at}: {e}")));
            }
            Some(Ok(row)) => row,
        };
        self.at += 1;
        self.fill(&row);
        self.model.write(record);
        Ok(true)
    }

    fn place(&self, _: &csv::StringRecord) -> (u32, u64) {
        (self.at.min(u64::from(u32::MAX)) as u32, self.at)
    }

    fn step(&self) -> u64 {
        1 << 14
    }
}

/// A text cell (a string, or bytes that are UTF-8); none for a null.
fn text(f: &Field) -> Option<String> {
    match f {
        Field::Str(s) => Some(s.clone()),
        Field::Bytes(b) => std::str::from_utf8(b.data()).ok().map(str::to_string),
        _ => None,
    }
}

/// A whole-number cell of any width.
fn int(f: &Field) -> Option<i64> {
    match *f {
        Field::Byte(i) => Some(i.into()),
        Field::Short(i) => Some(i.into()),
        Field::Int(i) => Some(i.into()),
        Field::Long(i) => Some(i),
        Field::UByte(i) => Some(i.into()),
        Field::UShort(i) => Some(i.into()),
        Field::UInt(i) => Some(i.into()),
        Field::ULong(i) => i64::try_from(i).ok(),
        Field::Double(x) if x.fract() == 0.0 => Some(x as i64),
        _ => None,
    }
}

/// A date cell: an ISO text as it is, a timestamp or a day count as its day (`YYYY-MM-DD`).
fn date(f: &Field) -> Option<String> {
    let days = match *f {
        Field::TimestampMillis(ms) => ms.div_euclid(86_400_000),
        Field::TimestampMicros(us) => us.div_euclid(86_400_000_000),
        Field::Date(d) => d.into(),
        _ => return text(f),
    };
    let (y, m, d) = civil(days);
    Some(format!("{y:04}-{m:02}-{d:02}"))
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

/// The tags cell: a list of strings, or JSON text holding one.
fn tags(f: &Field) -> Vec<String> {
    match f {
        Field::ListInternal(list) => list.elements().iter().filter_map(text).collect(),
        _ => text(f)
            .and_then(|t| serde_json::from_str::<Vec<String>>(&t).ok())
            .unwrap_or_default(),
    }
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

    #[test]
    fn tags_come_as_a_list_or_as_json_text() {
        let json = Field::Str("[\"license:mit\", \"dataset:a/b\"]".into());
        assert_eq!(tags(&json), ["license:mit", "dataset:a/b"]);
        assert!(tags(&Field::Str("not json".into())).is_empty());
        assert!(tags(&Field::Null).is_empty());
    }
}
