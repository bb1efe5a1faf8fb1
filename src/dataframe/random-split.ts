/**
 * `randomSplit`: Spark's plan, rebuilt from nodes every engine has. Spark sorts each partition
 * by every orderable column (so a split re-run sees rows in the same order), then keeps, for
 * the i-th split, the rows whose seeded random number falls in [w0 + ... + w(i-1), ... + wi)
 * of the normalized weights. A Bernoulli cell sampler seeded with `seed + partition` draws the
 * same numbers as `rand(seed)`, so each split is a filter on `rand(seed)`: the embedded engine
 * (one partition) gives Spark's rows for a one-partition input.
 */
import * as F from "../column/functions/index.js";
import { IllegalArgumentError } from "../errors.js";
import type { DataType } from "../types/data-types.js";
import { ArrayType, MapType, StructType } from "../types/data-types.js";
import { quoteIdentifier } from "../types/sql-string.js";
import type { DataFrame } from "./dataframe.js";

/** Spark's RowOrdering.isOrderable: a map (anywhere inside) cannot be sorted. */
function orderable(t: DataType): boolean {
  if (t instanceof MapType) return false;
  if (t instanceof ArrayType) return orderable(t.elementType);
  if (t instanceof StructType) return t.fields.every((f) => orderable(f.dataType));
  return true;
}

/** A double as Java prints it, for the simple values weights are ("1.0", "0.25"). */
function javaDouble(w: number): string {
  return Number.isInteger(w) ? `${w}.0` : String(w);
}

/** PySpark's and Spark's checks, with their messages. */
function checkWeights(weights: readonly number[]): number {
  const negative = weights.find((w) => !(w >= 0));
  if (negative !== undefined) {
    throw new IllegalArgumentError(
      `[VALUE_NOT_POSITIVE] Value for \`weights\` must be positive, got '${javaDouble(negative)}'.`,
    );
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) {
    throw new IllegalArgumentError(
      `requirement failed: Sum of weights must be positive, but got [${weights.map(javaDouble).join(",")}]`,
    );
  }
  return sum;
}

export async function randomSplit(
  df: DataFrame,
  weights: readonly number[],
  seed: number,
): Promise<DataFrame[]> {
  const sum = checkWeights(weights);
  const schema = await df.schema;
  const keys = schema.fields
    .filter((f) => orderable(f.dataType))
    .map((f) => F.col(quoteIdentifier(f.name)).asc());
  const sorted = keys.length === 0 ? df : df.sortWithinPartitions(...keys);
  const bounds = [0];
  for (const w of weights) bounds.push((bounds.at(-1) ?? 0) + w / sum);
  return weights.map((_, i) => {
    const r = F.rand(seed);
    return sorted.filter(r.geq(bounds[i] ?? 0).and(r.lt(bounds[i + 1] ?? 1)));
  });
}
