//! The corpus filters as command-line options, shared by the commands that read the corpus
//! (`search`, `export`); the same filters as the app's library and annotation table.

use claimdesk_core::model::filters::Filters;
use claimdesk_core::model::ReviewState;
use claimdesk_core::{Error, Store};
use clap::Args;

/// Narrow to some annotations and articles; each option may be repeated.
#[derive(Args)]
pub struct FilterArgs {
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
    /// Only articles assigned to this analyst (name)
    #[arg(long, value_name = "NAME")]
    assigned_to: Option<String>,
}

impl FilterArgs {
    /// The core's filters, with label and analyst names looked up in the database.
    pub fn to_filters(&self, store: &Store) -> claimdesk_core::Result<Filters> {
        let labels = store.list_labels()?;
        let annotators = store.list_annotators()?;
        let label_ids = self
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
        let analyst = |name: &String| {
            annotators
                .iter()
                .find(|a| a.name.eq_ignore_ascii_case(name))
                .map(|a| a.id.clone())
                .ok_or_else(|| Error::invalid(format!("there is no analyst named \"{name}\"")))
        };
        let annotator_ids = self
            .annotators
            .iter()
            .map(analyst)
            .collect::<claimdesk_core::Result<_>>()?;
        let assigned_to = self.assigned_to.as_ref().map(analyst).transpose()?;
        let review_states = self
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
            outlets: self.outlets.clone(),
            languages: self.languages.clone(),
            published_from: self.from.clone(),
            published_to: self.to.clone(),
            tags: self.tags.clone(),
            review_states,
            currency: self.currency.clone(),
            assigned_to,
        })
    }
}
