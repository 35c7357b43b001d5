//! Access on the server is PostgreSQL's own: a project is invisible to non-members, analysts can
//! only call the sync functions, and authorship is the server's, whatever a client sends.

use claimdesk_core::error::ServerProblem;
use claimdesk_core::team::server::admin;
use claimdesk_core::team::sync::remote::{PgRemote, PushOp, TeamRemote};
use claimdesk_core::Error;
use serde_json::json;
use uuid::Uuid;

use super::{password, Analyst, Team, PROJECT};
use crate::support::{paste, span_of, CLAIM, MIXED_TEXT_CRLF};

fn problem(err: Error) -> ServerProblem {
    match err {
        Error::TeamServer { problem, .. } => problem,
        other => panic!("expected a team-server error, got {other:?}"),
    }
}

#[test]
fn a_non_member_can_neither_join_read_nor_write_a_project() {
    let team = Team::new("access");
    let mut ana = Analyst::new(&team, "Ana");
    paste(&mut ana.store, MIXED_TEXT_CRLF);
    let project = Uuid::parse_str(&ana.join(&team).link.project_id).unwrap();
    ana.sync();

    let eve = team.role("Eve");
    admin::add_analyst(&mut team.admin(), &eve, "Eve", &password(&eve), None).unwrap();
    let mut remote = team.remote(&eve);
    let err = remote
        .join_project(PROJECT, &Uuid::now_v7().to_string(), "Eve")
        .unwrap_err();
    assert_eq!(problem(err), ServerProblem::AccessDenied);
    let err = remote.pull(project, Uuid::now_v7(), 0, 100).unwrap_err();
    assert_eq!(problem(err), ServerProblem::AccessDenied);
    let op = PushOp {
        op_id: Uuid::now_v7(),
        entity: "setting".into(),
        id: "verdict_scale".into(),
        base: 0,
        changed: json!(["*"]),
        fields: json!({"key": "verdict_scale", "value": "[\"pwned\"]"})
            .as_object()
            .unwrap()
            .clone(),
    };
    let err = remote.push(project, Uuid::now_v7(), &[op]).unwrap_err();
    assert_eq!(problem(err), ServerProblem::AccessDenied);

    // No table is reachable directly, members' or not; only the API functions are granted.
    let mut client = team.address(&eve).connect(None).unwrap();
    for sql in [
        "SELECT count(*) FROM cd.row",
        "INSERT INTO cd.project_member VALUES (gen_random_uuid(), 1)",
        "UPDATE cd.project SET removed_at = now()",
        "SELECT cd.my_projects()",
    ] {
        let err = client.batch_execute(sql).unwrap_err();
        assert_eq!(
            err.code(),
            Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
            "{sql}: {err}"
        );
    }
    let granted = team.psql(&format!(
        "SELECT string_agg(p.proname, ',' ORDER BY p.proname) FROM pg_proc p
         WHERE p.pronamespace = 'cd'::regnamespace
           AND has_function_privilege('{eve}', p.oid, 'EXECUTE')"
    ));
    assert_eq!(granted, "join_project,pull,pull_remaining,push,server_info");
}

#[test]
fn the_server_stamps_the_author_whatever_the_client_sends() {
    let team = Team::new("author");
    let mut ana = Analyst::new(&team, "Ana");
    let mut ben = Analyst::new(&team, "Ben");
    ana.join(&team);
    ben.join(&team);
    let article = paste(&mut ana.store, MIXED_TEXT_CRLF);
    ana.sync();
    ben.sync();

    // Ben's file writes an annotation in Ana's name: the server says it is Ben's.
    let forged = ben
        .store
        .create_annotation(&ana.id, span_of(&article, CLAIM, "274 000 dollars"))
        .unwrap();
    assert_eq!(forged.annotator_id, ana.id);
    ben.sync();
    let on_server = team.psql(&format!(
        "SELECT fields->>'annotator_id' || ' ' || author FROM cd.row
         WHERE entity = 'annotation' AND id = '{}'",
        forged.id
    ));
    assert_eq!(on_server, format!("{} {}", ben.id, ben.role));
    assert_eq!(
        ben.store.get_annotation(&forged.id).unwrap().annotator_id,
        ben.id
    );
    ana.sync();
    assert_eq!(
        ana.store.get_annotation(&forged.id).unwrap().annotator_id,
        ben.id
    );
    let history_sender = team.psql(&format!(
        "SELECT DISTINCT author FROM cd.row
         WHERE entity = 'history' AND fields->>'entity_id' = '{}'",
        forged.id
    ));
    assert_eq!(history_sender, ben.role, "the event's row says who sent it");
}

#[test]
fn revoked_access_a_removed_project_and_a_wrong_password_say_so_and_keep_local_work() {
    let team = Team::new("revoke");
    let mut ana = Analyst::new(&team, "Ana");
    ana.join(&team);
    ana.sync();
    paste(&mut ana.store, MIXED_TEXT_CRLF);
    admin::revoke(&mut team.admin(), PROJECT, &ana.role).unwrap();
    let err = ana.try_sync().unwrap_err();
    assert!(err.to_string().contains("no longer"), "{err}");
    assert_eq!(problem(err), ServerProblem::AccessDenied);
    assert!(
        ana.store.pending_op_count().unwrap() > 0,
        "the local change waits"
    );
    assert_eq!(ana.store.list_articles().unwrap().len(), 1);

    admin::grant(&mut team.admin(), PROJECT, &ana.role).unwrap();
    assert_eq!(
        ana.try_sync().unwrap().pending,
        0,
        "granted again, it syncs"
    );
    admin::remove_project(&mut team.admin(), PROJECT).unwrap();
    let err = ana.try_sync().unwrap_err();
    assert_eq!(problem(err), ServerProblem::ProjectRemoved);

    let wrong = team
        .address(&ana.role)
        .connect(Some("not the password"))
        .map(drop)
        .unwrap_err();
    assert_eq!(problem(wrong), ServerProblem::WrongPassword);
}

#[test]
fn a_server_with_a_newer_schema_is_refused_before_anything_is_sent() {
    let team = Team::new("newer");
    let mut ana = Analyst::new(&team, "Ana");
    ana.join(&team);
    paste(&mut ana.store, MIXED_TEXT_CRLF);
    let pending = ana.store.pending_op_count().unwrap();
    team.psql("INSERT INTO cd.schema_version VALUES (99)");
    let err = ana.try_sync().unwrap_err();
    assert!(err.to_string().contains("update Claimdesk"), "{err}");
    assert_eq!(problem(err), ServerProblem::NewerSchema);
    assert_eq!(ana.store.pending_op_count().unwrap(), pending);
    let err = admin::init(&mut team.admin()).unwrap_err();
    assert_eq!(problem(err), ServerProblem::NewerSchema);
}

#[test]
fn team_init_on_a_set_up_database_changes_nothing() {
    let team = Team::new("reinit");
    let report = admin::init(&mut team.admin()).unwrap();
    assert_eq!(report.from_version, report.to_version);
    let remote: Result<PgRemote, _> = PgRemote::connect(&team.address("nobody_here"), None);
    assert!(remote.is_err());
}
