//! The benchmark fixture shared by the core's criterion benches and the window benches: an
//! article in several scripts (accented Latin, combining accents, Cyrillic, emoji, ZWJ families,
//! flags; paragraphs separated by blank lines) with one annotation per 100 bytes spread over it
//! (1 MB and 10,000 annotations by default; 64 KB to 4 MB for the growth curves), written
//! through the public API exactly as the app writes them. Deterministic: the same text and spans
//! on every run.
//!
//! Each bench target includes this file as a module and uses a part of it.
#![allow(dead_code)]

pub mod results;
pub mod sizes;

pub use sizes::ArticleSize;

use std::path::Path;
use std::time::{Duration, Instant};

use claimdesk_core::db::queries::articles::NewArticle;
use claimdesk_core::model::ids::{AnnotatorId, ArticleId, LabelId};
use claimdesk_core::model::{ArticleMeta, Attributes, NewAnnotation, SourceKind};
use claimdesk_core::text::offsets::OffsetMap;
use claimdesk_core::Store;

/// The built-in labels: claim, quote, figure.
pub const LABELS: [&str; 3] = [
    "00000000-0000-7000-8000-000000000001",
    "00000000-0000-7000-8000-000000000002",
    "00000000-0000-7000-8000-000000000003",
];

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
/// `bytes` long. A smaller article is the start of a larger one.
pub fn article_text(bytes: usize) -> String {
    let mut rng = Lcg(0x5eed);
    let mut text = String::with_capacity(bytes + 4096);
    let mut paragraph = 0usize;
    while text.len() < bytes {
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

/// The analyst who made the fixture's annotations.
pub const ANALYST: &str = "Bench";

/// What [`build_database`] made.
pub struct Fixture {
    /// The size it was built at.
    pub size: ArticleSize,
    /// The article.
    pub article_id: ArticleId,
    /// Its text.
    pub text: String,
    /// The analyst who made the annotations ([`ANALYST`]).
    pub analyst: AnnotatorId,
    /// How many annotations were stored.
    pub annotations: usize,
    /// How long building, or copying the kept copy, took.
    pub took: Duration,
    /// Whether it was copied from the copy kept in `target/bench-fixture/`.
    pub kept: bool,
}

/// Create the database at `path` (which must not exist) with an article of `size` and its
/// annotations. Each size is built once (one `create_annotation` call, one committed
/// transaction, per annotation, as the app writes them) and kept in `target/bench-fixture/`:
/// the 4 MB article's 40,000 transactions take minutes, and every window bench needs a fresh copy.
pub fn build_database(path: &Path, size: ArticleSize) -> Fixture {
    let started = Instant::now();
    let kept = results::target_dir()
        .join("bench-fixture")
        .join(format!("article-{}-v1.sqlite", size.bytes));
    let was_kept = kept.exists();
    if !was_kept {
        build_kept(&kept, size);
    }
    std::fs::copy(&kept, path).expect("copy the fixture database");
    let mut store = Store::open(path).expect("open the fixture database");
    let article_id = store
        .list_articles()
        .expect("list the fixture's articles")
        .first()
        .map(|a| a.id.clone())
        .expect("the fixture holds its article");
    let text = store.get_article(&article_id).expect("the article").text;
    let analyst = store.ensure_annotator(ANALYST).expect("the analyst").id;
    let annotations = store
        .list_article_annotations(&article_id)
        .expect("the annotations")
        .annotations
        .len();
    Fixture {
        size,
        article_id,
        text,
        analyst,
        annotations,
        took: started.elapsed(),
        kept: was_kept,
    }
}

/// Build the fixture of `size` at `kept`, under another name until it is complete.
///
/// Writing one transaction per annotation with `synchronous=FULL` costs one fsync each; when
/// `/dev/shm` is there the file is written on it and then copied, so building takes seconds
/// instead of minutes while the benchmarks still read and write a file on the real disk.
fn build_kept(kept: &Path, size: ArticleSize) {
    let started = Instant::now();
    let scratch = scratch_dir();
    let partial = kept.with_extension("partial");
    let building = scratch
        .as_ref()
        .map(|dir| dir.path().join("fixture.sqlite"))
        .unwrap_or_else(|| partial.clone());
    let _ = std::fs::remove_file(&building);

    let text = article_text(size.bytes);
    let mut store = Store::open(&building).expect("create the fixture database");
    let analyst = store.ensure_annotator(ANALYST).expect("the analyst").id;
    let article = store
        .create_article(NewArticle {
            meta: ArticleMeta {
                title: size.title(),
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
    for (i, &(start, end)) in spans(&article.text, size.annotations).iter().enumerate() {
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
    std::fs::create_dir_all(kept.parent().expect("a folder")).expect("the fixture folder");
    if building != partial {
        std::fs::copy(&building, &partial).expect("copy the fixture database");
    }
    std::fs::rename(&partial, kept).expect("keep the fixture database");
    eprintln!(
        "fixture: built the {} article with {} annotations in {:.1} s",
        size.label(),
        size.annotations,
        started.elapsed().as_secs_f64()
    );
}

fn scratch_dir() -> Option<tempfile::TempDir> {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        tempfile::tempdir_in(shm).ok()
    } else {
        None
    }
}
