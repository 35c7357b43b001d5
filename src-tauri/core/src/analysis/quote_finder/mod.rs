//! Finds quotes in article text and who said them: extends a selection to the whole quote
//! between its marks, lists the quotes of an article with the speaker their attribution names
//! ("…», a déclaré Jean Dupont", "Smith said: “…”", "По словам Пескова, «…»"), and ranks the
//! speakers already in the database against the names near a quote.
//!
//! Invariants: offsets are code points into the text given, `end` exclusive. A quote's span is
//! the words between its marks, without the marks and the spaces inside them; `mark_start` and
//! `mark_end` include the marks. Only outermost quotes are listed; a short quote is listed only
//! with an attribution, so that scare quotes ("so-called “experts”") and titles stay out.

mod attribution;
mod marks;
mod names;
mod speakers;

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::text::scan::Scan;
use attribution::{attribution_after, attribution_before, Attribution};
use marks::{pair_quotes, QuotePair};
use names::{earlier_name, Speaker};

pub(crate) use speakers::rank_in;
pub use speakers::{rank_known_speakers, SpeakerMatch, MIN_SCORE};

/// Fewest words in a quote listed with an attribution.
const MIN_WORDS_ATTRIBUTED: usize = 2;
/// Fewest words in a quote listed without one.
const MIN_WORDS_ALONE: usize = 6;
/// Code points searched before a quote for the person a pronoun stands for.
const PRONOUN_REACH: usize = 400;
/// Most code points between a quote and the one it continues.
const CONTINUATION_GAP: usize = 150;

/// A quote found in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct QuoteCandidate {
    /// First code point of the quoted words.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub start: usize,
    /// One past the last quoted code point.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub end: usize,
    /// The quoted words.
    pub text: String,
    /// The opening mark.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub mark_start: usize,
    /// One past the closing mark.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub mark_end: usize,
    /// Who said it, when the text says so.
    pub speaker: Option<SpeakerSuggestion>,
}

/// The speaker an attribution points to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct SpeakerSuggestion {
    /// The name or description as written ("Dmitri Peskov", "a ministry spokesman").
    pub name: String,
    /// Where it is written.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub start: usize,
    /// One past its end.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub end: usize,
    /// How it was found.
    pub evidence: SpeakerEvidence,
    /// The attribution's verb or phrase as written ("a déclaré", "according to").
    pub cue: String,
}

/// How a speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum SpeakerEvidence {
    /// Named by the attribution.
    Named,
    /// Described by the attribution ("the spokesman").
    Described,
    /// The attribution is a pronoun ("he said"); this is the nearest name before the quote.
    EarlierMention,
    /// The quote has no attribution of its own but goes on from the previous one in the same
    /// paragraph (“…,” he said. “…”): the previous quote's speaker.
    ContinuedQuote,
}

/// Extend a selection (code points, `end` exclusive) to the quote it lies in: the words between
/// the marks when the selection is inside them, the marks included when it touches one, the
/// union with the quote when it straddles a mark. `None` when no quote is involved.
pub fn extend_to_quote(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if start > end {
        return None;
    }
    let scan = Scan::new(text);
    let pairs = pair_quotes(&scan, None);
    let innermost = pairs
        .iter()
        .filter(|p| p.open <= start && end <= p.close + 1)
        .min_by_key(|p| p.close - p.open);
    if let Some(p) = innermost {
        if start > p.open && end <= p.close {
            let (inner_start, inner_end) = inner_span(&scan, p)?;
            return Some((inner_start.min(start), inner_end.max(end)));
        }
        return Some((p.open, p.close + 1));
    }
    pairs
        .iter()
        .filter(|p| start <= p.close && end > p.open)
        .max_by_key(|p| end.min(p.close + 1) - start.max(p.open))
        .map(|p| (start.min(p.open), end.max(p.close + 1)))
}

/// The quotes of an article, in text order, with the speaker their attribution suggests.
pub fn find_quotes(text: &str, language: Option<&str>) -> Vec<QuoteCandidate> {
    let scan = Scan::new(text);
    let pairs = outermost(pair_quotes(&scan, language));
    let mut found: Vec<QuoteCandidate> = Vec::new();
    let mut floor = 0;
    for (k, pair) in pairs.iter().enumerate() {
        let next_open = pairs.get(k + 1).map_or(scan.len(), |p| p.open);
        // A quote that ends its sentence inside the marks («…geschaltet.») is not attributed
        // by the next sentence; "“Why?” she asked." still is.
        let ends_sentence = scan.before(scan.skip_blanks_back(pair.close)) == Some('.');
        let after = (!ends_sentence)
            .then(|| attribution_after(&scan, pair.close + 1, next_open))
            .flatten();
        let attribution = after.or_else(|| attribution_before(&scan, pair.open, floor));
        floor = pair.close + 1;
        let Some((start, end)) = inner_span(&scan, pair) else {
            continue;
        };
        let words = scan.slice(start, end).split_whitespace().count();
        let continued = match attribution {
            Some(_) => None,
            None => continued_speaker(&scan, pair, found.last()),
        };
        let keep = if attribution.is_some() || continued.is_some() {
            words >= MIN_WORDS_ATTRIBUTED
        } else {
            words >= MIN_WORDS_ALONE && !title_like(&scan.slice(start, end))
        };
        if !keep {
            continue;
        }
        let speaker = match attribution {
            Some(a) => speaker_of(&scan, a, (pair, &pairs), &found),
            None => continued,
        };
        found.push(QuoteCandidate {
            start,
            end,
            text: scan.slice(start, end),
            mark_start: pair.open,
            mark_end: pair.close + 1,
            speaker,
        });
    }
    found
}

/// The previous quote's speaker, when this quote follows it closely in the same paragraph.
fn continued_speaker(
    scan: &Scan,
    pair: &QuotePair,
    previous: Option<&QuoteCandidate>,
) -> Option<SpeakerSuggestion> {
    let previous = previous?;
    let gap = pair.open.checked_sub(previous.mark_end)?;
    let same_paragraph = !scan.slice(previous.mark_end, pair.open).contains('\n');
    let speaker = previous.speaker.as_ref()?;
    (gap <= CONTINUATION_GAP && same_paragraph).then(|| SpeakerSuggestion {
        evidence: SpeakerEvidence::ContinuedQuote,
        ..speaker.clone()
    })
}

/// Pairs not enclosed by another pair, in text order.
fn outermost(mut pairs: Vec<QuotePair>) -> Vec<QuotePair> {
    pairs.sort_by_key(|p| p.open);
    let mut out: Vec<QuotePair> = Vec::new();
    for p in pairs {
        if out.last().is_none_or(|last| p.open > last.close) {
            out.push(p);
        }
    }
    out
}

/// The words between a pair's marks, without surrounding spaces.
fn inner_span(scan: &Scan, pair: &QuotePair) -> Option<(usize, usize)> {
    let mut start = pair.open + 1;
    let mut end = pair.close;
    while start < end && scan.at(start).is_some_and(char::is_whitespace) {
        start += 1;
    }
    while end > start && scan.before(end).is_some_and(char::is_whitespace) {
        end -= 1;
    }
    (start < end).then_some((start, end))
}

/// Mostly capitalised words: a title ("How the Kremlin Buys Influence"), not speech.
fn title_like(words: &str) -> bool {
    let total = words.split_whitespace().count();
    let capitalised = words
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    total > 0 && capitalised * 10 >= total * 6
}

/// The suggestion for an attribution; a pronoun stands for the nearest earlier speaker or name.
fn speaker_of(
    scan: &Scan,
    attribution: Attribution,
    (pair, pairs): (&QuotePair, &[QuotePair]),
    earlier: &[QuoteCandidate],
) -> Option<SpeakerSuggestion> {
    let cue = scan.slice(attribution.cue_start, attribution.cue_end);
    let suggestion = |(start, end): (usize, usize), evidence| SpeakerSuggestion {
        name: scan.slice(start, end),
        start,
        end,
        evidence,
        cue: cue.clone(),
    };
    match attribution.speaker {
        Speaker::Named(s, e) => Some(suggestion((s, e), SpeakerEvidence::Named)),
        Speaker::Described(s, e) => Some(suggestion((s, e), SpeakerEvidence::Described)),
        Speaker::Pronoun | Speaker::Nobody => {
            let floor = pair.open.saturating_sub(PRONOUN_REACH);
            let quoted = |at: usize| pairs.iter().any(|p| p.open < at && at < p.close);
            let mention = earlier_name(scan, floor, pair.open, &quoted);
            let previous = earlier
                .iter()
                .rev()
                .filter_map(|q| q.speaker.as_ref())
                .find(|s| s.evidence == SpeakerEvidence::Named && s.end >= floor)
                .map(|s| (s.start, s.end));
            let nearest = match (mention, previous) {
                (Some(m), Some(p)) => Some(if m.1 >= p.1 { m } else { p }),
                (m, p) => m.or(p),
            };
            nearest.map(|span| suggestion(span, SpeakerEvidence::EarlierMention))
        }
    }
}

#[cfg(test)]
mod tests;
