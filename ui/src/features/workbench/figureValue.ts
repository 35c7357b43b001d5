// Checking a figure value typed by an analyst: an exact decimal written with digits and an
// optional dot, so that nothing is rounded through floating point on the way to the database;
// and writing one for reading.
import type { Figure } from "../../api";

/** The canonical text of a decimal value, or null if `input` is not one. Spaces and `_` between
 *  digit groups are allowed ("274 000"); commas are not, since "1,823" is ambiguous. */
export function parseDecimal(input: string): string | null {
  const compact = input.trim().replace(/[\s_\u00a0\u202f]/g, "");
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(compact);
  if (!match) return null;
  const [, sign = "", whole = "0", fraction = ""] = match;
  const integer = whole.replace(/^0+(?=\d)/, "");
  const decimals = fraction.replace(/0+$/, "");
  const value = decimals ? `${integer}.${decimals}` : integer;
  return value === "0" ? "0" : `${sign}${value}`;
}

/** A decimal value with its thousands grouped by thin spaces, for reading ("1 823", "1.823",
 *  "2 500 000.5"): the dot is always the decimal mark, as stored. */
export function groupDigits(value: string): string {
  const [whole = "", fraction] = value.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A figure for reading: "more than 600 fake accounts", "274 000 USD"; a range is spelled out in
 *  its qualifier ("between 2 000 000 and 3 000 000 EUR"). */
export function describeFigure(f: Figure): string {
  const amount = f.qualifier?.includes("between")
    ? f.qualifier.replace(/\d+(\.\d+)?/g, (n) => groupDigits(n))
    : [f.qualifier, groupDigits(f.value)].filter(Boolean).join(" ");
  return [amount, f.currency ?? f.unit].filter(Boolean).join(" ");
}
