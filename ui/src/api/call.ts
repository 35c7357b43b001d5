// The single place that calls `invoke`: every failure becomes a ClaimdeskError with a kind and a
// message a person can act on. Command names, arguments and results come from the generated
// command table, so a command or argument renamed in Rust fails the type check at its call.
import { invoke } from "@tauri-apps/api/core";
import type { ErrorKind, IpcError } from "./generated/app";
import type { CommandName, Commands } from "./generated/commands";

/** A failed command, as the Rust side classified it. */
export class ClaimdeskError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = "ClaimdeskError";
    this.kind = kind;
  }
}

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as IpcError).kind === "string" &&
    typeof (value as IpcError).message === "string"
  );
}

/** Turn whatever a rejected call gives into a ClaimdeskError. */
export function toClaimdeskError(reason: unknown): ClaimdeskError {
  if (reason instanceof ClaimdeskError) return reason;
  if (isIpcError(reason)) return new ClaimdeskError(reason.kind, reason.message);
  const text = reason instanceof Error ? reason.message : String(reason);
  return new ClaimdeskError("internal", `Claimdesk could not complete that (${text}).`);
}

/** What a command takes after its name: nothing when it has no arguments, else exactly its own. */
export type CommandArgs<K extends CommandName> = Commands[K]["args"] extends null ? [] : [args: Commands[K]["args"]];

/** What a command resolves to. */
export type CommandResult<K extends CommandName> = Commands[K]["result"];

/** Call a Rust command by name with its arguments, as the generated table types them. */
export async function call<K extends CommandName>(command: K, ...args: CommandArgs<K>): Promise<CommandResult<K>> {
  try {
    return await invoke<CommandResult<K>>(command, args[0] ?? {});
  } catch (reason) {
    throw toClaimdeskError(reason);
  }
}
