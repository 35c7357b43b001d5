//! `claimdesk-cli team ...` and `sync`: setting up a team server (as its administrator) and
//! syncing a file with a project on it. The administrator's URL carries their password or
//! takes it from `PGPASSWORD`, as PostgreSQL's own tools do. An analyst's password is asked
//! once, at `team join` (in the URL, `--password-stdin` or `PGPASSWORD`), and kept in the
//! system keyring or a file only they can read; `sync` finds it there.

use std::io::{BufRead, Read};
use std::path::Path;
use std::process::ExitCode;

use claimdesk_core::team::credentials::Credentials;
use claimdesk_core::team::server::{admin, ServerAddress};
use claimdesk_core::team::sync::for_file::{join_file, sync_file};
use claimdesk_core::team::sync::SyncProgress;
use claimdesk_core::{Error, Store};
use clap::{Args, Subcommand};

use crate::cancel::{ctrl_c_token, job_status};
use crate::print_json;
use crate::progress::{LineLayout, ProgressLine};

/// `team <command>`
#[derive(Args)]
pub struct TeamArgs {
    #[command(subcommand)]
    command: TeamCommand,
}

#[derive(Subcommand)]
enum TeamCommand {
    /// Create the team schema, roles and access rules on an empty PostgreSQL database (as its
    /// administrator: postgresql://postgres@HOST/DATABASE); run again after an update
    Init { url: String },
    /// Add an analyst: a login on the server; prints a new password unless --password-stdin
    AddAnalyst(Box<AddAnalystArgs>),
    /// Add a project
    AddProject { url: String, name: String },
    /// Let an analyst (or a team) see and change a project
    Grant {
        url: String,
        project: String,
        analyst: String,
    },
    /// Take a project away from an analyst (or a team); their local work stays theirs
    Revoke {
        url: String,
        project: String,
        analyst: String,
    },
    /// Remove a project from the server; members' syncs stop with a message saying so
    RemoveProject { url: String, name: String },
    /// Connect this database file to a project, as the analyst the URL names
    /// (postgresql://ANALYST@HOST/DATABASE); everything already in the file is sent at the next sync
    Join(Box<JoinArgs>),
}

/// `team add-analyst URL NAME [--name "Shown Name"] [--team TEAM] [--password-stdin]`
#[derive(Args)]
pub struct AddAnalystArgs {
    url: String,
    /// The analyst's login name on the server
    role: String,
    /// The name teammates see [default: the login name]
    #[arg(long)]
    name: Option<String>,
    /// Also put the analyst in this team (a group role, created if new)
    #[arg(long)]
    team: Option<String>,
    /// Read the new password from standard input instead of making one up
    #[arg(long)]
    password_stdin: bool,
}

/// `team join URL PROJECT --as NAME [--password-stdin]`
#[derive(Args)]
pub struct JoinArgs {
    url: String,
    project: String,
    /// The analyst name this file's work is by (as in the app)
    #[arg(long = "as", value_name = "NAME")]
    analyst: String,
    /// Read the password from standard input
    #[arg(long)]
    password_stdin: bool,
}

/// Run one `team` command.
pub fn run_team(json: bool, db: &Path, args: &TeamArgs) -> claimdesk_core::Result<ExitCode> {
    match &args.command {
        TeamCommand::Init { url } => {
            let report = admin::init(&mut admin_client(url)?)?;
            if json {
                print_json(&report);
            } else if report.from_version == report.to_version {
                println!(
                    "The team schema is already at version {}.",
                    report.to_version
                );
            } else {
                println!("Team schema set up (version {}).", report.to_version);
            }
        }
        TeamCommand::AddAnalyst(a) => add_analyst(json, a)?,
        TeamCommand::AddProject { url, name } => {
            let id = admin::add_project(&mut admin_client(url)?, name)?;
            say(
                json,
                &serde_json::json!({"project": name, "id": id.to_string()}),
                &format!("Project \"{name}\" added."),
            );
        }
        TeamCommand::Grant {
            url,
            project,
            analyst,
        } => {
            admin::grant(&mut admin_client(url)?, project, analyst)?;
            say(
                json,
                &serde_json::json!({"granted": analyst, "project": project}),
                &format!("{analyst} can now sync \"{project}\"."),
            );
        }
        TeamCommand::Revoke {
            url,
            project,
            analyst,
        } => {
            admin::revoke(&mut admin_client(url)?, project, analyst)?;
            say(
                json,
                &serde_json::json!({"revoked": analyst, "project": project}),
                &format!("{analyst} can no longer sync \"{project}\"."),
            );
        }
        TeamCommand::RemoveProject { url, name } => {
            admin::remove_project(&mut admin_client(url)?, name)?;
            say(
                json,
                &serde_json::json!({"removed": name}),
                &format!("Project \"{name}\" removed."),
            );
        }
        TeamCommand::Join(j) => join(json, db, j)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn say(json: bool, value: &serde_json::Value, text: &str) {
    if json {
        print_json(value);
    } else {
        println!("{text}");
    }
}

fn admin_client(url: &str) -> claimdesk_core::Result<postgres::Client> {
    let address = ServerAddress::parse(url)?;
    let password = std::env::var("PGPASSWORD").ok();
    address.connect(password.as_deref())
}

fn add_analyst(json: bool, a: &AddAnalystArgs) -> claimdesk_core::Result<()> {
    let (password, made_up) = if a.password_stdin {
        (read_password_line()?, false)
    } else {
        (new_password()?, true)
    };
    let shown = a.name.clone().unwrap_or_else(|| a.role.clone());
    admin::add_analyst(
        &mut admin_client(&a.url)?,
        &a.role,
        &shown,
        &password,
        a.team.as_deref(),
    )?;
    if json {
        let mut value = serde_json::json!({"analyst": a.role, "name": shown});
        if made_up {
            value["password"] = password.into();
        }
        print_json(&value);
    } else if made_up {
        println!(
            "Analyst {} added. Their password (shown once, stored nowhere): {password}",
            a.role
        );
    } else {
        println!("Analyst {} added.", a.role);
    }
    Ok(())
}

fn join(json: bool, db: &Path, j: &JoinArgs) -> claimdesk_core::Result<()> {
    let address = ServerAddress::parse(&j.url)?;
    let password = match (address.password_in_url(), j.password_stdin) {
        (Some(pw), _) => pw.to_owned(),
        (None, true) => read_password_line()?,
        (None, false) => std::env::var("PGPASSWORD").map_err(|_| {
            Error::invalid(
                "give the analyst's password: in the URL, with --password-stdin, or in PGPASSWORD",
            )
        })?,
    };
    let mut store = Store::open(db)?;
    let analyst = store.ensure_annotator(&j.analyst)?.id;
    let joined = join_file(
        &mut store,
        &j.url,
        &password,
        &j.project,
        &analyst,
        &credentials()?,
    )?;
    if json {
        print_json(&joined);
    } else {
        println!(
            "Joined \"{}\" on {} as {}. {} rows wait for the first sync: run claimdesk-cli sync.",
            j.project, joined.report.link.server, j.analyst, joined.report.queued
        );
    }
    Ok(())
}

/// `sync`: one round, with the progress line; Ctrl-C stops it between batches.
pub fn run_sync(json: bool, db: &Path) -> claimdesk_core::Result<ExitCode> {
    let line = ProgressLine::new(LineLayout::Sync, !json);
    let mut reporter = line.reporter::<SyncProgress>(ctrl_c_token());
    let fallback = std::env::var("PGPASSWORD").ok();
    let mut store = Store::open(db)?;
    let report = sync_file(
        &mut store,
        &credentials()?,
        fallback.as_deref(),
        &mut reporter,
    )?;
    line.clear();
    let status = store.team_status()?;
    if json {
        print_json(&serde_json::json!({"report": report, "status": status}));
    } else {
        println!(
            "Sent {} changes ({} sent before), received {}; {} waiting, {} conflicts to review.",
            report.pushed,
            report.already_applied,
            report.pulled,
            report.pending,
            status.open_conflicts
        );
        if report.parked > 0 {
            println!(
                "{} received rows wait for rows they refer to.",
                report.parked
            );
        }
    }
    Ok(job_status(report.cancelled, true))
}

fn credentials() -> claimdesk_core::Result<Credentials> {
    let folder = dirs::config_dir()
        .ok_or_else(|| Error::invalid("no configuration folder is known on this system"))?;
    Ok(Credentials::new(&folder.join(crate::APP_IDENTIFIER)))
}

fn read_password_line() -> claimdesk_core::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io("cannot read the password from standard input", e))?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        return Err(Error::invalid("the password on standard input is empty"));
    }
    Ok(password)
}

/// 20 characters from the system's random source (about 100 bits).
fn new_password() -> claimdesk_core::Result<String> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 20];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| Error::io("cannot read the system's random source", e))?;
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect())
}
