//! An HTML page's own description of itself: `<title>`, `<meta>` (Open Graph, `author`,
//! `article:published_time`), `<link rel=canonical>`, `<html lang>`, and JSON-LD
//! (`NewsArticle` and its kin). The JSON-LD script is read as JSON data, never run.
//! Precedence, first found wins: title from og:title, JSON-LD headline, `<title>` (less a
//! trailing " | Outlet"), the first `<h1>`; outlet from og:site_name, the JSON-LD publisher;
//! author from `<meta name=author>`, the JSON-LD author; date from article:published_time, the
//! JSON-LD datePublished; URL from the canonical link, og:url, the JSON-LD url (http and https
//! only); language from `<html lang>`, the JSON-LD inLanguage, og:locale.

use std::collections::HashMap;

use scraper::{ElementRef, Html};

use super::deadline::Deadline;
use super::json_ld::{self, LinkedData};
use super::parse::ParseRefusal;
use crate::model::ArticleMeta;

/// What a page says about itself.
#[derive(Debug, Default)]
struct PageTags {
    title: Option<String>,
    first_h1: Option<String>,
    meta: HashMap<String, String>,
    canonical: Option<String>,
    lang: Option<String>,
    linked: LinkedData,
}

/// The page's metadata, read in one pass within the page's deadline.
pub fn page_metadata(html: &Html, deadline: &mut Deadline) -> Result<ArticleMeta, ParseRefusal> {
    let tags = collect_tags(html, deadline)?;
    let meta = |key: &str| tags.meta.get(key).cloned();
    let outlet = meta("og:site_name")
        .or_else(|| tags.linked.publisher.clone())
        .or_else(|| meta("application-name"));
    let title = meta("og:title")
        .or_else(|| meta("twitter:title"))
        .or_else(|| tags.linked.headline.clone())
        .or_else(|| {
            tags.title
                .as_deref()
                .map(|t| without_site_name(t, outlet.as_deref()))
        })
        .or_else(|| tags.first_h1.clone());
    Ok(ArticleMeta {
        title: title.unwrap_or_default(),
        outlet,
        author: meta("author")
            .or_else(|| tags.linked.author.clone())
            .or_else(|| meta("article:author").filter(|a| !a.contains("://")))
            .or_else(|| meta("dc.creator")),
        published: meta("article:published_time")
            .or_else(|| tags.linked.published.clone())
            .or_else(|| meta("datepublished"))
            .or_else(|| meta("date"))
            .or_else(|| meta("dc.date")),
        url: [
            tags.canonical.clone(),
            meta("og:url"),
            tags.linked.url.clone(),
        ]
        .into_iter()
        .flatten()
        .find(|u| is_web_url(u)),
        language: tags
            .lang
            .clone()
            .or_else(|| tags.linked.language.clone())
            .or_else(|| meta("content-language"))
            .or_else(|| meta("og:locale").map(|l| l.replace('_', "-"))),
    })
}

/// The tags that describe the page. Each element is looked at once; the text of a `<title>` or
/// `<h1>` is read only for the first one, and JSON-LD is parsed by serde_json in linear time.
fn collect_tags(html: &Html, deadline: &mut Deadline) -> Result<PageTags, ParseRefusal> {
    let mut tags = PageTags {
        lang: attr_text(html.root_element(), "lang"),
        ..PageTags::default()
    };
    for element in html.root_element().descendent_elements() {
        deadline.tick()?;
        let value = element.value();
        match value.name() {
            "title" if tags.title.is_none() => tags.title = element_text(element),
            "h1" if tags.first_h1.is_none() => tags.first_h1 = element_text(element),
            "meta" => record_meta(&mut tags.meta, element),
            "link" if has_token(value.attr("rel"), "canonical") && tags.canonical.is_none() => {
                tags.canonical = attr_text(element, "href")
            }
            "script" if is_json_ld(value.attr("type")) => {
                let bytes: usize = element.text().map(str::len).sum();
                if bytes <= json_ld::MAX_BLOCK_BYTES {
                    let source: String = element.text().collect();
                    tags.linked.fill_from(&json_ld::parse(&source));
                }
            }
            _ => {}
        }
    }
    Ok(tags)
}

/// Keep the first value of each `<meta>` key (name, property, itemprop or http-equiv).
fn record_meta(meta: &mut HashMap<String, String>, element: ElementRef<'_>) {
    let value = element.value();
    let key = ["property", "name", "itemprop", "http-equiv"]
        .into_iter()
        .find_map(|attr| value.attr(attr));
    let (Some(key), Some(content)) = (key, attr_text(element, "content")) else {
        return;
    };
    meta.entry(key.trim().to_ascii_lowercase())
        .or_insert(content);
}

/// `<title>` often ends with the site's name: "Story headline | The Daily Ledger".
fn without_site_name(title: &str, outlet: Option<&str>) -> String {
    let Some(outlet) = outlet else {
        return title.to_owned();
    };
    for separator in [" | ", " - ", " – ", " — ", " · ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            if tail.trim().eq_ignore_ascii_case(outlet.trim()) && !head.trim().is_empty() {
                return head.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

fn is_json_ld(kind: Option<&str>) -> bool {
    kind.is_some_and(|k| k.trim().eq_ignore_ascii_case("application/ld+json"))
}

fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn has_token(value: Option<&str>, token: &str) -> bool {
    value.is_some_and(|v| v.split_whitespace().any(|t| t.eq_ignore_ascii_case(token)))
}

/// An attribute with its whitespace collapsed, if not empty.
fn attr_text(element: ElementRef<'_>, attr: &str) -> Option<String> {
    element.value().attr(attr).and_then(collapse_whitespace)
}

/// An element's text with its whitespace collapsed, if not empty.
fn element_text(element: ElementRef<'_>) -> Option<String> {
    collapse_whitespace(&element.text().collect::<String>())
}

/// One line of text: runs of whitespace become one space; `None` when nothing is left.
pub fn collapse_whitespace(text: &str) -> Option<String> {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn metadata_of(page: &str) -> ArticleMeta {
        let mut deadline = Deadline::new(Instant::now() + Duration::from_secs(60));
        page_metadata(&Html::parse_document(page), &mut deadline).unwrap()
    }

    #[test]
    fn open_graph_wins_over_the_title_element() {
        let meta = metadata_of(
            r#"<html lang="fr"><head><title>Titre | Le Quotidien</title>
               <meta property="og:title" content=" Titre  OG ">
               <meta property="og:site_name" content="Le Quotidien">
               <meta name="author" content="Claire Dumas">
               <meta property="article:published_time" content="2026-03-02T08:00:00+01:00">
               <link rel="canonical" href="https://quotidien.example/titre"></head></html>"#,
        );
        assert_eq!(meta.title, "Titre OG");
        assert_eq!(meta.outlet.as_deref(), Some("Le Quotidien"));
        assert_eq!(meta.author.as_deref(), Some("Claire Dumas"));
        assert_eq!(meta.published.as_deref(), Some("2026-03-02T08:00:00+01:00"));
        assert_eq!(meta.url.as_deref(), Some("https://quotidien.example/titre"));
        assert_eq!(meta.language.as_deref(), Some("fr"));
    }

    #[test]
    fn the_title_element_loses_its_site_name_and_scripted_urls_are_refused() {
        let meta = metadata_of(
            r#"<head><title>Story - Daily Ledger</title><meta property="og:site_name" content="Daily Ledger">
               <link rel=canonical href="javascript:alert(1)"></head>"#,
        );
        assert_eq!(meta.title, "Story");
        assert_eq!(meta.url, None);
    }
}
