//! `claimdesk-cli search QUERY [filters]`: the same search and filters as the app.

use std::path::Path;
use std::process::ExitCode;

use claimdesk_core::filters::Filters;
use claimdesk_core::model::ReviewState;
use claimdesk_core::queries::search::{MATCH_END, MATCH_START};
use claimdesk_core::{Error, Store};
use clap::Args;

/// Search words and filters.
#[derive(Args)]
pub struct SearchArgs {
    /// Words to find (all must appear; the last may be the start of a word)
    #[arg(required = true, value_name = "QUERY")]
    words: Vec<String>,
    /// Only annotations with this label (name); repeat for several
    #[arg(long = "label", value_name = "NAME")]
    labels: Vec<String>,
    /// Only annotations by this analyst (name); repeat for several
    #[arg(long = "annotator", value_name = "NAME")]
    annotators: Vec<String>,
    /// Only articles from this outlet; repeat for several
    #[arg(long = "outlet")]
    outlets: Vec<String>,
    /// Only articles in this language (e.g. fr, ru); repeat for several
    #[arg(long = "language")]
    languages: Vec<String>,
    /// Only articles published on or after this date (YYYY-MM-DD)
    #[arg(long)]
    from: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD)
    #[arg(long)]
    to: Option<String>,
    /// Only annotations with this tag; repeat for several
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Only annotations in this review state: pending, accepted or rejected
    #[arg(long = "review")]
    review: Vec<String>,
    /// Only figures in this currency (ISO 4217)
    #[arg(long)]
    currency: Option<String>,
    /// Most results of each kind
    #[arg(long, default_value_t = 20)]
    limit: u32,
}

/// Run a search and print what it found.
pub fn run(json: bool, db: &Path, args: &SearchArgs) -> claimdesk_core::Result<ExitCode> {
    let store = Store::open(db)?;
    let filters = filters_from(&store, args)?;
    let results = store.search(&args.words.join(" "), &filters, args.limit)?;
    if json {
        match serde_json::to_string_pretty(&results) {
            Ok(text) => println!("{text}"),
            Err(err) => eprintln!("claimdesk-cli: cannot write JSON: {err}"),
        }
        return Ok(ExitCode::SUCCESS);
    }
    if results.articles.is_empty() && results.annotations.is_empty() {
        println!("Nothing found.");
    }
    for hit in &results.articles {
        println!(
            "article     {}  {}\n            {}",
            hit.article_id,
            hit.title,
            plain(&hit.snippet)
        );
    }
    for hit in &results.annotations {
        println!(
            "annotation  {}  in \"{}\"\n            {}",
            hit.annotation_id,
            hit.title,
            plain(&hit.snippet)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Matches shown between square brackets in a terminal.
fn plain(snippet: &str) -> String {
    snippet
        .replace(MATCH_START, "[")
        .replace(MATCH_END, "]")
        .replace('\n', " ")
}

fn filters_from(store: &Store, args: &SearchArgs) -> claimdesk_core::Result<Filters> {
    let labels = store.list_labels()?;
    let annotators = store.list_annotators()?;
    let label_ids = args
        .labels
        .iter()
        .map(|name| {
            labels
                .iter()
                .find(|l| l.name.eq_ignore_ascii_case(name))
                .map(|l| l.id.clone())
                .ok_or_else(|| Error::invalid(format!("there is no label named \"{name}\"")))
        })
        .collect::<claimdesk_core::Result<_>>()?;
    let annotator_ids = args
        .annotators
        .iter()
        .map(|name| {
            annotators
                .iter()
                .find(|a| a.name.eq_ignore_ascii_case(name))
                .map(|a| a.id.clone())
                .ok_or_else(|| Error::invalid(format!("there is no analyst named \"{name}\"")))
        })
        .collect::<claimdesk_core::Result<_>>()?;
    let review_states = args
        .review
        .iter()
        .map(|s| {
            ReviewState::parse(s).ok_or_else(|| {
                Error::invalid(format!(
                    "\"{s}\" is not a review state: use pending, accepted or rejected"
                ))
            })
        })
        .collect::<claimdesk_core::Result<_>>()?;
    Ok(Filters {
        labels: label_ids,
        annotators: annotator_ids,
        outlets: args.outlets.clone(),
        languages: args.languages.clone(),
        published_from: args.from.clone(),
        published_to: args.to.clone(),
        tags: args.tags.clone(),
        review_states,
        currency: args.currency.clone(),
    })
}
