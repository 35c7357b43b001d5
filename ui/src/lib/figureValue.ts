// Checking a figure value typed by an analyst: an exact decimal written with digits and an
// optional dot, so that nothing is rounded through floating point on the way to the database.

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
