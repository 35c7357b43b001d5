//! Agreement between analysts who annotated the same articles: span F1 with exact and with
//! overlapping matches (`spans`), Cohen's kappa and Krippendorff's alpha (nominal) over the
//! label sets of each code point or token (`units`, `measures`), per label and for all labels,
//! per pair of analysts (and alpha for all of them when there are more than two), per article
//! and over the corpus; a table the app shows and `export_csv` writes (`csv`).
//!
//! Which articles count: an analyst has annotated an article when they have at least one live
//! annotation on it, of any label (the label, tag, review and currency filters choose the spans
//! compared, not the articles). A pair is compared on the articles both annotated; alpha for
//! all analysts takes every article two or more annotated, the others' units missing.

mod csv;
mod report;
mod spans;
mod units;

pub(crate) mod measures;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

pub use self::csv::{export_agreement_csv, write_agreement_csv, AGREEMENT_CSV_COLUMNS};
use self::report::Scores;
use self::units::{unit_patterns, CoderSpans, UnitKind};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::filters::Filters;
use crate::model::ids::{AnnotatorId, ArticleId, LabelId};
use crate::model::Annotator;

/// What one unit of agreement is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum AgreementUnit {
    /// One code point of the text.
    #[default]
    Character,
    /// One word (letters or digits between Unicode word boundaries).
    Token,
}

/// What to compare.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(default)]
pub struct AgreementQuery {
    /// The corpus filters; `annotators` chooses the analysts (empty: everyone), `labels` the
    /// labels (empty: every label used).
    pub filters: Filters,
    /// Code points or tokens.
    pub unit: AgreementUnit,
    /// Add a row set for every article, not only the corpus.
    pub per_article: bool,
}

/// A label compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct LabelRef {
    /// Identity.
    pub id: LabelId,
    /// Name.
    pub name: String,
}

/// One line of the agreement table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct AgreementRow {
    /// The article, or `None` for the corpus.
    pub article_id: Option<ArticleId>,
    /// Its title.
    pub article_title: Option<String>,
    /// The label, or `None` for all labels together.
    pub label: Option<LabelRef>,
    /// The first analyst of the pair, or `None` for all analysts (alpha only).
    pub analyst_a: Option<Annotator>,
    /// The second analyst of the pair.
    pub analyst_b: Option<Annotator>,
    /// Articles compared.
    pub articles: u32,
    /// Units compared (for all analysts: units two or more of them labelled).
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub units: u64,
    /// The first analyst's spans (pairs only).
    #[cfg_attr(feature = "bindings", ts(type = "number | null"))]
    pub spans_a: Option<u64>,
    /// The second analyst's spans.
    #[cfg_attr(feature = "bindings", ts(type = "number | null"))]
    pub spans_b: Option<u64>,
    /// Span F1, exact matches.
    pub f1_exact: Option<f64>,
    /// Span F1, overlapping matches.
    pub f1_overlap: Option<f64>,
    /// Cohen's kappa over units (pairs only).
    pub cohen_kappa: Option<f64>,
    /// Krippendorff's alpha, nominal, over units.
    pub krippendorff_alpha: Option<f64>,
}

/// The agreement table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct AgreementReport {
    /// Code points or tokens.
    pub unit: AgreementUnit,
    /// The analysts compared, by name.
    pub analysts: Vec<Annotator>,
    /// The labels compared, by name.
    pub labels: Vec<LabelRef>,
    /// Articles that two or more of the analysts annotated.
    pub articles: u32,
    /// Corpus rows first (all labels, then each label; pairs, then all analysts), then each
    /// article's when asked for.
    pub rows: Vec<AgreementRow>,
}

/// A span compared: article, analyst, label, start, end.
type SpanRow = (String, String, String, i64, i64);

/// The spans compared on one article, by analyst index.
struct ArticleSpans {
    coders: BTreeMap<usize, Vec<(usize, i64, i64)>>,
}

impl Store {
    /// Agreement figures for the analysts and labels the query chooses.
    pub fn agreement(&self, query: &AgreementQuery) -> Result<AgreementReport> {
        let coverage = self.coverage(&query.filters)?;
        let analysts = self.analysts_of(&coverage)?;
        let spans = self.compared_spans(&query.filters)?;
        let labels = self.labels_of(&query.filters, &spans)?;
        let index_of: HashMap<&str, usize> = analysts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut articles: BTreeMap<String, ArticleSpans> = BTreeMap::new();
        for (article, analyst) in &coverage {
            let Some(&index) = index_of.get(analyst.as_str()) else {
                continue;
            };
            articles
                .entry(article.clone())
                .or_insert_with(|| ArticleSpans {
                    coders: BTreeMap::new(),
                })
                .coders
                .entry(index)
                .or_default();
        }
        for (article, analyst, label, start, end) in spans {
            let coder = index_of.get(analyst.as_str());
            let bit = labels.iter().position(|l| l.id.0 == label);
            if let (Some(entry), Some(&coder), Some(bit)) = (articles.get_mut(&article), coder, bit)
            {
                entry
                    .coders
                    .entry(coder)
                    .or_default()
                    .push((bit, start, end));
            }
        }
        articles.retain(|_, a| a.coders.len() >= 2);
        let kind = match query.unit {
            AgreementUnit::Character => UnitKind::Character,
            AgreementUnit::Token => UnitKind::Token,
        };
        let mut scores = Scores::new(labels.len());
        let mut rows = Vec::new();
        for (id, article) in &articles {
            let (title, text): (String, String) = self.conn.query_row(
                "SELECT title, text FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let mut one = Scores::new(labels.len());
            score_article(&mut one, &text, kind, article);
            if query.per_article {
                let scope = (Some(ArticleId(id.clone())), Some(title));
                rows.extend(one.rows(scope, &analysts, &labels));
            }
            scores.absorb(one);
        }
        let mut all_rows = scores.rows((None, None), &analysts, &labels);
        all_rows.extend(rows);
        Ok(AgreementReport {
            unit: query.unit,
            analysts,
            labels,
            articles: u32::try_from(articles.len()).unwrap_or(u32::MAX),
            rows: all_rows,
        })
    }

    /// (article, analyst) for every analyst with a live annotation on a live article.
    fn coverage(&self, filters: &Filters) -> Result<BTreeSet<(String, String)>> {
        let articles_only = Filters {
            annotators: filters.annotators.clone(),
            outlets: filters.outlets.clone(),
            languages: filters.languages.clone(),
            published_from: filters.published_from.clone(),
            published_to: filters.published_to.clone(),
            ..Filters::default()
        };
        let conditions = articles_only.annotation_with_article_conditions();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT DISTINCT n.article_id, n.annotator_id FROM annotations n
             JOIN articles a ON a.id = n.article_id WHERE {}",
            conditions.joined()
        ))?;
        let rows = stmt.query_map(params_from_iter(&conditions.params), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The analysts in the coverage, by name.
    fn analysts_of(&self, coverage: &BTreeSet<(String, String)>) -> Result<Vec<Annotator>> {
        let ids: BTreeSet<&String> = coverage.iter().map(|(_, a)| a).collect();
        let mut analysts = Vec::with_capacity(ids.len());
        for id in ids {
            analysts.push(self.get_annotator(&AnnotatorId(id.clone()))?);
        }
        analysts.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        Ok(analysts)
    }

    /// (article, analyst, label, start, end) of every span the filters choose.
    fn compared_spans(&self, filters: &Filters) -> Result<Vec<SpanRow>> {
        let conditions = filters.annotation_with_article_conditions();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT n.article_id, n.annotator_id, n.label_id, n.start, n.\"end\"
             FROM annotations n JOIN articles a ON a.id = n.article_id WHERE {}",
            conditions.joined()
        ))?;
        let rows = stmt.query_map(params_from_iter(&conditions.params), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The labels asked for, or else the labels used, by name; at most 64.
    fn labels_of(&self, filters: &Filters, spans: &[SpanRow]) -> Result<Vec<LabelRef>> {
        let used: BTreeSet<&str> = spans.iter().map(|s| s.2.as_str()).collect();
        let mut labels: Vec<LabelRef> = self
            .list_labels()?
            .into_iter()
            .filter(|l| {
                if filters.labels.is_empty() {
                    used.contains(l.id.as_str())
                } else {
                    filters.labels.contains(&l.id)
                }
            })
            .map(|l| LabelRef {
                id: l.id,
                name: l.name,
            })
            .collect();
        labels.sort_by_key(|l| l.name.to_lowercase());
        if labels.len() > 64 {
            return Err(Error::invalid(
                "agreement compares at most 64 labels at a time: choose some labels",
            ));
        }
        Ok(labels)
    }
}

/// Units and spans of one article into `scores`.
fn score_article(scores: &mut Scores, text: &str, kind: UnitKind, article: &ArticleSpans) {
    let coders: Vec<usize> = article.coders.keys().copied().collect();
    let masks: Vec<CoderSpans> = article
        .coders
        .values()
        .map(|spans| {
            spans
                .iter()
                .map(|&(bit, s, e)| (1u64 << bit, s, e))
                .collect()
        })
        .collect();
    let patterns = unit_patterns(text, kind, &masks);
    scores.add_article(&coders, &patterns, &article.coders);
}
