//! `claimdesk-cli team ...` and `sync` against a real PostgreSQL server: a lead sets the server up
//! from the command line, two analysts join with their files and sync; the JSON summaries say
//! what travelled; the password is kept in a 0600 file (no keyring here), never in the database.

#[allow(dead_code)] // this test runs the CLI with its own environment, not `common::cli`
mod common;

use std::path::Path;
use std::process::{Command, Output};

use claimdesk_testkit::{TestCluster, SUPERUSER_PASSWORD};
use serde_json::Value;

/// The CLI with a private configuration folder (where the password file goes).
fn cli(db: &Path, config: &Path, args: &[&str]) -> Command {
    let mut command = common::command(db, args);
    command
        .env("XDG_CONFIG_HOME", config)
        .env("CLAIMDESK_SECRET_STORE", "file")
        .env_remove("PGPASSWORD");
    command
}

fn json(output: Output) -> Value {
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

fn admin(dir: &Path, url: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json", "team"];
    all.extend_from_slice(args);
    all.insert(3, url);
    let output = cli(&dir.join("lead.sqlite"), dir, &all)
        .env("PGPASSWORD", SUPERUSER_PASSWORD)
        .output()
        .unwrap();
    json(output)
}

#[test]
fn a_lead_sets_up_a_server_and_two_analysts_sync_from_the_command_line() {
    let cluster = TestCluster::start_new();
    cluster.create_database("team");
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "postgresql://postgres@127.0.0.1:{}/team?sslmode=disable",
        cluster.port
    );
    assert_eq!(admin(dir.path(), &url, &["init"])["to_version"], 1);
    let added = admin(
        dir.path(),
        &url,
        &["add-analyst", "ana", "--name", "Ana Lopez"],
    );
    let ana_password = added["password"].as_str().unwrap().to_owned();
    assert_eq!(ana_password.len(), 20, "a made-up password is printed once");
    admin(dir.path(), &url, &["add-analyst", "ben", "--team", "desk"]);
    admin(dir.path(), &url, &["add-project", "Elections"]);
    admin(dir.path(), &url, &["grant", "Elections", "ana"]);
    admin(dir.path(), &url, &["grant", "Elections", "desk"]);

    let ana_db = dir.path().join("ana.sqlite");
    let ana_config = dir.path().join("ana-config");
    let article = dir.path().join("article.txt");
    std::fs::write(&article, "RT spent 274,000 dollars on promoted tweets.").unwrap();
    json(
        cli(&ana_db, &ana_config, &["--json", "import"])
            .arg(&article)
            .output()
            .unwrap(),
    );
    let ana_url = format!(
        "postgresql://ana:{ana_password}@127.0.0.1:{}/team?sslmode=disable",
        cluster.port
    );
    let joined = json(
        cli(
            &ana_db,
            &ana_config,
            &[
                "--json",
                "team",
                "join",
                &ana_url,
                "Elections",
                "--as",
                "Ana Lopez",
            ],
        )
        .output()
        .unwrap(),
    );
    assert_eq!(joined["password_kept_in"], "file");
    assert!(joined["report"]["queued"].as_u64().unwrap() >= 4);
    assert!(!joined["report"]["link"]["server"]
        .as_str()
        .unwrap()
        .contains(&ana_password));
    let synced = json(
        cli(&ana_db, &ana_config, &["--json", "sync"])
            .output()
            .unwrap(),
    );
    assert_eq!(synced["report"]["pending"], 0);
    assert_eq!(synced["report"]["pushed"], joined["report"]["queued"]);

    // The password went to a file only its owner reads, and nowhere into the database file.
    let files: Vec<_> = walk(&ana_config);
    assert_eq!(files.len(), 1, "{files:?}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    for f in std::fs::read_dir(dir.path()).unwrap().flatten() {
        if f.file_name().to_string_lossy().starts_with("ana.sqlite") {
            let bytes = std::fs::read(f.path()).unwrap();
            assert!(
                !bytes
                    .windows(ana_password.len())
                    .any(|w| w == ana_password.as_bytes()),
                "{:?}",
                f.path()
            );
        }
    }

    let ben_db = dir.path().join("ben.sqlite");
    let ben_config = dir.path().join("ben-config");
    let ben_url = format!(
        "postgresql://ben@127.0.0.1:{}/team?sslmode=disable",
        cluster.port
    );
    let mut join = cli(
        &ben_db,
        &ben_config,
        &[
            "--json",
            "team",
            "join",
            &ben_url,
            "Elections",
            "--as",
            "Ben",
            "--password-stdin",
        ],
    );
    join.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = join.spawn().unwrap();
    let wrong = "not Ben's password\n";
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), wrong.as_bytes()).unwrap();
    let refused = child.wait_with_output().unwrap();
    assert!(!refused.status.success());
    let said: Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert!(
        said["error"].as_str().unwrap().contains("password"),
        "{said}"
    );

    let ben_password = "bens-own-password";
    // The lead sets Ben's password to a known one through psql, as an administrator would.
    cluster.psql("team", &format!("ALTER ROLE ben PASSWORD '{ben_password}'"));
    let ben_url = format!(
        "postgresql://ben:{ben_password}@127.0.0.1:{}/team?sslmode=disable",
        cluster.port
    );
    json(
        cli(
            &ben_db,
            &ben_config,
            &[
                "--json",
                "team",
                "join",
                &ben_url,
                "Elections",
                "--as",
                "Ben",
            ],
        )
        .output()
        .unwrap(),
    );
    let synced = json(
        cli(&ben_db, &ben_config, &["--json", "sync"])
            .output()
            .unwrap(),
    );
    assert!(
        synced["report"]["pulled"].as_u64().unwrap() >= 3,
        "{synced}"
    );
    let listed = json(
        cli(&ben_db, &ben_config, &["--json", "list"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "Ana's article reached Ben's file"
    );

    // Access taken away: the sync says so, the file keeps its article.
    admin(dir.path(), &url, &["revoke", "Elections", "desk"]);
    let refused = cli(&ben_db, &ben_config, &["sync"]).output().unwrap();
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("no longer") && message.contains("exported"),
        "{message}"
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
