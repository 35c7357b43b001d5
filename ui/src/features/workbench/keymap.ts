// The workbench's keys, as a pure function from a key press to an action, so that the whole map
// is tested without a window and listed in the help overlay from one source.
import type { KeyPress } from "../../shared/keys";

/** What a key press asks the workbench to do. */
export type KeyAction =
  | { kind: "tag"; labelId: string }
  | { kind: "edit" }
  | { kind: "delete" }
  | { kind: "undo" }
  | { kind: "redo" }
  | { kind: "next" }
  | { kind: "previous" }
  | { kind: "help" }
  | { kind: "escape" }
  | { kind: "caret-toggle" }
  | { kind: "extend-quote" }
  | { kind: "suggestions-toggle" }
  | { kind: "suggestion-step"; direction: 1 | -1 }
  | { kind: "suggestion-accept" }
  | { kind: "suggestion-dismiss" }
  | { kind: "caret-move"; unit: "word" | "paragraph"; direction: 1 | -1; extend: boolean };

const ARROWS: Record<string, { unit: "word" | "paragraph"; direction: 1 | -1 }> = {
  ArrowRight: { unit: "word", direction: 1 },
  ArrowLeft: { unit: "word", direction: -1 },
  ArrowDown: { unit: "paragraph", direction: 1 },
  ArrowUp: { unit: "paragraph", direction: -1 },
};

/** Keys that act on the current suggestion while suggestions are shown. */
const SUGGESTION_KEYS: Record<string, KeyAction> = {
  j: { kind: "suggestion-step", direction: 1 },
  k: { kind: "suggestion-step", direction: -1 },
  Enter: { kind: "suggestion-accept" },
  a: { kind: "suggestion-accept" },
  x: { kind: "suggestion-dismiss" },
  Delete: { kind: "suggestion-dismiss" },
  Backspace: { kind: "suggestion-dismiss" },
};

/** Resolve a key press; `hotkeys` maps a label's key (lower case) to its id. While suggestions
 *  are shown, j/k, Enter/a and x/Delete act on them instead of on annotations. */
export function resolveKey(
  press: KeyPress,
  hotkeys: ReadonlyMap<string, string>,
  caretMode: boolean,
  suggesting = false,
): KeyAction | null {
  const command = press.ctrlKey || press.metaKey;
  const key = press.key;
  if (command && !press.altKey) {
    const lower = key.toLowerCase();
    if (lower === "z") return press.shiftKey ? { kind: "redo" } : { kind: "undo" };
    if (lower === "y") return { kind: "redo" };
    return null;
  }
  if (press.altKey) return null;
  if (caretMode) {
    const arrow = ARROWS[key];
    if (arrow) return { kind: "caret-move", ...arrow, extend: press.shiftKey };
  }
  const suggestionKey = suggesting ? SUGGESTION_KEYS[key] : undefined;
  if (suggestionKey) return suggestionKey;
  switch (key) {
    case "Enter":
      return { kind: "edit" };
    case "Delete":
    case "Backspace":
      return { kind: "delete" };
    case "Escape":
      return { kind: "escape" };
    case "?":
      return { kind: "help" };
    case "j":
      return { kind: "next" };
    case "k":
      return { kind: "previous" };
    case "v":
      return { kind: "caret-toggle" };
    case "e":
      return { kind: "extend-quote" };
    case "s":
      return { kind: "suggestions-toggle" };
  }
  const labelId = key.length === 1 ? hotkeys.get(key.toLowerCase()) : undefined;
  return labelId ? { kind: "tag", labelId } : null;
}

/** Every key, for the help overlay (label keys are listed from the labels themselves). */
export const KEY_HELP: readonly [string, string][] = [
  ["Select text, then a label's key", "Tag the selection (c claim, q quote, f figure)"],
  ["Label key with nothing selected", "Relabel the selected annotation"],
  ["Enter", "Edit the selected annotation's attributes"],
  ["Delete", "Delete the selected annotation"],
  ["Ctrl+Z / Ctrl+Shift+Z", "Undo / redo (kept across restarts)"],
  ["j / k", "Next / previous annotation"],
  ["e", "Extend the selection to the whole quote around it"],
  ["v", "Caret mode: select with the keyboard"],
  ["← → (caret mode)", "Move by word; with Shift, extend the selection"],
  ["↑ ↓ (caret mode)", "Move by paragraph; with Shift, extend"],
  ["s", "Show or hide suggested figures and quotes"],
  ["j / k (suggestions shown)", "Next / previous suggestion"],
  ["Enter or a (suggestions shown)", "Accept the suggestion: tag it, attributes filled in"],
  ["x or Delete (suggestions shown)", "Dismiss the suggestion; it is not offered again"],
  ["Alt+R (editing a figure)", "Switch to the other reading of its number"],
  ["Esc", "Clear the selection, leave caret mode or suggestions, close a panel"],
  ["n", "New article (in the library)"],
  ["i", "Import files, folders or corpora (in the library)"],
  ["a (in the import dialog)", "Import annotations from a doccano or Label Studio file"],
  ["e (library or annotation table)", "Export annotations: format, filters, count, file"],
  ["Ctrl+1 … Ctrl+5", "Library, annotations, article, review, agreement"],
  ["Ctrl+O / Ctrl+M", "Open another database file / merge teammates' files"],
  ["?", "Show this list"],
];
