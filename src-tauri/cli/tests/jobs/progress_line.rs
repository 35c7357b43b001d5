//! The progress line: drawn on a terminal for import, merge, export and annotation import;
//! never drawn on a pipe or a file, nor with `--json`, so scripts read only the summary.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::terminal::Terminal;
use crate::{annotated_database, cli, command, folder_of_articles, text};

/// The four jobs on prepared files, each with the words its progress line shows.
struct Jobs {
    _dir: tempfile::TempDir,
    folder: String,
    source: PathBuf,
    doccano: String,
    scratch: PathBuf,
}

impl Jobs {
    fn new() -> Jobs {
        let dir = tempfile::tempdir().unwrap();
        let folder = folder_of_articles(dir.path(), 30);
        let source = dir.path().join("alice.sqlite");
        annotated_database(&source, 20, 5);
        let doccano = dir.path().join("spans.jsonl");
        let lines: String = (0..20)
            .map(|n| {
                format!("{{\"text\": \"Claim {n} is false.\", \"label\": [[0, 7, \"claim\"]]}}\n")
            })
            .collect();
        std::fs::write(&doccano, lines).unwrap();
        let scratch = dir.path().join("scratch");
        std::fs::create_dir(&scratch).unwrap();
        Jobs {
            folder: folder.to_str().unwrap().to_owned(),
            source,
            doccano: doccano.to_str().unwrap().to_owned(),
            scratch,
            _dir: dir,
        }
    }

    /// Each job as a command on fresh targets named after `round`, and the words its line shows.
    fn commands(&self, round: &str, json: bool) -> Vec<(Command, [&'static str; 2])> {
        let fresh = |name: &str| self.scratch.join(format!("{round}-{name}"));
        let json: &[&str] = if json { &["--json"] } else { &[] };
        let with = |db: &Path, args: &[&str]| {
            let mut command = command(db, json);
            command.args(args);
            command
        };
        let into = fresh("team.sqlite");
        let export = fresh("claims.csv");
        vec![
            (
                with(&fresh("import.sqlite"), &["import", &self.folder]),
                ["Importing", "files"],
            ),
            (
                with(
                    &fresh("unused.sqlite"),
                    &[
                        "merge",
                        self.source.to_str().unwrap(),
                        "--into",
                        into.to_str().unwrap(),
                    ],
                ),
                ["Merging alice.sqlite", "articles"],
            ),
            (
                with(
                    &self.source,
                    &["export", "--format", "csv", "-o", export.to_str().unwrap()],
                ),
                ["Exporting", "annotations"],
            ),
            (
                with(
                    &fresh("spans.sqlite"),
                    &["import-annotations", "--format", "doccano", &self.doccano],
                ),
                ["Importing annotations", "documents"],
            ),
        ]
    }
}

#[test]
fn the_progress_line_is_drawn_on_a_terminal_for_every_job() {
    let jobs = Jobs::new();
    for (command, words) in jobs.commands("terminal", false) {
        let shown = format!("{command:?}");
        let (out, drawn) = Terminal::open().run(command);
        assert!(out.status.success(), "{shown}: {drawn}");
        assert!(
            words.iter().all(|w| drawn.contains(w)),
            "{shown}: no progress line with {words:?} on the terminal: {drawn:?}"
        );
    }
}

#[test]
fn with_json_nothing_is_drawn_even_on_a_terminal() {
    let jobs = Jobs::new();
    for (command, _) in jobs.commands("json", true) {
        let shown = format!("{command:?}");
        let (out, drawn) = Terminal::open().run(command);
        assert!(out.status.success(), "{shown}: {drawn}");
        assert_eq!(drawn, "", "{shown}: --json drew on the terminal");
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .unwrap_or_else(|err| panic!("{shown}: the summary is not JSON: {err}"));
    }
}

#[test]
fn on_a_pipe_standard_error_carries_no_progress() {
    let jobs = Jobs::new();
    for (mut command, _) in jobs.commands("pipe", false) {
        let shown = format!("{command:?}");
        let out = command.output().unwrap();
        assert!(out.status.success(), "{shown}: {}", text(&out.stderr));
        assert_eq!(text(&out.stderr), "", "{shown}: progress on a pipe");
        assert!(!out.stdout.is_empty(), "{shown}: the summary is printed");
    }
}

#[test]
fn an_export_to_standard_output_draws_no_line_even_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("claims.sqlite");
    annotated_database(&db, 3, 2);
    let (out, drawn) = Terminal::open().run(command(
        &db,
        &["export", "--format", "csv", "--profile", "raw", "-o", "-"],
    ));
    assert!(out.status.success(), "{drawn}");
    assert_eq!(drawn, "", "the line would mix with the exported data");
    assert_eq!(
        text(&out.stdout).matches(",claim,").count(),
        6,
        "the six claims"
    );
    // The same file, checked by the CLI, is untouched by all this.
    assert!(cli(&db, &["check"]).status.success());
}
