//! The Claimdesk desktop app's entry point.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(err) = claimdesk_app::run() {
        eprintln!("Claimdesk could not start: {err}");
        std::process::exit(1);
    }
}
