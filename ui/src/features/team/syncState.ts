// What the header says about syncing with the team server, from the file's status and how the
// last round ended. Pure, so that every state is tested without a server.
import type { ErrorKind, SyncProgress, TeamStatus } from "../../api";

/** How the last round ended. */
export type LastRound =
  | { kind: "none" }
  | { kind: "ok"; at: number }
  | { kind: "failed"; error: ErrorKind; message: string };

export type Tone = "quiet" | "ok" | "busy" | "warn" | "danger";

export interface SyncLine {
  /** The few words in the header. */
  label: string;
  /** The longer explanation, in its tooltip and under the button for screen readers. */
  detail: string;
  tone: Tone;
}

/** Seconds between two background rounds. */
export const SYNC_EVERY_MS = 10_000;

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min ago` : `${Math.round(m / 60)} h ago`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Rounds this long show their count, and can be stopped (a first sync of a big file). */
export const LONG_ROUND = 200;

function runningLine(project: string, progress: SyncProgress | null): SyncLine {
  if (!progress || progress.total < LONG_ROUND || progress.phase === "done") {
    return { label: "Syncing…", detail: `Syncing with “${project}”.`, tone: "busy" };
  }
  const verb = progress.phase === "push" ? "Sending" : "Receiving";
  const n = (x: number) => x.toLocaleString("en");
  return {
    label: `${verb} ${n(progress.done)} of ${n(progress.total)}`,
    detail: `Syncing with “${project}”. Click to stop after this batch; the next sync goes on from there.`,
    tone: "busy",
  };
}

export function syncLine(
  status: TeamStatus | null, running: boolean, last: LastRound, now: number, progress: SyncProgress | null = null,
): SyncLine {
  if (!status?.link) {
    return { label: "Join a team", detail: "This file is not synced with a team server. Join a project to share work.", tone: "quiet" };
  }
  const project = status.link.project_name;
  const waiting = status.pending > 0 ? `${status.pending.toLocaleString("en")} waiting` : "";
  const conflicts = status.open_conflicts > 0 ? plural(status.open_conflicts, "conflict", "conflicts") : "";
  const extra = [waiting, conflicts].filter(Boolean).join(" · ");
  if (running) return runningLine(project, progress);
  if (last.kind === "failed" && last.error === "offline") {
    return {
      label: `Offline${waiting ? ` · ${waiting}` : ""}`,
      detail: `The team server cannot be reached. Your work is saved in this file and syncs when the server is back. (${last.message})`,
      tone: "warn",
    };
  }
  if (last.kind === "failed") {
    return { label: "Sync error", detail: last.message, tone: "danger" };
  }
  if (last.kind === "ok") {
    return {
      label: extra || `Synced ${ago(now - last.at)}`,
      detail: `Project “${project}” on ${status.link.server}.${conflicts ? " Conflicts wait in Review." : ""}`,
      tone: conflicts ? "warn" : "ok",
    };
  }
  return { label: extra || `Project ${project}`, detail: `Project “${project}” on ${status.link.server}.`, tone: "quiet" };
}
