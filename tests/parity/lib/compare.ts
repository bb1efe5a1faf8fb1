/**
 * Compares tributary's result of a case with the oracle's: same column types, same rows
 * (in order where order is defined, else as multisets), doubles exact unless the case
 * allows some units in the last place; two errors agree.
 */
import type { Encoded } from "./encode.js";
import type { OracleResult, OracleRows } from "./oracle.js";

export type Verdict =
  | { readonly kind: "agree" }
  | { readonly kind: "differ"; readonly reason: string; readonly rowCountDiffers: boolean };

function isRows(r: OracleResult): r is OracleRows {
  return "rows" in r;
}

/** Distance in units in the last place between two finite doubles. */
function ulpDistance(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(8));
  const ordinal = (x: number): bigint => {
    view.setFloat64(0, x);
    const bits = view.getBigInt64(0);
    return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
  };
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}

function sameValue(a: Encoded, b: Encoded, ulps: number): boolean {
  if (typeof a === "number" && typeof b === "number")
    return a === b || (ulps > 0 && ulpDistance(a, b) <= ulps);
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i] ?? null, ulps));
  return a === b;
}

function sameRow(a: readonly Encoded[], b: readonly Encoded[], ulps: number): boolean {
  return a.length === b.length && a.every((x, i) => sameValue(x, b[i] ?? null, ulps));
}

const show = (v: unknown): string => JSON.stringify(v);

function compareRows(expected: OracleRows, actual: OracleRows, ulps: number): string | undefined {
  if (expected.ordered) {
    for (const [i, row] of expected.rows.entries()) {
      const got = actual.rows[i] ?? [];
      if (!sameRow(row, got, ulps)) return `row ${i}: expected ${show(row)}, got ${show(got)}`;
    }
    return undefined;
  }
  // Multisets: match each expected row with an unused equal actual row.
  const unused = [...actual.rows];
  for (const row of expected.rows) {
    const at = unused.findIndex((r) => sameRow(row, r, ulps));
    if (at < 0) return `row ${show(row)} expected but missing; left: ${show(unused.slice(0, 3))}`;
    unused.splice(at, 1);
  }
  return undefined;
}

export function compare(
  expected: OracleResult,
  actual: OracleResult,
  options: { ulps?: number; compareNames: boolean },
): Verdict {
  if (!isRows(expected) && !isRows(actual)) return { kind: "agree" };
  if (!isRows(expected))
    return {
      kind: "differ",
      reason: `Spark fails (${expected.error.class}: ${expected.error.message}) but tributary returns ${show((actual as OracleRows).rows.slice(0, 3))}`,
      rowCountDiffers: false,
    };
  if (!isRows(actual))
    return {
      kind: "differ",
      reason: `tributary fails (${actual.error.class}: ${actual.error.message}) but Spark returns ${show(expected.rows.slice(0, 3))}`,
      rowCountDiffers: false,
    };
  const types = (r: OracleRows) =>
    r.schema.map(([n, t]) => (options.compareNames ? `${n}:${t}` : t)).join(", ");
  if (types(expected) !== types(actual))
    return {
      kind: "differ",
      reason: `schema: expected [${types(expected)}], got [${types(actual)}]`,
      rowCountDiffers: false,
    };
  if (expected.rows.length !== actual.rows.length)
    return {
      kind: "differ",
      reason: `${expected.rows.length} rows expected, ${actual.rows.length} got`,
      rowCountDiffers: true,
    };
  const diff = compareRows(expected, actual, options.ulps ?? 0);
  return diff === undefined
    ? { kind: "agree" }
    : { kind: "differ", reason: diff, rowCountDiffers: false };
}
