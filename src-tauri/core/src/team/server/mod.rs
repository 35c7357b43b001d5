//! The team's PostgreSQL server: where it is (`ServerAddress`, parsed from a libpq-style URL),
//! connecting to it with TLS that always verifies the certificate (rustls), and what its
//! errors mean to an analyst (`server_error`). `admin` sets a server up; the sync engine talks
//! to it through `team::sync::remote`.
//!
//! The synchronous `postgres` client runs its own small runtime: it is used only on a job's own
//! thread, never inside the app's async runtime (where it would panic).

pub mod admin;
pub mod migrations;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use postgres::config::SslMode;
use postgres::error::SqlState;

use crate::error::{Error, Result, ServerProblem};

/// How long connecting may take before the server counts as unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(8);

/// A team server's address: a `postgresql://` URL as libpq writes it. `sslmode` is `disable`,
/// `prefer` (the default), `require`, `verify-ca` or `verify-full`; every TLS mode verifies the
/// server's certificate and name, against `sslrootcert` (a PEM file of the team's CA) when
/// given, else the system's trusted roots. A password in the URL is taken out of it: the
/// address is what gets stored and shown, the password goes to the credential store.
#[derive(Clone)]
pub struct ServerAddress {
    config: postgres::Config,
    root_cert: Option<PathBuf>,
    shown: String,
    password: Option<String>,
}

impl std::fmt::Debug for ServerAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl ServerAddress {
    /// Parse a URL; the message of a refusal names the part that is wrong.
    pub fn parse(url: &str) -> Result<ServerAddress> {
        let url = url.trim();
        let rest = url
            .strip_prefix("postgresql://")
            .or_else(|| url.strip_prefix("postgres://"))
            .ok_or_else(|| {
                Error::invalid("a team server address starts with postgresql:// (for example postgresql://ana@team.example.org/claimdesk)")
            })?;
        let (without_password, password) = take_password(rest);
        let (base, query) = match without_password.split_once('?') {
            Some((base, query)) => (base.to_owned(), query.to_owned()),
            None => (without_password.clone(), String::new()),
        };
        let mut kept = Vec::new();
        let mut root_cert = None;
        let mut ssl_mode = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "sslrootcert" => root_cert = Some(PathBuf::from(percent_decode(value))),
                "sslmode" => ssl_mode = Some(value.to_owned()),
                _ => kept.push(pair.to_owned()),
            }
        }
        let mode = match ssl_mode.as_deref() {
            None | Some("prefer") | Some("allow") => SslMode::Prefer,
            Some("disable") => SslMode::Disable,
            Some("require" | "verify-ca" | "verify-full") => SslMode::Require,
            Some(other) => {
                return Err(Error::invalid(format!(
                    "sslmode={other} is not known: use disable, prefer, require or verify-full"
                )))
            }
        };
        let mut for_config = format!("postgresql://{base}");
        if !kept.is_empty() {
            for_config.push('?');
            for_config.push_str(&kept.join("&"));
        }
        let mut config = postgres::Config::from_str(&for_config)
            .map_err(|e| Error::invalid(format!("the team server address is not valid: {e}")))?;
        config.ssl_mode(mode);
        config.connect_timeout(CONNECT_TIMEOUT);
        config.application_name("claimdesk");
        if config.get_user().is_none() {
            return Err(Error::invalid(
                "the team server address names no analyst: postgresql://NAME@HOST/DATABASE",
            ));
        }
        Ok(ServerAddress {
            config,
            root_cert,
            shown: format!("postgresql://{without_password}"),
            password,
        })
    }

    /// The address without its password: what is stored in the file and shown.
    pub fn as_shown(&self) -> &str {
        &self.shown
    }

    /// The login role (analyst) the address names.
    pub fn user(&self) -> &str {
        self.config.get_user().unwrap_or_default()
    }

    /// The password the URL carried, if any.
    pub fn password_in_url(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// A key naming this server and analyst in the credential store.
    pub fn credential_key(&self) -> String {
        let hosts = self
            .config
            .get_hosts()
            .iter()
            .map(|h| match h {
                postgres::config::Host::Tcp(name) => name.clone(),
                #[cfg(unix)]
                postgres::config::Host::Unix(path) => path.display().to_string(),
            })
            .collect::<Vec<_>>()
            .join(",");
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        let db = self.config.get_dbname().unwrap_or(self.user());
        format!("{}@{hosts}:{port}/{db}", self.user())
    }

    /// Connect with `password` (or the URL's own).
    pub fn connect(&self, password: Option<&str>) -> Result<postgres::Client> {
        let mut config = self.config.clone();
        if let Some(pw) = password.or(self.password.as_deref()) {
            config.password(pw);
        }
        let tls = tls_connector(self.root_cert.as_deref())?;
        config.connect(tls).map_err(|e| server_error(&e))
    }
}

/// `user:password@host` -> (`user@host`, password), percent-decoded.
fn take_password(rest: &str) -> (String, Option<String>) {
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let Some(at) = authority.rfind('@') else {
        return (rest.to_owned(), None);
    };
    let (userinfo, host) = authority.split_at(at);
    match userinfo.split_once(':') {
        Some((user, password)) => (
            format!("{user}{host}{tail}"),
            Some(percent_decode(password)),
        ),
        None => (rest.to_owned(), None),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| std::str::from_utf8(&bytes[i + 1..i + 3]).ok())
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// rustls with the ring provider; the team's CA when given, else the system's roots.
fn tls_connector(root_cert: Option<&Path>) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    let mut roots = rustls::RootCertStore::empty();
    match root_cert {
        Some(path) => {
            let pem = std::fs::read(path).map_err(|e| {
                Error::io(
                    format!("cannot read the team's CA certificate {}", path.display()),
                    e,
                )
            })?;
            for cert in rustls_pemfile::certs(&mut pem.as_slice()) {
                let cert = cert.map_err(|e| {
                    Error::invalid(format!("{} is not a PEM certificate: {e}", path.display()))
                })?;
                roots.add(cert).map_err(|e| {
                    Error::invalid(format!(
                        "{} holds an unusable certificate: {e}",
                        path.display()
                    ))
                })?;
            }
        }
        None => {
            for cert in rustls_native_certs::load_native_certs().certs {
                // A system root rustls cannot parse is skipped, as browsers do.
                let _ = roots.add(cert);
            }
        }
    }
    // ring rather than aws-lc: it builds without cmake and nasm. rustls marks ring's provider
    // deprecated only because it lacks post-quantum key exchange.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::invalid(format!("TLS cannot be set up: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// What a `postgres` error means for the analyst, with what to do next.
pub fn server_error(err: &postgres::Error) -> Error {
    if let Some(db) = err.as_db_error() {
        let code = db.code();
        let no_encryption = db.message().contains("no encryption");
        let problem = if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION && no_encryption {
            // pg_hba.conf accepts this analyst only over TLS.
            ServerProblem::Tls
        } else if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            ServerProblem::WrongPassword
        } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            ServerProblem::AccessDenied
        } else if code.code() == "CD001" {
            ServerProblem::ProjectRemoved
        } else if code.code() == "CD002"
            || *code == SqlState::INVALID_SCHEMA_NAME
            || *code == SqlState::UNDEFINED_FUNCTION
        {
            ServerProblem::NotSetUp
        } else if *code == SqlState::CANNOT_CONNECT_NOW
            || *code == SqlState::ADMIN_SHUTDOWN
            || *code == SqlState::CRASH_SHUTDOWN
        {
            ServerProblem::Unreachable
        } else {
            ServerProblem::Other
        };
        return Error::server(problem, advice(problem, db.message()));
    }
    let detail = error_chain(err);
    let lower = detail.to_lowercase();
    // A failure of the socket itself (refused, reset, broken pipe) is the network's.
    let io_failure = std::error::Error::source(err)
        .is_some_and(|source| source.downcast_ref::<std::io::Error>().is_some());
    let problem = if lower.contains("tls") || lower.contains("certificate") {
        ServerProblem::Tls
    } else if io_failure
        || err.is_closed()
        || lower.contains("communicating")
        || lower.contains("connection")
        || lower.contains("timed out")
        || lower.contains("refused")
        || lower.contains("resolve")
        || lower.contains("network")
    {
        ServerProblem::Unreachable
    } else {
        ServerProblem::Other
    };
    Error::server(problem, advice(problem, &detail))
}

fn error_chain(err: &postgres::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn advice(problem: ServerProblem, detail: &str) -> String {
    let what = match problem {
        ServerProblem::Unreachable => {
            "The team server cannot be reached; your work is kept in this file and syncs when it is back"
        }
        ServerProblem::WrongPassword => {
            "The team server refused the analyst name or password; check them with your team's lead"
        }
        ServerProblem::Tls => {
            "The secure connection to the team server failed (no TLS, or a certificate that is not trusted); ask your team's lead for the server's CA certificate"
        }
        ServerProblem::AccessDenied => {
            "The team server refused access: you are not (or no longer) a member of this project; your local work is kept and can be exported"
        }
        ServerProblem::ProjectRemoved => {
            "This project was removed from the team server; your local work is kept and can be exported"
        }
        ServerProblem::NewerSchema => {
            "The team server was set up by a newer Claimdesk; update Claimdesk to sync"
        }
        ServerProblem::NotSetUp => "The team server is not set up for this",
        ServerProblem::Other => "The team server reported an error",
    };
    format!("{what} ({detail})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_address_is_taken_out_of_what_is_shown() {
        let address = ServerAddress::parse(
            "postgresql://ana:s%40cret@db.example.org:5433/team?sslmode=require",
        )
        .unwrap();
        assert_eq!(
            address.as_shown(),
            "postgresql://ana@db.example.org:5433/team?sslmode=require"
        );
        assert_eq!(address.password_in_url(), Some("s@cret"));
        assert_eq!(address.user(), "ana");
        assert_eq!(address.credential_key(), "ana@db.example.org:5433/team");
    }

    #[test]
    fn libpq_tls_modes_and_a_ca_file_are_understood() {
        let address = ServerAddress::parse(
            "postgresql://ana@h/team?sslmode=verify-full&sslrootcert=/etc/team-ca.pem",
        )
        .unwrap();
        assert_eq!(
            address.root_cert.as_deref(),
            Some(Path::new("/etc/team-ca.pem"))
        );
        assert_eq!(address.config.get_ssl_mode(), SslMode::Require);
    }

    #[test]
    fn addresses_without_scheme_or_analyst_are_refused_with_an_example() {
        let err = ServerAddress::parse("db.example.org/team").unwrap_err();
        assert!(err.to_string().contains("postgresql://"), "{err}");
        let err = ServerAddress::parse("postgresql://db.example.org/team").unwrap_err();
        assert!(err.to_string().contains("names no analyst"), "{err}");
        let err = ServerAddress::parse("postgresql://a@h/t?sslmode=sometimes").unwrap_err();
        assert!(err.to_string().contains("sslmode=sometimes"), "{err}");
    }
}
