//! Tallies per pair of analysts and for all of them, added up article by article, and the
//! table rows they give: for each scope, all labels first, then each label.

use std::collections::BTreeMap;

use super::measures::{cohen_kappa, for_label, AlphaTally, Confusion};
use super::spans::{SpanSet, SpanTally};
use super::units::Patterns;
use super::{AgreementRow, LabelRef};
use crate::model::ids::ArticleId;
use crate::model::Annotator;

/// Which article a row is about (`None`: the corpus), and its title.
pub(crate) type Scope = (Option<ArticleId>, Option<String>);

#[derive(Debug, Default, Clone)]
struct PairScore {
    articles: u32,
    confusion: Confusion,
    spans: Vec<SpanTally>,
}

#[derive(Debug, Default, Clone)]
struct GroupScore {
    articles: u32,
    units: u64,
    most_coders: usize,
    all: AlphaTally,
    per_label: Vec<AlphaTally>,
}

/// Everything the rows are computed from.
#[derive(Debug, Clone)]
pub(crate) struct Scores {
    labels: usize,
    pairs: BTreeMap<(usize, usize), PairScore>,
    group: GroupScore,
}

impl Scores {
    pub fn new(labels: usize) -> Scores {
        Scores {
            labels,
            pairs: BTreeMap::new(),
            group: GroupScore {
                per_label: vec![AlphaTally::default(); labels],
                ..GroupScore::default()
            },
        }
    }

    /// One article: `coders` are analyst indexes in pattern order, `spans` by analyst index.
    pub fn add_article(
        &mut self,
        coders: &[usize],
        patterns: &Patterns,
        spans: &BTreeMap<usize, Vec<(usize, i64, i64)>>,
    ) {
        for x in 0..coders.len() {
            for y in x + 1..coders.len() {
                let score = self.pairs.entry((coders[x], coders[y])).or_default();
                score.spans.resize(self.labels, SpanTally::default());
                score.articles += 1;
                for (pattern, count) in patterns {
                    *score.confusion.entry((pattern[x], pattern[y])).or_default() += count;
                }
                for (label, tally) in score.spans.iter_mut().enumerate() {
                    let a = span_set(spans.get(&coders[x]), label);
                    let b = span_set(spans.get(&coders[y]), label);
                    tally.add(SpanTally::compare(&a, &b));
                }
            }
        }
        let group = &mut self.group;
        group.articles += 1;
        group.most_coders = group.most_coders.max(coders.len());
        let mut bits = vec![0u64; coders.len()];
        for (pattern, &count) in patterns {
            group.units += count;
            group.all.add_unit(pattern, count);
            for (label, tally) in group.per_label.iter_mut().enumerate() {
                for (bit, mask) in bits.iter_mut().zip(pattern) {
                    *bit = (mask >> label) & 1;
                }
                tally.add_unit(&bits, count);
            }
        }
    }

    /// Add another article's (or corpus part's) tallies.
    pub fn absorb(&mut self, other: Scores) {
        for (pair, score) in other.pairs {
            let mine = self.pairs.entry(pair).or_default();
            mine.spans.resize(self.labels, SpanTally::default());
            mine.articles += score.articles;
            for (cell, count) in score.confusion {
                *mine.confusion.entry(cell).or_default() += count;
            }
            for (tally, theirs) in mine.spans.iter_mut().zip(score.spans) {
                tally.add(theirs);
            }
        }
        let group = &mut self.group;
        group.articles += other.group.articles;
        group.units += other.group.units;
        group.most_coders = group.most_coders.max(other.group.most_coders);
        group.all.absorb(&other.group.all);
        for (tally, theirs) in group.per_label.iter_mut().zip(&other.group.per_label) {
            tally.absorb(theirs);
        }
    }

    /// The rows of this scope.
    pub fn rows(
        &self,
        scope: Scope,
        analysts: &[Annotator],
        labels: &[LabelRef],
    ) -> Vec<AgreementRow> {
        let mut rows = Vec::new();
        let label_scopes =
            std::iter::once(None).chain(labels.iter().enumerate().map(|(i, l)| Some((i, l))));
        for label in label_scopes {
            for (&(a, b), score) in &self.pairs {
                rows.push(pair_row(&scope, label, (&analysts[a], &analysts[b]), score));
            }
            if self.group.most_coders > 2 {
                rows.push(group_row(&scope, label, &self.group));
            }
        }
        rows
    }
}

fn span_set(spans: Option<&Vec<(usize, i64, i64)>>, label: usize) -> SpanSet {
    spans
        .into_iter()
        .flatten()
        .filter(|s| s.0 == label)
        .map(|s| (s.1, s.2))
        .collect()
}

fn pair_row(
    scope: &Scope,
    label: Option<(usize, &LabelRef)>,
    analysts: (&Annotator, &Annotator),
    score: &PairScore,
) -> AgreementRow {
    let (confusion, spans) = match label {
        None => {
            let mut total = SpanTally::default();
            score.spans.iter().for_each(|t| total.add(*t));
            (score.confusion.clone(), total)
        }
        Some((i, _)) => (
            for_label(&score.confusion, 1 << i),
            score.spans.get(i).copied().unwrap_or_default(),
        ),
    };
    let mut alpha = AlphaTally::default();
    alpha.add_confusion(&confusion);
    AgreementRow {
        article_id: scope.0.clone(),
        article_title: scope.1.clone(),
        label: label.map(|(_, l)| l.clone()),
        analyst_a: Some(analysts.0.clone()),
        analyst_b: Some(analysts.1.clone()),
        articles: score.articles,
        units: confusion.values().sum(),
        spans_a: Some(spans.spans_a),
        spans_b: Some(spans.spans_b),
        f1_exact: spans.f1_exact(),
        f1_overlap: spans.f1_overlap(),
        cohen_kappa: cohen_kappa(&confusion),
        krippendorff_alpha: alpha.alpha(),
    }
}

fn group_row(scope: &Scope, label: Option<(usize, &LabelRef)>, group: &GroupScore) -> AgreementRow {
    let alpha = match label {
        None => group.all.alpha(),
        Some((i, _)) => group.per_label.get(i).and_then(AlphaTally::alpha),
    };
    AgreementRow {
        article_id: scope.0.clone(),
        article_title: scope.1.clone(),
        label: label.map(|(_, l)| l.clone()),
        analyst_a: None,
        analyst_b: None,
        articles: group.articles,
        units: group.units,
        spans_a: None,
        spans_b: None,
        f1_exact: None,
        f1_overlap: None,
        cohen_kappa: None,
        krippendorff_alpha: alpha,
    }
}
