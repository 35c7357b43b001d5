//! Small conversions between stored text columns and model types, shared by the query modules.

use chrono::{DateTime, Utc};
use rusqlite::types::Type;
use rusqlite::Row;

/// Read an RFC 3339 timestamp column.
pub(crate) fn timestamp(row: &Row<'_>, column: &str) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(column)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| bad_column(column, e))
}

/// Read a text column whose values are one of a closed set.
pub(crate) fn parsed<T>(
    row: &Row<'_>,
    column: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    parse(&text).ok_or_else(|| bad_column(column, format!("unexpected value {text:?}")))
}

/// A column whose stored text does not parse: the file was written by something else.
pub(crate) fn bad_column(column: &str, err: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        Type::Text,
        format!("column {column}: {err}").into(),
    )
}
