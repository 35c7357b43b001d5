//! `claimdesk-cli sync` killed with SIGKILL in the middle of a large pull, again and again: after
//! each kill, every row the file's cursor has passed is stored (or parked until its parent
//! arrives), none is half written, and the next sync finishes the work.

#[allow(dead_code)] // this test runs the CLI with its own environment, not `common::cli`
mod common;

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::Path;
use std::time::Duration;

use claimdesk_core::model::ids::LabelId;
use claimdesk_core::model::{ArticleMeta, Attributes, NewAnnotation, PastedArticle};
use claimdesk_core::team::credentials::Credentials;
use claimdesk_core::team::server::{admin, ServerAddress};
use claimdesk_core::team::sync::for_file::{join_file, sync_file};
use claimdesk_core::team::sync::SyncProgress;
use claimdesk_core::Store;
use claimdesk_testkit::TestCluster;

const CLAIM: &str = "00000000-0000-7000-8000-000000000001";

fn go_on(_: &SyncProgress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

fn analyst_url(cluster: &TestCluster, role: &str) -> String {
    format!(
        "postgresql://{role}@127.0.0.1:{}/team?sslmode=disable",
        cluster.port
    )
}

/// Ana's file: 150 articles of 12 claims each, joined and pushed.
fn ana_pushes(cluster: &TestCluster, dir: &Path) {
    let db = dir.join("ana.sqlite");
    let mut store = Store::open(&db).unwrap();
    let me = store.ensure_annotator("Ana").unwrap().id;
    for i in 0..150 {
        let text =
            format!("Article {i}. RT spent 274,000 dollars on promoted tweets, said the report.");
        let meta = ArticleMeta {
            title: format!("Article {i}"),
            ..ArticleMeta::default()
        };
        let article = store
            .create_pasted_article(PastedArticle { text, meta })
            .unwrap();
        for k in 0..12 {
            let new = NewAnnotation {
                article_id: article.id.clone(),
                label_id: LabelId::from(CLAIM),
                start: k,
                end: k + 5,
                attributes: Attributes::default(),
            };
            store.create_annotation(&me, new).unwrap();
        }
    }
    let credentials = Credentials::new(&dir.join("ana-config"));
    join_file(
        &mut store,
        &analyst_url(cluster, "ana"),
        "ana-password",
        "P",
        &me,
        &credentials,
    )
    .unwrap();
    sync_file(&mut store, &credentials, None, &mut go_on).unwrap();
}

/// Every row the server has up to `cursor`, as (entity, id).
fn server_rows_up_to(cluster: &TestCluster, cursor: i64) -> HashSet<(String, String)> {
    let listed = cluster.psql(
        "team",
        &format!("SELECT entity || ' ' || id FROM cd.row WHERE row_version <= {cursor}"),
    );
    listed
        .lines()
        .filter_map(|l| l.split_once(' ').map(|(e, i)| (e.to_owned(), i.to_owned())))
        .collect()
}

fn stored_rows(db: &Path) -> (i64, HashSet<(String, String)>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let cursor = conn
        .query_row("SELECT cursor FROM sync_link", [], |r| r.get(0))
        .unwrap();
    let mut stmt = conn
        .prepare("SELECT entity, entity_id FROM sync_rows UNION SELECT entity, entity_id FROM sync_parked")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    (cursor, rows)
}

#[test]
fn a_sync_killed_mid_pull_never_moves_its_cursor_past_what_it_stored() {
    let cluster = TestCluster::start_new();
    cluster.create_database("team");
    let mut client = ServerAddress::parse(&cluster.superuser_url("team"))
        .unwrap()
        .connect(None)
        .unwrap();
    admin::init(&mut client).unwrap();
    admin::add_project(&mut client, "P").unwrap();
    for role in ["ana", "ben"] {
        admin::add_analyst(&mut client, role, role, &format!("{role}-password"), None).unwrap();
        admin::grant(&mut client, "P", role).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    ana_pushes(&cluster, dir.path());

    let ben_db = dir.path().join("ben.sqlite");
    let ben_config = dir.path().join("ben-config");
    let mut ben_store = Store::open(&ben_db).unwrap();
    let ben = ben_store.ensure_annotator("Ben").unwrap().id;
    let credentials = Credentials::new(&ben_config.join("org.claimdesk.workbench"));
    join_file(
        &mut ben_store,
        &analyst_url(&cluster, "ben"),
        "ben-password",
        "P",
        &ben,
        &credentials,
    )
    .unwrap();
    drop(ben_store);

    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let mut kills = 0;
    for _ in 0..6 {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let mut child = common::command(&ben_db, &["sync"])
            .env("XDG_CONFIG_HOME", &ben_config)
            .env("CLAIMDESK_SECRET_STORE", "file")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(150 + rng % 900));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
        let (cursor, stored) = stored_rows(&ben_db);
        let missing: Vec<_> = server_rows_up_to(&cluster, cursor)
            .difference(&stored)
            .cloned()
            .collect();
        assert!(
            missing.is_empty(),
            "cursor {cursor} passed rows never stored: {:?}",
            &missing[..missing.len().min(5)]
        );
    }
    assert!(kills > 0, "at least one sync was killed while it ran");

    let finished = common::command(&ben_db, &["sync"])
        .env("XDG_CONFIG_HOME", &ben_config)
        .env("CLAIMDESK_SECRET_STORE", "file")
        .output()
        .unwrap();
    assert!(
        finished.status.success(),
        "{}",
        String::from_utf8_lossy(&finished.stderr)
    );
    let store = Store::open(&ben_db).unwrap();
    assert_eq!(store.list_articles().unwrap().len(), 150);
    let annotations: usize = store
        .list_articles()
        .unwrap()
        .iter()
        .map(|a| store.list_annotations(&a.id).unwrap().len())
        .sum();
    assert_eq!(annotations, 150 * 12);
    assert_eq!(store.parked_row_count().unwrap(), 0);
}
