import { describe, expect, it } from "vitest";
import type { Label } from "../../api";
import type { KeyPress } from "../../shared/keys";
import { escapeStep, labelHotkeys, workbenchAction } from "./workbenchKeys";

function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

const labels = [
  { id: "claim-id", hotkey: "c", retired: false },
  { id: "old-id", hotkey: "o", retired: true },
  { id: "plain-id", hotkey: null, retired: false },
] as Label[];

const state = { ready: true, hotkeys: labelHotkeys(labels), caretMode: false, suggesting: false };

describe("workbench keys", () => {
  it("maps the active labels' keys, not retired labels or labels without a key", () => {
    expect([...labelHotkeys(labels)]).toEqual([["c", "claim-id"]]);
  });

  it("hears nothing typed in a field or a dialog, or before the article and annotations are in", () => {
    expect(workbenchAction(press("c"), false, state)).toEqual({ kind: "tag", labelId: "claim-id" });
    expect(workbenchAction(press("c"), true, state)).toBeNull();
    expect(workbenchAction(press("j"), false, { ...state, ready: false })).toBeNull();
  });

  it("hands caret mode and suggestions to the key map", () => {
    expect(workbenchAction(press("ArrowRight"), false, { ...state, caretMode: true })).toEqual({
      kind: "caret-move", unit: "word", direction: 1, extend: false,
    });
    expect(workbenchAction(press("j"), false, { ...state, suggesting: true })).toEqual({ kind: "suggestion-step", direction: 1 });
  });

  it("closes the innermost thing open on Escape, else clears the selection", () => {
    const none = { helpOpen: false, editing: false, caretMode: false, suggesting: false };
    const all = { helpOpen: true, editing: true, caretMode: true, suggesting: true };
    expect(escapeStep(all)).toBe("close-help");
    expect(escapeStep({ ...all, helpOpen: false })).toBe("stop-editing");
    expect(escapeStep({ ...none, caretMode: true, suggesting: true })).toBe("leave-caret");
    expect(escapeStep({ ...none, suggesting: true })).toBe("close-suggestions");
    expect(escapeStep(none)).toBe("clear-selection");
  });
});
