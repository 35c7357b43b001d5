//! Ranks the speakers already in the database against the names written near a quote, so the
//! analyst picks "Dmitry Peskov" from the list when the article says "Peskov", "Dmitri Peskov"
//! or, in Russian, "Пескова".
//!
//! Invariant: a score is in 0..=1 and only speakers scoring at least [`MIN_SCORE`] are
//! returned. A name found by attribution weighs fully; other names near the quote weigh less the
//! further they are; names inside the quote itself are not its speaker and are ignored.

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use super::names::names_between;
use super::QuoteCandidate;
use crate::text::scan::Scan;

/// Lowest score returned.
pub const MIN_SCORE: f64 = 0.5;
/// Code points read before a quote for names.
const BEFORE: usize = 400;
/// Code points read after a quote for names.
const AFTER: usize = 200;

/// A known speaker and how well it fits a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct SpeakerMatch {
    /// The speaker as stored.
    pub name: String,
    /// 1 for the attributed name itself, lower for partial or distant matches.
    pub score: f64,
}

/// The known speakers that fit a quote, best first.
pub fn rank_known_speakers(
    text: &str,
    quote: &QuoteCandidate,
    known: &[String],
) -> Vec<SpeakerMatch> {
    rank_in(&Scan::new(text), quote, known)
}

/// [`rank_known_speakers`] on a text already scanned: an article's quotes share one scan, since
/// scanning a 1 MB text once per quote made its suggestions take minutes.
pub(crate) fn rank_in(scan: &Scan, quote: &QuoteCandidate, known: &[String]) -> Vec<SpeakerMatch> {
    let mut mentions: Vec<(String, f64)> = Vec::new();
    if let Some(speaker) = &quote.speaker {
        mentions.push((speaker.name.clone(), 1.0));
    }
    let from = quote.mark_start.saturating_sub(BEFORE);
    let to = (quote.mark_end + AFTER).min(scan.len());
    for (start, end) in names_between(scan, from, to) {
        if start >= quote.mark_start && end <= quote.mark_end {
            continue;
        }
        let distance = if end <= quote.mark_start {
            quote.mark_start - end
        } else {
            start.saturating_sub(quote.mark_end)
        };
        let weight = 0.6 - 0.2 * (distance as f64 / BEFORE as f64).min(1.0);
        mentions.push((scan.slice(start, end), weight));
    }
    let mut ranked: Vec<SpeakerMatch> = known
        .iter()
        .map(|name| {
            let score = mentions
                .iter()
                .map(|(mention, weight)| similarity(name, mention) * weight)
                .fold(0.0, f64::max);
            SpeakerMatch {
                name: name.clone(),
                score: (score * 100.0).round() / 100.0,
            }
        })
        .filter(|m| m.score >= MIN_SCORE)
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.name.cmp(&b.name))
    });
    ranked
}

/// How well a mention fits a known name: 1 for the same words, about 0.8 for the surname
/// alone, less for inflected or transliterated forms.
pub(crate) fn similarity(known: &str, mention: &str) -> f64 {
    let known_tokens = tokens(known);
    let mention_tokens = tokens(mention);
    if known_tokens.is_empty() || mention_tokens.is_empty() {
        return 0.0;
    }
    let best = |token: &String, among: &[String]| {
        among
            .iter()
            .map(|other| token_similarity(token, other))
            .fold(0.0, f64::max)
    };
    let known_scores: Vec<f64> = known_tokens
        .iter()
        .map(|t| best(t, &mention_tokens))
        .collect();
    let mention_covered = mention_tokens
        .iter()
        .map(|t| best(t, &known_tokens))
        .fold(1.0, f64::min);
    let matched: f64 = known_scores.iter().filter(|&&s| s > 0.0).sum();
    let coverage = matched / known_tokens.len() as f64;
    if mention_covered > 0.0 {
        mention_covered * (0.6 + 0.4 * coverage)
    } else {
        0.4 * coverage
    }
}

fn tokens(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == ',')
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// 1 for the same word, 0.9 for inflections of one stem ("Песков", "Пескова"), about 0.85 for
/// close spellings ("Dmitri", "Dmitry"), else 0.
fn token_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let (la, lb) = (a.chars().count(), b.chars().count());
    if common >= 4 && la.max(lb) - common <= 3 {
        return 0.9;
    }
    let jw = strsim::jaro_winkler(a, b);
    if jw >= 0.92 {
        0.85
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_names_score_one_and_surnames_less() {
        assert_eq!(similarity("Dmitry Peskov", "Dmitry Peskov"), 1.0);
        let surname = similarity("Dmitry Peskov", "Peskov");
        assert!((0.75..0.85).contains(&surname), "{surname}");
        assert!(similarity("Dmitry Peskov", "Dmitri Peskov") > 0.85);
        assert!(similarity("Дмитрий Песков", "Пескова") > 0.65);
    }

    #[test]
    fn different_people_score_low() {
        assert!(similarity("Anna Smith", "John Smith") < MIN_SCORE);
        assert_eq!(similarity("Anna Weber", "Olaf Scholz"), 0.0);
        assert_eq!(similarity("", "Olaf Scholz"), 0.0);
    }
}
