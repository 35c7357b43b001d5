import { describe, expect, it } from "vitest";
import type { Annotator, SyncConflict } from "../../api";
import { sides } from "./syncConflicts";

const analysts = [{ id: "A", name: "Ana" }, { id: "B", name: "Ben" }] as Annotator[];
const conflict = (fields: string[], base: object, ours: object, theirs: object): SyncConflict => ({
  id: "c", entity: "annotation", entity_id: "n", fields,
  base: base as Record<string, unknown>, ours: ours as Record<string, unknown>, theirs: theirs as Record<string, unknown>,
  our_author: "B", their_author: "A", found_at: "2026-12-07T10:00:00Z", resolution: null, about: "274 000 dollars",
});

describe("a sync conflict in the review queue", () => {
  it("names both analysts and both values, and the base they started from", () => {
    const s = sides(conflict(["note"], { note: "draft" }, { note: "Ben's" }, { note: "Ana's" }), analysts);
    expect(s.kept).toEqual({ who: "Ana", values: "note: “Ana's”" });
    expect(s.second).toEqual({ who: "Ben", values: "note: “Ben's”" });
    expect(s.base).toBe("note: “draft”");
  });

  it("reads a delete racing an edit as deleted yes or no", () => {
    const s = sides(conflict(["deleted_at"], { deleted_at: null }, { deleted_at: "2026-12-07T10:00:00Z" }, { deleted_at: null }), analysts);
    expect(s.second.values).toBe("deleted: yes");
    expect(s.kept.values).toBe("deleted: no");
  });
});
