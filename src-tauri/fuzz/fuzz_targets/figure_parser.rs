#![no_main]
//! Any text through the figure parser, in a language picked by the input's first byte, with a
//! selection picked by the next two. Input layout: `[language][selection start][selection end]`
//! then the text as UTF-8 (invalid bytes replaced), so that a seed is a readable phrase.
//!
//! Checked for every figure found: its span lies within the text's code points and is the text
//! the candidate quotes, candidates come in text order, and every value is an exact decimal that
//! survives being written in the language's style and read back.

use std::str::FromStr;

use claimdesk_core::analysis::figure_parser::{
    find_figures, format_number, parse_figure, parse_figure_in_text, parse_number, NumberStyle,
    ParsedFigure,
};
use claimdesk_fuzz::chars_between;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

/// Languages the parser knows, a few odd spellings of them, unknown tags and no tag at all.
const LANGUAGES: [Option<&str>; 22] = [
    None,
    Some("en"),
    Some("fr"),
    Some("de"),
    Some("es"),
    Some("ru"),
    Some("de-CH"),
    Some("es-MX"),
    Some("en-US"),
    Some("fr-CA"),
    Some("it"),
    Some("pt"),
    Some("pl"),
    Some("uk"),
    Some("nl"),
    Some("ja"),
    Some("de_CH"),
    Some("FR"),
    Some(" fr "),
    Some("xx"),
    Some(""),
    Some("zz-CH"),
];

/// Tags whose decimal mark the parser knows (the others are read by the grouping convention).
fn is_known(language: &str) -> bool {
    !matches!(language, "xx" | "" | "zz-CH")
}

/// Digits a written number may hold (the parser's own limit) for the round trip to apply.
const MAX_DIGITS: usize = 24;

fuzz_target!(|bytes: &[u8]| {
    let [lang, a, b, rest @ ..] = bytes else {
        return;
    };
    let language = LANGUAGES[usize::from(*lang) % LANGUAGES.len()];
    let text = String::from_utf8_lossy(rest);
    let len = text.chars().count();
    // A selection within the text or just past its end, as a stale selection might be.
    let pick = |byte: u8| usize::from(byte) * (len + 2) / 255;
    let (start, end) = (pick(*a).min(pick(*b)), pick(*a).max(pick(*b)));

    check_candidates(&text, len, language);
    if let Some(parsed) = parse_figure_in_text(&text, start, end, language) {
        check_parsed(&parsed, language);
    }
    let (before, span, after) = split(&text, start.min(len), end.min(len));
    if let Some(parsed) = parse_figure(&span, &before, &after, language) {
        check_parsed(&parsed, language);
    }
    if let Some(reading) = parse_number(&span, language) {
        assert_exact(reading.value);
        assert!(reading.value >= Decimal::ZERO, "{span:?} read as negative");
        if let Some(alternative) = reading.alternative {
            assert_exact(alternative);
        }
    }
});

fn check_candidates(text: &str, len: usize, language: Option<&str>) {
    let mut previous_start = 0;
    for candidate in find_figures(text, language) {
        assert!(
            candidate.start <= candidate.end && candidate.end <= len,
            "span {}..{} in a text of {len} code points",
            candidate.start,
            candidate.end
        );
        assert!(candidate.start >= previous_start, "candidates out of order");
        previous_start = candidate.start;
        assert_eq!(
            candidate.text,
            chars_between(text, candidate.start, candidate.end)
        );
        check_parsed(&candidate.figure, language);
        assert_eq!(candidate.figure.to_figure().value, candidate.figure.value);
    }
}

fn check_parsed(parsed: &ParsedFigure, language: Option<&str>) {
    let values = std::iter::once(parsed.value)
        .chain(parsed.upper)
        .chain(parsed.alternatives.iter().map(|a| a.value))
        .chain(parsed.alternatives.iter().filter_map(|a| a.upper));
    for value in values {
        assert_exact(value);
        assert_round_trip(value.abs(), language);
    }
}

/// An exact decimal: its text form reads back as the same value and scale.
fn assert_exact(value: Decimal) {
    let written = value.to_string();
    let read = Decimal::from_str_exact(&written)
        .or_else(|_| Decimal::from_str(&written))
        .unwrap_or_else(|e| panic!("{written} does not read back as a decimal: {e}"));
    assert_eq!(read, value);
    assert_eq!(read.scale(), value.scale(), "{written} changed scale");
}

/// Written in the language's style and read back, a value comes back as itself, or for a
/// language whose decimal mark is unknown, as one of the two readings the parser offers.
fn assert_round_trip(value: Decimal, language: Option<&str>) {
    let digits = value
        .to_string()
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    if digits > MAX_DIGITS {
        return;
    }
    let tag = language.unwrap_or("en");
    let written = format_number(value, NumberStyle::for_language(tag));
    let reading = parse_number(&written, language)
        .unwrap_or_else(|| panic!("{value} written for {language:?} as {written:?} is unreadable"));
    if language.is_some_and(is_known) {
        assert_eq!(reading.value, value, "{written:?} in {language:?}");
    } else {
        assert!(
            reading.value == value || reading.alternative == Some(value),
            "{written:?} in {language:?} read as {reading:?}, not {value}"
        );
    }
}

/// The text before `start`, between `start` and `end`, and after `end`, in code points.
fn split(text: &str, start: usize, end: usize) -> (String, String, String) {
    let len = text.chars().count();
    (
        chars_between(text, 0, start),
        chars_between(text, start, end),
        chars_between(text, end, len),
    )
}
