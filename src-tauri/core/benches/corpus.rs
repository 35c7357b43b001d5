//! The corpus benchmark: a synthetic corpus of 100,000 articles (~5 KB each, five languages) with
//! 1,000,000 annotations, then the library's first page, search and the annotation table's pages
//! timed on it. Prints figures; never fails on them.
//!
//! `CLAIMDESK_CORPUS_ARTICLES` scales the corpus (10 annotations per article); the generated file
//! is kept in `target/bench-corpus/` and reused while its size matches.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use claimdesk_core::filters::Filters;
use claimdesk_core::ids::LabelId;
use claimdesk_core::model::{ArticleMeta, Attributes, NewAnnotation, SourceKind};
use claimdesk_core::queries::annotation_table::{AnnotationQuery, AnnotationSort};
use claimdesk_core::queries::articles::NewArticle;
use claimdesk_core::queries::library::{LibraryQuery, LibrarySort};
use claimdesk_core::Store;

const PER_ARTICLE: usize = 10;
const BATCH: usize = 500;
const LABELS: [&str; 3] = [
    "00000000-0000-7000-8000-000000000001",
    "00000000-0000-7000-8000-000000000002",
    "00000000-0000-7000-8000-000000000003",
];
/// Language, outlet, and the syllables its made-up words are built from.
const LANGUAGES: [(&str, &str, &[&str]); 5] = [
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
fn vocabulary(rng: &mut Rng, syllables: &[&str]) -> Vec<String> {
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
struct Rng(u64);

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

fn generate(path: &Path, articles: usize) -> Store {
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
    let map = claimdesk_core::offsets::OffsetMap::new(text);
    if let Ok((s, e)) = map.snap_to_graphemes(new.start as usize, new.end as usize) {
        new.start = s as i64;
        new.end = e as i64;
    }
    new
}

fn time<T>(runs: usize, mut f: impl FnMut(usize) -> T) -> Vec<Duration> {
    (0..runs)
        .map(|i| {
            let t = Instant::now();
            std::hint::black_box(f(i));
            t.elapsed()
        })
        .collect()
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!(
        "| {name} | {:.1} | {:.1} | {:.1} |",
        at(0.5).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        samples[samples.len() - 1].as_secs_f64() * 1e3
    );
}

fn library(store: &Store, sort: LibrarySort, filters: Filters) -> usize {
    let query = LibraryQuery {
        filters,
        sort,
        descending: true,
        offset: 0,
        limit: 200,
    };
    store.list_library(&query).expect("library").rows.len()
}

fn main() {
    let articles: usize = std::env::var("CLAIMDESK_CORPUS_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-corpus");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let path = dir.join(format!("corpus-{articles}.sqlite"));
    let store = match Store::open(&path) {
        Ok(store)
            if store
                .list_library(&LibraryQuery {
                    filters: Filters::default(),
                    sort: LibrarySort::Captured,
                    descending: false,
                    offset: 0,
                    limit: 1,
                })
                .map(|p| p.total as usize)
                .ok()
                == Some(articles) =>
        {
            store
        }
        _ => {
            let _ = std::fs::remove_file(&path);
            generate(&path, articles)
        }
    };
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "\nCorpus: {articles} articles, {} annotations, {:.0} MB\n",
        articles * PER_ARTICLE,
        size as f64 / 1e6
    );
    println!("| operation | median ms | p95 ms | max ms |\n|---|---|---|---|");
    report(
        "open the file (checks + quick_check)",
        time(3, |_| Store::open(&path).expect("open")),
    );
    report(
        "library, first 200 rows, newest first",
        time(20, |_| {
            library(&store, LibrarySort::Captured, Filters::default())
        }),
    );
    report(
        "library, sorted by title",
        time(10, |_| {
            library(&store, LibrarySort::Title, Filters::default())
        }),
    );
    report(
        "library, sorted by annotation count",
        time(5, |_| {
            library(&store, LibrarySort::Annotations, Filters::default())
        }),
    );
    let ru = Filters {
        languages: vec!["ru".into()],
        labels: vec![LABELS[1].into()],
        ..Filters::default()
    };
    report(
        "library, filtered (language + label)",
        time(10, |_| library(&store, LibrarySort::Captured, ru.clone())),
    );
    // Words across the frequency range: the vocabulary is rebuilt from the same seed.
    let mut rng = Rng(0x5eed_c0de);
    let vocabularies: Vec<Vec<String>> = LANGUAGES
        .iter()
        .map(|(_, _, s)| vocabulary(&mut rng, s))
        .collect();
    let queries: Vec<String> = vocabularies
        .iter()
        .flat_map(|words| {
            [5, 50, 200, 500, 1000, 1500, 2000, 3000, 4000, 4900].map(|rank| words[rank].clone())
        })
        .collect();
    report(
        "search, one word (50 words of all frequencies, 5 languages)",
        time(queries.len(), |i| {
            store
                .search(&queries[i], &Filters::default(), 50)
                .expect("search")
        }),
    );
    let pairs: Vec<String> = queries.chunks(2).map(|c| c.join(" ")).collect();
    report(
        "search, two words",
        time(pairs.len(), |i| {
            store
                .search(&pairs[i], &Filters::default(), 50)
                .expect("search")
        }),
    );
    let total = articles * PER_ARTICLE;
    for (label, offset) in [
        ("top", 0),
        ("middle", total / 2),
        ("end", total.saturating_sub(200)),
    ] {
        let query = AnnotationQuery {
            filters: Filters::default(),
            sort: AnnotationSort::Created,
            descending: true,
            offset: offset as u32,
            limit: 200,
        };
        report(
            &format!("annotation table page, {label}"),
            time(5, |_| {
                store
                    .list_annotation_table(&query)
                    .expect("table")
                    .rows
                    .len()
            }),
        );
    }
}
