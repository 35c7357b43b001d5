//! Small conversions between stored text columns and model types, shared by the query modules.

use chrono::{DateTime, Utc};
use rusqlite::types::{Type, Value, ValueRef};
use rusqlite::{Row, RowIndex};

/// A column by name or by position (positions are faster in loops over many rows).
pub(crate) trait Column: RowIndex + std::fmt::Display + Copy {}
impl<T: RowIndex + std::fmt::Display + Copy> Column for T {}

/// Read an RFC 3339 timestamp column.
pub(crate) fn timestamp<I: Column>(row: &Row<'_>, column: I) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(column)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| bad_column(column, e))
}

/// Read a text column whose values are one of a closed set.
pub(crate) fn parsed<T, I: Column>(
    row: &Row<'_>,
    column: I,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    parse(&text).ok_or_else(|| bad_column(column, format!("unexpected value {text:?}")))
}

/// A column whose stored text does not parse: the file was written by something else.
pub(crate) fn bad_column(
    column: impl std::fmt::Display,
    err: impl std::fmt::Display,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        Type::Text,
        format!("column {column}: {err}").into(),
    )
}

/// A column as an owned value, for rows copied as they are (merges). rusqlite's own conversion
/// to `Value` panics on text that is not UTF-8, and a file from someone else can hold such text;
/// here it is an error naming the column, which refuses the file instead of crashing.
pub(crate) fn owned_value(row: &Row<'_>, column: usize) -> rusqlite::Result<Value> {
    match row.get_ref(column)? {
        ValueRef::Text(bytes) => std::str::from_utf8(bytes)
            .map(|text| Value::Text(text.to_owned()))
            .map_err(|e| bad_column(column, e)),
        other => Ok(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_is_not_utf8_is_an_error_not_a_panic() {
        // Found by the untrusted_db fuzz target: a teammate's file with such text crashed a merge.
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let read = |sql: &str| conn.query_row(sql, [], |r| owned_value(r, 0));
        assert!(read("SELECT CAST(x'61ff62' AS TEXT)").is_err());
        assert_eq!(read("SELECT 'é'").unwrap(), Value::Text("é".into()));
        assert_eq!(read("SELECT x'ff'").unwrap(), Value::Blob(vec![0xff]));
        assert_eq!(read("SELECT NULL").unwrap(), Value::Null);
    }
}
