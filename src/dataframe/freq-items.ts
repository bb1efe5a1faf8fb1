/**
 * `freqItems`: Spark's one-pass frequent-items counter (Karp, Schenker and Papadimitriou), kept
 * per column over the rows streamed from the engine. With at most 1/support candidates it
 * finds every value in more than `support` of the rows, possibly with false positives, as
 * Spark's; the order of the values in each array is not Spark's (a hash map's there).
 */
import * as F from "../column/functions/index.js";
import { IllegalArgumentError } from "../errors.js";
import { ArrayType, StructField, StructType } from "../types/data-types.js";
import { quoteIdentifier } from "../types/sql-string.js";
import type { DataFrame } from "./dataframe.js";

/** Values keyed by a canonical text, so equal dates, bigints or arrays count as one. */
function keyOf(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    typeof x === "bigint" ? `${x}n` : x instanceof Date ? `d${x.getTime()}` : x,
  );
}

class FreqItemCounter {
  private readonly counts = new Map<string, { value: unknown; count: number }>();

  constructor(private readonly size: number) {}

  add(value: unknown): void {
    const key = keyOf(value);
    const hit = this.counts.get(key);
    if (hit !== undefined) {
      hit.count += 1;
      return;
    }
    if (this.counts.size < this.size) {
      this.counts.set(key, { value, count: 1 });
      return;
    }
    const min = Math.min(...[...this.counts.values()].map((e) => e.count));
    if (1 - min >= 0) {
      // The new value takes a place: every count drops by the minimum, the zeros leave.
      this.counts.set(key, { value, count: 1 });
      for (const [k, e] of this.counts) {
        if (e.count <= min) this.counts.delete(k);
        else e.count -= min;
      }
    } else {
      for (const e of this.counts.values()) e.count -= 1;
    }
  }

  items(): unknown[] {
    return [...this.counts.values()].map((e) => e.value);
  }
}

export async function freqItems(
  df: DataFrame,
  cols: readonly string[],
  requested?: number,
): Promise<DataFrame> {
  // PySpark's `if not support: support = 0.01`: 0 means the default too.
  const support = requested === undefined || requested === 0 ? 0.01 : requested;
  if (!(support >= 1e-4 && support <= 1)) {
    throw new IllegalArgumentError(
      `requirement failed: Support (${support}) must be greater than 1e-4.`,
    );
  }
  const size = Math.trunc(1 / support);
  const selected = df.select(...cols.map((c) => F.col(quoteIdentifier(c))));
  const schema = await selected.schema;
  const counters = schema.fields.map(() => new FreqItemCounter(size));
  for await (const row of selected) {
    for (const [i, f] of schema.fields.entries()) counters[i]?.add(row[f.name] ?? null);
  }
  const out = new StructType(
    schema.fields.map(
      (f) => new StructField(`${f.name}_freqItems`, new ArrayType(f.dataType, true), true),
    ),
  );
  return df.sparkSession.createDataFrame([counters.map((c) => c.items())], out);
}
