//! Finding an annotation again when the article text no longer matches it at its offsets (a
//! teammate's file with another version of the article, an edited import). We look for the quote
//! elsewhere, weigh each place by how well the 32 code points of context on each side agree and
//! how close it is to where the span was, and accept the best place only above a minimum score.
//! Below it the annotation is an orphan: shown apart, never dropped, never attached to the wrong
//! passage. Nothing here changes stored offsets; callers show the new place and its confidence.

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::model::ids::AnnotationId;
use crate::model::Annotation;
use crate::text::offsets::OffsetMap;

/// Lowest score at which a re-found place is offered; below it, the annotation is an orphan.
pub const MIN_CONFIDENCE: f64 = 0.6;
/// Quotes longer than this (in code points) are not fuzzy-matched: the cost grows with the square.
const MAX_FUZZY_CHARS: usize = 2_000;

/// Where an annotation stands against the current text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Placement {
    /// The quote is at its offsets.
    Exact,
    /// The quote was found elsewhere.
    Moved {
        /// New first code point.
        #[cfg_attr(feature = "bindings", ts(type = "number"))]
        start: i64,
        /// New end (exclusive).
        #[cfg_attr(feature = "bindings", ts(type = "number"))]
        end: i64,
        /// 0 to 1: how sure we are.
        confidence: f64,
    },
    /// No place scored high enough.
    Orphan,
}

/// An annotation whose quote is not at its offsets, with what we found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct Displaced {
    /// The annotation.
    pub id: AnnotationId,
    /// Where it is now, or that it is orphaned.
    pub placement: Placement,
}

/// Place one annotation in the text.
pub fn place(map: &OffsetMap<'_>, a: &Annotation) -> Placement {
    if quote_is_at(map, a.start, a.end, &a.exact) {
        return Placement::Exact;
    }
    let best = exact_candidates(map, a)
        .into_iter()
        .chain(fuzzy_candidate(map, a))
        .max_by(|x, y| x.2.total_cmp(&y.2));
    match best {
        Some((s, e, score)) if score >= MIN_CONFIDENCE => Placement::Moved {
            start: s as i64,
            end: e as i64,
            confidence: (score * 100.0).round() / 100.0,
        },
        _ => Placement::Orphan,
    }
}

/// The quote `exact` is still at `start..end` (code points), on grapheme boundaries: the
/// annotation's placement is `Exact` without looking further.
pub fn quote_is_at(map: &OffsetMap<'_>, start: i64, end: i64, exact: &str) -> bool {
    let (start, end) = (to_usize(start), to_usize(end));
    map.slice(start, end).ok() == Some(exact) && map.check_span(start, end).is_ok()
}

/// Every occurrence of the quote, scored by context and distance.
fn exact_candidates(map: &OffsetMap<'_>, a: &Annotation) -> Vec<(usize, usize, f64)> {
    if a.exact.is_empty() {
        return Vec::new();
    }
    let len = a.exact.chars().count();
    map.text()
        .match_indices(a.exact.as_str())
        .filter_map(|(byte, _)| map.byte_to_char(byte).ok())
        .filter(|&s| map.check_span(s, s + len).is_ok())
        .map(|s| {
            let score = 0.5 + 0.35 * context_score(map, a, s, s + len) + 0.15 * nearness(a, s, map);
            (s, s + len, score)
        })
        .collect()
}

/// The quote was edited: find its context on both sides and compare what lies between.
fn fuzzy_candidate(map: &OffsetMap<'_>, a: &Annotation) -> Option<(usize, usize, f64)> {
    let len = a.exact.chars().count();
    if len > MAX_FUZZY_CHARS || a.prefix.chars().count() < 8 || a.suffix.chars().count() < 8 {
        return None;
    }
    let text = map.text();
    let mut best: Option<(usize, usize, f64)> = None;
    for (pbyte, _) in text.match_indices(a.prefix.as_str()) {
        let from = pbyte + a.prefix.len();
        let window_end = text.len().min(from + 4 * a.exact.len() + a.suffix.len());
        let Some(window) = text.get(from..window_end) else {
            continue;
        };
        let Some(gap) = window.find(a.suffix.as_str()) else {
            continue;
        };
        let (Ok(s), Ok(e)) = (map.byte_to_char(from), map.byte_to_char(from + gap)) else {
            continue;
        };
        if e <= s || map.check_span(s, e).is_err() {
            continue;
        }
        let found = &text[from..from + gap];
        let score = 0.7 * strsim::normalized_levenshtein(&a.exact, found) + 0.3;
        if best.is_none_or(|b| score > b.2) {
            best = Some((s, e, score));
        }
    }
    best
}

/// 0 to 1: how much of the stored context agrees with the text around `start..end`.
fn context_score(map: &OffsetMap<'_>, a: &Annotation, start: usize, end: usize) -> f64 {
    let Ok(quote) = map.quote(start, end) else {
        return 0.0;
    };
    let agree = |stored: &str, found: &str, from_end: bool| -> f64 {
        if stored.is_empty() && found.is_empty() {
            return 1.0;
        }
        let pairs: Box<dyn Iterator<Item = (char, char)>> = if from_end {
            Box::new(stored.chars().rev().zip(found.chars().rev()))
        } else {
            Box::new(stored.chars().zip(found.chars()))
        };
        let same = pairs.take_while(|(x, y)| x == y).count();
        same as f64 / stored.chars().count().max(found.chars().count()).max(1) as f64
    };
    (agree(&a.prefix, &quote.prefix, true) + agree(&a.suffix, &quote.suffix, false)) / 2.0
}

/// 1 at the old position, falling towards 0 across the text.
fn nearness(a: &Annotation, start: usize, map: &OffsetMap<'_>) -> f64 {
    let distance = (start as f64 - a.start as f64).abs();
    1.0 - (distance / map.len_chars().max(1) as f64).min(1.0)
}

fn to_usize(n: i64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}
