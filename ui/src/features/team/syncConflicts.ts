// How a conflict from the team server reads in the review queue: which row, which fields, the
// value the server kept and by whom, the change that came second and by whom, and the base both
// started from.
import type { Annotator, SyncConflict } from "../../api";

export interface ConflictSide {
  who: string;
  values: string;
}

const FIELD_NAMES: Record<string, string> = {
  deleted_at: "deleted", retired_at: "retired", removed_at: "unassigned", figure_value: "value",
  review_state: "review", label_id: "label", done_at: "done",
};

export const fieldName = (field: string) => FIELD_NAMES[field] ?? field.replace(/_/g, " ");

function shown(value: unknown, field: string): string {
  if (value === null || value === undefined || value === "") {
    return field.endsWith("_at") ? "no" : "(empty)";
  }
  if (field.endsWith("_at")) return "yes";
  if (Array.isArray(value)) return value.join(", ") || "(none)";
  return typeof value === "string" ? `“${value}”` : String(value);
}

export function sideText(values: Record<string, unknown>, fields: string[]): string {
  return fields.map((f) => `${fieldName(f)}: ${shown(values[f], f)}`).join(" · ");
}

export function analystName(id: string | null, analysts: Annotator[]): string {
  return analysts.find((a) => a.id === id)?.name ?? "an analyst";
}

export function sides(c: SyncConflict, analysts: Annotator[]): { kept: ConflictSide; second: ConflictSide; base: string } {
  return {
    kept: { who: analystName(c.their_author, analysts), values: sideText(c.theirs, c.fields) },
    second: { who: analystName(c.our_author, analysts), values: sideText(c.ours, c.fields) },
    base: sideText(c.base, c.fields),
  };
}
