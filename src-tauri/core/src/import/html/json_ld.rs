//! JSON-LD blocks (`<script type="application/ld+json">`) read as data: the first object whose
//! `@type` is an article type (`NewsArticle`, `Article`, `ReportageNewsArticle`...), found at the
//! top level, in a top-level array, or in `@graph`. Malformed JSON is ignored: a page's metadata
//! is a bonus, never a reason to refuse its text. serde_json bounds recursion, so a hostile block
//! nested deeply fails to parse rather than overflowing the stack. Blocks larger than
//! [`MAX_BLOCK_BYTES`] are not read: parsed JSON takes up to about sixteen times its text (a
//! `[1,1,1...]` array), and a real block is a few kilobytes.

use serde_json::Value;

/// Largest JSON-LD block read, in bytes.
pub const MAX_BLOCK_BYTES: usize = 256 * 1024;

/// The fields Claimdesk keeps from a page's JSON-LD.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LinkedData {
    /// `headline` (or `name`).
    pub headline: Option<String>,
    /// `author`: names joined with ", ".
    pub author: Option<String>,
    /// `datePublished`.
    pub published: Option<String>,
    /// `publisher.name`.
    pub publisher: Option<String>,
    /// `url` or `mainEntityOfPage`.
    pub url: Option<String>,
    /// `inLanguage`.
    pub language: Option<String>,
}

impl LinkedData {
    /// Fill the fields still empty from `other` (the first block that names a field wins).
    pub fn fill_from(&mut self, other: &LinkedData) {
        let fill = |mine: &mut Option<String>, theirs: &Option<String>| {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        };
        fill(&mut self.headline, &other.headline);
        fill(&mut self.author, &other.author);
        fill(&mut self.published, &other.published);
        fill(&mut self.publisher, &other.publisher);
        fill(&mut self.url, &other.url);
        fill(&mut self.language, &other.language);
    }
}

/// The article described in one JSON-LD block, if any.
pub fn parse(source: &str) -> LinkedData {
    let Ok(value) = serde_json::from_str::<Value>(source.trim()) else {
        return LinkedData::default();
    };
    find_article(&value).map(read_article).unwrap_or_default()
}

fn find_article(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(map) if is_article_type(map.get("@type")) => Some(value),
        Value::Object(map) => map.get("@graph").and_then(find_article),
        _ => None,
    }
}

fn is_article_type(kind: Option<&Value>) -> bool {
    let is_article = |v: &Value| {
        v.as_str()
            .is_some_and(|s| s.ends_with("Article") || s == "BlogPosting" || s == "Report")
    };
    match kind {
        Some(Value::Array(kinds)) => kinds.iter().any(is_article),
        Some(kind) => is_article(kind),
        None => false,
    }
}

fn read_article(article: &Value) -> LinkedData {
    LinkedData {
        headline: text(article.get("headline")).or_else(|| text(article.get("name"))),
        author: names(article.get("author")),
        published: text(article.get("datePublished")),
        publisher: article.get("publisher").and_then(name_of),
        url: text(article.get("url")).or_else(|| {
            let page = article.get("mainEntityOfPage")?;
            text(Some(page)).or_else(|| text(page.get("@id")))
        }),
        language: text(article.get("inLanguage")),
    }
}

/// A string value, whitespace collapsed.
fn text(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .and_then(super::metadata::collapse_whitespace)
}

/// A person or organisation: a plain string or an object with a `name`.
fn name_of(value: &Value) -> Option<String> {
    text(Some(value)).or_else(|| text(value.get("name")))
}

/// One name or several, joined.
fn names(value: Option<&Value>) -> Option<String> {
    let found: Vec<String> = match value? {
        Value::Array(items) => items.iter().filter_map(name_of).collect(),
        one => name_of(one).into_iter().collect(),
    };
    (!found.is_empty()).then(|| found.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_article_fields_are_read_from_a_graph() {
        let data = parse(
            r#"{"@context":"https://schema.org","@graph":[
                {"@type":"WebSite","name":"Site"},
                {"@type":["NewsArticle"],"headline":"Главная  новость",
                 "author":[{"@type":"Person","name":"Анна Петрова"},"Иван Смирнов"],
                 "datePublished":"2026-02-11","publisher":{"name":"Вечерний курьер"},
                 "mainEntityOfPage":{"@id":"https://kurier.example/news/1"},"inLanguage":"ru"}]}"#,
        );
        assert_eq!(data.headline.as_deref(), Some("Главная новость"));
        assert_eq!(data.author.as_deref(), Some("Анна Петрова, Иван Смирнов"));
        assert_eq!(data.published.as_deref(), Some("2026-02-11"));
        assert_eq!(data.publisher.as_deref(), Some("Вечерний курьер"));
        assert_eq!(data.url.as_deref(), Some("https://kurier.example/news/1"));
        assert_eq!(data.language.as_deref(), Some("ru"));
    }

    #[test]
    fn malformed_or_foreign_blocks_give_nothing() {
        assert_eq!(parse("{not json"), LinkedData::default());
        assert_eq!(
            parse(r#"{"@type":"Recipe","name":"Soup"}"#),
            LinkedData::default()
        );
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(parse(&deep), LinkedData::default());
    }
}
