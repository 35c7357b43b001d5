//! Identifiers and timestamps. Ids are UUIDv7 text, never row numbers, so that files from
//! different analysts merge without collisions; timestamps are UTC, RFC 3339 with milliseconds,
//! which sort correctly as text.

use chrono::{DateTime, SecondsFormat, Utc};

/// Declares a newtype id that is stored and serialised as UUID text.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
        #[serde(transparent)]
        #[cfg_attr(feature = "bindings", ts(type = "string"))]
        pub struct $name(pub String);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                String::column_result(value).map(Self)
            }
        }
    };
}

id_type!(
    /// Identifies an article.
    ArticleId
);
id_type!(
    /// Identifies an annotation.
    AnnotationId
);
id_type!(
    /// Identifies a label (built-in or custom).
    LabelId
);
id_type!(
    /// Identifies an analyst who annotates or reviews.
    AnnotatorId
);
id_type!(
    /// Identifies one event in the history of changes.
    EventId
);
id_type!(
    /// Identifies one review decision or comment.
    ReviewId
);
id_type!(
    /// Identifies a conflict a merge found between two versions of an annotation.
    ConflictId
);

/// The current time, truncated to milliseconds so that it survives a round trip through text.
pub fn now() -> DateTime<Utc> {
    let t = Utc::now();
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

/// The stored text form of a timestamp: RFC 3339, UTC, milliseconds, `Z`.
pub fn timestamp_text(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}
