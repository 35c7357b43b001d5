//! Suggestions as one analyst sees them on one article, and the helpers that prefill a tag the
//! analyst makes by hand: the figure in a selection, the whole quote around it, its speaker.
//!
//! Nothing here creates an annotation: an accepted suggestion is saved through the ordinary
//! annotation path. A suggestion the analyst dismissed (`dismissed_suggestions`) is not offered
//! to them again while the text there is unchanged, and none is offered where an annotation of
//! the same kind (figure or quote, by anyone) already overlaps it. Offsets are code points.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::analysis::figure_parser::parse_figure_in_text;
use crate::analysis::quote_finder::{extend_to_quote, find_quotes, QuoteCandidate, SpeakerMatch};
use crate::analysis::suggestions::{
    quote_suggestion, suggest, ArticleSuggestions, FigurePrefill, FigureSuggestion,
};
use crate::db::queries::dismissed_suggestions::SuggestionKind;
use crate::db::sql;
use crate::db::Store;
use crate::error::Result;
use crate::model::ids::{AnnotatorId, ArticleId};
use crate::text::scan::Scan;

/// Code points read on each side of a selection for the quote around it and its attribution.
const PASSAGE_REACH: usize = 3000;

/// The speaker to prefill when an analyst tags a quote by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct SpeakerPrefill {
    /// The attributed speaker (under its known spelling when one fits well), else the best
    /// fitting known speaker; none when nothing fits.
    pub speaker: Option<String>,
    /// Known speakers that fit, best first.
    pub known_speakers: Vec<SpeakerMatch>,
}

impl Store {
    /// The figures and quotes to offer `actor` on an article: those not dismissed by `actor`
    /// and not already covered by an annotation of the same kind.
    pub fn list_suggestions(
        &self,
        article_id: &ArticleId,
        actor: &AnnotatorId,
    ) -> Result<ArticleSuggestions> {
        let article = self.get_article(article_id)?;
        let speakers = self.list_speakers()?;
        let found = suggest(&article.text, article.meta.language.as_deref(), &speakers);
        let annotated = self.annotated_spans(article_id)?;
        let dismissed: HashSet<(SuggestionKind, i64, i64, String)> = self
            .list_dismissed_suggestions(article_id, actor)?
            .into_iter()
            .map(|d| (d.kind, d.start, d.end, d.exact))
            .collect();
        let offered = |kind: SuggestionKind, start: usize, end: usize, exact: &str| {
            let (start, end) = (start as i64, end as i64);
            let covered = annotated
                .iter()
                .any(|&(k, s, e)| k == kind && s < end && start < e);
            !covered && !dismissed.contains(&(kind, start, end, exact.to_owned()))
        };
        let figures = found
            .figures
            .iter()
            .filter(|f| offered(SuggestionKind::Figure, f.start, f.end, &f.text))
            .map(FigureSuggestion::from)
            .collect();
        let quotes = found
            .quotes
            .into_iter()
            .filter(|q| {
                offered(
                    SuggestionKind::Quote,
                    q.quote.start,
                    q.quote.end,
                    &q.quote.text,
                )
            })
            .collect();
        Ok(ArticleSuggestions { figures, quotes })
    }

    /// The figure in a selection of an article as attributes to prefill, read by the article's
    /// language, with the other readings of its numbers; `None` when it holds no number.
    pub fn prefill_figure(
        &self,
        article_id: &ArticleId,
        start: i64,
        end: i64,
    ) -> Result<Option<FigurePrefill>> {
        let article = self.get_article(article_id)?;
        let (start, end) = article.checked_span(start, end)?;
        let language = article.meta.language.as_deref();
        let parsed = parse_figure_in_text(&article.text, start, end, language);
        Ok(parsed.as_ref().map(FigurePrefill::from))
    }

    /// A selection of an article extended to the whole quote it lies in; `None` when no quote
    /// is involved.
    pub fn extend_to_quote_in_article(
        &self,
        article_id: &ArticleId,
        start: i64,
        end: i64,
    ) -> Result<Option<(i64, i64)>> {
        let article = self.get_article(article_id)?;
        let (start, end) = article.checked_span(start, end)?;
        let (passage, at) = passage_around(&article.text, start, end);
        let found = extend_to_quote(&passage, start - at, end - at);
        Ok(found.map(|(s, e)| ((s + at) as i64, (e + at) as i64)))
    }

    /// Who said the quote in a selection: the speaker its attribution names (or, for a quote
    /// with none, the known speaker that fits best), and the known speakers that fit.
    pub fn suggest_speaker(
        &self,
        article_id: &ArticleId,
        start: i64,
        end: i64,
    ) -> Result<SpeakerPrefill> {
        let article = self.get_article(article_id)?;
        let (start, end) = article.checked_span(start, end)?;
        let speakers = self.list_speakers()?;
        let (passage, at) = passage_around(&article.text, start, end);
        let (start, end) = (start - at, end - at);
        let found = find_quotes(&passage, article.meta.language.as_deref())
            .into_iter()
            .find(|q| q.mark_start < end.max(start + 1) && start < q.mark_end);
        let quote = found.unwrap_or_else(|| bare_quote(&passage, start, end));
        let suggestion = quote_suggestion(&Scan::new(&passage), quote, &speakers);
        let best_known = suggestion.known_speakers.first().map(|m| m.name.clone());
        Ok(SpeakerPrefill {
            speaker: suggestion.speaker.or(best_known),
            known_speakers: suggestion.known_speakers,
        })
    }

    /// Spans of the article's live figure and quote annotations, by kind of label.
    fn annotated_spans(&self, article_id: &ArticleId) -> Result<Vec<(SuggestionKind, i64, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.kind, a.start, a.\"end\" FROM annotations a JOIN labels l ON l.id = a.label_id
             WHERE a.article_id = ?1 AND a.deleted_at IS NULL AND l.kind IN ('figure', 'quote')",
        )?;
        let rows = stmt.query_map([article_id], |row| {
            Ok((
                sql::parsed(row, 0, SuggestionKind::parse)?,
                row.get(1)?,
                row.get(2)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A selection that no attribution-bearing quote contains, as a quote without a speaker, so that
/// the known speakers named near it can still be ranked.
fn bare_quote(text: &str, start: usize, end: usize) -> QuoteCandidate {
    QuoteCandidate {
        start,
        end,
        text: text.chars().skip(start).take(end - start).collect(),
        mark_start: start,
        mark_end: end,
        speaker: None,
    }
}

/// The whole lines of `text` within about [`PASSAGE_REACH`] code points of a span, and the
/// code-point offset where they start. The quote around a selection and its attribution lie in
/// them, and a 1 MB article is not scanned whole for one selection.
///
/// Total for any `start` and `end`: the bounds are put in order and a span reaching past the
/// text is cut at its end, so no offset, however wrong, can index outside the passage. The
/// offset returned is never past `start`.
fn passage_around(text: &str, start: usize, end: usize) -> (String, usize) {
    let (start, end) = (start.min(end), start.max(end));
    let from = start.saturating_sub(PASSAGE_REACH);
    let mut rest = text.chars().skip(from);
    let mut chars: Vec<char> = rest
        .by_ref()
        .take(end.saturating_add(PASSAGE_REACH) - from)
        .collect();
    let continues = rest.next().is_some();
    let span_end = (end - from).min(chars.len());
    let span_start = (start - from).min(span_end);
    if continues {
        if let Some(line_end) = chars[span_end..].iter().rposition(|&c| c == '\n') {
            chars.truncate(span_end + line_end + 1);
        }
    }
    let cut = match from {
        0 => 0,
        _ => chars[..span_start]
            .iter()
            .position(|&c| c == '\n')
            .map_or(0, |i| i + 1),
    };
    (chars[cut..].iter().collect(), from + cut)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_short_text_is_its_own_passage() {
        let text = "« Nous n’avons rien payé », a-t-il dit.\nFin.";
        assert_eq!(passage_around(text, 3, 7), (text.to_owned(), 0));
    }

    #[test]
    fn a_passage_of_a_long_text_is_whole_lines_around_the_span() {
        let line = "Une ligne de remplissage, toujours la même, pour allonger.\n";
        let quote = "« Nous n’avons rien payé », a déclaré Peskov.\n";
        let text = format!("{}{quote}{}", line.repeat(200), line.repeat(200));
        let start = line.chars().count() * 200 + 2;
        let (passage, at) = passage_around(&text, start, start + 4);
        assert!(passage.contains(quote));
        assert!(at > 0 && passage.ends_with('\n'));
        assert!(text.chars().nth(at - 1) == Some('\n'), "starts at a line");
        let inside: String = passage.chars().skip(start - at).take(4).collect();
        assert_eq!(inside, "Nous");
        assert!(passage.chars().count() <= 2 * PASSAGE_REACH + 4);
    }

    #[test]
    fn offsets_past_the_text_give_its_tail_instead_of_a_panic() {
        let text = "Première ligne.\n« Rien payé », dit-il.";
        let length = text.chars().count();
        let (passage, at) = passage_around(text, length + 5, length + 900);
        assert_eq!((passage.as_str(), at), (text, 0));
        let (passage, at) = passage_around(text, usize::MAX, usize::MAX);
        assert!(passage.is_empty() && at <= usize::MAX - PASSAGE_REACH);
        assert_eq!(passage_around(text, 20, 3), passage_around(text, 3, 20));
    }

    fn lines_of_text() -> impl Strategy<Value = String> {
        prop::collection::vec("[a-zé👋 «»]{0,90}", 0..120).prop_map(|lines| lines.join("\n"))
    }

    fn offset() -> impl Strategy<Value = usize> {
        prop_oneof![0usize..11_000, any::<usize>()]
    }

    proptest! {
        #[test]
        fn a_passage_is_the_text_at_its_offset_for_any_bounds(
            text in lines_of_text(), start in offset(), end in offset()
        ) {
            let (passage, at) = passage_around(&text, start, end);
            prop_assert!(at <= start.min(end));
            let there: String = text.chars().skip(at).take(passage.chars().count()).collect();
            prop_assert_eq!(&passage, &there);
            let length = text.chars().count();
            if start <= end && end <= length {
                prop_assert!(at + passage.chars().count() >= end, "the span is inside");
            }
        }
    }
}
