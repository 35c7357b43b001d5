//! Two analysts' windows, each on a file of its own, joined to one project on a real PostgreSQL
//! server (a throw-away cluster started by the test): the join dialog, the header's sync state,
//! a tag made in one window reaching the other, a conflict made on purpose settled in review,
//! and a server that stops: work goes on, the header says offline, and it syncs once back.

use std::path::Path;

use claimdesk_core::model::ids::AnnotationId;
use claimdesk_core::model::{AnnotationPatch, ArticleMeta, Attributes, PastedArticle};
use claimdesk_core::team::server::{admin, ServerAddress};
use claimdesk_core::Store;
use claimdesk_testkit::TestCluster;

use crate::harness::{launch, query_db, wait_text, App, TestHome};

const TEXT: &str =
    "Le ministère a dépensé 274 000 dollars 💸 en tweets sponsorisés, selon «Le Monde».";
const PROJECT: &str = "Elections";

/// The synchronous `postgres` client runs its own runtime: off the test's async thread.
fn set_up_server(cluster: &TestCluster) {
    std::thread::scope(|s| s.spawn(|| set_up_server_now(cluster)).join().unwrap());
}

fn set_up_server_now(cluster: &TestCluster) {
    cluster.create_database("team");
    let mut client = ServerAddress::parse(&cluster.superuser_url("team"))
        .unwrap()
        .connect(None)
        .unwrap();
    admin::init(&mut client).unwrap();
    admin::add_project(&mut client, PROJECT).unwrap();
    for (role, name) in [("ana", "Ana"), ("ben", "Ben")] {
        admin::add_analyst(&mut client, role, name, &format!("{role}-password"), None).unwrap();
        admin::grant(&mut client, PROJECT, role).unwrap();
    }
}

async fn join(app: &mut App, cluster: &TestCluster, role: &str) {
    wait_text(app, "[data-testid=sync-status]", "Join a team").await;
    app.click("[data-testid=sync-status]").await;
    // The address field takes the focus when the dialog opens; type once it has.
    app.wait_until("return document.activeElement?.dataset.testid === 'join-url' || null;")
        .await;
    let url = format!(
        "postgresql://{role}@127.0.0.1:{}/team?sslmode=disable",
        cluster.port
    );
    app.press_in("[data-testid=join-url]", &url).await;
    app.press_in("[data-testid=join-project]", PROJECT).await;
    app.press_in("[data-testid=join-password]", &format!("{role}-password"))
        .await;
    app.click("[data-testid=join-submit]").await;
    app.wait_until("return document.querySelector('[data-testid=join-dialog]') ? null : true;")
        .await;
    app.wait_until("const s = document.querySelector('[data-testid=sync-status]'); return s && !s.textContent.includes('Join a team') ? true : null;").await;
}

/// Sync now, and wait for the header to say the round ended well.
async fn sync(app: &mut App) {
    app.press("\u{e009}\u{e008}S").await;
    app.wait_until("const s = document.querySelector('[data-testid=sync-status]'); return s && s.dataset.tone !== 'busy' && s.textContent.includes('Synced') ? true : null;").await;
}

fn annotation_note(db: &Path) -> String {
    query_db(db, "SELECT note FROM annotations WHERE deleted_at IS NULL")
}

#[tokio::test]
async fn two_windows_share_work_through_the_team_server_and_settle_a_conflict_in_review() {
    let cluster = TestCluster::start_new();
    set_up_server(&cluster);
    let ana_home = TestHome::new().with_analyst("Ana");
    let ben_home = TestHome::new().with_analyst("Ben");
    let mut store = Store::open(&ana_home.db).unwrap();
    let meta = ArticleMeta {
        title: "Dépenses".into(),
        ..ArticleMeta::default()
    };
    store
        .create_pasted_article(PastedArticle {
            text: TEXT.into(),
            meta,
        })
        .unwrap();
    drop(store);

    let mut ana = launch(&ana_home, &ana_home.db).await;
    join(&mut ana, &cluster, "ana").await;
    sync(&mut ana).await;
    let mut ben = launch(&ben_home, &ben_home.db).await;
    join(&mut ben, &cluster, "ben").await;
    sync(&mut ben).await;
    wait_text(&ben, "[data-testid=article-item]", "Dépenses").await;

    // A tag made in Ana's window appears in Ben's after a sync.
    ana.open_first_article().await;
    ana.select_text("274 000 dollars").await;
    ana.press("c").await;
    ana.wait_annotation_rows(1).await;
    sync(&mut ana).await;
    sync(&mut ben).await;
    ben.open_first_article().await;
    ben.wait_annotation_rows(1).await;
    ben.screenshot("team-sync-teammate-tag").await;

    // Both change the same note from the same base: the second becomes a conflict.
    let id: String = query_db(&ana_home.db, "SELECT id FROM annotations");
    let id = AnnotationId(id);
    for (home, name) in [(&ana_home, "Ana"), (&ben_home, "Ben")] {
        let mut store = Store::open(&home.db).unwrap();
        let me = store.ensure_annotator(name).unwrap().id;
        let mut attributes: Attributes = store.get_annotation(&id).unwrap().attributes;
        attributes.note = format!("{name}'s note");
        let patch = AnnotationPatch {
            attributes: Some(attributes),
            ..AnnotationPatch::default()
        };
        store.update_annotation(&me, &id, patch).unwrap();
    }
    sync(&mut ana).await;
    ben.press("\u{e009}\u{e008}S").await;
    wait_text(&ben, "[data-testid=sync-status]", "1 conflict").await;
    assert_eq!(
        annotation_note(&ben_home.db),
        "Ana's note",
        "the server kept the first change"
    );

    ben.press("\u{e009}4").await;
    let kept = wait_text(&ben, "[data-testid=sync-conflict-kept]", "Ana's note").await;
    assert!(kept.contains("note"), "{kept}");
    wait_text(&ben, "[data-testid=sync-conflict]", "Ben").await;
    ben.screenshot("team-sync-conflict-in-review").await;
    ben.click("[data-testid=sync-take]").await;
    ben.wait_until("return document.querySelector('[data-testid=sync-conflict]') ? null : true;")
        .await;
    assert_eq!(annotation_note(&ben_home.db), "Ben's note");
    sync(&mut ben).await;
    sync(&mut ana).await;
    assert_eq!(
        annotation_note(&ana_home.db),
        "Ben's note",
        "the settlement travels"
    );
    let settled: i64 = query_db(
        &ana_home.db,
        "SELECT count(*) FROM sync_conflicts WHERE resolution = 'took_ours'",
    );
    assert_eq!(settled, 1);

    // The server stops: Ana keeps working, the header says offline, and it syncs once back.
    cluster.kill();
    ana.press("\u{e009}\u{e008}S").await;
    wait_text(&ana, "[data-testid=sync-status]", "Offline").await;
    ana.screenshot("team-sync-offline").await;
    cluster.start();
    sync(&mut ana).await;
    let status = ana
        .script(
            "return document.querySelector('[data-testid=sync-status]').textContent",
            vec![],
        )
        .await;
    assert!(
        status.as_str().unwrap_or_default().contains("Synced"),
        "{status}"
    );
    ana.close().await;
    ben.close().await;
}
