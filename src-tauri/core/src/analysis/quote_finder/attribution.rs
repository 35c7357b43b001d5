//! Attribution next to a quote: the speech verb or source phrase ("said", "a déclaré", "sagte",
//! "dijo", "заявил", "according to", "selon", "laut", "según", "по словам") and the speaker it
//! names, after the quote ("…», a déclaré Jean Dupont", "…,” Smith said") or before it
//! ("Smith said: “…”", "Selon le ministre, « … »").
//!
//! Invariant: the cue must sit in the same sentence as the quote: after the quote within its
//! first words, before the quote within the clause that leads into it. Nothing is read across
//! another quote.

use super::names::{name_after, name_before, Speaker};
use crate::text::scan::Scan;

/// Words read after a quote when looking for its cue.
const MAX_WORDS_AFTER: usize = 8;
/// Code points read on either side of a quote.
const WINDOW: usize = 200;

/// How a cue places its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// A speech verb: the speaker before it, or after it right after a quote ("said Smith").
    Speech,
    /// A verb whose listener follows ("told Reuters"): the speaker is before it.
    SpeechTo,
    /// The speaker follows: "according to", "selon", "laut", "según", "по словам".
    Source,
    /// The speaker precedes: "Scholz zufolge".
    SourceAfter,
}

const SPEECH: &str = concat!(
    "said|says|stated|states|declared|declares|claimed|claims|wrote|writes|explained|",
    "explains|noted|notes|insisted|insists|argued|argues|warned|warns|tweeted|replied|",
    "continued|commented|announced|admitted|alleged|alleges|asserted|asked|acknowledged|",
    "conceded|recalled|emphasised|emphasized|stressed|added|adds|has said|had said|",
    "a déclaré|déclare|a dit|dit|a affirmé|affirme|a expliqué|explique|a ajouté|ajoute|",
    "a assuré|assure|a souligné|souligne|a estimé|estime|a indiqué|indique|a écrit|écrit|",
    "a tweeté|a précisé|précise|a lancé|lance|a martelé|martèle|a confié|confie|a répondu|",
    "répond|a insisté|insiste|a reconnu|reconnaît|a admis|a averti|avertit|a prévenu|",
    "a rappelé|rappelle|a commenté|a poursuivi|poursuit|a fait valoir|a dénoncé|dénonce|",
    "a regretté|a jugé|juge|a raconté|raconte|a accusé|accuse|a nié|nie|a démenti|dément|",
    "sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|schrieb|schreibt|warnte|warnt|",
    "behauptete|behauptet|fügte|kritisierte|kritisiert|äußerte|versicherte|versichert|",
    "bekräftigte|räumte|twitterte|hat gesagt|hat erklärt|stellte klar|teilte mit|",
    "dijo|dice|afirmó|afirma|declaró|declara|explicó|explica|aseguró|asegura|añadió|añade|",
    "señaló|señala|indicó|indica|escribió|escribe|manifestó|sostuvo|sostiene|advirtió|",
    "advierte|insistió|insiste|reconoció|subrayó|destacó|apuntó|comentó|tuiteó|respondió|",
    "ha dicho|ha afirmado|ha declarado|ha asegurado|ha señalado|denunció|negó|agregó|agrega|",
    "заявил|заявила|заявили|заявляет|сказал|сказала|сказали|отметил|отметила|отметили|",
    "подчеркнул|подчеркнула|добавил|добавила|сообщил|сообщила|сообщили|написал|написала|",
    "пояснил|пояснила|признал|признала|утверждает|утверждал|утверждала|считает|говорит|",
    "говорил|говорила|рассказал|рассказала|предупредил|предупредила|указал|указала|заверил|",
    "заверила|возразил|возразила|ответил|ответила|как заявил|как заявила|как сказал|",
    // "called it «a fabrication»": a fragment quoted as someone's words.
    "described|a qualifié|qualifie|bezeichnete|nannte|calificó|назвал|назвала|назвали",
);
const SPEECH_TO: &str = "told|tells";
const SOURCE: &str = "according to|selon|d'après|laut|según|de acuerdo con|en palabras de|\
    по словам|согласно";
const SOURCE_AFTER: &str = "zufolge";
/// "«…», so Scholz": a source word only right after a quote.
const SO: &str = "so";

/// An attribution found next to a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attribution {
    /// First code point of the cue.
    pub(crate) cue_start: usize,
    /// One past its last code point.
    pub(crate) cue_end: usize,
    /// Who it names.
    pub(crate) speaker: Speaker,
}

/// The cue whose first word is at `i`, with its end.
fn cue_at(scan: &Scan, i: usize, right_after_quote: bool) -> Option<(usize, Cue)> {
    let longest = |forms: &str| {
        forms
            .split('|')
            .filter_map(|f| scan.phrase_at(i, f, false))
            .max()
    };
    let mut found: Vec<(usize, Cue)> = [
        (SPEECH, Cue::Speech),
        (SPEECH_TO, Cue::SpeechTo),
        (SOURCE, Cue::Source),
        (SOURCE_AFTER, Cue::SourceAfter),
    ]
    .into_iter()
    .filter_map(|(forms, cue)| Some((longest(forms)?, cue)))
    .collect();
    if right_after_quote {
        found.extend(longest(SO).map(|end| (end, Cue::Source)));
    }
    found.into_iter().max_by_key(|(end, _)| *end)
}

/// A French inverted verb: "dit-il", "a-t-elle", "estime-t-on".
fn is_inverted_verb(scan: &Scan, start: usize, end: usize) -> bool {
    let word = scan.slice(start, end).to_lowercase();
    ["-il", "-elle", "-ils", "-elles", "-on"]
        .iter()
        .any(|suffix| word.len() > suffix.len() + 1 && word.ends_with(suffix))
}

/// The attribution after a quote whose closing mark ends at `after`, within `limit`.
pub(crate) fn attribution_after(scan: &Scan, after: usize, limit: usize) -> Option<Attribution> {
    let mut i = after;
    while scan
        .at(i)
        .is_some_and(|c| (c.is_whitespace() && c != '\n') || ",—–-:".contains(c))
    {
        i += 1;
    }
    let region_start = i;
    let end = sentence_end(scan, i).min(limit).min(after + WINDOW);
    let mut at = i;
    for index in 0..MAX_WORDS_AFTER {
        let word_end = scan.word_end(at).filter(|&e| e <= end)?;
        if let Some((cue_end, cue)) = cue_at(scan, at, index == 0) {
            let speaker = match cue {
                Cue::Source => name_after(scan, cue_end, end),
                Cue::Speech if index == 0 => name_after(scan, cue_end, end),
                _ => name_before(scan, region_start, at),
            };
            return Some(Attribution {
                cue_start: at,
                cue_end,
                speaker,
            });
        }
        if is_inverted_verb(scan, at, word_end) {
            return Some(Attribution {
                cue_start: at,
                cue_end: word_end,
                speaker: Speaker::Pronoun,
            });
        }
        at = word_end;
        while scan
            .at(at)
            .is_some_and(|c| c == ',' || c == ' ' || c == '\u{a0}')
        {
            at += 1;
        }
    }
    None
}

/// The attribution before a quote whose opening mark is at `open`, not reading before `floor`.
pub(crate) fn attribution_before(scan: &Scan, open: usize, floor: usize) -> Option<Attribution> {
    let floor = floor.max(open.saturating_sub(WINDOW));
    let start = sentence_start(scan, open, floor);
    let mut cues = Vec::new();
    let mut at = start;
    while at < open {
        match scan.word_end(at) {
            Some(end) => {
                if let Some((cue_end, cue)) = cue_at(scan, at, false) {
                    cues.push((at, cue_end, cue));
                }
                at = end;
            }
            None => at += 1,
        }
    }
    let &(cue_start, cue_end, cue) = cues.last()?;
    let speaker = match cue {
        Cue::Source => name_after(scan, cue_end, open),
        Cue::Speech => match name_before(scan, start, cue_start) {
            Speaker::Nobody => name_after(scan, cue_end, open),
            speaker => speaker,
        },
        Cue::SpeechTo | Cue::SourceAfter => name_before(scan, start, cue_start),
    };
    if speaker == Speaker::Nobody {
        return None;
    }
    Some(Attribution {
        cue_start,
        cue_end,
        speaker,
    })
}

/// Where the sentence that contains `i` ends (exclusive), not looking past a quotation mark.
fn sentence_end(scan: &Scan, i: usize) -> usize {
    let mut j = i;
    while let Some(c) = scan.at(j) {
        let point = matches!(c, '.' | '!' | '?') && scan.at(j + 1).is_none_or(char::is_whitespace);
        if point || c == '\n' || is_quote_mark(c) {
            return j;
        }
        j += 1;
    }
    j
}

/// Where the sentence that leads into `i` starts, not before `floor`.
fn sentence_start(scan: &Scan, i: usize, floor: usize) -> usize {
    let mut j = i;
    while j > floor {
        let c = scan.before(j).unwrap_or('\n');
        let point = matches!(c, '.' | '!' | '?') && scan.at(j).is_some_and(char::is_whitespace);
        if point || c == '\n' || is_quote_mark(c) {
            return j;
        }
        j -= 1;
    }
    floor
}

fn is_quote_mark(c: char) -> bool {
    "«»‹›“”„‚‘\"「」『』".contains(c)
}

/// The words a speaker stands for, empty when unnamed.
#[cfg(test)]
fn speaker_text(scan: &Scan, speaker: Speaker) -> String {
    match speaker {
        Speaker::Named(s, e) | Speaker::Described(s, e) => scan.slice(s, e),
        Speaker::Pronoun | Speaker::Nobody => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(text: &str) -> Option<String> {
        let scan = Scan::new(text);
        let close = text.chars().position(|c| "»”\"«".contains(c))?;
        attribution_after(&scan, close + 1, scan.len()).map(|a| speaker_text(&scan, a.speaker))
    }

    fn before(text: &str) -> Option<String> {
        let scan = Scan::new(text);
        let open = text.chars().position(|c| "«“„\"".contains(c))?;
        attribution_before(&scan, open, 0).map(|a| speaker_text(&scan, a.speaker))
    }

    #[test]
    fn speakers_after_the_quote() {
        for (text, speaker) in [
            ("…», a déclaré Jean Dupont, ministre.", "Jean Dupont"),
            ("…,” Smith said on Monday.", "Smith"),
            ("…,” said Anna Weber, a researcher.", "Anna Weber"),
            ("…», sagte Kanzler Olaf Scholz.", "Olaf Scholz"),
            ("…», so Scholz.", "Scholz"),
            ("…», dijo el ministro.", "el ministro"),
            ("…», — заявил Дмитрий Песков.", "Дмитрий Песков"),
            ("…,” he told reporters.", ""),
            ("…», a-t-il déclaré.", ""),
        ] {
            assert_eq!(after(text).as_deref(), Some(speaker), "{text}");
        }
    }

    #[test]
    fn speakers_before_the_quote() {
        for (text, speaker) in [
            ("Smith told Reuters: “…”", "Smith"),
            ("Selon le ministre Jean Dupont, « … »", "Jean Dupont"),
            ("Laut Anna Weber „…“", "Anna Weber"),
            ("Según la portavoz Ana Ruiz, «…»", "Ana Ruiz"),
            ("По словам Пескова, «…»", "Пескова"),
            ("Песков заявил: «…»", "Песков"),
            ("Declaró el ministro: «…»", "el ministro"),
        ] {
            assert_eq!(before(text).as_deref(), Some(speaker), "{text}");
        }
    }

    #[test]
    fn no_cue_no_attribution() {
        assert_eq!(after("…», puis la séance a repris."), None);
        assert_eq!(before("The campaign used the slogan “…”"), None);
        assert_eq!(before("Smith said so. Then the slogan “…”"), None);
    }
}
