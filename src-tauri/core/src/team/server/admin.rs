//! Setting up a team server, as its administrator (a PostgreSQL superuser): the schema
//! (`init`), one login role per analyst (`add_analyst`), projects (`add_project`), and who may
//! see which project (`grant`, `revoke`). What analysts themselves call is in the schema's
//! `cd.*` functions, through the sync engine.

use postgres::Client;
use uuid::Uuid;

use crate::error::{Error, Result, ServerProblem};
use crate::team::server::{migrations, server_error};

/// What `init` found and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct InitReport {
    /// The schema version before (0: an empty database).
    pub from_version: i32,
    /// The schema version now.
    pub to_version: i32,
}

/// Create (or bring up to date) the team schema, roles and policies.
pub fn init(client: &mut Client) -> Result<InitReport> {
    let from_version = migrations::migrate(client)?;
    Ok(InitReport {
        from_version,
        to_version: migrations::SERVER_SCHEMA_VERSION,
    })
}

/// A new analyst: a LOGIN role in `cd_analyst` (and in `team`'s group role, created if new),
/// shown as `display_name`. The password's SCRAM verifier is computed here; the password
/// itself never reaches the server.
pub fn add_analyst(
    client: &mut Client,
    role: &str,
    display_name: &str,
    password: &str,
    team: Option<&str>,
) -> Result<()> {
    check_role_name(role)?;
    if password.chars().count() < 8 {
        return Err(Error::invalid(
            "an analyst's password needs at least 8 characters",
        ));
    }
    let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
    let mut tx = client.transaction().map_err(|e| server_error(&e))?;
    let exists: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&role],
        )
        .map_err(|e| server_error(&e))?
        .get(0);
    if exists {
        return Err(Error::invalid(format!(
            "the server already has a role named \"{role}\": choose another analyst name"
        )));
    }
    // CREATE ROLE takes no parameters: the server quotes the name and the verifier itself.
    let create: String = tx
        .query_one(
            "SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE cd_analyst PASSWORD %L', $1::text, $2::text)",
            &[&role, &verifier],
        )
        .map_err(|e| server_error(&e))?
        .get(0);
    tx.batch_execute(&create).map_err(|e| server_error(&e))?;
    tx.execute(
        "INSERT INTO cd.analyst (role, display_name) VALUES ($1, $2)",
        &[&role, &display_name.trim()],
    )
    .map_err(|e| server_error(&e))?;
    if let Some(team) = team {
        check_role_name(team)?;
        let ddl: String = tx
            .query_one(
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) THEN ''
                        ELSE format('CREATE ROLE %I NOLOGIN;', $1::text) END
                        || format('GRANT %I TO %I', $1::text, $2::text)",
                &[&team, &role],
            )
            .map_err(|e| server_error(&e))?
            .get(0);
        tx.batch_execute(&ddl).map_err(|e| server_error(&e))?;
    }
    tx.commit().map_err(|e| server_error(&e))
}

/// A new project; its id.
pub fn add_project(client: &mut Client, name: &str) -> Result<Uuid> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("a project needs a name"));
    }
    let id = Uuid::now_v7();
    client
        .execute(
            "INSERT INTO cd.project (id, name) VALUES ($1, $2)",
            &[&id, &name],
        )
        .map_err(|e| match e.code() {
            Some(code) if *code == postgres::error::SqlState::UNIQUE_VIOLATION => {
                Error::invalid(format!("the server already has a project named \"{name}\""))
            }
            _ => server_error(&e),
        })?;
    Ok(id)
}

/// Let `grantee` (an analyst, or a team whose members are analysts) see and change `project`.
pub fn grant(client: &mut Client, project: &str, grantee: &str) -> Result<()> {
    let id = project_id(client, project)?;
    let oid = role_oid(client, grantee)?;
    client
        .execute(
            "INSERT INTO cd.project_member (project_id, grantee) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&id, &oid],
        )
        .map_err(|e| server_error(&e))?;
    Ok(())
}

/// Take `project` away from `grantee`: their next sync is refused; their local file keeps
/// everything and can still be exported.
pub fn revoke(client: &mut Client, project: &str, grantee: &str) -> Result<()> {
    let id = project_id(client, project)?;
    let oid = role_oid(client, grantee)?;
    client
        .execute(
            "DELETE FROM cd.project_member WHERE project_id = $1 AND grantee = $2",
            &[&id, &oid],
        )
        .map_err(|e| server_error(&e))?;
    Ok(())
}

/// Remove `project` from the server (its data stays, marked removed); members' syncs are
/// refused with a message saying so.
pub fn remove_project(client: &mut Client, project: &str) -> Result<()> {
    let id = project_id(client, project)?;
    client
        .execute(
            "UPDATE cd.project SET removed_at = now() WHERE id = $1",
            &[&id],
        )
        .map_err(|e| server_error(&e))?;
    Ok(())
}

fn project_id(client: &mut Client, name: &str) -> Result<Uuid> {
    client
        .query_opt("SELECT id FROM cd.project WHERE name = $1", &[&name])
        .map_err(|e| server_error(&e))?
        .map(|row| row.get(0))
        .ok_or_else(|| Error::invalid(format!("the server has no project named \"{name}\"")))
}

fn role_oid(client: &mut Client, role: &str) -> Result<postgres::types::Oid> {
    client
        .query_opt("SELECT oid FROM pg_roles WHERE rolname = $1", &[&role])
        .map_err(|e| server_error(&e))?
        .map(|row| row.get(0))
        .ok_or_else(|| {
            Error::server(
                ServerProblem::Other,
                format!("the server has no analyst or team named \"{role}\""),
            )
        })
}

/// Role names: what PostgreSQL allows (63 bytes), without control characters.
fn check_role_name(name: &str) -> Result<()> {
    if name.is_empty() || name.len() > 63 || name.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "\"{name}\" cannot be a name on the server: 1 to 63 bytes, no control characters"
        )));
    }
    if name.starts_with("pg_") || name.starts_with("cd_") {
        return Err(Error::invalid(format!(
            "\"{name}\" is reserved on the server: choose a name not starting with pg_ or cd_"
        )));
    }
    Ok(())
}
