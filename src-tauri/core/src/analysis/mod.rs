//! What Claimdesk works out for the analyst from the text and the annotations: amounts and units
//! in sponsored-content figures (`figure_parser`), quotes and their speakers (`quote_finder`),
//! the suggestions built from both (`suggestions`), and agreement between analysts
//! (`agreement`). Each reads; only the analyst's accept turns a result into stored data.

pub mod agreement;
pub mod figure_parser;
pub mod quote_finder;
pub mod suggestions;
