//! Numbers as the press writes them: `274,000`, `274.000`, `274 000` (plain, no-break or narrow
//! no-break space), `1,9`, `1.9`, `1'000`, `1.234.567,89`.
//!
//! Invariant: values are exact decimals, never floats. A number with a single `,` or `.` followed
//! by exactly three digits ("1.823") has two readings; the article's language picks one and the
//! other is kept so the analyst can switch. Every other form has one reading or none (a malformed
//! grouping such as "12.05.2021" is not a number).

use rust_decimal::Decimal;

use crate::text::scan::Scan;

/// Longest run of digits accepted, so that a value always fits a decimal.
const MAX_DIGITS: usize = 24;

/// The mark that separates decimals, as a language writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecimalMark {
    /// `1,234.5`: English, Chinese, Japanese, Swiss German...
    Point,
    /// `1.234,5` or `1 234,5`: French, German, Spanish, Russian...
    Comma,
}

impl DecimalMark {
    fn char(self) -> char {
        match self {
            DecimalMark::Point => '.',
            DecimalMark::Comma => ',',
        }
    }

    /// The other convention.
    pub(crate) fn other(self) -> Self {
        match self {
            DecimalMark::Point => DecimalMark::Comma,
            DecimalMark::Comma => DecimalMark::Point,
        }
    }

    /// The convention of a BCP 47 language tag, if the tag is known.
    pub(crate) fn for_language(language: Option<&str>) -> Option<Self> {
        let tag = language?.trim().replace('_', "-");
        let mut parts = tag.split('-');
        let primary = parts.next()?.to_ascii_lowercase();
        let region = parts.find(|p| p.len() == 2).map(str::to_ascii_uppercase);
        let region = region.as_deref().unwrap_or("");
        const POINT_REGIONS: &[(&str, &str)] = &[
            ("de", "CH"),
            ("de", "LI"),
            ("it", "CH"),
            ("es", "MX"),
            ("es", "US"),
            ("es", "PR"),
            ("es", "DO"),
            ("es", "GT"),
            ("es", "HN"),
            ("es", "NI"),
            ("es", "PA"),
            ("es", "SV"),
            ("es", "PE"),
        ];
        if POINT_REGIONS.contains(&(primary.as_str(), region)) {
            return Some(DecimalMark::Point);
        }
        const POINT: &[&str] = &[
            "en", "zh", "ja", "ko", "he", "hi", "th", "ms", "fil", "tl", "ga", "cy", "sw", "ur",
            "bn", "ta", "te", "mr", "gu", "kn", "ml", "pa", "my", "km", "ar", "fa",
        ];
        const COMMA: &[&str] = &[
            "fr", "de", "es", "ru", "it", "pt", "nl", "uk", "pl", "cs", "sk", "sv", "nb", "nn",
            "no", "da", "fi", "tr", "ro", "bg", "sr", "hr", "bs", "hu", "el", "lt", "lv", "et",
            "sl", "be", "kk", "ka", "az", "id", "vi", "ca", "gl", "eu", "mk", "sq", "hy", "uz",
            "ky", "mn", "af", "is",
        ];
        if POINT.contains(&primary.as_str()) {
            Some(DecimalMark::Point)
        } else if COMMA.contains(&primary.as_str()) {
            Some(DecimalMark::Comma)
        } else {
            None
        }
    }
}

/// How a language writes numbers: its decimal mark and its thousands separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    /// `.` or `,`.
    pub decimal: char,
    /// Between groups of three digits: `,`, `.`, `'`, a space, a no-break or a narrow
    /// no-break space; `None` writes the digits in one run.
    pub group: Option<char>,
}

impl NumberStyle {
    /// The usual style of a BCP 47 language tag; English style for unknown tags.
    pub fn for_language(language: &str) -> Self {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        let swiss = language.ends_with("CH") || language.ends_with("LI");
        let style = |decimal, group| NumberStyle {
            decimal,
            group: Some(group),
        };
        match (DecimalMark::for_language(Some(language)), primary) {
            (Some(DecimalMark::Point), _) if swiss => style('.', '\''),
            (Some(DecimalMark::Comma), "fr") => style(',', '\u{202f}'),
            (Some(DecimalMark::Comma), "ru" | "uk" | "pl" | "cs" | "sk" | "sv" | "fi") => {
                style(',', '\u{a0}')
            }
            (Some(DecimalMark::Comma), _) => style(',', '.'),
            _ => style('.', ','),
        }
    }
}

/// A number read from text: the value under the language's convention and, when the writing is
/// ambiguous ("1.823"), the value under the other convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberReading {
    /// The value the language's convention gives.
    pub value: Decimal,
    /// The other reading, when there is one.
    pub alternative: Option<Decimal>,
}

/// Write a non-negative decimal in a style: groups of three in the integer part, the decimals as
/// stored (trailing zeros kept).
pub fn format_number(value: Decimal, style: NumberStyle) -> String {
    let plain = value.abs().to_string();
    let (int_part, frac_part) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut out = String::new();
    for (i, digit) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            if let Some(group) = style.group {
                out.push(group);
            }
        }
        out.push(digit);
    }
    if !frac_part.is_empty() {
        out.push(style.decimal);
        out.push_str(frac_part);
    }
    out
}

/// Read a whole string as one non-negative number, resolving "1.823" by the language (by the
/// three-digit grouping reading when the language is unknown).
pub fn parse_number(written: &str, language: Option<&str>) -> Option<NumberReading> {
    let written = written.trim();
    let scan = Scan::new(written);
    if number_end(&scan, 0)? != scan.len() {
        return None;
    }
    let mark = DecimalMark::for_language(language)
        .or_else(|| ambiguous_mark(written).map(grouping_reading))
        .unwrap_or(DecimalMark::Point);
    let value = read_number(written, mark)?;
    let alternative = ambiguous_mark(written)
        .and_then(|_| read_number(written, mark.other()))
        .filter(|alt| *alt != value);
    Some(NumberReading { value, alternative })
}

/// The convention under which an ambiguous separator groups thousands.
pub(crate) fn grouping_reading(separator: char) -> DecimalMark {
    if separator == ',' {
        DecimalMark::Point
    } else {
        DecimalMark::Comma
    }
}

/// End of the number whose first digit is at `i`: digits, and separators that sit between
/// digits. A space groups only a group of at most three digits with exactly three more.
pub(crate) fn number_end(scan: &Scan, i: usize) -> Option<usize> {
    if !scan.at(i).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut end = i;
    let mut group_len = 0;
    loop {
        match scan.at(end) {
            Some(c) if c.is_ascii_digit() => {
                group_len += 1;
                end += 1;
            }
            Some(',' | '.' | '\'' | '’') if is_digit(scan, end + 1) => {
                group_len = 0;
                end += 1;
            }
            Some(c) if is_group_space(c) && group_len <= 3 && three_digit_group(scan, end + 1) => {
                group_len = 0;
                end += 1;
            }
            _ => return Some(end),
        }
    }
}

fn is_digit(scan: &Scan, i: usize) -> bool {
    scan.at(i).is_some_and(|c| c.is_ascii_digit())
}

fn three_digit_group(scan: &Scan, i: usize) -> bool {
    (i..i + 3).all(|j| is_digit(scan, j)) && !is_digit(scan, i + 3)
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Digit groups and the separators between them, spaces folded to ' ' and apostrophes to '\''.
fn shape(raw: &str) -> (Vec<&str>, Vec<char>) {
    let mut groups = Vec::new();
    let mut seps = Vec::new();
    let mut start = 0;
    for (at, c) in raw.char_indices() {
        if !c.is_ascii_digit() {
            groups.push(&raw[start..at]);
            seps.push(match c {
                '’' => '\'',
                c if is_group_space(c) => ' ',
                c => c,
            });
            start = at + c.len_utf8();
        }
    }
    groups.push(&raw[start..]);
    (groups, seps)
}

/// The separator of a number that reads two ways ("1.823", "274,000"), if it does.
pub(crate) fn ambiguous_mark(raw: &str) -> Option<char> {
    let (groups, seps) = shape(raw);
    match (groups.as_slice(), seps.as_slice()) {
        ([first, frac], [sep @ (',' | '.')]) if frac.len() == 3 && first.len() <= 3 => {
            (*first != "0").then_some(*sep)
        }
        _ => None,
    }
}

/// Which separator, by index, is the decimal mark; `Err` when the writing is malformed.
fn decimal_index(groups: &[&str], seps: &[char], mark: DecimalMark) -> Result<Option<usize>, ()> {
    let Some(&last) = seps.last() else {
        return Ok(None);
    };
    let count = |c: char| seps.iter().filter(|&&s| s == c).count();
    let (commas, points) = (count(','), count('.'));
    let others = seps.len() - commas - points;
    if (commas > 0 && points > 0) || (commas + points == 1 && others > 0) {
        let unique = matches!(last, ',' | '.') && count(last) == 1;
        return if unique {
            Ok(Some(seps.len() - 1))
        } else {
            Err(())
        };
    }
    if commas + points != 1 {
        return if commas + points > 1 && others > 0 {
            Err(())
        } else {
            Ok(None)
        };
    }
    let (first, frac) = (groups[0], groups[1]);
    if frac.len() != 3 || first.len() > 3 || first == "0" || last == mark.char() {
        Ok(Some(0))
    } else {
        Ok(None)
    }
}

/// The value of a number as written, with `mark` settling the ambiguous case.
pub(crate) fn read_number(raw: &str, mark: DecimalMark) -> Option<Decimal> {
    let (groups, seps) = shape(raw);
    let decimal = decimal_index(&groups, &seps, mark).ok()?;
    let int_count = decimal.map_or(groups.len(), |d| d + 1);
    let int_groups = &groups[..int_count];
    let int_seps = &seps[..int_count - 1];
    if int_seps.iter().any(|&s| s != seps[0]) {
        return None;
    }
    let grouped = int_groups.len() == 1
        || ((1..=3).contains(&int_groups[0].len()) && int_groups[1..].iter().all(|g| g.len() == 3));
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    if !grouped || digits > MAX_DIGITS || groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let mut plain = int_groups.concat();
    if let Some(d) = decimal {
        plain.push('.');
        plain.push_str(groups[d + 1]);
    }
    Decimal::from_str_exact(&plain).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn read(raw: &str, mark: DecimalMark) -> Option<String> {
        read_number(raw, mark).map(|d| d.normalize().to_string())
    }

    #[test]
    fn unambiguous_forms_read_the_same_under_both_conventions() {
        for (raw, value) in [
            ("274 000", "274000"),
            ("274\u{a0}000", "274000"),
            ("274\u{202f}000", "274000"),
            ("1'000", "1000"),
            ("1’000’000", "1000000"),
            ("1,9", "1.9"),
            ("1.9", "1.9"),
            ("1,234,567.89", "1234567.89"),
            ("1.234.567,89", "1234567.89"),
            ("1 234,5", "1234.5"),
            ("0,125", "0.125"),
            ("2500", "2500"),
        ] {
            for mark in [DecimalMark::Point, DecimalMark::Comma] {
                assert_eq!(read(raw, mark).as_deref(), Some(value), "{raw} {mark:?}");
            }
        }
    }

    #[test]
    fn three_decimals_after_one_separator_follow_the_language() {
        assert_eq!(read("1.823", DecimalMark::Point).as_deref(), Some("1.823"));
        assert_eq!(read("1.823", DecimalMark::Comma).as_deref(), Some("1823"));
        assert_eq!(
            read("274,000", DecimalMark::Point).as_deref(),
            Some("274000")
        );
        assert_eq!(read("274,000", DecimalMark::Comma).as_deref(), Some("274"));
        assert_eq!(ambiguous_mark("1.823"), Some('.'));
        assert_eq!(ambiguous_mark("1.8"), None);
    }

    #[test]
    fn malformed_groupings_are_not_numbers() {
        for raw in ["12.05.2021", "1,23,456", "1.234,567,8", "1 23"] {
            assert_eq!(read(raw, DecimalMark::Point), None, "{raw}");
        }
    }

    #[test]
    fn parse_number_offers_the_other_reading() {
        let reading = parse_number("1.823", Some("de")).unwrap();
        assert_eq!(reading.value, dec("1823"));
        assert_eq!(reading.alternative, Some(dec("1.823")));
        let reading = parse_number("1.823", Some("en-GB")).unwrap();
        assert_eq!(reading.value, dec("1.823"));
        assert_eq!(
            parse_number("274 000", Some("fr")).unwrap().alternative,
            None
        );
    }

    #[test]
    fn numbers_stop_before_trailing_punctuation_and_long_space_groups() {
        let scan = Scan::new("in 2019 300 accounts, 5.");
        assert_eq!(number_end(&scan, 3), Some(7));
        let scan = Scan::new("5 000 000, then");
        assert_eq!(number_end(&scan, 0), Some(9));
    }

    #[test]
    fn styles_follow_the_language() {
        let value = dec("1234567.5");
        assert_eq!(
            format_number(value, NumberStyle::for_language("en")),
            "1,234,567.5"
        );
        assert_eq!(
            format_number(value, NumberStyle::for_language("de")),
            "1.234.567,5"
        );
        assert_eq!(
            format_number(value, NumberStyle::for_language("de-CH")),
            "1'234'567.5"
        );
        assert_eq!(
            format_number(value, NumberStyle::for_language("fr")),
            "1\u{202f}234\u{202f}567,5"
        );
    }
}
