// One long job as a dialog follows it: idle (the dialog's own form), running (progress, cancel),
// done (the summary). A failure to start or finish brings it back to idle with the reason, the
// way every job's form shows a refused start. Cancel asks once, however often it is pressed.
import { toClaimdeskError } from "../api";
import { cancelJob, type JobKind } from "../api/jobs";

/** Where a job stands. */
export type JobPhase = "idle" | "running" | "done";

/** The state of one job of `kind`, for one dialog. */
export class JobRun<Progress, Summary> {
  phase = $state<JobPhase>("idle");
  /** The latest report; null until the first. Replaced whole, never changed in place. */
  progress = $state.raw<Progress | null>(null);
  summary = $state.raw<Summary | null>(null);
  /** A cancel was asked for and the job has not ended yet. */
  cancelling = $state(false);
  /** Why the last start, or cancel, failed. */
  problem = $state<string | null>(null);
  readonly #kind: JobKind;

  constructor(kind: JobKind) {
    this.#kind = kind;
  }

  /** Run the job `start` begins; resolves to its summary, or null when it failed or one runs. */
  async run(start: (onProgress: (progress: Progress) => void) => Promise<Summary>): Promise<Summary | null> {
    if (this.phase === "running") return null;
    [this.phase, this.progress, this.cancelling, this.problem] = ["running", null, false, null];
    try {
      const summary = await start((progress) => (this.progress = progress));
      [this.summary, this.phase] = [summary, "done"];
      return summary;
    } catch (reason) {
      [this.problem, this.phase] = [toClaimdeskError(reason).message, "idle"];
      return null;
    }
  }

  /** Ask the running job to stop; what it finished stays, and its summary says it was cancelled. */
  async cancel(): Promise<void> {
    if (this.phase !== "running" || this.cancelling) return;
    this.cancelling = true;
    try {
      await cancelJob(this.#kind);
    } catch (reason) {
      [this.problem, this.cancelling] = [toClaimdeskError(reason).message, false];
    }
  }

  /** Back to the form, for another run. */
  reset(): void {
    [this.phase, this.progress, this.summary] = ["idle", null, null];
  }
}
