//! Reads sponsored-content figures out of article text: the exact value, the currency (ISO 4217)
//! or what is counted, the qualifier, and the upper bound of a range, from phrases such as
//! "more than $5m", "près de 2 millions d'euros", "zwischen 2 und 3 Millionen Euro",
//! "unos 500 cuentas falsas" or "более 600 фейковых аккаунтов".
//!
//! Invariants: values are exact decimals (no floats); offsets are code points into the text
//! given, `end` exclusive. A number whose writing has two readings ("1.823") is read by the
//! article's language and the other reading is listed in [`ParsedFigure::alternatives`].
//! [`find_figures`] suggests only money and counted units, never bare numbers (years, dates,
//! page numbers); [`parse_figure`] reads whatever number the analyst selected.

mod currencies;
mod matcher;
mod numbers;
mod qualifiers;
mod ranges;
mod reading;
mod scales;
mod unit_words;
mod units;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::model::Figure;
use crate::text::scan::Scan;
use matcher::{figure_matches, FigureMatch};

pub use numbers::{format_number, parse_number, NumberReading, NumberStyle};
pub use qualifiers::Qualifier;

/// Code points of context read on each side of a selection by [`parse_figure_in_text`].
const CONTEXT_CHARS: usize = 80;

/// A figure as read from text, ready to prefill a figure annotation's attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ParsedFigure {
    /// The exact value, or a range's lower bound.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub value: Decimal,
    /// A range's upper bound ("between 2 and 3 million").
    #[serde(with = "rust_decimal::serde::str_option")]
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub upper: Option<Decimal>,
    /// ISO 4217 code, when the figure is money.
    pub currency: Option<String>,
    /// What is counted, in English ("fake accounts", "promoted tweets"), when not money.
    pub unit: Option<String>,
    /// "more than", "about"...
    pub qualifier: Option<Qualifier>,
    /// Other readings of the same words, for the analyst to pick instead.
    pub alternatives: Vec<FigureReading>,
}

/// Another reading of a figure's numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct FigureReading {
    /// The value, or a range's lower bound.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub value: Decimal,
    /// A range's upper bound.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[cfg_attr(feature = "bindings", ts(type = "string | null"))]
    pub upper: Option<Decimal>,
    /// Why the words can be read this way.
    pub reason: ReadingReason,
}

/// Why a figure has another reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum ReadingReason {
    /// The other decimal mark: "1.823" as 1823 or 1.823.
    DecimalMark,
    /// "billion" as 10^9 in a language where it means 10^12.
    ShortScale,
}

/// A figure found in an article, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct FigureCandidate {
    /// First code point of the phrase (qualifier included).
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub start: usize,
    /// One past its last code point.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub end: usize,
    /// The phrase as written.
    pub text: String,
    /// What it says.
    pub figure: ParsedFigure,
}

impl ParsedFigure {
    /// The attributes to prefill a figure annotation with. A range is stored as its lower bound,
    /// with the bounds spelled out in the qualifier ("between 2000000 and 3000000").
    pub fn to_figure(&self) -> Figure {
        let qualifier = match (self.upper, self.qualifier) {
            (Some(upper), None) => Some(format!("between {} and {upper}", self.value)),
            (Some(upper), Some(q)) => Some(format!(
                "{}, between {} and {upper}",
                q.as_str(),
                self.value
            )),
            (None, q) => q.map(|q| q.as_str().to_owned()),
        };
        Figure {
            value: self.value,
            currency: self.currency.clone(),
            unit: self.unit.clone(),
            qualifier,
        }
    }
}

/// Read the figure in a selected span, using the text around it for a qualifier before
/// ("more than"), a scale or unit after ("million dollars"), or the rest of a range.
/// `language` is the article's BCP 47 tag. `None` when the span holds no number.
pub fn parse_figure(
    span: &str,
    context_before: &str,
    context_after: &str,
    language: Option<&str>,
) -> Option<ParsedFigure> {
    let text = format!("{context_before}{span}{context_after}");
    let start = context_before.chars().count();
    let end = start + span.chars().count();
    parse_in(&Scan::new(&text), start, end, language)
}

/// [`parse_figure`] for a span given by code-point offsets into an article's text.
pub fn parse_figure_in_text(
    text: &str,
    start: usize,
    end: usize,
    language: Option<&str>,
) -> Option<ParsedFigure> {
    if start > end {
        return None;
    }
    let from = start.saturating_sub(CONTEXT_CHARS);
    let window: String = text
        .chars()
        .skip(from)
        .take(end + CONTEXT_CHARS - from)
        .collect();
    parse_in(&Scan::new(&window), start - from, end - from, language)
}

fn parse_in(scan: &Scan, start: usize, end: usize, language: Option<&str>) -> Option<ParsedFigure> {
    let overlaps = |m: &FigureMatch| {
        std::iter::once(&m.lower)
            .chain(m.upper.as_ref())
            .any(|a| a.num_start < end && a.end > start)
    };
    let found = figure_matches(scan).into_iter().find(overlaps)?;
    reading::read_figure(&found, language)
}

/// Every money amount and counted figure in an article, in text order, for the analyst to
/// accept or dismiss. Bare numbers (years, dates, page numbers, percentages) are left out.
pub fn find_figures(text: &str, language: Option<&str>) -> Vec<FigureCandidate> {
    let scan = Scan::new(text);
    figure_matches(&scan)
        .into_iter()
        .filter(|m| m.currency.is_some() || m.unit.is_some())
        .filter_map(|m| {
            Some(FigureCandidate {
                start: m.start,
                end: m.end,
                text: scan.slice(m.start, m.end),
                figure: reading::read_figure(&m, language)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
