//! Merging teammates' files: provenance, idempotence, newer versions, conflicts and their
//! resolution, sources from an older version, and the summary.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use claimdesk_core::db::queries::conflicts::ConflictResolution;
use claimdesk_core::db::queries::review::ReviewQuery;
use claimdesk_core::model::ids::AnnotatorId;
use claimdesk_core::model::{AnnotationPatch, Article, Attributes, NewLabel};
use claimdesk_core::team::merge::MergeProgress;
use claimdesk_core::team::merge::{merge_files, MergeFileSummary, MergeSummary};
use claimdesk_core::Store;

use crate::support::*;

const TEXT: &str =
    "Le ministère a dépensé 274 000 dollars 💸 en tweets sponsorisés, selon «Le Monde».";

/// An analyst's own file: the article pasted there, and their annotations.
struct Analyst {
    path: PathBuf,
    store: Store,
    me: AnnotatorId,
    article: Article,
}

fn analyst_file(dir: &Path, name: &str) -> Analyst {
    let path = dir.join(format!("{}.sqlite", name.to_lowercase()));
    let mut store = Store::open(&path).unwrap();
    let me = store.ensure_annotator(name).unwrap().id;
    let article = paste(&mut store, TEXT);
    Analyst {
        path,
        store,
        me,
        article,
    }
}

fn merge(team: &mut Store, files: &[&Path]) -> MergeSummary {
    let paths: Vec<PathBuf> = files.iter().map(|p| p.to_path_buf()).collect();
    merge_files(team, &paths, &mut |_: &MergeProgress| {
        ControlFlow::Continue(())
    })
    .unwrap()
}

fn only(summary: &MergeSummary) -> &MergeFileSummary {
    assert_eq!(summary.files.len(), 1);
    &summary.files[0]
}

/// Rows in every table a merge writes to.
fn counts(store: &Store) -> Vec<i64> {
    let conn = rusqlite::Connection::open(store.path().unwrap()).unwrap();
    [
        "articles",
        "annotations",
        "labels",
        "annotators",
        "history",
        "review_decisions",
        "annotation_origins",
        "merge_conflicts",
    ]
    .iter()
    .map(|t| {
        conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    })
    .collect()
}

#[test]
fn two_analysts_files_merge_onto_one_article_with_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let mut alice = analyst_file(dir.path(), "Alice");
    let mut boris = analyst_file(dir.path(), "Boris");
    assert_ne!(alice.article.id, boris.article.id, "pasted separately");
    for a in [&mut alice, &mut boris] {
        a.store
            .create_label(NewLabel {
                name: "Propaganda".into(),
                color: "#aa3355".into(),
                hotkey: Some("p".into()),
            })
            .unwrap();
    }
    let a1 = alice
        .store
        .create_annotation(&alice.me, span_of(&alice.article, CLAIM, "274 000 dollars"))
        .unwrap();
    alice
        .store
        .create_annotation(&alice.me, span_of(&alice.article, QUOTE, "Le Monde"))
        .unwrap();
    let b1 = boris
        .store
        .create_annotation(
            &boris.me,
            span_of(&boris.article, CLAIM, "dépensé 274 000 dollars"),
        )
        .unwrap();

    let mut team = Store::open(&dir.path().join("team.sqlite")).unwrap();
    let summary = merge(&mut team, &[&alice.path, &boris.path]);
    let (a, b) = (&summary.files[0], &summary.files[1]);
    assert_eq!(
        (a.file.as_str(), b.file.as_str()),
        ("alice.sqlite", "boris.sqlite")
    );
    assert_eq!(
        (a.articles_added, a.annotations_added, a.labels_added),
        (1, 2, 1)
    );
    assert_eq!(
        (b.articles_added, b.articles_matched, b.annotations_added),
        (0, 1, 1)
    );
    assert_eq!(
        b.labels_added, 0,
        "Boris's Propaganda matches Alice's by name"
    );
    assert_eq!((a.conflicts_new, b.conflicts_new), (0, 0));
    assert!(a.history_added >= 3 && a.skipped.is_empty(), "{a:?}");

    let articles = team.list_articles().unwrap();
    assert_eq!(articles.len(), 1);
    assert_eq!(
        articles[0].id, alice.article.id,
        "the first file's article is kept"
    );
    assert_eq!(team.list_annotations(&articles[0].id).unwrap().len(), 3);
    let propaganda = team
        .list_labels()
        .unwrap()
        .into_iter()
        .filter(|l| l.name == "Propaganda")
        .count();
    assert_eq!(propaganda, 1);

    let sheet = team
        .review_sheet(&articles[0].id, &ReviewQuery::default())
        .unwrap();
    let names: Vec<&str> = sheet.iter().map(|c| c.analyst.name.as_str()).collect();
    assert_eq!(names, ["Alice", "Boris"]);
    let alices = &sheet[0].items;
    assert!(alices
        .iter()
        .all(|i| i.source_file.as_deref() == Some("alice.sqlite")));
    assert!(alices.iter().any(|i| i.annotation.id == a1.id));
    let boris_item = &sheet[1].items[0];
    assert_eq!(boris_item.annotation.id, b1.id);
    assert_eq!(
        boris_item.annotation.article_id, alice.article.id,
        "moved onto the matched article"
    );
    assert_eq!(boris_item.source_file.as_deref(), Some("boris.sqlite"));
    // The history came along, with ids mapped to this file's.
    let events = team.list_history(b1.id.as_str()).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].after.as_ref().unwrap()["article_id"],
        alice.article.id.as_str()
    );
}

#[test]
fn merging_the_same_file_twice_changes_nothing_and_leaves_the_source_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mut alice = analyst_file(dir.path(), "Alice");
    let a1 = alice
        .store
        .create_annotation(&alice.me, span_of(&alice.article, CLAIM, "274 000 dollars"))
        .unwrap();
    alice.store.delete_annotation(&alice.me, &a1.id).unwrap();
    alice
        .store
        .create_annotation(&alice.me, span_of(&alice.article, QUOTE, "Le Monde"))
        .unwrap();
    drop(alice.store);
    let source_before = std::fs::read(&alice.path).unwrap();
    let mut team = Store::open(&dir.path().join("team.sqlite")).unwrap();
    let first = merge(&mut team, &[&alice.path]);
    assert_eq!(
        only(&first).annotations_added,
        2,
        "the tombstone travels too"
    );
    let after_first = counts(&team);
    let second = merge(&mut team, &[&alice.path, &alice.path]);
    for file in &second.files {
        assert_eq!(
            (
                file.articles_added,
                file.annotations_added,
                file.annotations_updated
            ),
            (0, 0, 0)
        );
        assert_eq!((file.annotations_unchanged, file.conflicts_new), (2, 0));
        assert_eq!(
            (
                file.history_added,
                file.decisions_added,
                file.analysts_added
            ),
            (0, 0, 0)
        );
    }
    assert_eq!(counts(&team), after_first);
    assert_eq!(std::fs::read(&alice.path).unwrap(), source_before);
}

#[test]
fn a_newer_version_replaces_the_older_either_way_without_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let mut alice = analyst_file(dir.path(), "Alice");
    let a1 = alice
        .store
        .create_annotation(&alice.me, span_of(&alice.article, CLAIM, "274 000 dollars"))
        .unwrap();
    let mut team = Store::open(&dir.path().join("team.sqlite")).unwrap();
    merge(&mut team, &[&alice.path]);
    // Alice goes on working in her file: her version is newer.
    let note = |text: &str| AnnotationPatch {
        attributes: Some(Attributes {
            note: text.into(),
            ..Attributes::default()
        }),
        ..AnnotationPatch::default()
    };
    alice
        .store
        .update_annotation(&alice.me, &a1.id, note("checked twice"))
        .unwrap();
    let summary = merge(&mut team, &[&alice.path]);
    assert_eq!(
        (
            only(&summary).annotations_updated,
            only(&summary).conflicts_new
        ),
        (1, 0)
    );
    assert_eq!(
        team.get_annotation(&a1.id).unwrap().attributes.note,
        "checked twice"
    );
    // Now the team edits it and Alice does not: the team's version is newer and stays.
    let me = team.ensure_annotator("Alice").unwrap().id;
    assert_eq!(me, alice.me, "the same analyst, matched by id");
    team.update_annotation(&me, &a1.id, note("team wording"))
        .unwrap();
    let summary = merge(&mut team, &[&alice.path]);
    assert_eq!(
        (
            only(&summary).annotations_unchanged,
            only(&summary).conflicts_new
        ),
        (1, 0)
    );
    assert_eq!(
        team.get_annotation(&a1.id).unwrap().attributes.note,
        "team wording"
    );
    // A deletion in Alice's file is a newer version too.
    alice.store.delete_annotation(&alice.me, &a1.id).unwrap();
    let summary = merge(&mut team, &[&alice.path]);
    assert_eq!(
        only(&summary).conflicts_new,
        1,
        "deleted there, edited here: a conflict"
    );
}

#[test]
fn two_different_edits_become_a_conflict_that_a_reviewer_settles() {
    let dir = tempfile::tempdir().unwrap();
    let mut alice = analyst_file(dir.path(), "Alice");
    let a1 = alice
        .store
        .create_annotation(&alice.me, span_of(&alice.article, CLAIM, "274 000 dollars"))
        .unwrap();
    let mut team = Store::open(&dir.path().join("team.sqlite")).unwrap();
    merge(&mut team, &[&alice.path]);
    let reviewer = team.ensure_annotator("Rita").unwrap().id;
    team.update_annotation(
        &reviewer,
        &a1.id,
        AnnotationPatch {
            span: Some((a1.start, a1.end - 8)),
            ..AnnotationPatch::default()
        },
    )
    .unwrap();
    alice
        .store
        .update_annotation(
            &alice.me,
            &a1.id,
            AnnotationPatch {
                label_id: Some(FIGURE.into()),
                ..AnnotationPatch::default()
            },
        )
        .unwrap();

    let summary = merge(&mut team, &[&alice.path]);
    assert_eq!(
        (
            only(&summary).conflicts_new,
            only(&summary).annotations_updated
        ),
        (1, 0)
    );
    let ours = team.get_annotation(&a1.id).unwrap();
    assert_eq!(ours.end, a1.end - 8, "never a silent overwrite");
    assert_eq!(ours.label_id.as_str(), CLAIM);
    let again = merge(&mut team, &[&alice.path]);
    assert_eq!(
        (only(&again).conflicts_new, only(&again).conflicts_known),
        (0, 1)
    );

    let conflicts = team.list_conflicts(true, Some(&alice.article.id)).unwrap();
    assert_eq!(conflicts.len(), 1);
    let conflict = &conflicts[0];
    assert_eq!(conflict.source_file, "alice.sqlite");
    assert_eq!(conflict.theirs.annotation.label_id.as_str(), FIGURE);
    assert_eq!(conflict.ours.end, a1.end - 8);
    let sheet = team
        .review_sheet(&alice.article.id, &ReviewQuery::default())
        .unwrap();
    assert_eq!(sheet[0].items[0].open_conflicts, 1);

    let settled = team
        .resolve_conflict(&reviewer, &conflict.id, ConflictResolution::TookTheirs)
        .unwrap();
    assert_eq!(settled.resolution, Some(ConflictResolution::TookTheirs));
    assert_eq!(settled.resolver_id.as_ref(), Some(&reviewer));
    assert!(settled.resolved_at.is_some());
    let now = team.get_annotation(&a1.id).unwrap();
    assert_eq!((now.label_id.as_str(), now.end), (FIGURE, a1.end));
    assert!(team.list_conflicts(true, None).unwrap().is_empty());
    assert!(team
        .resolve_conflict(&reviewer, &conflict.id, ConflictResolution::KeptOurs)
        .is_err());
    let last = team.list_history(a1.id.as_str()).unwrap().pop().unwrap();
    assert_eq!(last.actor_id.as_ref(), Some(&reviewer));
    let settled_again = merge(&mut team, &[&alice.path]);
    assert_eq!(
        (
            only(&settled_again).conflicts_new,
            only(&settled_again).annotations_unchanged
        ),
        (0, 1)
    );
}

#[test]
fn a_file_from_an_older_version_is_read_through_a_migrated_copy() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.sqlite");
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        for sql in [
            include_str!("../../migrations/0001_init.sql"),
            include_str!("../../migrations/0002_search.sql"),
            include_str!("../../migrations/0003_live_annotation_indexes.sql"),
            include_str!("../../migrations/0004_article_sources.sql"),
            include_str!("../../migrations/0005_dismissed_suggestions.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        let sha = claimdesk_core::db::queries::articles::text_sha256(TEXT);
        conn.execute(
            "INSERT INTO articles (id, title, captured_at, source_kind, original_bytes, text,
                                   text_sha256, char_count)
             VALUES ('0190f000-0000-7000-8000-000000000001', 'Old', '2026-01-02T00:00:00.000Z',
                     'paste', x'', ?1, ?2, ?3)",
            rusqlite::params![TEXT, sha, TEXT.chars().count() as i64],
        )
        .unwrap();
        conn.execute_batch(&format!(
            "PRAGMA user_version = 5; PRAGMA application_id = {};",
            claimdesk_core::db::migrations::APPLICATION_ID
        ))
        .unwrap();
    }
    let before = std::fs::read(&old).unwrap();
    let mut team = Store::open(&dir.path().join("team.sqlite")).unwrap();
    let summary = merge(&mut team, &[&old]);
    assert_eq!(only(&summary).articles_added, 1);
    assert_eq!(team.list_articles().unwrap()[0].meta.title, "Old");
    assert_eq!(
        std::fs::read(&old).unwrap(),
        before,
        "the old file is not upgraded"
    );
}

#[test]
fn merging_a_file_into_itself_is_refused() {
    let (dir, mut team) = temp_store();
    let path = dir.path().join("test.sqlite");
    let err = merge_files(&mut team, &[path], &mut |_: &MergeProgress| {
        ControlFlow::Continue(())
    })
    .unwrap_err();
    assert!(
        err.to_string().contains("the file being merged into"),
        "{err}"
    );
}
