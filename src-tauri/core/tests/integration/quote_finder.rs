//! Quotes between many styles of marks, their speakers in five languages, and the ranking of
//! speakers already in the database.

use claimdesk_core::analysis::quote_finder::{
    extend_to_quote, find_quotes, rank_known_speakers, SpeakerEvidence,
};
use proptest::prelude::*;

/// Opening and closing marks, with a language that writes them.
const STYLES: &[(&str, &str, &str)] = &[
    ("«\u{a0}", "\u{a0}»", "fr"),
    ("«", "»", "ru"),
    ("“", "”", "en"),
    ("„", "“", "de"),
    ("»", "«", "de"),
    ("‹", "›", "fr"),
    ("\"", "\"", "en"),
    ("„", "”", "pl"),
    ("「", "」", "ja"),
    ("‘", "’", "en"),
];

fn cp(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].chars().count()
}

fn slice(text: &str, (start, end): (usize, usize)) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn every_style_of_marks_extends_a_selection_to_the_quote() {
    for &(open, close, _) in STYLES {
        let text = format!("Il a dit {open}nous n’avons rien payé{close} hier.");
        let at = cp(&text, "rien");
        let span = extend_to_quote(&text, at, at + 2).unwrap();
        assert_eq!(
            slice(&text, span),
            "nous n’avons rien payé",
            "{open}…{close}"
        );
    }
}

#[test]
fn every_style_of_marks_is_found_with_its_speaker() {
    for &(open, close, language) in STYLES {
        let text = format!("{open}We never paid for any of those posts{close}, said Anna Weber.");
        let found = find_quotes(&text, Some(language));
        assert_eq!(found.len(), 1, "{open}…{close}");
        assert_eq!(found[0].text, "We never paid for any of those posts");
        let speaker = found[0].speaker.as_ref().unwrap();
        assert_eq!(speaker.name, "Anna Weber", "{open}…{close}");
    }
}

#[test]
fn attributions_before_and_after_in_five_languages() {
    let cases = [
        (
            "en",
            "According to Helen Marsh, “the campaign was paid for”.",
            "Helen Marsh",
        ),
        (
            "en",
            "“The campaign was paid for,” Helen Marsh told the BBC.",
            "Helen Marsh",
        ),
        (
            "fr",
            "« Tout était payé », a affirmé Claire Fontaine.",
            "Claire Fontaine",
        ),
        (
            "fr",
            "D’après Claire Fontaine, « tout était payé ».",
            "Claire Fontaine",
        ),
        (
            "de",
            "Miriam Hofmann sagte: „Alles war bezahlt.“",
            "Miriam Hofmann",
        ),
        ("de", "„Alles war bezahlt“, so Hofmann.", "Hofmann"),
        (
            "es",
            "«Todo estaba pagado», aseguró Lucía Navarro.",
            "Lucía Navarro",
        ),
        (
            "es",
            "Según Lucía Navarro, «todo estaba pagado».",
            "Lucía Navarro",
        ),
        (
            "ru",
            "Игорь Лебедев подчеркнул: «Всё было оплачено».",
            "Игорь Лебедев",
        ),
        (
            "ru",
            "«Всё было оплачено», — отметил Игорь Лебедев.",
            "Игорь Лебедев",
        ),
    ];
    for (language, text, speaker) in cases {
        let found = find_quotes(text, Some(language));
        assert_eq!(found.len(), 1, "{text}");
        let suggestion = found[0].speaker.as_ref().unwrap();
        assert_eq!(suggestion.name, speaker, "{text}");
        assert_eq!(suggestion.evidence, SpeakerEvidence::Named, "{text}");
    }
}

#[test]
fn a_described_speaker_is_offered_as_written() {
    let found = find_quotes(
        "“We are looking into it,” a Meta spokesperson said.",
        Some("en"),
    );
    let speaker = found[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.name, "a Meta spokesperson");
    assert_eq!(speaker.evidence, SpeakerEvidence::Described);
}

#[test]
fn known_speakers_match_surnames_and_inflections() {
    let text = "«Это ложь», — заявил Лебедев. Позже Анна Соколова добавила, что данные неполные.";
    let quote = &find_quotes(text, Some("ru"))[0];
    let known = ["Игорь Лебедев".to_owned(), "Helen Marsh".to_owned()];
    let ranked = rank_known_speakers(text, quote, &known);
    assert_eq!(ranked.len(), 1);
    assert_eq!(ranked[0].name, "Игорь Лебедев");
}

/// Quoted words without marks, line breaks or leading and trailing spaces.
fn quoted_words() -> impl Strategy<Value = String> {
    "[a-zA-Zéüßа-я0-9,.!? ]{1,40}"
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("some words", |s| !s.is_empty())
}

proptest! {
    #[test]
    fn any_position_inside_a_quote_extends_to_the_whole_quote(
        words in quoted_words(),
        style in 0..STYLES.len(),
        at in 0usize..40,
        emoji_before in prop::bool::ANY,
    ) {
        let (open, close, _) = STYLES[style];
        let lead = if emoji_before { "👨‍👩‍👧 " } else { "" };
        let text = format!("{lead}Er sagte {open}{words}{close} gestern.");
        let start = lead.chars().count() + "Er sagte ".chars().count() + open.chars().count();
        let len = words.chars().count();
        let at = start + at % len;
        let span = extend_to_quote(&text, at, at + 1);
        prop_assert_eq!(span, Some((start, start + len)), "{}", text);
    }
}
