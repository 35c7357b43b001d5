// The team's PostgreSQL server: where the open file stands (project, changes waiting, conflicts),
// joining a project, one sync round with progress, the conflicts the server found and their
// settlement, assignments and each analyst's progress.
import type {
  AnnotatorId,
  ArticleId,
  AssignRequest,
  SyncProgress,
  SyncResolution,
} from "./generated/core";
import { call } from "./call";
import { runJob } from "./jobs";

export const teamStatus = () => call("team_status");

/** Join the open file to a project; the password goes to the system keyring (or a private file). */
export const joinTeam = (url: string, project: string, password: string, analyst: AnnotatorId) =>
  call("join_team", { url, project, password, analyst });

/** One sync round; `onProgress` hears reports until it settles. */
export const syncNow = (onProgress: (progress: SyncProgress) => void) =>
  runJob("sync", "sync_now", {}, onProgress);

export const listSyncConflicts = () => call("list_sync_conflicts");

export const resolveSyncConflict = (reviewer: AnnotatorId, id: string, resolution: SyncResolution) =>
  call("resolve_sync_conflict", { reviewer, id, resolution });

export const assignArticles = (lead: AnnotatorId, request: AssignRequest) =>
  call("assign_articles", { lead, request });

export const setAssignmentDone = (article: ArticleId, analyst: AnnotatorId, done: boolean) =>
  call("set_assignment_done", { article, analyst, done });

export const articleAssignees = (article: ArticleId) => call("article_assignees", { article });

export const teamProgress = () => call("team_progress");
