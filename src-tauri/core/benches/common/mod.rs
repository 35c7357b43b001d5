//! The benchmark fixture shared by the core's criterion benches and the webview bench: a ~1 MB
//! article in several scripts (accented Latin, combining accents, Cyrillic, emoji, ZWJ families,
//! flags; paragraphs separated by blank lines) and 10,000 annotations spread over it, written
//! through the public API exactly as the app writes them. Deterministic: the same text and spans
//! on every run.
//!
//! Each bench target includes this file as a module and uses a part of it.
#![allow(dead_code)]

use std::path::Path;
use std::time::{Duration, Instant};

use claimdesk_core::ids::{AnnotatorId, ArticleId, LabelId};
use claimdesk_core::model::{ArticleMeta, Attributes, NewAnnotation, SourceKind};
use claimdesk_core::offsets::OffsetMap;
use claimdesk_core::queries::articles::NewArticle;
use claimdesk_core::Store;

/// Size of the article's text in UTF-8 bytes (at least).
pub const ARTICLE_BYTES: usize = 1_000_000;
/// Annotations on the article.
pub const ANNOTATIONS: usize = 10_000;
/// The built-in labels: claim, quote, figure.
pub const LABELS: [&str; 3] = [
    "00000000-0000-7000-8000-000000000001",
    "00000000-0000-7000-8000-000000000002",
    "00000000-0000-7000-8000-000000000003",
];
/// The article's title, as the article list shows it.
pub const TITLE: &str = "Benchmark: 1 MB article with 10,000 annotations";

/// Sentences the article is made of.
const SENTENCES: &[&str] = &[
    "Selon «Le Monde», RT a dépensé 274 000 dollars 💸 en tweets sponsorisés l'année dernière.",
    "Le porte-parole a déclaré que la réforme était « déjà financée » et qu'aucune hausse d'impôts n'était prévue.",
    "Des économistes ont contesté ces chiffres, évoquant un déficit supérieur à 3,5 % du PIB.",
    // "é" written as e + U+0301 COMBINING ACUTE ACCENT: one grapheme, two code points.
    "Le cafe\u{301} du quartier a fermé après l'enquête de la pre\u{301}fecture.",
    "Представитель министерства заявил, что эти данные «не соответствуют действительности».",
    "По словам экспертов, расходы на рекламу выросли на 40 процентов за год.",
    "Журналисты нашли оригинал документа 📄 в открытом архиве.",
    "The spokesperson said the figures were \"entirely fabricated\" and promised a correction.",
    "Die Behörde bestätigte, dass über 12 000 Konten gesperrt wurden.",
    "Rzecznik rządu zaprzeczył, że środki zostały przeznaczone na kampanię.",
    "La famille 👨\u{200d}👩\u{200d}👧 a tout lu, et 1 200 foyers ont été touchés selon la préfecture 📰.",
    "🇫🇷🇷🇺 Les deux délégations se sont rencontrées à Genève 🤝🏽 sans accord final.",
    "Une analyste 👩🏽\u{200d}💻 a retrouvé la source originale du montage vidéo.",
    "Ils ont affirmé : « les chiffres sont faux », sans fournir la moindre preuve.",
];

/// A small deterministic generator (64-bit LCG), so no dependency is needed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// The article's text: paragraphs of 3 to 8 sentences, separated by blank lines, at least
/// [`ARTICLE_BYTES`] bytes long.
pub fn article_text() -> String {
    let mut rng = Lcg(0x5eed);
    let mut text = String::with_capacity(ARTICLE_BYTES + 4096);
    let mut paragraph = 0usize;
    while text.len() < ARTICLE_BYTES {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        paragraph += 1;
        text.push_str(&format!("§{paragraph}. "));
        let sentences = 3 + rng.next(6);
        for i in 0..sentences {
            if i > 0 {
                // Now and then a line break inside a paragraph, as in pasted articles.
                text.push(if rng.next(10) == 0 { '\n' } else { ' ' });
            }
            text.push_str(SENTENCES[rng.next(SENTENCES.len())]);
        }
    }
    text
}

/// `count` spans (code points, `end` exclusive) spread evenly over `text`: each starts at a word
/// and covers one to a few words, snapped to grapheme boundaries, in text order.
pub fn spans(text: &str, count: usize) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let map = OffsetMap::new(text);
    let mut rng = Lcg(0xa11ce);
    let stride = chars.len() / count;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let mut start = i * stride + rng.next(stride / 2);
        // Forward to the start of a word.
        while start < chars.len() && !chars[start].is_whitespace() {
            start += 1;
        }
        while start < chars.len() && chars[start].is_whitespace() {
            start += 1;
        }
        // Then 4 to 40 code points on, to the end of a word, never across a line break.
        let want = 4 + rng.next(36);
        let mut end = start;
        while end < chars.len()
            && chars[end] != '\n'
            && (end - start < want || !chars[end].is_whitespace())
        {
            end += 1;
        }
        let (start, end) = match map.snap_to_graphemes(start, end) {
            Ok(span) => span,
            Err(_) => continue,
        };
        if end > start && end <= chars.len() {
            out.push((start, end));
        }
    }
    out
}

/// What [`build_database`] made.
pub struct Fixture {
    /// The article.
    pub article_id: ArticleId,
    /// Its text.
    pub text: String,
    /// The analyst who made the annotations.
    pub analyst: AnnotatorId,
    /// How many annotations were stored.
    pub annotations: usize,
    /// How long building took.
    pub took: Duration,
}

/// Create the database at `path` (which must not exist) with the article and its annotations,
/// one `create_annotation` call (one committed transaction) each.
///
/// Writing 10,000 transactions with `synchronous=FULL` costs one fsync each; when `/dev/shm` is
/// there the file is written on it and then moved to `path`, so the fixture takes seconds instead
/// of minutes while the benchmarks still read and write a file on the real disk.
pub fn build_database(path: &Path, analyst_name: &str) -> Fixture {
    let started = Instant::now();
    let scratch = scratch_dir();
    let building = scratch
        .as_ref()
        .map(|dir| dir.path().join("fixture.sqlite"))
        .unwrap_or_else(|| path.to_owned());

    let text = article_text();
    let mut store = Store::open(&building).expect("create the fixture database");
    let analyst = store
        .ensure_annotator(analyst_name)
        .expect("create the analyst")
        .id;
    let article = store
        .create_article(NewArticle {
            meta: ArticleMeta {
                title: TITLE.to_owned(),
                outlet: Some("Bench Times".to_owned()),
                language: Some("fr".to_owned()),
                ..ArticleMeta::default()
            },
            source_kind: SourceKind::Paste,
            source_name: None,
            original: text.as_bytes().to_vec(),
            text: text.clone(),
        })
        .expect("create the article");
    let spans = spans(&article.text, ANNOTATIONS);
    for (i, &(start, end)) in spans.iter().enumerate() {
        store
            .create_annotation(
                &analyst,
                NewAnnotation {
                    article_id: article.id.clone(),
                    label_id: LabelId::from(LABELS[i % LABELS.len()]),
                    start: start as i64,
                    end: end as i64,
                    attributes: Attributes::default(),
                },
            )
            .unwrap_or_else(|e| panic!("annotation {i} at {start}..{end}: {e}"));
    }
    // Closing the last connection checkpoints the WAL into the main file and removes it.
    drop(store);
    if building != path {
        std::fs::copy(&building, path).expect("copy the fixture database");
    }
    Fixture {
        article_id: article.id,
        text: article.text,
        analyst,
        annotations: spans.len(),
        took: started.elapsed(),
    }
}

fn scratch_dir() -> Option<tempfile::TempDir> {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        tempfile::tempdir_in(shm).ok()
    } else {
        None
    }
}
