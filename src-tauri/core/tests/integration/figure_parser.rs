//! Figures read from phrases in five languages, against a hand-written table, and number formats
//! that survive a round trip through every locale style.

use std::path::Path;
use std::str::FromStr;

use claimdesk_core::analysis::figure_parser::{
    find_figures, format_number, parse_figure, parse_number, NumberStyle, ParsedFigure,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// One row of `tests/fixtures/figures.tsv`.
struct Row {
    line: usize,
    language: Option<String>,
    phrase: String,
    value: Decimal,
    upper: Option<Decimal>,
    currency: Option<String>,
    unit: Option<String>,
    qualifier: Option<String>,
    alternative: Option<Decimal>,
}

fn figure_table() -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/figures.tsv");
    let text = std::fs::read_to_string(path).unwrap();
    let optional = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let decimal = |s: &str| (!s.is_empty()).then(|| Decimal::from_str(s).unwrap());
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.starts_with("language\t"))
        .map(|(i, line)| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 8, "line {}: {line}", i + 1);
            Row {
                line: i + 1,
                language: optional(f[0]),
                phrase: f[1].to_owned(),
                value: Decimal::from_str(f[2]).unwrap(),
                upper: decimal(f[3]),
                currency: optional(f[4]),
                unit: optional(f[5]),
                qualifier: optional(f[6]),
                alternative: decimal(f[7]),
            }
        })
        .collect()
}

/// What differs between a parsed figure and a row, or nothing.
fn differences(row: &Row, parsed: &ParsedFigure) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |field: &str, expected: String, actual: String| {
        if expected != actual {
            out.push(format!("{field}: expected {expected}, got {actual}"));
        }
    };
    check("value", row.value.to_string(), parsed.value.to_string());
    check(
        "upper",
        format!("{:?}", row.upper),
        format!("{:?}", parsed.upper),
    );
    check(
        "currency",
        format!("{:?}", row.currency),
        format!("{:?}", parsed.currency),
    );
    check(
        "unit",
        format!("{:?}", row.unit),
        format!("{:?}", parsed.unit),
    );
    let qualifier = parsed.qualifier.map(|q| q.as_str().to_owned());
    check(
        "qualifier",
        format!("{:?}", row.qualifier),
        format!("{qualifier:?}"),
    );
    let alternative = parsed.alternatives.first().map(|a| a.value);
    check(
        "alternative",
        format!("{:?}", row.alternative),
        format!("{alternative:?}"),
    );
    out
}

#[test]
fn the_phrase_table_covers_eighty_phrases_in_five_languages() {
    let rows = figure_table();
    let mut languages: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.language.as_deref()?.split('-').next())
        .collect();
    languages.sort_unstable();
    languages.dedup();
    assert!(rows.len() >= 80, "{} rows", rows.len());
    assert!(languages.len() >= 5, "{languages:?}");
}

#[test]
fn every_phrase_in_the_table_reads_as_written_down() {
    let mut failures = Vec::new();
    for row in figure_table() {
        match parse_figure(&row.phrase, "", "", row.language.as_deref()) {
            Some(parsed) => {
                let diff = differences(&row, &parsed);
                if !diff.is_empty() {
                    failures.push(format!(
                        "line {} {:?}: {}",
                        row.line,
                        row.phrase,
                        diff.join("; ")
                    ));
                }
            }
            None => failures.push(format!("line {} {:?}: no figure", row.line, row.phrase)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_phrase_in_the_table_is_suggested_with_its_exact_span() {
    let mut failures = Vec::new();
    for row in figure_table() {
        let text = format!("Le 3 mars : {}. Fin.", row.phrase);
        let found = find_figures(&text, row.language.as_deref());
        let spans: Vec<&str> = found.iter().map(|c| c.text.as_str()).collect();
        if spans != [row.phrase.as_str()] {
            failures.push(format!("line {}: {spans:?}", row.line));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ambiguous_thousands_follow_the_article_language() {
    let en = parse_figure("1.823", "", " accounts", Some("en")).unwrap();
    let de = parse_figure("1.823", "", " Konten", Some("de")).unwrap();
    assert_eq!(en.value, Decimal::from_str("1.823").unwrap());
    assert_eq!(de.value, Decimal::from(1823));
    assert_eq!(en.alternatives[0].value, de.value);
    assert_eq!(de.alternatives[0].value, en.value);
}

/// Languages whose usual style is checked, with a money word of theirs.
const LOCALES: &[(&str, &str, &str)] = &[
    ("en", "dollars", "USD"),
    ("en-GB", "pounds", "GBP"),
    ("fr", "euros", "EUR"),
    ("de", "Euro", "EUR"),
    ("de-CH", "Franken", "CHF"),
    ("es", "dólares", "USD"),
    ("es-MX", "dólares", "USD"),
    ("ru", "рублей", "RUB"),
    ("it", "euro", "EUR"),
    ("pl", "zł", "PLN"),
];

/// Non-negative decimals with up to four decimals, as counts and amounts are written.
fn amounts() -> impl Strategy<Value = Decimal> {
    (0u64..1_000_000_000_000, 0u32..=4).prop_map(|(n, scale)| Decimal::new(n as i64, scale))
}

proptest! {
    #[test]
    fn a_value_formatted_in_a_locale_parses_back(value in amounts(), i in 0..LOCALES.len()) {
        let (language, _, _) = LOCALES[i];
        let written = format_number(value, NumberStyle::for_language(language));
        let reading = parse_number(&written, Some(language));
        prop_assert_eq!(reading.map(|r| r.value), Some(value), "{}", written);
    }

    #[test]
    fn every_kind_of_space_groups_thousands(
        value in amounts(),
        group in prop::sample::select(vec![' ', '\u{a0}', '\u{202f}', '\u{2009}']),
        decimal in prop::sample::select(vec![',', '.']),
    ) {
        let written = format_number(value, NumberStyle { decimal, group: Some(group) });
        let language = if decimal == ',' { "fr" } else { "en" };
        let reading = parse_number(&written, Some(language));
        prop_assert_eq!(reading.map(|r| r.value), Some(value), "{:?}", written);
    }

    #[test]
    fn a_money_phrase_in_a_locale_reads_back(value in amounts(), i in 0..LOCALES.len()) {
        let (language, word, code) = LOCALES[i];
        let phrase = format!("{} {word}", format_number(value, NumberStyle::for_language(language)));
        let text = format!("Total: {phrase}.");
        let found = find_figures(&text, Some(language));
        prop_assert_eq!(found.len(), 1, "{}", text);
        prop_assert_eq!(&found[0].text, &phrase);
        prop_assert_eq!(found[0].figure.value, value);
        prop_assert_eq!(found[0].figure.currency.as_deref(), Some(code));
    }
}
