//! Work that comes from teammates: merging their database files into this one (`merge`).
//! Review of the merged work reads and writes through `db::queries` (review, conflicts).

pub mod merge;
