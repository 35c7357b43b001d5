//! What the sync engine needs from a team server, as a small trait ([`TeamRemote`]), and its
//! one real implementation over PostgreSQL ([`PgRemote`]): calls to the `cd.*` functions the
//! server's schema grants to analysts, and nothing else.

use postgres::Client;
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::error::{Error, Result, ServerProblem};
use crate::team::server::migrations::SERVER_SCHEMA_VERSION;
use crate::team::server::{server_error, ServerAddress};

/// Who the server says we are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    /// The team schema's version.
    pub schema_version: i32,
    /// The login role.
    pub role: String,
    /// The analyst id the role writes as, once bound by a join.
    pub annotator_id: Option<String>,
}

/// A project joined: its id, and the analyst id to write as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// The project's id.
    pub project_id: Uuid,
    /// The analyst id the server binds this role to.
    pub annotator_id: String,
}

/// One op as pushed.
#[derive(Debug, Clone, PartialEq)]
pub struct PushOp {
    /// Applied once per id.
    pub op_id: Uuid,
    /// The entity name.
    pub entity: String,
    /// The row's key.
    pub id: String,
    /// The server version the change was based on.
    pub base: i64,
    /// The changed field names (`*` for all).
    pub changed: Json,
    /// The row's fields now.
    pub fields: Map<String, Json>,
}

/// The server's answer for one op.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PushResult {
    /// The op.
    pub op_id: Uuid,
    /// Applied now (`false`: it had been applied before).
    pub applied: bool,
    /// Some of its fields were not applied and became a conflict.
    pub conflict: bool,
}

/// What one pull brought: rows changed by others, and the cursor to go on from (past the rows
/// this device changed last, which it already has).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PullPage {
    /// The rows, oldest change first.
    pub rows: Vec<PulledRow>,
    /// The version the next pull starts after.
    pub next_cursor: i64,
}

/// One row as pulled.
#[derive(Debug, Clone, PartialEq)]
pub struct PulledRow {
    /// The entity name.
    pub entity: String,
    /// The row's key.
    pub id: String,
    /// Its fields (`None` only if the server sent none).
    pub fields: Option<Map<String, Json>>,
    /// The version of its last change.
    pub version: i64,
}

/// A team server as the sync engine sees it. `Send`: a round talks to it from a helper thread
/// while it reads and writes the file (see `halves`).
pub trait TeamRemote: Send {
    /// The schema version and who we are; refuses a server newer than this build.
    fn server_info(&mut self) -> Result<ServerInfo>;
    /// Join the project named `name`, writing as `annotator_id` unless the server already
    /// binds this role to another id.
    fn join_project(
        &mut self,
        name: &str,
        annotator_id: &str,
        display_name: &str,
    ) -> Result<Joined>;
    /// Apply ops, once each, in order.
    fn push(&mut self, project: Uuid, device: Uuid, ops: &[PushOp]) -> Result<Vec<PushResult>>;
    /// Rows changed after `cursor` by other devices, oldest first, from about `limit` versions.
    fn pull(&mut self, project: Uuid, device: Uuid, cursor: i64, limit: i64) -> Result<PullPage>;
    /// How many versions came after `cursor`.
    fn remaining(&mut self, project: Uuid, cursor: i64) -> Result<i64>;
}

/// A PostgreSQL team server, over one connection.
pub struct PgRemote {
    client: Client,
}

impl PgRemote {
    /// Connect as the analyst the address names.
    pub fn connect(address: &ServerAddress, password: Option<&str>) -> Result<PgRemote> {
        Ok(PgRemote {
            client: address.connect(password)?,
        })
    }
}

impl TeamRemote for PgRemote {
    fn server_info(&mut self) -> Result<ServerInfo> {
        let row = self
            .client
            .query_one(
                "SELECT schema_version, role::text, annotator_id FROM cd.server_info()",
                &[],
            )
            .map_err(|e| server_error(&e))?;
        let info = ServerInfo {
            schema_version: row.get(0),
            role: row.get(1),
            annotator_id: row.get(2),
        };
        if info.schema_version > SERVER_SCHEMA_VERSION {
            return Err(Error::server(
                ServerProblem::NewerSchema,
                format!(
                    "the team server's schema is version {}, newer than this Claimdesk knows ({}): \
                     update Claimdesk to sync; your work stays in this file meanwhile",
                    info.schema_version, SERVER_SCHEMA_VERSION
                ),
            ));
        }
        Ok(info)
    }

    fn join_project(
        &mut self,
        name: &str,
        annotator_id: &str,
        display_name: &str,
    ) -> Result<Joined> {
        let row = self
            .client
            .query_one(
                "SELECT project_id, annotator_id FROM cd.join_project($1, $2, $3)",
                &[&name, &annotator_id, &display_name],
            )
            .map_err(|e| server_error(&e))?;
        Ok(Joined {
            project_id: row.get(0),
            annotator_id: row.get(1),
        })
    }

    fn push(&mut self, project: Uuid, device: Uuid, ops: &[PushOp]) -> Result<Vec<PushResult>> {
        let body: Vec<Json> = ops
            .iter()
            .map(|op| {
                serde_json::json!({
                    "op_id": op.op_id.to_string(), "entity": op.entity, "id": op.id, "base": op.base,
                    "changed": op.changed, "fields": op.fields,
                })
            })
            .collect();
        let body = Json::Array(body);
        let rows = self
            .client
            .query(
                "SELECT op_id, applied, conflict FROM cd.push($1, $2, $3)",
                &[&project, &device, &body],
            )
            .map_err(|e| server_error(&e))?;
        Ok(rows
            .iter()
            .map(|r| PushResult {
                op_id: r.get(0),
                applied: r.get(1),
                conflict: r.get(2),
            })
            .collect())
    }

    fn pull(&mut self, project: Uuid, device: Uuid, cursor: i64, limit: i64) -> Result<PullPage> {
        let limit = i32::try_from(limit).unwrap_or(i32::MAX);
        let row = self
            .client
            .query_one(
                "SELECT rows, next_cursor FROM cd.pull($1, $2, $3, $4)",
                &[&project, &device, &cursor, &limit],
            )
            .map_err(|e| server_error(&e))?;
        let rows: Json = row.get(0);
        let Json::Array(items) = rows else {
            return Err(unusable("the team server sent rows that are not a list"));
        };
        Ok(PullPage {
            rows: items.into_iter().map(pulled_row).collect::<Result<_>>()?,
            next_cursor: row.get(1),
        })
    }

    fn remaining(&mut self, project: Uuid, cursor: i64) -> Result<i64> {
        let row = self
            .client
            .query_one(
                "SELECT remaining FROM cd.pull_remaining($1, $2)",
                &[&project, &cursor],
            )
            .map_err(|e| server_error(&e))?;
        Ok(row.get(0))
    }
}

fn unusable(what: &str) -> Error {
    Error::server(ServerProblem::Other, what)
}

/// `{"entity", "id", "fields", "version"}` as the server's `cd.pull` builds it.
fn pulled_row(item: Json) -> Result<PulledRow> {
    let Json::Object(mut item) = item else {
        return Err(unusable("the team server sent a row that is not an object"));
    };
    let text = |v: Option<Json>| match v {
        Some(Json::String(s)) => Ok(s),
        _ => Err(unusable(
            "the team server sent a row without its entity or id",
        )),
    };
    let entity = text(item.remove("entity"))?;
    let id = text(item.remove("id"))?;
    let version = item
        .get("version")
        .and_then(Json::as_i64)
        .ok_or_else(|| unusable("the team server sent a row without its version"))?;
    let fields = match item.remove("fields") {
        Some(Json::Object(map)) => Some(map),
        Some(Json::Null) | None => None,
        Some(_) => {
            return Err(unusable(
                "the team server sent fields that are not an object",
            ))
        }
    };
    Ok(PulledRow {
        entity,
        id,
        fields,
        version,
    })
}
