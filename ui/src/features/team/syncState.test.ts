import { describe, expect, it } from "vitest";
import type { TeamStatus } from "../../api";
import { syncLine } from "./syncState";

const joined = (pending: number, open_conflicts: number): TeamStatus => ({
  link: {
    server: "postgresql://ana@team.example.org/claimdesk", project_id: "p", project_name: "Elections",
    analyst_id: "a", device_id: "d", cursor: 0, joined_at: "2026-12-07T10:00:00Z", synced_at: null,
  },
  pending, open_conflicts,
});

describe("the header's sync line", () => {
  it("offers to join when the file is not synced", () => {
    expect(syncLine({ link: null, pending: 0, open_conflicts: 0 }, false, { kind: "none" }, 0).label).toBe("Join a team");
  });

  it("says synced, and how long ago, when nothing waits", () => {
    expect(syncLine(joined(0, 0), false, { kind: "ok", at: 0 }, 10_000)).toMatchObject({ label: "Synced just now", tone: "ok" });
    expect(syncLine(joined(0, 0), false, { kind: "ok", at: 0 }, 5 * 60_000).label).toBe("Synced 5 min ago");
  });

  it("counts the changes waiting and the conflicts to review", () => {
    const line = syncLine(joined(3, 1), false, { kind: "ok", at: 0 }, 0);
    expect(line.label).toBe("3 waiting · 1 conflict");
    expect(line.tone).toBe("warn");
    expect(line.detail).toContain("Review");
  });

  it("says offline, keeps the count, and reassures that work goes on", () => {
    const line = syncLine(joined(2, 0), false, { kind: "failed", error: "offline", message: "Connection refused" }, 0);
    expect(line.label).toBe("Offline · 2 waiting");
    expect(line.detail).toContain("saved in this file");
  });

  it("shows the server's refusal with what to do", () => {
    const message = "The team server refused access: you are not (or no longer) a member of this project";
    const line = syncLine(joined(0, 0), false, { kind: "failed", error: "team_server", message }, 0);
    expect(line).toMatchObject({ label: "Sync error", detail: message, tone: "danger" });
  });

  it("says syncing while a round runs, with the count of a long one", () => {
    expect(syncLine(joined(5, 0), true, { kind: "none" }, 0).label).toBe("Syncing…");
    const first = syncLine(joined(0, 0), true, { kind: "none" }, 0, { phase: "push", done: 1500, total: 100000 });
    expect(first.label).toBe("Sending 1,500 of 100,000");
    expect(first.detail).toContain("stop");
    const pull = syncLine(joined(0, 0), true, { kind: "none" }, 0, { phase: "pull", done: 10, total: 50 });
    expect(pull.label).toBe("Syncing…");
  });
});
