// The single place that calls `invoke`: every failure becomes a ClaimdeskError with a kind and a
// message a person can act on.
import { invoke } from "@tauri-apps/api/core";
import type { ErrorKind, IpcError } from "./generated/app";

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

/** Call a Rust command by name. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toClaimdeskError(reason);
  }
}
