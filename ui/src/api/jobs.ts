// Long jobs (import, merge, export, annotation import): one way to start one with a progress
// channel and one way to cancel it. A job's progress is heard only until its promise settles, so a
// late report never lands on the summary that replaced the progress view.
import { Channel } from "@tauri-apps/api/core";
import { call, type CommandArgs, type CommandResult } from "./call";
import type { CommandName, Commands } from "./generated/commands";
import type { JobKind } from "./generated/app";

export type { JobKind };

/** The commands that run as jobs: those taking an `onProgress` channel. */
type JobCommand = {
  [K in CommandName]: Commands[K]["args"] extends { onProgress: unknown } ? K : never;
}[CommandName];

/** What a job command reports while it runs. */
type JobProgress<K extends JobCommand> = Commands[K]["args"] extends { onProgress: Channel<infer P> } ? P : never;

/** A job command's arguments without the channel, which `runJob` makes. */
type JobArgs<K extends JobCommand> = Omit<Commands[K]["args"], "onProgress">;

/**
 * Start `command` of `kind` with `args` plus an `onProgress` channel, and resolve to its summary.
 * `onProgress` hears the job's reports until the returned promise settles, and none after.
 */
export async function runJob<K extends JobCommand>(
  kind: JobKind,
  command: K,
  args: JobArgs<K>,
  onProgress: (progress: JobProgress<K>) => void,
): Promise<CommandResult<K>> {
  let settled = false;
  const channel = new Channel<JobProgress<K>>((progress) => {
    if (!settled) onProgress(progress);
  });
  try {
    const full = { ...args, onProgress: channel } as unknown as CommandArgs<K>[0];
    return await call(command, ...([full] as CommandArgs<K>));
  } finally {
    settled = true;
  }
}

/** Ask the running job of `kind` to stop at its next checkpoint; false when none was running. */
export const cancelJob = (kind: JobKind) => call("cancel_job", { job: kind });
