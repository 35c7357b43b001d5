//! `claimdesk-cli search QUERY [filters]`: the same search and filters as the app.

use std::path::Path;
use std::process::ExitCode;

use claimdesk_core::db::queries::search::{MATCH_END, MATCH_START, RANKED_MATCHES_MAX};
use claimdesk_core::Store;
use clap::Args;

use crate::filters::FilterArgs;

/// Search words and filters.
#[derive(Args)]
pub struct SearchArgs {
    /// Words to find (all must appear; the last may be the start of a word)
    #[arg(required = true, value_name = "QUERY")]
    words: Vec<String>,
    /// Corpus filters
    #[command(flatten)]
    filters: FilterArgs,
    /// Most results of each kind
    #[arg(long, default_value_t = 20)]
    limit: u32,
}

/// Run a search and print what it found.
pub fn run(json: bool, db: &Path, args: &SearchArgs) -> claimdesk_core::Result<ExitCode> {
    let store = Store::open(db)?;
    let filters = args.filters.to_filters(&store)?;
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
    if !results.articles_ranked {
        println!("More than {RANKED_MATCHES_MAX} articles match: the newest come first. Add a word to rank them.");
    }
    for hit in &results.articles {
        println!(
            "article     {}  {}\n            {}",
            hit.article_id,
            hit.title,
            plain(&hit.snippet)
        );
    }
    if !results.annotations_ranked {
        println!("More than {RANKED_MATCHES_MAX} annotations match: the newest come first. Add a word to rank them.");
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
