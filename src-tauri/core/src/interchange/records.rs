//! The one reader behind every export: live annotations of live articles that pass the corpus
//! filters, joined with their article's metadata, label, analyst and reviewer, in a stable order
//! (article id, which is time-ordered, then position in the text, the order of an index). Rows are streamed, never collected, so a million-row
//! export holds one article's annotations in memory at most. Timestamps stay in their stored text
//! form (RFC 3339, UTC, milliseconds), which is already what every format wants.

use std::ops::ControlFlow;

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};

use crate::db::sql;
use crate::error::{Error, Result};
use crate::model::filters::{Conditions, Filters};
use crate::model::LabelKind;

/// One annotation as the exports see it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExportRecord {
    pub id: String,
    pub article: ArticleFields,
    pub label_id: String,
    pub label: String,
    pub label_kind: LabelKind,
    pub start: i64,
    pub end: i64,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub speaker: Option<String>,
    /// The figure's exact decimal, as stored.
    pub value: Option<String>,
    pub currency: Option<String>,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    pub verdict: Option<String>,
    pub note: String,
    pub tags: Vec<String>,
    pub annotator_id: String,
    pub annotator: String,
    pub created: String,
    pub updated: String,
    pub review_state: String,
    pub reviewer_id: Option<String>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
}

/// The article an annotation belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ArticleFields {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub text_sha256: String,
}

/// Read by position in `record_from_row`: keep the two in the same order.
const COLUMNS: &str = "n.id, a.id, a.title, a.url, a.outlet, a.author, a.published, a.language,
    a.text_sha256, l.id, l.name, l.kind, n.start, n.\"end\", n.exact, n.prefix, n.suffix,
    n.speaker, n.figure_value, n.currency, n.unit, n.qualifier, n.verdict, n.note,
    (SELECT json_group_array(tag) FROM
        (SELECT t.tag FROM annotation_tags t WHERE t.annotation_id = n.id ORDER BY t.position)),
    p.id, p.name, n.created_at, n.updated_at, n.review_state, r.id, r.name, n.reviewed_at";

const FROM: &str = "FROM annotations n JOIN articles a ON a.id = n.article_id
    JOIN labels l ON l.id = n.label_id JOIN annotators p ON p.id = n.annotator_id
    LEFT JOIN annotators r ON r.id = n.reviewer_id";

/// Which records an export reads: the corpus filters, and for some formats one more condition.
pub(crate) struct Selection<'a> {
    pub filters: &'a Filters,
    /// Only claims that carry a verdict (ClaimReview).
    pub claims_with_verdict: bool,
}

impl Selection<'_> {
    fn conditions(&self) -> Conditions {
        let mut conditions = self.filters.annotation_with_article_conditions();
        if self.claims_with_verdict {
            conditions.sql.push("l.kind = ?".into());
            conditions
                .params
                .push(Value::Text(LabelKind::Claim.as_str().into()));
            conditions
                .sql
                .push("n.verdict IS NOT NULL AND n.verdict <> ''".into());
        }
        conditions
    }
}

/// How many records the selection holds.
pub(crate) fn count_records(conn: &Connection, selection: &Selection<'_>) -> Result<u64> {
    let conditions = selection.conditions();
    let count: i64 = conn.query_row(
        &format!("SELECT count(*) {FROM} WHERE {}", conditions.joined()),
        params_from_iter(conditions.params.iter()),
        |r| r.get(0),
    )?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// How many records the selection holds, and how many distinct articles they belong to.
pub(crate) fn count_records_and_articles(
    conn: &Connection,
    selection: &Selection<'_>,
) -> Result<(u64, u64)> {
    let conditions = selection.conditions();
    let (records, articles): (i64, i64) = conn.query_row(
        &format!(
            "SELECT count(*), count(DISTINCT n.article_id) {FROM} WHERE {}",
            conditions.joined()
        ),
        params_from_iter(conditions.params.iter()),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((
        u64::try_from(records).unwrap_or(0),
        u64::try_from(articles).unwrap_or(0),
    ))
}

/// Call `each` with every record of the selection in export order; stops early when `each`
/// breaks. Returns whether it went through to the end.
pub(crate) fn for_each_record(
    conn: &Connection,
    selection: &Selection<'_>,
    mut each: impl FnMut(ExportRecord) -> Result<ControlFlow<()>>,
) -> Result<bool> {
    let conditions = selection.conditions();
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} {FROM} WHERE {} ORDER BY n.article_id, n.start, n.\"end\" DESC, n.id",
        conditions.joined()
    ))?;
    let mut rows = stmt.query(params_from_iter(conditions.params.iter()))?;
    while let Some(row) = rows.next()? {
        if each(record_from_row(row)?)?.is_break() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// An article's text, the one every offset refers to.
pub(crate) fn article_text(conn: &Connection, id: &str) -> Result<String> {
    conn.prepare_cached("SELECT text FROM articles WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("article", id))
}

fn record_from_row(row: &Row<'_>) -> Result<ExportRecord> {
    let tags_json: String = row.get(24)?;
    let tags: Vec<String> = serde_json::from_str(&tags_json)
        .map_err(|e| Error::Sqlite(sql::bad_column("annotation_tags", e)))?;
    Ok(ExportRecord {
        id: row.get(0)?,
        article: ArticleFields {
            id: row.get(1)?,
            title: row.get(2)?,
            url: row.get(3)?,
            outlet: row.get(4)?,
            author: row.get(5)?,
            published: row.get(6)?,
            language: row.get(7)?,
            text_sha256: row.get(8)?,
        },
        label_id: row.get(9)?,
        label: row.get(10)?,
        label_kind: sql::parsed(row, 11, LabelKind::parse)?,
        start: row.get(12)?,
        end: row.get(13)?,
        exact: row.get(14)?,
        prefix: row.get(15)?,
        suffix: row.get(16)?,
        speaker: row.get(17)?,
        value: row.get(18)?,
        currency: row.get(19)?,
        unit: row.get(20)?,
        qualifier: row.get(21)?,
        verdict: row.get(22)?,
        note: row.get(23)?,
        tags,
        annotator_id: row.get(25)?,
        annotator: row.get(26)?,
        created: row.get(27)?,
        updated: row.get(28)?,
        review_state: row.get(29)?,
        reviewer_id: row.get(30)?,
        reviewer: row.get(31)?,
        reviewed_at: row.get(32)?,
    })
}

#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;

    /// A figure annotation with every field set.
    pub fn record() -> ExportRecord {
        ExportRecord {
            id: "0190a000-0000-7000-8000-00000000000a".into(),
            article: ArticleFields {
                id: "0190a000-0000-7000-8000-0000000000a1".into(),
                title: "RT spends".into(),
                url: Some("https://example.org/rt".into()),
                outlet: Some("Le Monde".into()),
                author: None,
                published: Some("2024-05-01".into()),
                language: Some("fr".into()),
                text_sha256: "ab".repeat(32),
            },
            label_id: "00000000-0000-7000-8000-000000000003".into(),
            label: "figure".into(),
            label_kind: LabelKind::Figure,
            start: 3,
            end: 20,
            exact: "274 000 dollars".into(),
            prefix: "a dépensé ".into(),
            suffix: " en tweets".into(),
            speaker: None,
            value: Some("274000".into()),
            currency: Some("USD".into()),
            unit: None,
            qualifier: Some("more than".into()),
            verdict: None,
            note: "checked".into(),
            tags: vec!["rt".into(), "ads".into()],
            annotator_id: "0190a000-0000-7000-8000-0000000000b1".into(),
            annotator: "Ana".into(),
            created: "2024-05-02T10:00:00.000Z".into(),
            updated: "2024-05-02T10:05:00.000Z".into(),
            review_state: "pending".into(),
            reviewer_id: None,
            reviewer: None,
            reviewed_at: None,
        }
    }
}
