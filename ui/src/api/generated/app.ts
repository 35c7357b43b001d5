// Generated from the Rust types by `make bindings`. Do not edit: change the Rust type.

import type { Preferences } from "./core";

export type ErrorKind = "not_found" | "invalid_input" | "newer_schema" | "not_a_database" | "foreign_database" | "corrupt" | "cannot_open" | "locked" | "read_only" | "not_chosen" | "disk_full" | "disk_io" | "offline" | "team_server" | "internal";

export type IpcError = { 
/**
 * What kind of failure.
 */
kind: ErrorKind, 
/**
 * A sentence for the analyst.
 */
message: string, };

export type JobKind = "import" | "merge" | "export" | "annotation_import" | "agreement_export" | "sync";

export type Startup = { 
/**
 * The database file in use.
 */
db_path: string, 
/**
 * Why the database could not be opened, if it could not.
 */
error: IpcError | null, 
/**
 * The analyst's settings on this machine.
 */
preferences: Preferences, };
