// What the one progress view of a long job shows, as plain data each job computes from its own
// progress reports (so the mapping is tested without a window), and the arithmetic they share.

/** A running tally beside the bar ("12 imported"); `bad` marks one worth the analyst's eye. */
export interface JobTally {
  name: string;
  count: number;
  bad: boolean;
}

/** The progress view's content at one moment of a job. */
export interface JobProgressView {
  /** "3 of 40 files"; null before the first report. */
  count: string | null;
  /** Said instead of the count before the first report ("Starting…"). */
  waiting: string;
  /** Share of the work done, 0 to 1. */
  fraction: number;
  /** "about 2 minutes left"; empty until an estimate exists. */
  timeLeft: string;
  /** What the job is working on ("Reading news/story.html"); null when it says nothing. */
  current: string | null;
  /** The full name behind `current`, for its tooltip. */
  currentTitle: string;
  /** Running tallies, in the order shown; empty for jobs that keep none. */
  tally: JobTally[];
}

/** The share of a job done, 0 to 1; 0 while the total is unknown. */
export function doneShare(done: number, total: number): number {
  return total > 0 ? Math.min(1, done / total) : 0;
}

/** The view of a job that counts records ("1,200 of 240,000 annotations"), before any report too. */
export function countedProgress(
  progress: { done: number; total: number } | null,
  unit: string,
  current: string | null = null,
): JobProgressView {
  const count = progress ? `${progress.done.toLocaleString("en")} of ${progress.total.toLocaleString("en")} ${unit}` : null;
  return {
    count,
    waiting: "Starting…",
    fraction: progress ? doneShare(progress.done, progress.total) : 0,
    timeLeft: "",
    current,
    currentTitle: current ?? "",
    tally: [],
  };
}
