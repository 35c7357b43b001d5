//! The synthetic corpus the corpus benches run on: made-up articles of about 5 KB in five
//! languages and scripts (English, French, German, Russian, Arabic; 5,000 words each, drawn with
//! a Zipf-like frequency) with 10 annotations each, written through `Store::batch`.
//! Deterministic: the same corpus on every run.

use std::path::Path;
use std::time::Instant;

use claimdesk_core::db::queries::articles::NewArticle;
use claimdesk_core::model::ids::LabelId;
use claimdesk_core::model::{ArticleMeta, Attributes, NewAnnotation, SourceKind};
use claimdesk_core::Store;

pub const PER_ARTICLE: usize = 10;
const BATCH: usize = 500;
pub const LABELS: [&str; 3] = [
    "00000000-0000-7000-8000-000000000001",
    "00000000-0000-7000-8000-000000000002",
    "00000000-0000-7000-8000-000000000003",
];
/// Language, outlet, and the syllables its made-up words are built from.
pub const LANGUAGES: [(&str, &str, &[&str]); 5] = [
    (
        "en",
        "Daily Ledger",
        &[
            "cam", "pro", "ac", "spent", "dol", "ref", "er", "cast", "ar", "net", "claim", "of",
            "port", "mil", "vot",
        ],
    ),
    (
        "fr",
        "Le Quotidien",
        &[
            "cam", "pa", "gne", "dé", "pen", "sé", "comp", "tes", "spon", "ri", "é", "lec",
            "teurs", "rap", "port",
        ],
    ),
    (
        "de",
        "Tagesblatt",
        &[
            "kam", "pag", "ne", "aus", "ga", "ben", "kon", "ten", "wäh", "ler", "be", "richt",
            "netz", "werk", "mil",
        ],
    ),
    (
        "ru",
        "Вестник",
        &[
            "кам", "па", "ни", "я", "по", "тра", "тил", "ак", "ка", "ун", "ты", "рек", "ла", "ма",
            "из",
        ],
    ),
    (
        "ar",
        "الصحيفة",
        &[
            "حم", "لة", "أن", "فق", "حسا", "بات", "إع", "لا", "نات", "نا", "خب", "ين", "تق", "رير",
            "شب",
        ],
    ),
];
/// Distinct words per language: enough that most words are rare, as in real news.
const WORDS_PER_LANGUAGE: usize = 5_000;

/// A language's vocabulary, most frequent first.
pub fn vocabulary(rng: &mut Rng, syllables: &[&str]) -> Vec<String> {
    let mut words: Vec<String> = Vec::with_capacity(WORDS_PER_LANGUAGE);
    while words.len() < WORDS_PER_LANGUAGE {
        let word: String = (0..2 + rng.below(3))
            .map(|_| syllables[rng.below(syllables.len())])
            .collect();
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

/// Zipf-like: low ranks (common words) far more often than high ones.
fn pick<'a>(rng: &mut Rng, words: &'a [String]) -> &'a str {
    let u = (rng.next() % 1_000_000) as f64 / 1_000_000.0;
    &words[((u * u * u) * words.len() as f64) as usize]
}

/// A small deterministic generator, so every run builds the same corpus.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn article_text(rng: &mut Rng, words: &[String], target_bytes: usize) -> String {
    let mut text = String::with_capacity(target_bytes + 64);
    while text.len() < target_bytes {
        for _ in 0..(20 + rng.below(30)) {
            text.push_str(pick(rng, words));
            text.push(' ');
        }
        text.pop();
        text.push_str(".\n\n");
    }
    text
}

pub fn generate(path: &Path, articles: usize) -> Store {
    let started = Instant::now();
    let mut store = Store::open(path).expect("open corpus");
    let analysts: Vec<_> = ["Ana", "Boris", "Chen"]
        .iter()
        .map(|n| store.ensure_annotator(n).expect("analyst").id)
        .collect();
    let mut rng = Rng(0x5eed_c0de);
    let vocabularies: Vec<Vec<String>> = LANGUAGES
        .iter()
        .map(|(_, _, s)| vocabulary(&mut rng, s))
        .collect();
    for first in (0..articles).step_by(BATCH) {
        store
            .batch(|batch| {
                for i in first..(first + BATCH).min(articles) {
                    let (lang, outlet, _) = LANGUAGES[i % LANGUAGES.len()];
                    let words = &vocabularies[i % LANGUAGES.len()];
                    let text = article_text(&mut rng, words, 5_000);
                    let article = batch.create_article(NewArticle {
                        meta: ArticleMeta {
                            title: format!("{} {i}", pick(&mut rng, words)),
                            outlet: Some(outlet.into()),
                            language: Some(lang.into()),
                            published: Some(format!(
                                "20{:02}-{:02}-{:02}",
                                18 + i % 8,
                                1 + i % 12,
                                1 + i % 28
                            )),
                            ..ArticleMeta::default()
                        },
                        source_kind: SourceKind::Text,
                        source_name: None,
                        original: Vec::new(),
                        text,
                    })?;
                    let chars: Vec<(usize, char)> = article.text.char_indices().collect();
                    let word_starts: Vec<usize> = (1..chars.len())
                        .filter(|&k| chars[k - 1].1 == ' ' && chars[k].1 != ' ')
                        .collect();
                    for n in 0..PER_ARTICLE {
                        let start = word_starts[(n * word_starts.len()) / PER_ARTICLE];
                        let new = NewAnnotation {
                            article_id: article.id.clone(),
                            label_id: LabelId::from(LABELS[n % 3]),
                            start: start as i64,
                            end: (start + 5) as i64,
                            attributes: Attributes::default(),
                        };
                        batch.create_annotation(&analysts[n % 3], snap(&article.text, new))?;
                    }
                }
                Ok(())
            })
            .expect("batch");
        if first % 10_000 == 0 {
            eprintln!("generated {first} articles in {:.0?}", started.elapsed());
        }
    }
    eprintln!("generated {articles} articles in {:.0?}", started.elapsed());
    store
}

/// Keep generated spans on grapheme boundaries, as the workbench does.
fn snap(text: &str, mut new: NewAnnotation) -> NewAnnotation {
    let map = claimdesk_core::text::offsets::OffsetMap::new(text);
    if let Ok((s, e)) = map.snap_to_graphemes(new.start as usize, new.end as usize) {
        new.start = s as i64;
        new.end = e as i64;
    }
    new
}
