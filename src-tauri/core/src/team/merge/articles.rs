//! One source article and everything on it, merged in one transaction: the article (matched by
//! the SHA-256 of its text, else added), its annotations (matched by id), their review
//! decisions and where they came from. The source is untrusted, so an article whose text does
//! not give its recorded fingerprint, or an annotation whose quote is not the text at its
//! offsets, is skipped with the reason. Its code-point count is not taken from the source but
//! counted from the text.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction};

use crate::db::queries::annotations::{get_any_raw, write_as_received_raw};
use crate::db::queries::articles::{self, text_sha256, RECEIVED_CHAR_COUNT, RECEIVED_COLUMNS};
use crate::db::queries::conflicts::{record_conflict_raw, TheirVersion};
use crate::db::queries::{annotation_origins, article_sources, review_decisions};
use crate::db::sql::owned_value;
use crate::db::Store;
use crate::error::Result;
use crate::model::ids::{AnnotationId, AnnotatorId, ArticleId};
use crate::model::Annotation;
use crate::team::merge::catalog::IdMaps;
use crate::team::merge::versions::{place, Placement};
use crate::text::offsets::OffsetMap;

/// An article of the source with what is on it, read before the write transaction.
pub(crate) struct SourceArticle {
    id: String,
    title: String,
    row: Vec<Value>,
    text: String,
    sha256: String,
    provenance: Option<Vec<Value>>,
    annotations: Vec<TheirAnnotation>,
    decisions: Vec<Vec<Value>>,
}

struct TheirAnnotation {
    version: TheirVersion,
    origin: Option<String>,
}

/// What merging one article did.
#[derive(Debug, Default, Clone)]
pub(crate) struct ArticleOutcome {
    pub article_added: bool,
    pub annotations_added: u32,
    pub annotations_updated: u32,
    pub annotations_unchanged: u32,
    pub conflicts_new: u32,
    pub conflicts_known: u32,
    pub decisions_added: u32,
    pub skipped: Vec<String>,
    /// Annotations left in conflict: their history stays behind, so that the other version
    /// does not look like one we went through.
    pub conflicted: Vec<String>,
}

/// The source's article ids, in the order they were stored.
pub(crate) fn source_article_ids(source: &Store) -> Result<Vec<String>> {
    let mut stmt = source
        .conn
        .prepare("SELECT id FROM articles ORDER BY rowid")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Read one article of the source with its annotations and decisions.
pub(crate) fn read_source_article(source: &Store, id: &str) -> Result<SourceArticle> {
    let conn = &source.conn;
    let mut row = value_row(
        conn,
        &format!("SELECT {RECEIVED_COLUMNS} FROM articles WHERE id = ?1"),
        id,
    )?
    .unwrap_or_default();
    let text_of = |i: usize| match row.get(i) {
        Some(Value::Text(t)) => t.clone(),
        _ => String::new(),
    };
    let (title, text, sha256) = (text_of(1), text_of(11), text_of(12));
    // The count follows from the text (whose fingerprint is checked), so it is counted again
    // rather than trusted: a wrong one in the source is corrected and nothing is lost.
    if let Some(count) = row.get_mut(RECEIVED_CHAR_COUNT) {
        *count = Value::Integer(i64::try_from(text.chars().count()).unwrap_or(i64::MAX));
    }
    let provenance = value_row(
        conn,
        &format!(
            "SELECT {} FROM article_sources WHERE article_id = ?1",
            article_sources::COLUMNS
        ),
        id,
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT n.id, n.reviewer_id, n.reviewed_at, o.source_file FROM annotations n
         LEFT JOIN annotation_origins o ON o.annotation_id = n.id
         WHERE n.article_id = ?1 ORDER BY n.rowid",
    )?;
    let heads = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, AnnotationId>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<
            Vec<(
                AnnotationId,
                Option<AnnotatorId>,
                Option<String>,
                Option<String>,
            )>,
        >>()?;
    let mut annotations = Vec::with_capacity(heads.len());
    for (annotation_id, reviewer_id, reviewed_at, origin) in heads {
        if let Some(annotation) = get_any_raw(conn, &annotation_id)? {
            let version = TheirVersion {
                annotation,
                reviewer_id,
                reviewed_at,
            };
            annotations.push(TheirAnnotation { version, origin });
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.annotation_id, d.reviewer_id, d.decision, d.comment, d.decided_at
         FROM review_decisions d JOIN annotations n ON n.id = d.annotation_id
         WHERE n.article_id = ?1 ORDER BY d.decided_at, d.id",
    )?;
    let decisions = stmt
        .query_map([id], |r| (0..6).map(|i| owned_value(r, i)).collect())?
        .collect::<rusqlite::Result<_>>()?;
    Ok(SourceArticle {
        id: id.to_owned(),
        title,
        row,
        text,
        sha256,
        provenance,
        annotations,
        decisions,
    })
}

fn value_row(conn: &rusqlite::Connection, sql: &str, id: &str) -> Result<Option<Vec<Value>>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let width = stmt.column_count();
    Ok(stmt
        .query_row([id], |r| (0..width).map(|i| owned_value(r, i)).collect())
        .optional()?)
}

/// Merge one article inside the caller's transaction.
pub(crate) fn merge_article_raw(
    tx: &Transaction<'_>,
    source: &Store,
    source_name: &str,
    article: &SourceArticle,
    maps: &mut IdMaps,
) -> Result<ArticleOutcome> {
    let mut outcome = ArticleOutcome::default();
    let label = if article.title.is_empty() {
        &article.id
    } else {
        &article.title
    };
    if text_sha256(&article.text) != article.sha256 {
        outcome.skipped.push(format!(
            "article \"{label}\": its text does not give its recorded fingerprint"
        ));
        return Ok(outcome);
    }
    let Some(ours) = match_article(tx, article, &mut outcome)? else {
        outcome.skipped.push(format!(
            "article \"{label}\": an article with the same id but another text is already here"
        ));
        return Ok(outcome);
    };
    maps.articles.insert(article.id.clone(), ours.0.clone());
    let offsets = OffsetMap::new(&article.text);
    for theirs in &article.annotations {
        let mut version = theirs.version.clone();
        let a = &mut version.annotation;
        a.article_id = ours.clone();
        a.label_id = maps.label(&a.label_id);
        a.annotator_id = maps.annotator(&a.annotator_id);
        version.reviewer_id = version.reviewer_id.as_ref().map(|r| maps.annotator(r));
        let quote_ok = usize::try_from(a.start)
            .ok()
            .zip(usize::try_from(a.end).ok())
            .and_then(|(s, e)| offsets.slice(s, e).ok())
            .is_some_and(|slice| slice == a.exact);
        if !quote_ok {
            outcome.skipped.push(format!(
                "annotation {} on \"{label}\": its quote is not the text at its offsets",
                a.id
            ));
            continue;
        }
        let origin = theirs.origin.as_deref().unwrap_or(source_name);
        merge_annotation_raw(
            tx,
            source,
            source_name,
            &version,
            origin,
            maps,
            &mut outcome,
        )?;
    }
    outcome.decisions_added = copy_decisions_raw(tx, &article.decisions, maps)?;
    Ok(outcome)
}

/// Our article with the same text (a live one first), or the source's added; `None` when its
/// id is taken by an article with another text.
fn match_article(
    tx: &Transaction<'_>,
    article: &SourceArticle,
    outcome: &mut ArticleOutcome,
) -> Result<Option<ArticleId>> {
    let by_text = articles::find_by_text_sha256_raw(tx, &article.sha256)?;
    if by_text.is_some() {
        return Ok(by_text);
    }
    if articles::exists_raw(tx, &article.id)? {
        return Ok(None);
    }
    articles::insert_as_received(tx, &article.row)?;
    if let Some(row) = &article.provenance {
        article_sources::insert_as_received(tx, row)?;
    }
    outcome.article_added = true;
    Ok(Some(ArticleId(article.id.clone())))
}

fn merge_annotation_raw(
    tx: &Transaction<'_>,
    source: &Store,
    source_name: &str,
    theirs: &TheirVersion,
    origin: &str,
    maps: &IdMaps,
    outcome: &mut ArticleOutcome,
) -> Result<()> {
    let ours = get_any_raw(tx, &theirs.annotation.id)?;
    match place(tx, source, ours.as_ref(), &theirs.annotation, maps)? {
        Placement::New => {
            write_theirs_raw(tx, theirs)?;
            annotation_origins::insert_raw(tx, &theirs.annotation.id, origin)?;
            outcome.annotations_added += 1;
        }
        Placement::Same | Placement::OursIsNewer => outcome.annotations_unchanged += 1,
        Placement::TheirsIsNewer => {
            write_theirs_raw(tx, theirs)?;
            outcome.annotations_updated += 1;
        }
        Placement::Conflict => {
            outcome.conflicted.push(theirs.annotation.id.0.clone());
            if record_conflict_raw(tx, source_name, theirs, same_annotation)? {
                outcome.conflicts_new += 1;
            } else {
                outcome.conflicts_known += 1;
            }
        }
    }
    Ok(())
}

fn same_annotation(a: &Annotation, b: &Annotation) -> bool {
    crate::team::merge::versions::same_version(a, b)
}

fn write_theirs_raw(tx: &Transaction<'_>, theirs: &TheirVersion) -> Result<()> {
    write_as_received_raw(
        tx,
        &theirs.annotation,
        theirs.reviewer_id.as_ref(),
        theirs.reviewed_at.as_deref(),
    )
}

/// Decisions are kept whole and matched by id; those on an annotation we do not have (it was
/// skipped) stay behind.
fn copy_decisions_raw(
    tx: &Transaction<'_>,
    decisions: &[Vec<Value>],
    maps: &IdMaps,
) -> Result<u32> {
    let mut added = 0;
    for d in decisions {
        let mut row = d.clone();
        if let Some(Value::Text(id)) = row.get_mut(2) {
            *id = maps.annotator(&AnnotatorId(id.clone())).0;
        }
        added += u32::from(review_decisions::insert_as_received(tx, &row)?);
    }
    Ok(added)
}
