//! Finds who an attribution names: a run of capitalised words ("Dmitri Peskov", "Jean de La
//! Fontaine"), else the description in its place ("a ministry spokesman", "der Sprecher"), or
//! nobody when it is a pronoun ("he said", "sagte er").
//!
//! Invariant: a name is looked for only within one clause (no punctuation crossed), except one
//! apposition ("Dmitri Peskov, the Kremlin spokesman, said"). Titles at the front of a run are
//! dropped ("President Vladimir Putin" is "Vladimir Putin"); a run after an article is a
//! description, not a name (German capitalises every noun).

use crate::text::scan::Scan;

/// Most words read on one side of a cue.
const MAX_WORDS: usize = 8;
/// Most words kept in a description.
const MAX_DESCRIPTION_WORDS: usize = 6;
/// Most words before a name in apposition ("In Moscow Dmitri Peskov, the spokesman, said").
const MAX_WORDS_BEFORE_SUBJECT: usize = 2;

/// Who an attribution names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Speaker {
    /// A proper name, by code points.
    Named(usize, usize),
    /// A description standing for the speaker, by code points.
    Described(usize, usize),
    /// A pronoun ("he said", "sagte er").
    Pronoun,
    /// Nothing that can speak: no words, or reported speech ("said that").
    Nobody,
}

const PRONOUNS: &str = "he|she|they|we|i|it|him|her|them|il|elle|ils|elles|on|nous|lui|eux|er|\
    sie|wir|es|ihm|ihr|ihnen|ihn|él|ella|ellos|ellas|nosotros|он|она|они|мы|я|него|неё|них|ему";
const DETERMINERS: &str = "the|a|an|this|le|la|les|l'|un|une|ce|cette|der|die|das|des|dem|den|\
    ein|eine|einer|eines|el|los|las|una|este|esta|этот|эта";
const PARTICLES: &str = "de|du|des|la|le|von|van|der|den|di|da|del|dos|bin|al|ibn|y|zu";
const TITLES: &str = "president|minister|chancellor|senator|governor|mayor|general|secretary|\
    spokesman|spokeswoman|spokesperson|deputy|prime|foreign|mr|mr.|mrs|mrs.|ms|ms.|dr|dr.|\
    prof|prof.|professor|sir|lord|judge|ambassador|président|présidente|ministre|monsieur|\
    madame|m.|mme|kanzler|kanzlerin|bundeskanzler|bundeskanzlerin|präsident|präsidentin|\
    ministerin|außenminister|außenministerin|sprecher|sprecherin|herr|frau|presidente|\
    presidenta|ministro|ministra|señor|señora|don|doña|portavoz|президент|министр|глава|\
    пресс-секретарь|спикер|господин|госпожа";
/// Words between a speaker and the verb that belong to neither: "Smith also said".
const FILLERS: &str = "has|had|have|also|then|later|again|reportedly|previously|recently|once|\
    aussi|encore|alors|ensuite|auch|bereits|damals|noch|también|ya|luego|также|тогда|ранее|уже|\
    же";
/// Words that cannot start a speaker: reported speech ("said that...") and prepositions
/// ("wrote for «Le Monde»").
const NOT_A_SPEAKER: &str = "that|que|dass|что|if|whether|si|ob|for|to|in|on|at|by|with|from|\
    about|of|pour|dans|sur|avec|à|au|aux|en|par|de|du|des|für|mit|im|an|auf|über|von|zu|para|\
    con|por|del|al|в|на|с|для|о|об|по|за|из";

/// Whether the word `start..end` is one of the `|`-separated forms (folded).
pub(crate) fn is_one_of(scan: &Scan, (start, end): (usize, usize), forms: &str) -> bool {
    forms
        .split('|')
        .any(|f| scan.phrase_at(start, f, false) == Some(end))
}

/// The words from `from` up to the first punctuation (or `limit`), and the punctuation mark.
fn words_forward(scan: &Scan, from: usize, limit: usize) -> (Vec<(usize, usize)>, Option<usize>) {
    let mut words = Vec::new();
    let mut i = scan.skip_blanks(from);
    while i < limit && words.len() < MAX_WORDS {
        let Some(end) = scan.word_end(i) else {
            return (words, Some(i));
        };
        let end = with_abbreviation_point(scan, (i, end));
        words.push((i, end.min(limit)));
        i = scan.skip_blanks(end);
    }
    (words, None)
}

/// The words before `to` back to the first punctuation (or `floor`), in text order, and the
/// position of that punctuation mark.
fn words_backward(scan: &Scan, floor: usize, to: usize) -> (Vec<(usize, usize)>, Option<usize>) {
    let mut words = Vec::new();
    let mut i = scan.skip_blanks_back(to);
    let mut stop = None;
    while i > floor && words.len() < MAX_WORDS {
        let end = if scan.before(i) == Some('.') && is_abbreviation(scan, i - 1) {
            i - 1
        } else {
            i
        };
        let Some(start) = scan.word_start(end).filter(|&s| s >= floor) else {
            stop = Some(i - 1);
            break;
        };
        words.push((start, i));
        i = scan.skip_blanks_back(start);
    }
    words.reverse();
    (words, stop)
}

/// Include the point after an initial or a short title ("J.", "Dr.").
fn with_abbreviation_point(scan: &Scan, (start, end): (usize, usize)) -> usize {
    let short = end - start <= 3 && scan.at(start).is_some_and(char::is_uppercase);
    if scan.at(end) == Some('.') && short && scan.at(end + 1) == Some(' ') {
        end + 1
    } else {
        end
    }
}

fn is_abbreviation(scan: &Scan, point: usize) -> bool {
    scan.word_start(point)
        .is_some_and(|s| point - s <= 3 && scan.at(s).is_some_and(char::is_uppercase))
}

fn is_capitalised(scan: &Scan, (start, _): (usize, usize)) -> bool {
    scan.at(start).is_some_and(char::is_uppercase)
}

/// Runs of capitalised words (particles allowed inside) that are not preceded by an article,
/// as inclusive word indices with titles dropped from the front.
fn name_runs(scan: &Scan, words: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let starts = is_capitalised(scan, words[i]) && !is_one_of(scan, words[i], DETERMINERS);
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < words.len() {
            let next = words[j + 1];
            let particle = is_one_of(scan, next, PARTICLES)
                && words.get(j + 2).is_some_and(|&w| is_capitalised(scan, w));
            if is_capitalised(scan, next) || particle {
                j += 1;
            } else {
                break;
            }
        }
        let described = i > 0 && is_one_of(scan, words[i - 1], DETERMINERS);
        let mut first = i;
        while first < j && is_one_of(scan, words[first], TITLES) {
            first += 1;
        }
        if !described {
            runs.push((first, j));
        }
        i = j + 1;
    }
    runs
}

/// The speaker named after a cue: "said Dmitri Peskov", "selon le ministre Jean Dupont".
pub(crate) fn name_after(scan: &Scan, from: usize, limit: usize) -> Speaker {
    let (words, stop) = words_forward(scan, from, limit);
    let Some(&first) = words.first() else {
        return Speaker::Nobody;
    };
    if is_one_of(scan, first, PRONOUNS) {
        return Speaker::Pronoun;
    }
    if is_one_of(scan, first, NOT_A_SPEAKER) || scan.phrase_at(first.0, "qu'", false).is_some() {
        return Speaker::Nobody;
    }
    let runs = name_runs(scan, &words);
    let best = runs.iter().max_by_key(|(i, j)| (j - i, usize::MAX - i));
    match best {
        Some(&(i, j)) if j > i || stop.is_none_or(|p| scan.at(p) != Some(',')) => {
            Speaker::Named(words[i].0, words[j].1)
        }
        _ => {
            let apposition = stop.map(|p| name_after(scan, p + 1, limit));
            match (apposition, best) {
                (Some(named @ Speaker::Named(..)), _) => named,
                (_, Some(&(i, j))) => Speaker::Named(words[i].0, words[j].1),
                _ => described(&words, words.len().min(MAX_DESCRIPTION_WORDS), 0),
            }
        }
    }
}

/// The speaker named before a cue: "Dmitri Peskov said", "the spokesman told",
/// "Dmitri Peskov, the Kremlin spokesman, said".
pub(crate) fn name_before(scan: &Scan, floor: usize, to: usize) -> Speaker {
    let mut to = scan.skip_blanks_back(to);
    if to > floor && scan.before(to) == Some(',') {
        to -= 1;
    }
    let (mut words, stop) = words_backward(scan, floor, to);
    while words.last().is_some_and(|&w| is_one_of(scan, w, FILLERS)) {
        words.pop();
    }
    let Some(&last) = words.last() else {
        return Speaker::Nobody;
    };
    if is_one_of(scan, last, PRONOUNS) {
        return Speaker::Pronoun;
    }
    let runs = name_runs(scan, &words);
    if let Some(&(i, j)) = runs.iter().find(|(_, j)| *j + 1 == words.len()) {
        return Speaker::Named(words[i].0, words[j].1);
    }
    if let Some(p) = stop.filter(|&p| scan.at(p) == Some(',')) {
        let (before, _) = words_backward(scan, floor, p);
        let runs = name_runs(scan, &before);
        // The name is the subject: the whole clause, or after at most two words ("On Monday").
        if let Some(&(i, j)) = runs.iter().find(|(_, j)| *j + 1 == before.len()) {
            if (j > i || i > 0) && i <= MAX_WORDS_BEFORE_SUBJECT {
                return Speaker::Named(before[i].0, before[j].1);
            }
        }
    }
    if let Some(&(i, j)) = runs.iter().max_by_key(|(i, j)| (j - i, *j)) {
        if j > i {
            return Speaker::Named(words[i].0, words[j].1);
        }
    }
    let keep = words.len().min(MAX_DESCRIPTION_WORDS);
    described(&words, keep, words.len() - keep)
}

fn described(words: &[(usize, usize)], keep: usize, skip: usize) -> Speaker {
    match (words.get(skip), words.get(skip + keep.saturating_sub(1))) {
        (Some(first), Some(last)) if keep > 0 => Speaker::Described(first.0, last.1),
        _ => Speaker::Nobody,
    }
}

/// The nearest name of two words or more before `to` (not before `floor`), for a quote
/// attributed to a pronoun. Names for which `quoted` holds (inside quotation marks) are
/// words someone said, not a speaker, and are passed over.
pub(crate) fn earlier_name(
    scan: &Scan,
    floor: usize,
    to: usize,
    quoted: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let mut end = to;
    while end > floor {
        let (words, stop) = words_backward(scan, floor, end);
        let runs = name_runs(scan, &words);
        let speaking = |&&(i, j): &&(usize, usize)| j > i && !quoted(words[i].0);
        if let Some(&(i, j)) = runs.iter().rev().find(speaking) {
            return Some((words[i].0, words[j].1));
        }
        end = match (stop, words.first()) {
            (Some(p), _) => p,
            (None, Some(&(start, _))) => start,
            (None, None) => return None,
        };
    }
    None
}

/// Every name (run of capitalised words) between `from` and `to`.
pub(crate) fn names_between(scan: &Scan, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut names = Vec::new();
    let mut i = from;
    while i < to {
        let (words, stop) = words_forward(scan, i, to);
        for (first, last) in name_runs(scan, &words) {
            names.push((words[first].0, words[last].1));
        }
        i = match (stop, words.last()) {
            (Some(p), _) => p + 1,
            (None, Some(&(_, end))) => end,
            (None, None) => to,
        };
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(scan: &Scan, speaker: Speaker) -> String {
        match speaker {
            Speaker::Named(s, e) => format!("name:{}", scan.slice(s, e)),
            Speaker::Described(s, e) => format!("description:{}", scan.slice(s, e)),
            Speaker::Pronoun => "pronoun".into(),
            Speaker::Nobody => "nobody".into(),
        }
    }

    fn after(text: &str) -> String {
        let scan = Scan::new(text);
        show(&scan, name_after(&scan, 0, scan.len()))
    }

    fn before(text: &str) -> String {
        let scan = Scan::new(text);
        show(&scan, name_before(&scan, 0, scan.len()))
    }

    #[test]
    fn names_after_a_cue() {
        assert_eq!(after(" Dmitri Peskov on Tuesday."), "name:Dmitri Peskov");
        assert_eq!(
            after(" le ministre Jean de La Fontaine."),
            "name:Jean de La Fontaine"
        );
        assert_eq!(
            after(" Kremlin spokesman Dmitry Peskov."),
            "name:Dmitry Peskov"
        );
        assert_eq!(after(" President Vladimir Putin."), "name:Vladimir Putin");
        assert_eq!(
            after(" a ministry spokesman."),
            "description:a ministry spokesman"
        );
        assert_eq!(
            after(" der Sprecher des Ministeriums."),
            "description:der Sprecher des Ministeriums"
        );
        assert_eq!(after(" er."), "pronoun");
        assert_eq!(after(" that the money was spent"), "nobody");
    }

    #[test]
    fn apposition_after_a_cue() {
        assert_eq!(
            after(" le porte-parole du Kremlin, Dmitri Peskov."),
            "name:Dmitri Peskov"
        );
    }

    #[test]
    fn names_before_a_cue() {
        assert_eq!(before("On Monday, Dmitri Peskov"), "name:Dmitri Peskov");
        assert_eq!(before("Smith also"), "name:Smith");
        assert_eq!(before("Yesterday he"), "pronoun");
        assert_eq!(
            before("In a statement, the ministry"),
            "description:the ministry"
        );
        assert_eq!(
            before("Dmitri Peskov, the Kremlin spokesman,"),
            "name:Dmitri Peskov"
        );
        assert_eq!(before("Дмитрий Песков"), "name:Дмитрий Песков");
        assert_eq!(before("Dr. J. Smith"), "name:J. Smith");
    }

    #[test]
    fn every_name_in_a_stretch() {
        let scan = Scan::new("Anna Weber, who met Dmitri Peskov (and the Kremlin), left.");
        let names: Vec<String> = names_between(&scan, 0, scan.len())
            .into_iter()
            .map(|(s, e)| scan.slice(s, e))
            .collect();
        assert_eq!(names, ["Anna Weber", "Dmitri Peskov"]);
    }

    #[test]
    fn the_nearest_earlier_name() {
        let scan = Scan::new("Anna Weber met Dmitri Peskov. Later, he ");
        let (s, e) = earlier_name(&scan, 0, scan.len(), &|_| false).unwrap();
        assert_eq!(scan.slice(s, e), "Dmitri Peskov");
    }
}
