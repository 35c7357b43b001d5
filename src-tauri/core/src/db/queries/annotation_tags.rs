//! Tags of annotations, in the order the analyst gave them. They are written with their
//! annotation (its writer calls [`replace_tags_raw`]), and rewritten only when they changed, so
//! that an edit to a note does not read as a tag change to the team server.

use std::collections::HashMap;

use rusqlite::{params, Connection, Transaction};

use crate::error::Result;
use crate::model::ids::{AnnotationId, ArticleId};

/// One annotation's tags, in order.
pub(crate) fn tags_of_raw(conn: &Connection, id: &AnnotationId) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT tag FROM annotation_tags WHERE annotation_id = ?1 ORDER BY position",
    )?;
    let tags = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(tags)
}

/// Make an annotation's tags `tags`, touching nothing when they are already those.
pub(crate) fn replace_tags_raw(
    tx: &Transaction<'_>,
    id: &AnnotationId,
    tags: &[String],
) -> Result<()> {
    if tags_of_raw(tx, id)? == tags {
        return Ok(());
    }
    tx.execute("DELETE FROM annotation_tags WHERE annotation_id = ?1", [id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO annotation_tags (annotation_id, position, tag) VALUES (?1, ?2, ?3)",
    )?;
    for (position, tag) in tags.iter().enumerate() {
        insert.execute(params![id, position as i64, tag])?;
    }
    Ok(())
}

/// The tags of an article's live annotations, in their order, by annotation.
pub(crate) fn tags_by_annotation(
    conn: &rusqlite::Connection,
    article_id: &ArticleId,
) -> Result<HashMap<AnnotationId, Vec<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.annotation_id, t.tag FROM annotation_tags t
         JOIN annotations a ON a.id = t.annotation_id
         WHERE a.article_id = ?1 AND a.deleted_at IS NULL ORDER BY t.annotation_id, t.position",
    )?;
    let mut by_id: HashMap<AnnotationId, Vec<String>> = HashMap::new();
    for row in stmt.query_map([article_id], |r| Ok((r.get(0)?, r.get(1)?)))? {
        let (id, tag): (AnnotationId, String) = row?;
        by_id.entry(id).or_default().push(tag);
    }
    Ok(by_id)
}
