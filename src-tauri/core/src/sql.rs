//! Small conversions between stored text columns and model types, shared by the query modules.

use chrono::{DateTime, Utc};
use rusqlite::types::Type;
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
