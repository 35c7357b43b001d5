//! The team server's schema, as append-only numbered SQL files embedded in the binary (like the
//! local file's), applied by `team init` as a superuser. The group roles every team database
//! shares (`cd_owner` owns the schema, `cd_analyst` holds every analyst) are created first, once
//! per cluster.

use postgres::Client;

use crate::error::{Error, Result, ServerProblem};
use crate::team::server::server_error;

/// Every server migration, in order; index 0 takes an empty database to version 1.
const MIGRATIONS: &[(&str, &str)] = &[(
    "0001_team.sql",
    include_str!("../../../server-migrations/0001_team.sql"),
)];

/// The team schema version this build writes and reads.
pub const SERVER_SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Names of the embedded migrations, in order (kept in step with the folder by a test).
pub fn migration_names() -> impl Iterator<Item = &'static str> {
    MIGRATIONS.iter().map(|(name, _)| *name)
}

/// Roles shared by the cluster's team databases, and the database opened to analysts only.
/// Functions are executable by PUBLIC unless revoked; the global default is the one that holds
/// (a per-schema default cannot take away a global grant).
const BOOTSTRAP: &str = r#"
DO $$ BEGIN
    -- Another database of the cluster may be creating them at this moment.
    BEGIN
        CREATE ROLE cd_owner NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    BEGIN
        CREATE ROLE cd_analyst NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO cd_analyst', current_database());
END $$;
ALTER DEFAULT PRIVILEGES FOR ROLE cd_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
"#;

/// The schema version of the database `client` is connected to (0: none yet).
pub fn server_schema_version(client: &mut impl postgres::GenericClient) -> Result<i32> {
    let has_schema: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'cd')",
            &[],
        )
        .map_err(|e| server_error(&e))?
        .get(0);
    if !has_schema {
        return Ok(0);
    }
    let row = client
        .query_one(
            "SELECT coalesce(max(version), 0) FROM cd.schema_version",
            &[],
        )
        .map_err(|e| server_error(&e))?;
    Ok(row.get(0))
}

/// Bring the database to [`SERVER_SCHEMA_VERSION`], each migration in one transaction; the
/// version it had before. A database set up by a newer Claimdesk is left alone.
pub fn migrate(client: &mut Client) -> Result<i32> {
    let is_superuser: bool = client
        .query_one(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
            &[],
        )
        .map_err(|e| server_error(&e))?
        .get(0);
    if !is_superuser {
        return Err(Error::server(
            ServerProblem::AccessDenied,
            "team init needs the server's administrator (a PostgreSQL superuser, such as postgres)",
        ));
    }
    let mut tx = client.transaction().map_err(|e| server_error(&e))?;
    // One init at a time per database.
    tx.execute("SELECT pg_advisory_xact_lock(4350412011)", &[])
        .map_err(|e| server_error(&e))?;
    tx.batch_execute(BOOTSTRAP).map_err(|e| server_error(&e))?;
    let from = server_schema_version(&mut tx)?;
    if from > SERVER_SCHEMA_VERSION {
        return Err(Error::server(
            ServerProblem::NewerSchema,
            format!(
                "the team server's schema is version {from}, newer than this Claimdesk knows \
                 ({SERVER_SCHEMA_VERSION}); update Claimdesk"
            ),
        ));
    }
    for (name, sql) in MIGRATIONS.iter().skip(from as usize) {
        tx.batch_execute(sql).map_err(|e| {
            Error::server(ServerProblem::Other, format!("{name}: {}", db_message(&e)))
        })?;
    }
    tx.commit().map_err(|e| server_error(&e))?;
    Ok(from)
}

fn db_message(err: &postgres::Error) -> String {
    err.as_db_error()
        .map(|db| db.message().to_owned())
        .unwrap_or_else(|| err.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_server_migration_file_is_embedded_in_order() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("server-migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = super::migration_names().collect();
        assert_eq!(on_disk, embedded);
    }
}
