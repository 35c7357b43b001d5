//! The `main` every window bench shares: it opens windows only under `cargo bench` (which passes
//! `--bench`; `cargo test --benches` must not), runs the bench on a tokio runtime, and turns its
//! result into an exit status.

use std::future::Future;
use std::process::ExitCode;

/// What a window bench's `run` returns on failure.
pub type Failure = Box<dyn std::error::Error>;

/// Run `bench` (named `name` in messages; `make_target` is how a person starts it).
pub fn main_of<F>(name: &str, make_target: &str, bench: impl FnOnce() -> F) -> ExitCode
where
    F: Future<Output = Result<(), Failure>>,
{
    if !std::env::args().any(|a| a == "--bench") {
        println!("{name} bench skipped: run it with `{make_target}`");
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("{name} bench: no async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(bench()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{name} bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}
