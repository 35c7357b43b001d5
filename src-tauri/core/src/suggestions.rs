//! Candidate figures and quotes for an open article, shown on demand for the analyst to accept
//! or dismiss. Nothing here is stored: an accepted suggestion becomes an annotation through the
//! ordinary annotation path, with the attributes prefilled from what is returned.
//!
//! Invariant: offsets are code points into the text given, `end` exclusive, the same as stored
//! annotations, so a suggestion's span can be saved as is.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::figure_parser::{find_figures, FigureCandidate};
use crate::quote_finder::{find_quotes, rank_known_speakers, QuoteCandidate, SpeakerMatch};

/// A known speaker scoring at least this replaces the attributed name in the prefill, so that
/// "Peskov" is stored under the spelling already in the database.
pub const PREFER_KNOWN_SCORE: f64 = 0.7;

/// What an article offers to annotate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Suggestions {
    /// Money amounts and counted figures, in text order.
    pub figures: Vec<FigureCandidate>,
    /// Quotes, in text order.
    pub quotes: Vec<QuoteSuggestion>,
}

/// A quote with the speaker to prefill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuoteSuggestion {
    /// Where the quote is and what its attribution says.
    pub quote: QuoteCandidate,
    /// The speaker to prefill: a well-matching known speaker, else the attributed name.
    pub speaker: Option<String>,
    /// Known speakers that fit, best first.
    pub known_speakers: Vec<SpeakerMatch>,
}

/// Scan an article for figures and quotes. `language` is its BCP 47 tag; `known_speakers` are
/// the speakers already in the database.
pub fn suggest(text: &str, language: Option<&str>, known_speakers: &[String]) -> Suggestions {
    let quotes = find_quotes(text, language)
        .into_iter()
        .map(|quote| quote_suggestion(text, quote, known_speakers))
        .collect();
    Suggestions {
        figures: find_figures(text, language),
        quotes,
    }
}

/// One quote of `text` with the speaker to prefill, ranked against the known speakers.
pub fn quote_suggestion(
    text: &str,
    quote: QuoteCandidate,
    known_speakers: &[String],
) -> QuoteSuggestion {
    let ranked = rank_known_speakers(text, &quote, known_speakers);
    let preferred = ranked
        .first()
        .filter(|m| m.score >= PREFER_KNOWN_SCORE)
        .map(|m| m.name.clone());
    QuoteSuggestion {
        speaker: preferred.or_else(|| quote.speaker.as_ref().map(|s| s.name.clone())),
        quote,
        known_speakers: ranked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Le réseau a acheté plus de 600 faux comptes pour 274 000 dollars. \
        « Nous n’avons jamais payé personne », a déclaré Peskov.";

    #[test]
    fn figures_and_quotes_come_together() {
        let found = suggest(TEXT, Some("fr"), &[]);
        let figures: Vec<&str> = found.figures.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(figures, ["plus de 600 faux comptes", "274 000 dollars"]);
        assert_eq!(found.quotes.len(), 1);
        assert_eq!(found.quotes[0].speaker.as_deref(), Some("Peskov"));
    }

    #[test]
    fn a_known_speaker_replaces_the_attributed_spelling() {
        let known = ["Dmitri Peskov".to_owned(), "Jean Dupont".to_owned()];
        let found = suggest(TEXT, Some("fr"), &known);
        let quote = &found.quotes[0];
        assert_eq!(quote.speaker.as_deref(), Some("Dmitri Peskov"));
        assert_eq!(quote.known_speakers.len(), 1);
    }
}
