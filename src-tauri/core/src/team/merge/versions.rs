//! Which of two versions of one annotation is newer. Without a common ancestor on record, a
//! version the other file's history has already been through is the older one: if theirs is in
//! our history, we moved on from it; if ours is in theirs, they did. When neither (or both)
//! holds, both files changed it differently: a conflict for a reviewer, never an overwrite.

use rusqlite::Connection;

use crate::db::queries::history;
use crate::db::Store;
use crate::error::Result;
use crate::model::Annotation;
use crate::team::merge::catalog::IdMaps;

/// Where their version stands against ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    /// We do not have the annotation.
    New,
    /// Both files hold the same version.
    Same,
    /// Ours descends from theirs: keep ours.
    OursIsNewer,
    /// Theirs descends from ours: take theirs.
    TheirsIsNewer,
    /// Both changed it differently.
    Conflict,
}

/// Same label, span, attributes, review state and tombstone; when it was last touched does not
/// count. Two tombstones are the same whatever they held.
pub(crate) fn same_version(a: &Annotation, b: &Annotation) -> bool {
    match (a.deleted, b.deleted) {
        (true, true) => true,
        (false, false) => {
            a.label_id == b.label_id
                && (a.start, a.end) == (b.start, b.end)
                && a.attributes == b.attributes
                && a.review_state == b.review_state
        }
        _ => false,
    }
}

/// Place `theirs` (ids already mapped to ours) against `ours`.
pub(crate) fn place(
    target: &Connection,
    source: &Store,
    ours: Option<&Annotation>,
    theirs: &Annotation,
    maps: &IdMaps,
) -> Result<Placement> {
    let Some(ours) = ours else {
        return Ok(Placement::New);
    };
    if same_version(ours, theirs) {
        return Ok(Placement::Same);
    }
    let theirs_seen_here = history::recorded_versions_raw(target, &theirs.id)?
        .iter()
        .any(|v| same_version(v, theirs));
    let ours_seen_there = history::recorded_versions_raw(&source.conn, &theirs.id)?
        .into_iter()
        .map(|mut v| {
            v.label_id = maps.label(&v.label_id);
            v
        })
        .any(|v| same_version(&v, ours));
    Ok(match (theirs_seen_here, ours_seen_there) {
        (true, false) => Placement::OursIsNewer,
        (false, true) => Placement::TheirsIsNewer,
        _ => Placement::Conflict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::{AnnotationId, AnnotatorId, ArticleId, LabelId};
    use crate::model::{Attributes, ReviewState};

    fn annotation() -> Annotation {
        let at = crate::model::ids::now();
        Annotation {
            id: AnnotationId::new(),
            article_id: ArticleId::new(),
            label_id: LabelId::from("00000000-0000-7000-8000-000000000001"),
            start: 0,
            end: 4,
            exact: "Text".into(),
            prefix: String::new(),
            suffix: String::new(),
            attributes: Attributes::default(),
            annotator_id: AnnotatorId::new(),
            created_at: at,
            updated_at: at,
            review_state: ReviewState::Pending,
            deleted: false,
        }
    }

    #[test]
    fn versions_differ_by_content_not_by_time() {
        let a = annotation();
        let mut b = a.clone();
        b.updated_at += chrono::Duration::seconds(5);
        assert!(same_version(&a, &b));
        b.attributes.note = "checked".into();
        assert!(!same_version(&a, &b));
        let mut c = a.clone();
        c.review_state = ReviewState::Accepted;
        assert!(!same_version(&a, &c));
    }

    #[test]
    fn two_tombstones_are_the_same_and_a_tombstone_is_not_a_live_annotation() {
        let a = annotation();
        let mut dead = a.clone();
        dead.deleted = true;
        let mut dead_edited = dead.clone();
        dead_edited.start = 1;
        assert!(same_version(&dead, &dead_edited));
        assert!(!same_version(&a, &dead));
    }
}
