/**
 * The second (and last) query of a validation: the first unexpected values of every
 * row-level expectation that found some, in row order as GE lists them. One query streams
 * the rows any of them flags, with one flag and one value column per expectation, and stops
 * reading as soon as every expectation has the values its result format shows (for one
 * expectation, a LIMIT).
 */
import type { Column } from "../column/column.js";
import type { DataFrame } from "../dataframe/dataframe.js";
import type { RowCheck } from "./compile/plan.js";
import type { JsonValue } from "./results.js";

/** One expectation that wants samples: its index, its row check and how many values. */
export interface SampleRequest {
  readonly index: number;
  readonly rows: RowCheck;
  readonly limit: number;
}

/**
 * Unexpected values per expectation index.
 *
 * @example
 * ```ts
 * const byIndex = await collectSamples(base, [{ index: 0, rows, limit: 20 }]);
 * byIndex.get(0); // [-5, -1]
 * ```
 */
export async function collectSamples(
  base: DataFrame,
  requests: readonly SampleRequest[],
  orderBy?: string,
): Promise<Map<number, JsonValue[]>> {
  const found = new Map<number, JsonValue[]>(requests.map((r) => [r.index, []]));
  if (requests.length === 0) return found;
  const flag = (r: SampleRequest) => `__flag${r.index}`;
  const value = (r: SampleRequest) => `__value${r.index}`;
  const columns: Column[] = requests.flatMap((r) => [
    r.rows.unexpected.alias(flag(r)),
    r.rows.sample.alias(value(r)),
  ]);
  const anyFlag = requests.map((r) => r.rows.unexpected).reduce((a, b) => a.or(b));
  let open = requests.length;
  // Window columns (uniqueness) may reorder rows: sort the flagged rows back into row order.
  const flagged = base.filter(anyFlag);
  const rows =
    orderBy === undefined
      ? flagged.select(...columns)
      : flagged.select(...columns, orderBy).orderBy(orderBy);
  // One expectation: a LIMIT stops the scan at its last wanted row. A stream cannot: DuckDB
  // hands out the first chunk only once it is full or the scan is over, so with few
  // unexpected rows it read the whole input (0.4 s of CPU against 0.09 s on 3M rows).
  const [only] = requests;
  const source =
    requests.length === 1 && only !== undefined ? await rows.limit(only.limit).collect() : rows;
  for await (const row of source) {
    for (const r of requests) {
      const list = found.get(r.index) ?? [];
      if (row[flag(r)] !== true || list.length >= r.limit) continue;
      list.push(r.rows.toJson(row[value(r)]));
      if (list.length === r.limit) open -= 1;
    }
    // Stop the stream early: the engine stops reading once every list is full.
    if (open === 0) break;
  }
  return found;
}
