import { describe, expect, it } from "vitest";
import type { KeyPress } from "../../shared/keys";
import { resolveKey } from "./keymap";

const hotkeys = new Map([
  ["c", "claim-id"],
  ["q", "quote-id"],
  ["b", "bots-id"],
]);

function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

describe("resolveKey", () => {
  it("tags with a label's key, including custom labels and upper case", () => {
    expect(resolveKey(press("c"), hotkeys, false)).toEqual({ kind: "tag", labelId: "claim-id" });
    expect(resolveKey(press("B", { shiftKey: true }), hotkeys, false)).toEqual({ kind: "tag", labelId: "bots-id" });
    expect(resolveKey(press("x"), hotkeys, false)).toBeNull();
  });

  it("maps undo and redo with Ctrl or Cmd", () => {
    expect(resolveKey(press("z", { ctrlKey: true }), hotkeys, false)).toEqual({ kind: "undo" });
    expect(resolveKey(press("Z", { ctrlKey: true, shiftKey: true }), hotkeys, false)).toEqual({ kind: "redo" });
    expect(resolveKey(press("y", { metaKey: true }), hotkeys, false)).toEqual({ kind: "redo" });
    expect(resolveKey(press("c", { ctrlKey: true }), hotkeys, false)).toBeNull();
  });

  it("moves between annotations and edits and deletes", () => {
    expect(resolveKey(press("j"), hotkeys, false)).toEqual({ kind: "next" });
    expect(resolveKey(press("k"), hotkeys, false)).toEqual({ kind: "previous" });
    expect(resolveKey(press("Enter"), hotkeys, false)).toEqual({ kind: "edit" });
    expect(resolveKey(press("Delete"), hotkeys, false)).toEqual({ kind: "delete" });
    expect(resolveKey(press("?", { shiftKey: true }), hotkeys, false)).toEqual({ kind: "help" });
  });

  it("uses arrows only in caret mode", () => {
    expect(resolveKey(press("ArrowRight"), hotkeys, false)).toBeNull();
    expect(resolveKey(press("ArrowRight", { shiftKey: true }), hotkeys, true)).toEqual({
      kind: "caret-move",
      unit: "word",
      direction: 1,
      extend: true,
    });
    expect(resolveKey(press("ArrowUp"), hotkeys, true)).toEqual({
      kind: "caret-move",
      unit: "paragraph",
      direction: -1,
      extend: false,
    });
  });

  it("extends to a quote and toggles suggestions", () => {
    expect(resolveKey(press("e"), hotkeys, false)).toEqual({ kind: "extend-quote" });
    expect(resolveKey(press("s"), hotkeys, false)).toEqual({ kind: "suggestions-toggle" });
    expect(resolveKey(press("s"), hotkeys, false, true)).toEqual({ kind: "suggestions-toggle" });
  });

  it("acts on suggestions while they are shown, and on annotations otherwise", () => {
    expect(resolveKey(press("j"), hotkeys, false, true)).toEqual({ kind: "suggestion-step", direction: 1 });
    expect(resolveKey(press("k"), hotkeys, false, true)).toEqual({ kind: "suggestion-step", direction: -1 });
    expect(resolveKey(press("Enter"), hotkeys, false, true)).toEqual({ kind: "suggestion-accept" });
    expect(resolveKey(press("a"), hotkeys, false, true)).toEqual({ kind: "suggestion-accept" });
    expect(resolveKey(press("x"), hotkeys, false, true)).toEqual({ kind: "suggestion-dismiss" });
    expect(resolveKey(press("Delete"), hotkeys, false, true)).toEqual({ kind: "suggestion-dismiss" });
    expect(resolveKey(press("a"), hotkeys, false)).toBeNull();
    expect(resolveKey(press("Escape"), hotkeys, false, true)).toEqual({ kind: "escape" });
    expect(resolveKey(press("c"), hotkeys, false, true)).toEqual({ kind: "tag", labelId: "claim-id" });
    expect(resolveKey(press("z", { ctrlKey: true }), hotkeys, false, true)).toEqual({ kind: "undo" });
  });

  it("ignores Alt combinations so system shortcuts pass through", () => {
    expect(resolveKey(press("c", { altKey: true }), hotkeys, false)).toBeNull();
  });
});
