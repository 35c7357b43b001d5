//! Precision and recall of the suggestions on short made-up articles in five languages, annotated
//! by hand (`tests/fixtures/suggestions/`: the text, and the figures and quotes an analyst would
//! tag). The figures are printed (`cargo test -- --nocapture suggestions`); only a floor is
//! asserted, so the test catches regressions without pinning today's numbers.
//!
//! A suggestion matches an expected span when they overlap. Its attributes are right when value,
//! upper bound, currency, unit and qualifier all equal the annotation; its speaker is right when
//! the words of one name are all among the words of the other ("Hofmann" for "Miriam Hofmann").

use std::path::{Path, PathBuf};
use std::str::FromStr;

use claimdesk_core::analysis::suggestions::{suggest, Suggestions};
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    language: String,
    known_speakers: Vec<String>,
    figures: Vec<ExpectedFigure>,
    quotes: Vec<ExpectedQuote>,
}

#[derive(Deserialize)]
struct ExpectedFigure {
    text: String,
    #[serde(default)]
    occurrence: Option<usize>,
    value: String,
    upper: Option<String>,
    currency: Option<String>,
    unit: Option<String>,
    qualifier: Option<String>,
}

#[derive(Deserialize)]
struct ExpectedQuote {
    text: String,
    speaker: Option<String>,
}

/// Counts for one kind of suggestion.
#[derive(Default, Clone, Copy)]
struct Tally {
    expected: usize,
    suggested: usize,
    found: usize,
    correct_suggestions: usize,
    exact_spans: usize,
    right_details: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.expected += other.expected;
        self.suggested += other.suggested;
        self.found += other.found;
        self.correct_suggestions += other.correct_suggestions;
        self.exact_spans += other.exact_spans;
        self.right_details += other.right_details;
    }

    fn precision(&self) -> f64 {
        ratio(self.correct_suggestions, self.suggested)
    }

    fn recall(&self) -> f64 {
        ratio(self.found, self.expected)
    }

    fn details(&self) -> f64 {
        ratio(self.right_details, self.found)
    }

    fn line(&self, name: &str, details: &str) -> String {
        format!(
            "{name:<22} expected {:>3}  suggested {:>3}  precision {:.2}  recall {:.2}  \
             exact span {:>2}/{:<2}  {details} {:.2}",
            self.expected,
            self.suggested,
            self.precision(),
            self.recall(),
            self.exact_spans,
            self.found,
            self.details()
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn articles() -> Vec<(String, String, Expected)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/suggestions");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let json = std::fs::read_to_string(path.with_extension("json")).unwrap();
            (name, text, serde_json::from_str(&json).unwrap())
        })
        .collect()
}

/// Code-point span of the `occurrence`-th (1-based) `needle` in `text`.
fn span_of(text: &str, needle: &str, occurrence: usize) -> (usize, usize) {
    let (byte, _) = text
        .match_indices(needle)
        .nth(occurrence - 1)
        .unwrap_or_else(|| panic!("{needle:?} is not in the article"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn same_speaker(expected: Option<&str>, suggested: Option<&str>) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect()
    };
    match (expected, suggested) {
        (None, None) => true,
        (Some(e), Some(s)) => {
            let (e, s) = (words(e), words(s));
            e.iter().all(|w| s.contains(w)) || s.iter().all(|w| e.contains(w))
        }
        _ => false,
    }
}

/// Match suggestions to expected spans, greedily in text order; returns for each expected span
/// the index of the suggestion matched to it.
fn match_spans(expected: &[(usize, usize)], suggested: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut used = vec![false; suggested.len()];
    expected
        .iter()
        .map(|&e| {
            let i = (0..suggested.len()).find(|&i| !used[i] && overlaps(e, suggested[i]))?;
            used[i] = true;
            Some(i)
        })
        .collect()
}

fn decimal(s: &Option<String>) -> Option<Decimal> {
    s.as_deref().map(|v| Decimal::from_str(v).unwrap())
}

fn tally_figures(text: &str, expected: &Expected, found: &Suggestions) -> Tally {
    let spans: Vec<(usize, usize)> = expected
        .figures
        .iter()
        .map(|f| span_of(text, &f.text, f.occurrence.unwrap_or(1)))
        .collect();
    let suggested: Vec<(usize, usize)> = found.figures.iter().map(|c| (c.start, c.end)).collect();
    let matches = match_spans(&spans, &suggested);
    let mut tally = Tally {
        expected: spans.len(),
        suggested: suggested.len(),
        ..Tally::default()
    };
    for ((want, span), hit) in expected.figures.iter().zip(&spans).zip(&matches) {
        let Some(i) = *hit else {
            println!("    missed figure {:?}", want.text);
            continue;
        };
        let got = &found.figures[i];
        let f = &got.figure;
        let qualifier = f.qualifier.map(|q| q.as_str().to_owned());
        let right = Some(f.value) == decimal(&Some(want.value.clone()))
            && f.upper == decimal(&want.upper)
            && f.currency == want.currency
            && f.unit == want.unit
            && qualifier == want.qualifier;
        if !right {
            println!("    figure {:?} read as {:?}", want.text, got.figure);
        }
        tally.found += 1;
        tally.right_details += usize::from(right);
        tally.exact_spans += usize::from((got.start, got.end) == *span);
    }
    tally.correct_suggestions = count_matched(&matches);
    for (i, c) in found.figures.iter().enumerate() {
        if !matches.contains(&Some(i)) {
            println!("    extra figure {:?}", c.text);
        }
    }
    tally
}

fn count_matched(matches: &[Option<usize>]) -> usize {
    matches.iter().filter(|m| m.is_some()).count()
}

fn tally_quotes(text: &str, expected: &Expected, found: &Suggestions) -> Tally {
    let spans: Vec<(usize, usize)> = expected
        .quotes
        .iter()
        .map(|q| span_of(text, &q.text, 1))
        .collect();
    let suggested: Vec<(usize, usize)> = found
        .quotes
        .iter()
        .map(|q| (q.quote.start, q.quote.end))
        .collect();
    let matches = match_spans(&spans, &suggested);
    let mut tally = Tally {
        expected: spans.len(),
        suggested: suggested.len(),
        correct_suggestions: count_matched(&matches),
        ..Tally::default()
    };
    for ((want, span), hit) in expected.quotes.iter().zip(&spans).zip(&matches) {
        let Some(i) = *hit else {
            println!("    missed quote {:?}", want.text);
            continue;
        };
        let got = &found.quotes[i];
        let right = same_speaker(want.speaker.as_deref(), got.speaker.as_deref());
        if !right {
            println!(
                "    quote {:?}: speaker {:?}, expected {:?}",
                want.text, got.speaker, want.speaker
            );
        }
        tally.found += 1;
        tally.right_details += usize::from(right);
        tally.exact_spans += usize::from((got.quote.start, got.quote.end) == *span);
    }
    for (i, q) in found.quotes.iter().enumerate() {
        if !matches.contains(&Some(i)) {
            println!("    extra quote {:?}", q.quote.text);
        }
    }
    tally
}

#[test]
fn suggestions_on_hand_annotated_articles_reach_the_floor() {
    let articles = articles();
    assert!(articles.len() >= 5, "{} articles", articles.len());
    let (mut figures, mut quotes) = (Tally::default(), Tally::default());
    for (name, text, expected) in &articles {
        println!("{name} ({})", expected.language);
        let found = suggest(text, Some(&expected.language), &expected.known_speakers);
        let f = tally_figures(text, expected, &found);
        let q = tally_quotes(text, expected, &found);
        println!("  {}", f.line("figures", "right attributes"));
        println!("  {}", q.line("quotes", "right speaker"));
        figures.add(f);
        quotes.add(q);
    }
    println!("{}", figures.line("all figures", "right attributes"));
    println!("{}", quotes.line("all quotes", "right speaker"));
    assert!(
        figures.recall() >= 0.7,
        "figure recall {:.2}",
        figures.recall()
    );
    assert!(
        figures.precision() >= 0.7,
        "figure precision {:.2}",
        figures.precision()
    );
    assert!(
        figures.details() >= 0.7,
        "figure attributes {:.2}",
        figures.details()
    );
    assert!(
        quotes.recall() >= 0.7,
        "quote recall {:.2}",
        quotes.recall()
    );
    assert!(
        quotes.precision() >= 0.7,
        "quote precision {:.2}",
        quotes.precision()
    );
    assert!(quotes.details() >= 0.6, "speakers {:.2}", quotes.details());
}
