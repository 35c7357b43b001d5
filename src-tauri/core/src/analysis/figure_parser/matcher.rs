//! Assembles the pieces around a number into one figure phrase: qualifier, range opener,
//! currency symbol, number, scale, range joiner and upper bound, "de"/"of", currency or unit,
//! trailing qualifier.
//!
//! Invariant: a phrase is anchored on its first number and only takes pieces that touch it
//! (blanks between), so context never contributes words from another clause. Spans are code
//! points of the scanned text.

use super::currencies::{currency_after, currency_at_start, currency_before, CurrencyHit};
use super::numbers::number_end;
use super::qualifiers::{qualifier_after, qualifier_before, Qualifier};
use super::ranges::{joiner_after, opener_before};
use super::scales::{scale_after, Scale};
use super::units::unit_after;
use crate::text::scan::Scan;

/// Connectors between a scaled amount and its currency or unit: "2 millions de dollars",
/// "millions d'euros", "mil millones de dólares".
const CONNECTORS: &[(&str, ())] = &[("de", ()), ("d'", ()), ("of", ())];

/// One number with its scale and the currency written before it.
#[derive(Debug, Clone)]
pub(crate) struct Amount {
    /// First code point of the number.
    pub(crate) num_start: usize,
    /// One past the scale word, or past the number when there is none.
    pub(crate) end: usize,
    /// The number as written.
    pub(crate) raw: String,
    /// The scale word's size, if any.
    pub(crate) scale: Option<Scale>,
    /// Currency written before the number.
    pub(crate) currency: Option<CurrencyHit>,
}

/// A figure phrase found in text, before its values are computed.
#[derive(Debug, Clone)]
pub(crate) struct FigureMatch {
    /// First code point of the phrase.
    pub(crate) start: usize,
    /// One past its last code point.
    pub(crate) end: usize,
    /// The amount, or a range's lower bound.
    pub(crate) lower: Amount,
    /// A range's upper bound.
    pub(crate) upper: Option<Amount>,
    /// ISO 4217 code.
    pub(crate) currency: Option<&'static str>,
    /// What is counted, in English.
    pub(crate) unit: Option<String>,
    /// Bound or softening word.
    pub(crate) qualifier: Option<Qualifier>,
}

/// What follows the amounts: currency or unit, and a trailing qualifier.
struct Tail {
    end: usize,
    currency: Option<&'static str>,
    unit: Option<String>,
}

/// Every figure phrase in the text, left to right, without overlaps. Phrases with neither a
/// currency nor a unit are included; callers filter.
pub(crate) fn figure_matches(scan: &Scan) -> Vec<FigureMatch> {
    let mut found: Vec<FigureMatch> = Vec::new();
    let mut i = 0;
    while i < scan.len() {
        if !is_number_start(scan, i) {
            i += 1;
            continue;
        }
        let taken = found.last().map_or(0, |m| m.end);
        match figure_at(scan, i).filter(|m| m.start >= taken) {
            Some(m) => {
                i = m.end.max(i + 1);
                found.push(m);
            }
            None => i = number_end(scan, i).unwrap_or(i + 1),
        }
    }
    found
}

/// Whether a number starts at `i`: a digit not glued to a word ("G7", "COVID-19", "#2020") and
/// not inside a date or time ("12/05", "10:30").
fn is_number_start(scan: &Scan, i: usize) -> bool {
    if !scan.at(i).is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    match scan.before(i) {
        Some(c) if c.is_alphanumeric() || matches!(c, '#' | '/' | ':' | '_' | '@' | '.' | ',') => {
            false
        }
        Some('-') => !scan.before(i - 1).is_some_and(char::is_alphanumeric),
        _ => true,
    }
}

/// The figure phrase anchored on the number that starts at `num_start`: as a range when one
/// follows, else as a single amount.
pub(crate) fn figure_at(scan: &Scan, num_start: usize) -> Option<FigureMatch> {
    build(scan, num_start, true).or_else(|| build(scan, num_start, false))
}

fn build(scan: &Scan, num_start: usize, with_range: bool) -> Option<FigureMatch> {
    let mut lower = amount_at(scan, num_start)?;
    lower.currency = currency_before(scan, num_start);
    let (upper, needs_opener) = match with_range.then(|| upper_after(scan, &lower)).flatten() {
        Some((amount, needs)) => (Some(amount), needs),
        None if with_range => return None,
        None => (None, false),
    };
    let last_end = upper.as_ref().map_or(lower.end, |u| u.end);
    let scaled = upper.as_ref().map_or(lower.scale, |u| u.scale).is_some();
    let prefixed = lower.currency.or(upper.as_ref().and_then(|u| u.currency));
    // "in March 2020 accounts were..." is a date; "more than 2000 accounts" is a count.
    let year_like = prefixed.is_none() && !scaled && upper.is_none() && is_year(&lower.raw);
    let counts = !year_like || qualifier_before(scan, num_start).is_some();
    let tail = tail(scan, last_end, scaled, prefixed.is_none(), counts);
    let mut m = FigureMatch {
        start: prefixed.map_or(num_start, |c| c.start.min(num_start)),
        end: without_final_point(scan, tail.end, last_end),
        lower,
        upper,
        currency: prefixed.map(|c| c.code).or(tail.currency),
        unit: tail.unit,
        qualifier: None,
    };
    if !attach_head(scan, &mut m, needs_opener) {
        return None;
    }
    if let Some((end, qualifier)) = qualifier_after(scan, m.end) {
        if m.qualifier.is_none() && (m.currency.is_some() || m.unit.is_some()) {
            m.end = end;
            m.qualifier = Some(qualifier);
        }
    }
    Some(m)
}

/// Extend the phrase leftwards over a qualifier and a range opener. Returns false when the
/// range needs an opener ("between") that is not there.
fn attach_head(scan: &Scan, m: &mut FigureMatch, needs_opener: bool) -> bool {
    let mut start = m.start;
    if m.upper.is_some() {
        if let Some(opener) = opener_before(scan, start, needs_opener) {
            start = opener;
        } else if needs_opener {
            return false;
        }
    }
    if let Some((at, qualifier)) = qualifier_before(scan, start) {
        start = at;
        m.qualifier = Some(qualifier);
    }
    m.start = start;
    true
}

/// A number and the scale word after it.
fn amount_at(scan: &Scan, num_start: usize) -> Option<Amount> {
    let num_end = number_end(scan, num_start)?;
    let scale = scale_after(scan, num_end);
    Some(Amount {
        num_start,
        end: scale.map_or(num_end, |s| s.end),
        raw: scan.slice(num_start, num_end),
        scale: scale.map(|s| s.scale),
        currency: None,
    })
}

/// The upper bound of a range whose lower bound is `lower`, and whether the joiner needs an
/// opening word.
fn upper_after(scan: &Scan, lower: &Amount) -> Option<(Amount, bool)> {
    let (at, needs_opener) = joiner_after(scan, lower.end)?;
    let currency = currency_at_start(scan, at);
    let num_start = currency.map_or(at, |c| scan.skip_blanks(c.end));
    let mut upper = amount_at(scan, num_start)?;
    upper.currency = currency;
    Some((upper, needs_opener))
}

/// The currency or unit after the amounts ending at `at`. `counts` allows a unit.
fn tail(scan: &Scan, at: usize, scaled: bool, want_currency: bool, counts: bool) -> Tail {
    let none = Tail {
        end: at,
        currency: None,
        unit: None,
    };
    let mut next = scan.skip_blanks(at);
    if scaled {
        if let Some((end, _)) = scan.longest_at(next, CONNECTORS, false) {
            let after = scan.skip_blanks(end);
            if currency_after(scan, after).is_some() || unit_after(scan, after, false).is_some() {
                next = after;
            }
        }
    }
    if want_currency {
        if let Some(hit) = currency_after(scan, next) {
            return Tail {
                end: hit.end,
                currency: Some(hit.code),
                unit: None,
            };
        }
    } else {
        return none;
    }
    match unit_after(scan, next, true) {
        Some(hit) if counts && (next > at || scaled) => Tail {
            end: hit.end,
            currency: None,
            unit: Some(hit.unit),
        },
        _ => none,
    }
}

/// A scale abbreviation that ends the phrase gives its point back to the sentence
/// ("$5 млн." ends at "млн"); before a currency or unit it keeps it ("2,4 Mio. Euro").
fn without_final_point(scan: &Scan, end: usize, amounts_end: usize) -> usize {
    let last_is_point = scan.before(end) == Some('.');
    if end == amounts_end && last_is_point && scan.at(end).is_none_or(char::is_whitespace) {
        end - 1
    } else {
        end
    }
}

/// A bare four-digit number that reads as a year.
fn is_year(raw: &str) -> bool {
    raw.len() == 4 && raw.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}
