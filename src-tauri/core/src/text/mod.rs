//! The article text and positions in it: code-point offsets and their conversions (`offsets`),
//! finding a span again when the text moved (`anchoring`), and the character-level scanning the
//! figure parser and the quote finder share (`scan`). Nothing here touches the database.

pub mod anchoring;
pub mod offsets;
pub(crate) mod scan;
