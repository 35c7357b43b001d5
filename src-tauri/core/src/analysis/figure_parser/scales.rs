//! Scale words after a number: `k`, thousand, mille, Tausend, mil, тыс., million, Mio., millones,
//! млн, milliard, Mrd., mil millones, млрд, bn, billion, billón, трлн...
//!
//! Invariant: a scale multiplies exactly (a power of ten on a decimal). "billion" is the one word
//! whose size depends on the language: 10^9 in English, 10^12 in the long-scale languages (French,
//! German...), where the short-scale reading is kept as an alternative for translated copy.

use rust_decimal::Decimal;

use crate::text::scan::Scan;

/// The size a scale word stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scale {
    /// Ten to this power.
    Power(u32),
    /// "billion": 10^9 or 10^12 depending on the language.
    Billion,
}

/// A scale word found after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ScaleHit {
    /// One past its last code point.
    pub(crate) end: usize,
    /// Its size.
    pub(crate) scale: Scale,
}

const THOUSAND: Scale = Scale::Power(3);
const MILLION: Scale = Scale::Power(6);
const MILLIARD: Scale = Scale::Power(9);
const TRILLION: Scale = Scale::Power(12);

/// Abbreviations that are scales only when glued to the digits: "$5m", "10k", "€2bn".
const GLUED: &[(&str, Scale)] = &[
    ("k", THOUSAND),
    ("m", MILLION),
    ("mn", MILLION),
    ("b", MILLIARD),
    ("bn", MILLIARD),
];

/// Scale words, after a space or glued.
const WORDS: &[(&str, Scale)] = &[
    ("thousand", THOUSAND),
    ("mille", THOUSAND),
    ("millier", THOUSAND),
    ("milliers", THOUSAND),
    ("tausend", THOUSAND),
    ("tsd.", THOUSAND),
    ("tsd", THOUSAND),
    ("mil", THOUSAND),
    ("тыс.", THOUSAND),
    ("тыс", THOUSAND),
    ("тысяча", THOUSAND),
    ("тысячи", THOUSAND),
    ("тысяч", THOUSAND),
    ("million", MILLION),
    ("millions", MILLION),
    ("millionen", MILLION),
    ("mio.", MILLION),
    ("mio", MILLION),
    ("mln", MILLION),
    ("mln.", MILLION),
    ("mn", MILLION),
    ("millón", MILLION),
    ("millon", MILLION),
    ("millones", MILLION),
    ("млн", MILLION),
    ("млн.", MILLION),
    ("миллион", MILLION),
    ("миллиона", MILLION),
    ("миллионов", MILLION),
    ("milliard", MILLIARD),
    ("milliards", MILLIARD),
    ("milliarde", MILLIARD),
    ("milliarden", MILLIARD),
    ("mrd.", MILLIARD),
    ("mrd", MILLIARD),
    ("bn", MILLIARD),
    ("mil millones", MILLIARD),
    ("millardo", MILLIARD),
    ("millardos", MILLIARD),
    ("млрд", MILLIARD),
    ("млрд.", MILLIARD),
    ("миллиард", MILLIARD),
    ("миллиарда", MILLIARD),
    ("миллиардов", MILLIARD),
    ("billion", Scale::Billion),
    ("billions", Scale::Billion),
    ("billionen", Scale::Billion),
    ("trillion", TRILLION),
    ("trillions", TRILLION),
    ("billón", TRILLION),
    ("billones", TRILLION),
    ("bio.", TRILLION),
    ("трлн", TRILLION),
    ("трлн.", TRILLION),
    ("триллион", TRILLION),
    ("триллиона", TRILLION),
    ("триллионов", TRILLION),
];

/// The scale word right after a number ending at `number_end`, glued or after blanks.
pub(crate) fn scale_after(scan: &Scan, number_end: usize) -> Option<ScaleHit> {
    let glued = scan
        .longest_at(number_end, GLUED, false)
        .into_iter()
        .chain(scan.longest_at(number_end, WORDS, false))
        .max_by_key(|(end, _)| *end);
    let found = glued.or_else(|| {
        let i = scan.skip_blanks(number_end);
        (i > number_end)
            .then(|| scan.longest_at(i, WORDS, false))
            .flatten()
    });
    found.map(|(end, &scale)| ScaleHit { end, scale })
}

/// Whether a language reads "billion" as 10^12.
pub(crate) fn long_scale(language: Option<&str>) -> bool {
    let primary = language
        .and_then(|l| l.split(['-', '_']).next())
        .map(str::to_ascii_lowercase);
    matches!(
        primary.as_deref(),
        Some("fr" | "de" | "nl" | "it" | "pl" | "da" | "sv" | "nb" | "no" | "fi" | "cs" | "sk")
    )
}

/// The multiplier of a scale.
pub(crate) fn factor(scale: Scale, long: bool) -> Decimal {
    let power = match scale {
        Scale::Power(p) => p,
        Scale::Billion if long => 12,
        Scale::Billion => 9,
    };
    Decimal::from_i128_with_scale(10i128.pow(power), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(text: &str, number_end: usize) -> Option<(String, u32)> {
        let scan = Scan::new(text);
        scale_after(&scan, number_end).map(|h| {
            let power = factor(h.scale, false).to_string().len() as u32 - 1;
            (scan.slice(number_end, h.end).trim().to_owned(), power)
        })
    }

    #[test]
    fn glued_abbreviations_and_words_are_found() {
        assert_eq!(hit("$5m in ads", 2), Some(("m".into(), 6)));
        assert_eq!(hit("€2bn", 2), Some(("bn".into(), 9)));
        assert_eq!(hit("10k followers", 2), Some(("k".into(), 3)));
        assert_eq!(hit("1,9 Mio. Euro", 3), Some(("Mio.".into(), 6)));
        assert_eq!(
            hit("2 mil millones de dólares", 1),
            Some(("mil millones".into(), 9))
        );
        assert_eq!(hit("3 млрд рублей", 1), Some(("млрд".into(), 9)));
    }

    #[test]
    fn abbreviations_need_the_digits_and_words_need_their_end() {
        assert_eq!(hit("5 m away", 1), None);
        assert_eq!(hit("5 miles", 1), None);
        assert_eq!(hit("5 million", 1), Some(("million".into(), 6)));
    }

    #[test]
    fn billion_depends_on_the_language() {
        assert_eq!(
            factor(Scale::Billion, long_scale(Some("en")))
                .to_string()
                .len(),
            10
        );
        assert_eq!(
            factor(Scale::Billion, long_scale(Some("fr-FR")))
                .to_string()
                .len(),
            13
        );
        assert!(!long_scale(None));
    }
}
