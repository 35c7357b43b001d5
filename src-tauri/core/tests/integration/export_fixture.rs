//! A small hostile corpus for the export tests: CRLF sources, flags, ZWJ families, combining
//! accents, right-to-left text, mathematical letters; quotes, notes and names that a spreadsheet
//! would run as formulas (`=HYPERLINK(...)`, `+SUM(...)`, `-2+3`, `@cmd`); commas, quotes and
//! line breaks inside fields; two analysts, a custom label, figures, verdicts, tags, and one
//! deleted annotation that no export may contain.

use std::str::FromStr;

use claimdesk_core::model::ids::{AnnotatorId, LabelId};
use claimdesk_core::model::{
    Annotation, Article, ArticleMeta, Attributes, Figure, NewAnnotation, NewLabel, PastedArticle,
};
use claimdesk_core::Store;
use rust_decimal::Decimal;

use crate::support::{cp_offset, temp_store, CLAIM, FIGURE, MIXED_TEXT_CRLF, QUOTE};

/// Hostile cells, right-to-left text, combining marks and mathematical letters.
pub const HOSTILE_TEXT: &str = "مرحبا بالعالم. Cafe\u{301} a dit : =HYPERLINK(\"http://evil.example\",\"clic\") puis +SUM(A1:A9), \
le résultat -2+3 et @cmd\tfin. 𝒜𝓁𝓅𝒽𝒶 𝓁𝑒𝓉𝓉𝑒𝓇𝓈, \"quoted\", commas.";

/// Figures in English.
pub const FIGURE_TEXT: &str =
    "The network spent more than 1,9 million dollars on about 0.5 thousand promoted tweets.";

/// The corpus and what it holds.
pub struct Corpus {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub articles: Vec<Article>,
    pub boris: AnnotatorId,
    pub deleted: Annotation,
}

impl Corpus {
    /// Every live annotation, article by article.
    pub fn live_annotations(&self) -> Vec<Annotation> {
        self.articles
            .iter()
            .flat_map(|a| self.store.list_annotations(&a.id).unwrap())
            .collect()
    }
}

fn article(store: &mut Store, text: &str, meta: ArticleMeta) -> Article {
    store
        .create_pasted_article(PastedArticle {
            text: text.to_owned(),
            meta,
        })
        .unwrap()
}

fn meta(title: &str, outlet: &str, language: &str, published: &str, url: &str) -> ArticleMeta {
    ArticleMeta {
        title: title.into(),
        outlet: Some(outlet.into()),
        author: None,
        published: Some(published.into()),
        url: Some(url.into()),
        language: Some(language.into()),
    }
}

/// A span on the first occurrence of `needle`.
fn tag(
    store: &mut Store,
    who: &AnnotatorId,
    article: &Article,
    label: &str,
    needle: &str,
    attributes: Attributes,
) -> Annotation {
    let start = cp_offset(&article.text, needle);
    store
        .create_annotation(
            who,
            NewAnnotation {
                article_id: article.id.clone(),
                label_id: LabelId::from(label),
                start,
                end: start + needle.chars().count() as i64,
                attributes,
            },
        )
        .unwrap()
}

fn figure(value: &str, currency: Option<&str>, unit: Option<&str>, q: Option<&str>) -> Attributes {
    Attributes {
        figure: Some(Figure {
            value: Decimal::from_str(value).unwrap(),
            currency: currency.map(Into::into),
            unit: unit.map(Into::into),
            qualifier: q.map(Into::into),
        }),
        ..Attributes::default()
    }
}

fn claim(verdict: &str, note: &str, tags: &[&str]) -> Attributes {
    Attributes {
        verdict: Some(verdict.into()),
        note: note.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Attributes::default()
    }
}

fn quote(speaker: &str) -> Attributes {
    Attributes {
        speaker: Some(speaker.into()),
        ..Attributes::default()
    }
}

/// Build the corpus in a fresh database file.
pub fn corpus() -> Corpus {
    let (dir, mut store) = temp_store();
    let ana = store.ensure_annotator("Ana").unwrap().id;
    let boris = store.ensure_annotator("=Boris").unwrap().id;
    let custom_label = store
        .create_label(NewLabel {
            name: "@mention".into(),
            color: "#123456".into(),
            hotkey: None,
        })
        .unwrap()
        .id;
    let a = article(
        &mut store,
        MIXED_TEXT_CRLF,
        meta(
            "Dépenses, \"pub\" et RT",
            "=Evil Outlet",
            "fr",
            "2024-05-01",
            "https://example.org/a?x=1,2",
        ),
    );
    let b = article(
        &mut store,
        HOSTILE_TEXT,
        meta(
            "-2+3 headline\nsecond line",
            "ТАСС",
            "ar",
            "2024-06-15",
            "https://example.org/b",
        ),
    );
    let c = article(
        &mut store,
        FIGURE_TEXT,
        meta(
            "+SUM(1)",
            "+SUM(1)",
            "en-GB",
            "2023-12-31",
            "https://example.org/c",
        ),
    );
    let usd = figure("274000", Some("USD"), None, None);
    tag(&mut store, &ana, &a, FIGURE, "274 000 dollars", usd);
    tag(&mut store, &ana, &a, QUOTE, "«Le Monde»", quote("@LeMonde"));
    let note = "line one\nline two, with \"quotes\", and a comma";
    let lie = claim("false", note, &["rt", "=tag", "a; b"]);
    tag(&mut store, &boris, &a, CLAIM, "это ложь", lie);
    tag(
        &mut store,
        &ana,
        &a,
        custom_label.as_str(),
        "👨‍👩‍👧",
        Attributes::default(),
    );
    tag(&mut store, &ana, &a, CLAIM, "🇫🇷", Attributes::default());
    let deleted = tag(&mut store, &ana, &a, CLAIM, "café", Attributes::default());
    store.delete_annotation(&ana, &deleted.id).unwrap();

    let link = "=HYPERLINK(\"http://evil.example\",\"clic\")";
    tag(
        &mut store,
        &ana,
        &b,
        CLAIM,
        link,
        claim("mostly false", "=1+1", &[]),
    );
    tag(
        &mut store,
        &boris,
        &b,
        CLAIM,
        "+SUM(A1:A9)",
        claim("-", "", &["@x"]),
    );
    tag(&mut store, &ana, &b, CLAIM, "-2+3", Attributes::default());
    tag(
        &mut store,
        &boris,
        &b,
        CLAIM,
        "@cmd\tfin",
        Attributes::default(),
    );
    tag(
        &mut store,
        &ana,
        &b,
        QUOTE,
        "Cafe\u{301}",
        quote("-dash speaker"),
    );
    tag(&mut store, &ana, &b, CLAIM, "مرحبا", claim("true", "", &[]));
    tag(
        &mut store,
        &boris,
        &b,
        custom_label.as_str(),
        "𝒜𝓁𝓅𝒽𝒶",
        Attributes::default(),
    );

    let million = figure("1900000", Some("USD"), None, Some("more than"));
    tag(&mut store, &ana, &c, FIGURE, "1,9 million dollars", million);
    let half = figure("0.5", None, Some("promoted tweets"), Some("about"));
    tag(
        &mut store,
        &boris,
        &c,
        FIGURE,
        "0.5 thousand promoted tweets",
        half,
    );

    let articles = vec![a, b, c];
    Corpus {
        dir,
        store,
        articles,
        boris,
        deleted,
    }
}
