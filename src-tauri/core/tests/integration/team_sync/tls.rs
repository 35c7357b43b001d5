//! TLS to the team server: certificates made by a throw-away certificate authority (openssl), a
//! server with TLS on, and pg_hba.conf refusing connections without it. Verification is always
//! on: the right CA connects, another CA is refused, a server without TLS is refused when TLS
//! is required, and a server that requires TLS refuses a client without it, each with a message
//! naming TLS.

use std::path::Path;
use std::process::Command;

use claimdesk_core::error::ServerProblem;
use claimdesk_core::team::server::ServerAddress;
use claimdesk_core::Error;
use claimdesk_testkit::{TestCluster, SUPERUSER_PASSWORD};

fn openssl(dir: &Path, args: &[&str]) {
    let status = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("openssl runs (Debian's openssl package)");
    assert!(status.success(), "openssl {args:?}");
}

/// A CA (`ca.pem`) and a server certificate for localhost and 127.0.0.1 signed by it.
fn make_certificates(dir: &Path, ca_name: &str) {
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            &format!("/CN={ca_name}"),
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ],
    );
    std::fs::write(
        dir.join("san.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n",
    )
    .unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "san.ext",
        ],
    );
}

fn problem(result: claimdesk_core::Result<postgres::Client>) -> ServerProblem {
    match result.map(drop) {
        Err(Error::TeamServer { problem, .. }) => problem,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn url(cluster: &TestCluster, query: &str) -> String {
    format!(
        "postgresql://postgres:{SUPERUSER_PASSWORD}@localhost:{}/postgres?{query}",
        cluster.port
    )
}

#[test]
fn tls_is_verified_and_refusals_name_tls() {
    let certs = tempfile::tempdir().unwrap();
    make_certificates(certs.path(), "Team CA");
    let other = tempfile::tempdir().unwrap();
    make_certificates(other.path(), "Someone else's CA");
    let cluster = TestCluster::start_new_with_tls(|data| {
        for file in ["server.crt", "server.key"] {
            std::fs::copy(certs.path().join(file), data.join(file)).unwrap();
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            data.join("server.key"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        // Loopback TCP only with TLS; the unix socket (the test's psql) stays as it was.
        let hba = "local all all scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\nhostssl all all ::1/128 scram-sha-256\n";
        std::fs::write(data.join("pg_hba.conf"), hba).unwrap();
    });

    let ca = certs.path().join("ca.pem");
    let verified = format!("sslmode=verify-full&sslrootcert={}", ca.display());
    let mut client = ServerAddress::parse(&url(&cluster, &verified))
        .unwrap()
        .connect(None)
        .unwrap();
    let row = client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap();
    assert!(row.get::<_, bool>(0), "the connection is encrypted");

    let wrong_ca = format!(
        "sslmode=require&sslrootcert={}",
        other.path().join("ca.pem").display()
    );
    let refused = ServerAddress::parse(&url(&cluster, &wrong_ca))
        .unwrap()
        .connect(None);
    assert_eq!(
        problem(refused),
        ServerProblem::Tls,
        "a certificate from another CA"
    );

    let plain = ServerAddress::parse(&url(&cluster, "sslmode=disable"))
        .unwrap()
        .connect(None);
    let err = plain.map(drop).unwrap_err();
    assert!(err.to_string().contains("TLS"), "{err}");
    assert!(
        matches!(
            err,
            Error::TeamServer {
                problem: ServerProblem::Tls,
                ..
            }
        ),
        "{err:?}"
    );

    let no_tls = TestCluster::start_new();
    let required = ServerAddress::parse(&url(&no_tls, &verified))
        .unwrap()
        .connect(None);
    assert_eq!(
        problem(required),
        ServerProblem::Tls,
        "a server without TLS"
    );
}
