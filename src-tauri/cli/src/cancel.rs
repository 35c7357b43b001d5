//! Ctrl-C for the CLI's long jobs, as the window's Cancel button: the first Ctrl-C (SIGINT)
//! cancels the job's [`CancelToken`], so the job stops between two units of work (an article, a
//! batch of records); what it finished stays, and a cancelled export leaves its file as it was.
//! The command then prints its summary, which says it was cancelled, and exits with
//! [`EXIT_CANCELLED`].
//!
//! A second Ctrl-C quits at once, with the same status, for a unit that takes too long to wait
//! for (a huge file): the database still holds only whole articles (SQLite rolls the unfinished
//! one back), but an export may leave its temporary `.NAME.*.tmp` file beside the target.
//!
//! The handler is installed once per process, when the first job asks for its token.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::OnceLock;

use claimdesk_core::job::CancelToken;

/// The exit status of a command stopped by Ctrl-C: 128 + SIGINT, as shells report it.
pub const EXIT_CANCELLED: u8 = 130;

/// What `--help` says about Ctrl-C for the commands that run a long job.
pub const CTRL_C_HELP: &str = "Ctrl-C stops the job between two articles or records, as the \
    window's Cancel button does: what was done stays (an export leaves its file as it was), the \
    summary says it was cancelled, and the exit status is 130. A second Ctrl-C quits at once.";

static CTRL_C: OnceLock<CancelToken> = OnceLock::new();

/// The token Ctrl-C cancels; the first call installs the handler.
pub fn ctrl_c_token() -> CancelToken {
    CTRL_C.get_or_init(install_handler).clone()
}

fn install_handler() -> CancelToken {
    let token = CancelToken::new();
    let on_signal = token.clone();
    let installed = ctrlc::set_handler(move || {
        if on_signal.is_cancelled() {
            std::process::exit(i32::from(EXIT_CANCELLED));
        }
        on_signal.cancel();
        // The person who pressed Ctrl-C sees that it was heard; a script reads the summary.
        if std::io::stderr().is_terminal() {
            eprintln!(
                "\nclaimdesk-cli: stopping after the current item; Ctrl-C again quits at once"
            );
        }
    });
    if let Err(err) = installed {
        eprintln!("claimdesk-cli: Ctrl-C will end this command at once ({err})");
    }
    token
}

/// The exit status of a job's command: [`EXIT_CANCELLED`] when it was cancelled, otherwise
/// success or failure as `succeeded` says.
pub fn job_status(cancelled: bool, succeeded: bool) -> ExitCode {
    if cancelled {
        ExitCode::from(EXIT_CANCELLED)
    } else if succeeded {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
