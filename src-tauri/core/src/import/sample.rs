//! The sample article offered on first run: a made-up story, written for Claimdesk, with a claim,
//! a quote and sponsored-content figures to try tagging on. Every name in it is invented.

use crate::model::{ArticleMeta, PastedArticle};

/// The sample's headline.
pub const SAMPLE_TITLE: &str = "Harbour City broadcaster paid for promoted posts before the vote";

/// The sample's text.
pub const SAMPLE_TEXT: &str = "\
The state-funded broadcaster Northwind Today spent 274,000 dollars on promoted posts in the \
six weeks before the Harbour City referendum, according to the platform's advertising archive. \
The archive lists 1,823 promoted posts and more than 600 accounts that shared them within an hour.

\"We buy promotion like every other newsroom,\" said Mara Ellison, the broadcaster's head of \
audience. \"None of it was political.\"

The referendum commission disagrees. Its report claims that the campaign reached 40% of \
first-time voters, and that most of the promoted posts repeated the same three talking points.

An analyst at the independent monitor Civic Lens, Tomás Řezníček, told us that the figures are \
\"the floor, not the ceiling\": the archive only covers paid promotion, not the 1,9 million \
euros the broadcaster's partners reportedly spent on influencers. 🗳️
";

/// The sample article, to store with [`crate::Store::create_pasted_article`].
pub fn sample_article() -> PastedArticle {
    PastedArticle {
        text: SAMPLE_TEXT.to_owned(),
        meta: ArticleMeta {
            title: SAMPLE_TITLE.to_owned(),
            outlet: Some("Claimdesk sample (fictional)".to_owned()),
            author: None,
            published: Some("2026-03-14".to_owned()),
            url: None,
            language: Some("en".to_owned()),
        },
    }
}
