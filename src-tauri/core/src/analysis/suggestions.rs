//! Candidate figures and quotes for an open article, shown on demand for the analyst to accept
//! or dismiss. Nothing here is stored: an accepted suggestion becomes an annotation through the
//! ordinary annotation path, with the attributes prefilled from what is returned.
//!
//! Invariant: offsets are code points into the text given, `end` exclusive, the same as stored
//! annotations, so a suggestion's span can be saved as is.

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::analysis::figure_parser::{find_figures, FigureCandidate, ParsedFigure, ReadingReason};
use crate::analysis::quote_finder::{find_quotes, rank_in, QuoteCandidate, SpeakerMatch};
use crate::model::Figure;
use crate::text::scan::Scan;

/// A known speaker scoring at least this replaces the attributed name in the prefill, so that
/// "Peskov" is stored under the spelling already in the database.
pub const PREFER_KNOWN_SCORE: f64 = 0.7;

/// What an article offers to annotate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct Suggestions {
    /// Money amounts and counted figures, in text order.
    pub figures: Vec<FigureCandidate>,
    /// Quotes, in text order.
    pub quotes: Vec<QuoteSuggestion>,
}

/// A quote with the speaker to prefill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct QuoteSuggestion {
    /// Where the quote is and what its attribution says.
    pub quote: QuoteCandidate,
    /// The speaker to prefill: a well-matching known speaker, else the attributed name.
    pub speaker: Option<String>,
    /// Known speakers that fit, best first.
    pub known_speakers: Vec<SpeakerMatch>,
}

/// A figure's attributes as read, ready to prefill an annotation, with the other readings of the
/// same words ready to switch to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct FigurePrefill {
    /// The attributes as read by the article's language.
    pub figure: Figure,
    /// The same figure read another way ("1.823" as 1823 rather than 1.823).
    pub alternatives: Vec<AlternativeFigure>,
}

/// Another reading of a figure, as attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct AlternativeFigure {
    /// The attributes under this reading.
    pub figure: Figure,
    /// Why the words can be read this way.
    pub reason: ReadingReason,
}

impl From<&ParsedFigure> for FigurePrefill {
    fn from(parsed: &ParsedFigure) -> Self {
        let alternatives = parsed
            .alternatives
            .iter()
            .map(|reading| AlternativeFigure {
                figure: ParsedFigure {
                    value: reading.value,
                    upper: reading.upper,
                    alternatives: Vec::new(),
                    ..parsed.clone()
                }
                .to_figure(),
                reason: reading.reason,
            })
            .collect();
        FigurePrefill {
            figure: parsed.to_figure(),
            alternatives,
        }
    }
}

/// A figure found in an article, with the attributes to prefill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct FigureSuggestion {
    /// First code point of the phrase.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub start: usize,
    /// One past its last code point.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub end: usize,
    /// The phrase as written.
    pub text: String,
    /// What to prefill, and the other readings.
    pub prefill: FigurePrefill,
}

impl From<&FigureCandidate> for FigureSuggestion {
    fn from(c: &FigureCandidate) -> Self {
        FigureSuggestion {
            start: c.start,
            end: c.end,
            text: c.text.clone(),
            prefill: FigurePrefill::from(&c.figure),
        }
    }
}

/// What an article offers one analyst, as the workbench shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ArticleSuggestions {
    /// Figures, in text order.
    pub figures: Vec<FigureSuggestion>,
    /// Quotes, in text order.
    pub quotes: Vec<QuoteSuggestion>,
}

/// Scan an article for figures and quotes. `language` is its BCP 47 tag; `known_speakers` are
/// the speakers already in the database.
pub fn suggest(text: &str, language: Option<&str>, known_speakers: &[String]) -> Suggestions {
    let scan = Scan::new(text);
    let quotes = find_quotes(text, language)
        .into_iter()
        .map(|quote| quote_suggestion(&scan, quote, known_speakers))
        .collect();
    Suggestions {
        figures: find_figures(text, language),
        quotes,
    }
}

/// One quote of a scanned text with the speaker to prefill, ranked against the known speakers.
pub(crate) fn quote_suggestion(
    scan: &Scan,
    quote: QuoteCandidate,
    known_speakers: &[String],
) -> QuoteSuggestion {
    let ranked = rank_in(scan, &quote, known_speakers);
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
    fn a_prefill_spells_out_every_reading_as_attributes() {
        let found = suggest("Die Agentur zahlte 1.823 Euro.", Some("de"), &[]);
        let prefill = FigurePrefill::from(&found.figures[0].figure);
        assert_eq!(prefill.figure.value.to_string(), "1823");
        assert_eq!(prefill.figure.currency.as_deref(), Some("EUR"));
        let other = &prefill.alternatives[0];
        assert_eq!(other.figure.value.to_string(), "1.823");
        assert_eq!(other.figure.currency.as_deref(), Some("EUR"));
        assert_eq!(other.reason, ReadingReason::DecimalMark);
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
