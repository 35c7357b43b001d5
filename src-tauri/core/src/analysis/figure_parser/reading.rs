//! Turns a matched figure phrase into values: reads each number under the article's convention,
//! multiplies exactly by its scale, shares a range's scale, and lists the other readings (the
//! other decimal mark for "1.823", the short-scale "billion" in long-scale languages).
//!
//! Invariant: without a language, a lone "," or "." before three digits groups thousands
//! ("274,000", "1.823 accounts"), except that "." before a scale of a million or more is a
//! decimal point ("1.823 million"), which is how such phrases are almost always meant.

use rust_decimal::Decimal;

use super::matcher::{Amount, FigureMatch};
use super::numbers::{ambiguous_mark, grouping_reading, read_number, DecimalMark};
use super::ranges::lower_with_shared_scale;
use super::scales::{factor, long_scale, Scale};
use super::{FigureReading, ParsedFigure, ReadingReason};

/// The values and alternatives of a matched phrase; `None` when a number does not fit a decimal.
pub(crate) fn read_figure(m: &FigureMatch, language: Option<&str>) -> Option<ParsedFigure> {
    let language_mark = DecimalMark::for_language(language);
    let long = long_scale(language);
    let primary = |a: &Amount| mark_for(a, language_mark);
    let (value, upper) = values(m, &primary, long)?;
    let mut alternatives: Vec<FigureReading> = Vec::new();
    let mut offer = |reading: Option<(Decimal, Option<Decimal>)>, reason| {
        if let Some((alt_value, alt_upper)) = reading {
            let known = alternatives
                .iter()
                .any(|a| a.value == alt_value && a.upper == alt_upper);
            if (alt_value, alt_upper) != (value, upper) && !known {
                alternatives.push(FigureReading {
                    value: alt_value,
                    upper: alt_upper,
                    reason,
                });
            }
        }
    };
    if amounts(m).any(|a| ambiguous_mark(&a.raw).is_some()) {
        let other = |a: &Amount| primary(a).other();
        offer(values(m, &other, long), ReadingReason::DecimalMark);
    }
    if long && amounts(m).any(|a| a.scale == Some(Scale::Billion)) {
        offer(values(m, &primary, false), ReadingReason::ShortScale);
    }
    Some(ParsedFigure {
        value,
        upper,
        currency: m.currency.map(str::to_owned),
        unit: m.unit.clone(),
        qualifier: m.qualifier,
        alternatives,
    })
}

fn amounts(m: &FigureMatch) -> impl Iterator<Item = &Amount> {
    std::iter::once(&m.lower).chain(m.upper.as_ref())
}

/// The decimal mark to read one amount with.
fn mark_for(amount: &Amount, language: Option<DecimalMark>) -> DecimalMark {
    if let Some(mark) = language {
        return mark;
    }
    let large_scale = match amount.scale {
        Some(Scale::Power(p)) => p >= 6,
        Some(Scale::Billion) => true,
        None => false,
    };
    match ambiguous_mark(&amount.raw) {
        Some('.') if large_scale => DecimalMark::Point,
        Some(separator) => grouping_reading(separator),
        None => DecimalMark::Point,
    }
}

/// The value (or lower bound) and upper bound under one choice of marks and scale.
fn values(
    m: &FigureMatch,
    mark: &dyn Fn(&Amount) -> DecimalMark,
    long: bool,
) -> Option<(Decimal, Option<Decimal>)> {
    let upper = match &m.upper {
        Some(u) => Some(amount_value(u, mark(u), long)?),
        None => None,
    };
    let lower = match (&m.upper, upper) {
        (Some(u), Some(upper_value)) if m.lower.scale.is_none() => {
            let bare = read_number(&m.lower.raw, mark(&m.lower))?;
            match u.scale {
                Some(scale) => lower_with_shared_scale(bare, factor(scale, long), upper_value),
                None => bare,
            }
        }
        _ => amount_value(&m.lower, mark(&m.lower), long)?,
    };
    Some((lower.normalize(), upper.map(|u| u.normalize())))
}

fn amount_value(amount: &Amount, mark: DecimalMark, long: bool) -> Option<Decimal> {
    let number = read_number(&amount.raw, mark)?;
    match amount.scale {
        Some(scale) => number.checked_mul(factor(scale, long)),
        None => Some(number),
    }
}
