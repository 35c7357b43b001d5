//! What every CLI test does: run the real binary on a database file, as a user would, with no
//! database named by the environment.

use std::path::Path;
use std::process::{Command, Output};

/// The CLI on `db` with `args`, not yet started.
pub fn command(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimdesk-cli"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CLAIMDESK_DB");
    command
}

/// Run the CLI on `db` with `args` to the end, its output captured.
pub fn cli(db: &Path, args: &[&str]) -> Output {
    command(db, args).output().expect("the CLI runs")
}
