// Long jobs (import, merge, export, annotation import): one way to start one with a progress
// channel and one way to cancel it. A job's progress is heard only until its promise settles, so a
// late report never lands on the summary that replaced the progress view.
import { Channel } from "@tauri-apps/api/core";
import { call } from "./call";
import type { JobKind } from "./generated/app";

export type { JobKind };

/**
 * Start `command` with `args` plus an `onProgress` channel, and resolve to its summary.
 * `onProgress` hears the job's reports until the returned promise settles, and none after.
 */
export async function runJob<Progress, Summary>(
  kind: JobKind,
  command: string,
  args: Record<string, unknown>,
  onProgress: (progress: Progress) => void,
): Promise<Summary> {
  let settled = false;
  const channel = new Channel<Progress>((progress) => {
    if (!settled) onProgress(progress);
  });
  try {
    return await call<Summary>(command, { ...args, onProgress: channel });
  } finally {
    settled = true;
  }
}

/** Ask the running job of `kind` to stop at its next checkpoint; false when none was running. */
export const cancelJob = (kind: JobKind) => call<boolean>("cancel_job", { job: kind });
