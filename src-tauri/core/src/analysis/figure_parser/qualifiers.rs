//! Qualifiers that bound or soften a figure: "more than", "plus de", "mehr als", "más de",
//! "более"; "about", "environ", "rund", "unos", "около"; "or more", "и более"...
//!
//! Invariant: every phrase maps to one of the six qualifiers the attribute editor offers, stored
//! by their English names, so that a dataset compares across languages.

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::text::scan::Scan;

/// How a figure is bounded or softened, stored as its English name ("more than").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub enum Qualifier {
    /// "more than", "over", "plus de", "mehr als", "más de", "более".
    #[serde(rename = "more than")]
    MoreThan,
    /// "at least", "au moins", "mindestens", "al menos", "не менее", "or more".
    #[serde(rename = "at least")]
    AtLeast,
    /// "about", "some", "environ", "rund", "unos", "около".
    #[serde(rename = "about")]
    About,
    /// "nearly", "almost", "près de", "fast", "casi", "почти".
    #[serde(rename = "nearly")]
    Nearly,
    /// "up to", "as many as", "jusqu'à", "bis zu", "hasta", "до".
    #[serde(rename = "up to")]
    UpTo,
    /// "less than", "under", "moins de", "weniger als", "menos de", "менее".
    #[serde(rename = "less than")]
    LessThan,
}

impl Qualifier {
    /// The stored text, as the attribute editor offers it.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::MoreThan => "more than",
            Qualifier::AtLeast => "at least",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::UpTo => "up to",
            Qualifier::LessThan => "less than",
        }
    }
}

use Qualifier::*;

/// Phrases written before the amount.
const BEFORE: &[(&str, Qualifier)] = &[
    // English
    ("more than", MoreThan),
    ("over", MoreThan),
    ("just over", MoreThan),
    ("upwards of", MoreThan),
    ("in excess of", MoreThan),
    ("above", MoreThan),
    ("at least", AtLeast),
    ("no fewer than", AtLeast),
    ("no less than", AtLeast),
    ("a minimum of", AtLeast),
    ("about", About),
    ("around", About),
    ("approximately", About),
    ("roughly", About),
    ("some", About),
    ("an estimated", About),
    ("estimated", About),
    ("circa", About),
    ("nearly", Nearly),
    ("almost", Nearly),
    ("close to", Nearly),
    ("just under", Nearly),
    ("up to", UpTo),
    ("as many as", UpTo),
    ("as much as", UpTo),
    ("no more than", UpTo),
    ("at most", UpTo),
    ("a maximum of", UpTo),
    ("less than", LessThan),
    ("fewer than", LessThan),
    ("under", LessThan),
    ("below", LessThan),
    // French
    ("plus de", MoreThan),
    ("plus d'", MoreThan),
    ("au-delà de", MoreThan),
    ("au moins", AtLeast),
    ("pas moins de", AtLeast),
    ("environ", About),
    ("quelque", About),
    ("autour de", About),
    ("approximativement", About),
    ("à peu près", About),
    ("près de", Nearly),
    ("presque", Nearly),
    ("quasiment", Nearly),
    ("jusqu'à", UpTo),
    ("pas plus de", UpTo),
    ("au maximum", UpTo),
    ("moins de", LessThan),
    ("moins d'", LessThan),
    // German
    ("mehr als", MoreThan),
    ("über", MoreThan),
    ("mindestens", AtLeast),
    ("wenigstens", AtLeast),
    ("etwa", About),
    ("rund", About),
    ("ungefähr", About),
    ("ca.", About),
    ("zirka", About),
    ("fast", Nearly),
    ("knapp", Nearly),
    ("beinahe", Nearly),
    ("nahezu", Nearly),
    ("bis zu", UpTo),
    ("höchstens", UpTo),
    ("maximal", UpTo),
    ("weniger als", LessThan),
    ("unter", LessThan),
    // Spanish
    ("más de", MoreThan),
    ("mas de", MoreThan),
    ("poco más de", MoreThan),
    ("por encima de", MoreThan),
    ("al menos", AtLeast),
    ("por lo menos", AtLeast),
    ("como mínimo", AtLeast),
    ("alrededor de", About),
    ("unos", About),
    ("unas", About),
    ("aproximadamente", About),
    ("cerca de", Nearly),
    ("casi", Nearly),
    ("poco menos de", Nearly),
    ("hasta", UpTo),
    ("como máximo", UpTo),
    ("no más de", UpTo),
    ("menos de", LessThan),
    // Russian
    ("более", MoreThan),
    ("более чем", MoreThan),
    ("больше", MoreThan),
    ("свыше", MoreThan),
    ("не менее", AtLeast),
    ("как минимум", AtLeast),
    ("по меньшей мере", AtLeast),
    ("минимум", AtLeast),
    ("около", About),
    ("примерно", About),
    ("порядка", About),
    ("приблизительно", About),
    ("почти", Nearly),
    ("до", UpTo),
    ("вплоть до", UpTo),
    ("не более", UpTo),
    ("максимум", UpTo),
    ("менее", LessThan),
    ("меньше", LessThan),
];

/// Phrases written after the amount and its unit.
const AFTER: &[(&str, Qualifier)] = &[
    ("or more", AtLeast),
    ("and more", AtLeast),
    ("ou plus", AtLeast),
    ("et plus", AtLeast),
    ("oder mehr", AtLeast),
    ("und mehr", AtLeast),
    ("o más", AtLeast),
    ("y más", AtLeast),
    ("или более", AtLeast),
    ("и более", AtLeast),
    ("или больше", AtLeast),
    ("at most", UpTo),
    ("au maximum", UpTo),
    ("au plus", UpTo),
];

/// The qualifier that ends just before `start` (blanks between), with its first code point.
pub(crate) fn qualifier_before(scan: &Scan, start: usize) -> Option<(usize, Qualifier)> {
    let end = scan.skip_blanks_back(start);
    scan.longest_before(end, BEFORE, false)
        .map(|(at, &qualifier)| (at, qualifier))
}

/// The qualifier that follows `end` (blanks between), with its end.
pub(crate) fn qualifier_after(scan: &Scan, end: usize) -> Option<(usize, Qualifier)> {
    let at = scan.skip_blanks(end);
    scan.longest_at(at, AFTER, false)
        .map(|(phrase_end, &qualifier)| (phrase_end, qualifier))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(text: &str) -> Option<Qualifier> {
        let scan = Scan::new(text);
        qualifier_before(&scan, scan.len()).map(|(_, q)| q)
    }

    #[test]
    fn phrases_in_five_languages_map_to_six_qualifiers() {
        for (text, expected) in [
            ("spent more than ", MoreThan),
            ("a dépensé plus de ", MoreThan),
            ("pas moins de ", AtLeast),
            ("près de\u{a0}", Nearly),
            ("jusqu’à ", UpTo),
            ("mehr als ", MoreThan),
            ("rund ", About),
            ("alrededor de ", About),
            ("не менее ", AtLeast),
            ("не более ", UpTo),
            ("около ", About),
        ] {
            assert_eq!(before(text), Some(expected), "{text:?}");
        }
    }

    #[test]
    fn words_that_merely_end_like_a_qualifier_are_not_one() {
        assert_eq!(before("the rover "), None);
        assert_eq!(before("handsome "), None);
    }

    #[test]
    fn stored_names_match_the_serialised_form() {
        for q in [MoreThan, AtLeast, About, Nearly, UpTo, LessThan] {
            let json = serde_json::to_string(&q).unwrap();
            assert_eq!(json, format!("\"{}\"", q.as_str()));
        }
    }
}
