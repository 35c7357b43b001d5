// The workbench's key handling, apart from its state and markup: which key presses it hears at
// all, the action each asks for (the key map itself is ./keymap), and what Escape closes first.
// Pure but for reading the event's target, so the rules are tested without a window.
import type { Label } from "../../api";
import { isTypingTarget, type KeyPress } from "../../shared/keys";
import { resolveKey, type KeyAction } from "./keymap";

/** What the key handling reads of the workbench, and how it hands an action over. */
export interface KeyTarget {
  /** The article and its annotations have both arrived. */
  readonly ready: boolean;
  /** A label's key (lower case) -> its id. */
  readonly hotkeys: ReadonlyMap<string, string>;
  readonly caretMode: boolean;
  readonly suggesting: boolean;
  perform(action: KeyAction): void;
}

/** The active labels' keys, lower case, to their ids. */
export function labelHotkeys(labels: readonly Label[]): Map<string, string> {
  return new Map(labels.filter((l) => !l.retired && l.hotkey).map((l) => [l.hotkey as string, l.id]));
}

/** True when a key press belongs to a text field or a dialog rather than to the article behind. */
export function belongsElsewhere(target: EventTarget | null): boolean {
  const inDialog = target instanceof Element && target.closest("[role=dialog]") !== null;
  return isTypingTarget(target) || inDialog;
}

/** The action a key press asks of the workbench; null when it is not the workbench's to hear. */
export function workbenchAction(press: KeyPress, elsewhere: boolean, target: Omit<KeyTarget, "perform">): KeyAction | null {
  if (elsewhere || !target.ready) return null;
  return resolveKey(press, target.hotkeys, target.caretMode, target.suggesting);
}

/** The window's key handler: resolve the press and hand the action to the workbench. */
export function onWorkbenchKey(event: KeyboardEvent, target: KeyTarget): void {
  const action = workbenchAction(event, belongsElsewhere(event.target), target);
  if (!action) return;
  event.preventDefault();
  target.perform(action);
}

/** What Escape does, innermost first. */
export type EscapeStep = "close-help" | "stop-editing" | "leave-caret" | "close-suggestions" | "clear-selection";

/** The one thing Escape closes, given what is open: help, then the editor, then caret mode, then
 *  the suggestions; with none of them open it clears the selection. */
export function escapeStep(open: { helpOpen: boolean; editing: boolean; caretMode: boolean; suggesting: boolean }): EscapeStep {
  if (open.helpOpen) return "close-help";
  if (open.editing) return "stop-editing";
  if (open.caretMode) return "leave-caret";
  if (open.suggesting) return "close-suggestions";
  return "clear-selection";
}
