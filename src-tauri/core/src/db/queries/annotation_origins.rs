//! Where a merged annotation came from (table `annotation_origins`): the teammate's file a merge
//! first added it from, and when. Annotations made in this file have no row. The first origin
//! stays: the same annotation merged again from another file keeps where it first came from.

use rusqlite::{params, Transaction};

use crate::error::Result;
use crate::model::ids::{now, timestamp_text, AnnotationId};

/// Record that a merge added `annotation` from `source_file`, now; an origin already on record
/// is kept.
pub(crate) fn insert_raw(
    tx: &Transaction<'_>,
    annotation: &AnnotationId,
    source_file: &str,
) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO annotation_origins (annotation_id, source_file, merged_at)
         VALUES (?1, ?2, ?3)",
        params![annotation, source_file, timestamp_text(&now())],
    )?;
    Ok(())
}
