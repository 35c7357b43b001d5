// What the merge dialog says, as pure functions: the progress view of a running merge, and the
// one line that sums up every file merged.
import type { MergeProgress, MergeSummary } from "../../api/generated/core";
import { countedProgress, type JobProgressView } from "../../shared/jobs";

/** The progress of a merge: the articles of the file being merged, and which file. */
export function mergeProgressView(progress: MergeProgress | null): JobProgressView {
  const view = countedProgress(
    progress && { done: progress.articles_done, total: progress.articles_total },
    "articles",
    progress ? `Merging ${progress.file}` : null,
  );
  return { ...view, currentTitle: progress?.file ?? "" };
}

type Counted = "annotations_added" | "annotations_updated" | "annotations_unchanged" | "conflicts_new";

/** "3 added · 1 updated · 0 unchanged · 2 in conflict", over all files, and whether it stopped early. */
export function mergeLine(summary: MergeSummary): string {
  const total = (key: Counted) => summary.files.reduce((n, f) => n + f[key], 0);
  const early = summary.cancelled ? " · stopped early: merge again to finish" : "";
  return `${total("annotations_added")} added · ${total("annotations_updated")} updated · ${total("annotations_unchanged")} unchanged · ${total("conflicts_new")} in conflict${early}`;
}
