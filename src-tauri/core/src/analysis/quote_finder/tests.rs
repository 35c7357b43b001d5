use super::*;

fn cp(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].chars().count()
}

fn slice(text: &str, (start, end): (usize, usize)) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn speakers(text: &str, language: &str) -> Vec<(String, Option<String>)> {
    find_quotes(text, Some(language))
        .into_iter()
        .map(|q| (q.text, q.speaker.map(|s| s.name)))
        .collect()
}

#[test]
fn a_selection_inside_a_quote_extends_to_its_words() {
    let text = "Il a dit : « nous ne paierons jamais » hier.";
    let at = cp(text, "paierons");
    let span = extend_to_quote(text, at, at + 3).unwrap();
    assert_eq!(slice(text, span), "nous ne paierons jamais");
}

#[test]
fn a_selection_touching_a_mark_takes_the_marks() {
    let text = "He said “we will never pay” today.";
    let open = cp(text, "“");
    let span = extend_to_quote(text, open, open + 4).unwrap();
    assert_eq!(slice(text, span), "“we will never pay”");
}

#[test]
fn a_selection_straddling_a_mark_takes_the_union() {
    let text = "Er sagte „wir zahlen nie“ gestern.";
    let at = cp(text, "sagte");
    let span = extend_to_quote(text, at, at + 10).unwrap();
    assert_eq!(slice(text, span), "sagte „wir zahlen nie“");
}

#[test]
fn the_innermost_quote_is_extended_to() {
    let text = "“He called it ‘a fake news factory’ twice,” she said.";
    let at = cp(text, "news");
    let span = extend_to_quote(text, at, at + 4).unwrap();
    assert_eq!(slice(text, span), "a fake news factory");
}

#[test]
fn no_quote_no_extension() {
    assert_eq!(extend_to_quote("No quotes here.", 3, 6), None);
    assert_eq!(extend_to_quote("No quotes here.", 6, 3), None);
}

#[test]
fn speakers_in_five_languages() {
    let cases = [
        (
            "“We never paid for those posts,” Smith said.",
            "en",
            "Smith",
        ),
        (
            "« Nous n’avons rien payé », a déclaré Jean Dupont.",
            "fr",
            "Jean Dupont",
        ),
        (
            "„Wir haben nichts bezahlt“, sagte Anna Weber.",
            "de",
            "Anna Weber",
        ),
        (
            "«No hemos pagado nada», afirmó la ministra Ana Ruiz.",
            "es",
            "Ana Ruiz",
        ),
        (
            "«Мы ничего не платили», — заявил Дмитрий Песков.",
            "ru",
            "Дмитрий Песков",
        ),
        (
            "Selon Marie Curie, « le rapport est faux ».",
            "fr",
            "Marie Curie",
        ),
    ];
    for (text, language, speaker) in cases {
        let found = speakers(text, language);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].1.as_deref(), Some(speaker), "{text}");
    }
}

#[test]
fn a_pronoun_stands_for_the_nearest_earlier_name() {
    let text = "Dmitri Peskov rejected the report. “It is a fabrication,” he said.";
    let found = find_quotes(text, Some("en"));
    let speaker = found[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.name, "Dmitri Peskov");
    assert_eq!(speaker.evidence, SpeakerEvidence::EarlierMention);
    assert_eq!(speaker.cue, "said");
}

#[test]
fn scare_quotes_and_titles_are_not_listed() {
    let text = "The so-called “experts” wrote for «Le Monde» about “How The Kremlin Buys \
                Influence In Europe Today”.";
    assert_eq!(find_quotes(text, Some("en")), []);
}

#[test]
fn long_unattributed_quotes_are_listed_without_a_speaker() {
    let text = "The leaflet read: «the elections were stolen by foreign agents last year».";
    let found = speakers(text, "en");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, None);
}

#[test]
fn quote_offsets_are_code_points() {
    let text = "🇫🇷 👨‍👩‍👧 « C’est un mensonge total », a dit Marie Curie.";
    let q = &find_quotes(text, Some("fr"))[0];
    assert_eq!(slice(text, (q.start, q.end)), "C’est un mensonge total");
    assert_eq!(
        slice(text, (q.mark_start, q.mark_end)),
        "« C’est un mensonge total »"
    );
    let s = q.speaker.as_ref().unwrap();
    assert_eq!(slice(text, (s.start, s.end)), "Marie Curie");
}

#[test]
fn known_speakers_are_ranked_against_nearby_names() {
    let text = "По словам Пескова, «это откровенная ложь». Мария Захарова промолчала.";
    let quote = &find_quotes(text, Some("ru"))[0];
    let known = vec![
        "Дмитрий Песков".to_owned(),
        "Мария Захарова".to_owned(),
        "Olaf Scholz".to_owned(),
    ];
    let ranked = rank_known_speakers(text, quote, &known);
    let names: Vec<&str> = ranked.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Дмитрий Песков", "Мария Захарова"]);
    assert!(ranked[0].score > ranked[1].score);
}

#[test]
fn a_quote_that_goes_on_keeps_the_speaker() {
    let text = "“We never worked for a government,” Oleg Sorin said. “Our clients are shops.”\n\n\
                “Unrelated words in another paragraph altogether here.”";
    let found = find_quotes(text, Some("en"));
    let speakers: Vec<Option<&str>> = found
        .iter()
        .map(|q| q.speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    assert_eq!(speakers, [Some("Oleg Sorin"), Some("Oleg Sorin"), None]);
    let continued = found[1].speaker.as_ref().unwrap();
    assert_eq!(continued.evidence, SpeakerEvidence::ContinuedQuote);
}

#[test]
fn a_quote_that_ends_its_sentence_is_not_attributed_by_the_next_one() {
    let text =
        "Ihr Anwalt erklärte: »Wir haben nie Werbung geschaltet.« Später sagte Anna Weber nichts.";
    let found = find_quotes(text, Some("de"));
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Ihr Anwalt");
    let text = "“Are you serious?” asked Anna Weber.";
    let found = find_quotes(text, Some("en"));
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Anna Weber");
}

#[test]
fn names_inside_quotes_do_not_stand_for_a_pronoun() {
    let text = "Anna Weber called it the “Internet Research Agency” again. “It is paid,” she said.";
    let found = find_quotes(text, Some("en"));
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Anna Weber");
}
