//! schema.org `ClaimReview` JSON-LD for the claims that carry a verdict: a JSON array with one
//! standalone `ClaimReview` per claim (each with its own `@context`, as a fact-check page would
//! embed it). `claimReviewed` is the quoted claim, `reviewRating.alternateName` the verdict
//! as the team's scale words it, `itemReviewed` a `Claim` whose `appearance` is the article
//! (URL, headline, date, outlet as publisher) and whose `author` is the quote's speaker when
//! known, `author` the analyst, `datePublished` the day of the last change.
//!
//! Not written, because Claimdesk does not know them: the fact-check article's own `url`
//! (search engines require one before they show a review) and numeric `ratingValue`s.

use std::io::Write;

use serde_json::{json, Map, Value};

use super::records::ExportRecord;
use super::run::{write_error, write_json, ArticleGroup, Sink};
use crate::error::Result;

/// A JSON array, written one review per line.
#[derive(Default)]
pub(crate) struct ClaimReviewSink {
    written: u64,
}

impl Sink for ClaimReviewSink {
    fn begin(&mut self, out: &mut dyn Write, _total: u64) -> Result<()> {
        out.write_all(b"[").map_err(write_error)
    }

    fn article(&mut self, out: &mut dyn Write, group: &ArticleGroup) -> Result<()> {
        for record in &group.records {
            let separator: &[u8] = if self.written == 0 { b"\n" } else { b",\n" };
            out.write_all(separator).map_err(write_error)?;
            write_json(out, &review(record))?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> Result<()> {
        out.write_all(b"\n]\n").map_err(write_error)
    }
}

/// One review. The records are selected with a verdict, so it is always there.
pub(crate) fn review(r: &ExportRecord) -> Value {
    let a = &r.article;
    let mut appearance = Map::new();
    appearance.insert("@type".into(), "NewsArticle".into());
    appearance.insert("headline".into(), a.title.clone().into());
    appearance.insert("identifier".into(), format!("urn:uuid:{}", a.id).into());
    let optional = [
        ("url", &a.url),
        ("datePublished", &a.published),
        ("inLanguage", &a.language),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            appearance.insert(key.into(), value.clone().into());
        }
    }
    if let Some(outlet) = &a.outlet {
        appearance.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": outlet }),
        );
    }
    let mut claim = Map::new();
    claim.insert("@type".into(), "Claim".into());
    claim.insert("appearance".into(), Value::Object(appearance));
    if let Some(speaker) = &r.speaker {
        claim.insert(
            "author".into(),
            json!({ "@type": "Person", "name": speaker }),
        );
    }
    if let Some(published) = &a.published {
        claim.insert("datePublished".into(), published.clone().into());
    }
    json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": format!("urn:uuid:{}", r.id),
        "claimReviewed": r.exact,
        "reviewRating": { "@type": "Rating", "alternateName": r.verdict },
        "itemReviewed": claim,
        "author": { "@type": "Person", "name": r.annotator },
        "dateCreated": r.created,
        "dateModified": r.updated,
        "datePublished": r.updated.get(..10).unwrap_or(&r.updated),
    })
}
