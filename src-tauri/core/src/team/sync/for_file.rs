//! Joining and syncing a database file as the window and the CLI do it, on a connection of the
//! sync's own (the window keeps one open across rounds, so the file's checks run once, and its
//! own connection stays free for the analyst's keystrokes; SQLite serialises the writes): the
//! server's address comes from the file, the password from the analyst's credential store.

use serde::Serialize;

use crate::db::queries::sync_state::SyncLink;
use crate::db::Store;
use crate::error::{Error, Result, ServerProblem};
use crate::job::Progress;
use crate::model::ids::AnnotatorId;
use crate::team::credentials::{Credentials, SecretPlace};
use crate::team::server::ServerAddress;
use crate::team::sync::remote::PgRemote;
use crate::team::sync::{join, sync_once, JoinReport, SyncProgress, SyncReport};

/// Where a file stands with its team: what the window's header shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct TeamStatus {
    /// The project the file is joined to, if any.
    pub link: Option<SyncLink>,
    /// Local changes waiting to be sent.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub pending: i64,
    /// Conflicts not settled yet.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub open_conflicts: i64,
}

impl Store {
    /// The file's team status.
    pub fn team_status(&self) -> Result<TeamStatus> {
        Ok(TeamStatus {
            link: self.sync_link()?,
            pending: self.pending_op_count()?,
            open_conflicts: self.open_sync_conflict_count()?,
        })
    }
}

/// A join and where the password was kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct Joined {
    /// What the join did.
    pub report: JoinReport,
    /// The keyring, or a file only the analyst can read.
    pub password_kept_in: SecretPlace,
}

/// Join the file `store` has open to `project` on the server at `url` as `analyst`, and keep
/// the password for later syncs.
pub fn join_file(
    store: &mut Store,
    url: &str,
    password: &str,
    project: &str,
    analyst: &AnnotatorId,
    credentials: &Credentials,
) -> Result<Joined> {
    let address = ServerAddress::parse(url)?;
    let password = address.password_in_url().unwrap_or(password).to_owned();
    let mut remote = PgRemote::connect(&address, Some(&password))?;
    let report = join(store, &mut remote, address.as_shown(), project, analyst)?;
    let password_kept_in = credentials.save(&address.credential_key(), &password)?;
    Ok(Joined {
        report,
        password_kept_in,
    })
}

/// One round for the file `store` has open, with the saved password (or `fallback`).
pub fn sync_file(
    store: &mut Store,
    credentials: &Credentials,
    fallback: Option<&str>,
    progress: &mut dyn Progress<SyncProgress>,
) -> Result<SyncReport> {
    let link = store.sync_link()?.ok_or_else(|| {
        Error::server(
            ServerProblem::NotSetUp,
            "this file is not joined to a team project: join one first",
        )
    })?;
    let address = ServerAddress::parse(&link.server)?;
    let password = credentials.load(&address.credential_key())?;
    let password = password.as_deref().or(fallback).ok_or_else(|| {
        Error::server(
            ServerProblem::WrongPassword,
            "no password is saved for this team server: join the project again to give it",
        )
    })?;
    let mut remote = PgRemote::connect(&address, Some(password))?;
    sync_once(store, &mut remote, progress)
}
