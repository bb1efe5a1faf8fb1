/**
 * The shared shape of every row-level (map) expectation: count the considered rows and the
 * unexpected ones in the aggregate pass, fetch unexpected values only when some exist and
 * the result format shows them, and build GE's map result. GE's rules: a column check
 * leaves nulls out (its percentages are over non-null rows), the null checks look at every
 * row and report no missing counts, and a check that considered no row passes.
 */
import type { Column } from "../../column/column.js";
import * as F from "../../column/functions/index.js";
import { toJsonValue } from "../json-value.js";
import { mapResult, mapSuccess } from "../map-result.js";
import { sampleLimit } from "../result-format.js";
import type { JsonValue } from "../results.js";
import { countWhere, isTrue } from "./columns.js";
import type { CompileContext, Compiled, Metrics, ValueCount } from "./plan.js";

/** A row-level check before compilation. */
export interface MapSpec {
  /** Rows the check considers; `undefined` considers every row and reports no missing counts. */
  readonly considered: Column | undefined;
  /** True for a considered row that passes (null is read as failing). */
  readonly ok: Column;
  readonly sample: Column;
  readonly toJson?: (value: unknown) => JsonValue;
  readonly derived?: Readonly<Record<string, Column>>;
  readonly mostly: number | undefined;
  /** The one column `considered` and `ok` read, when they read no other (see `valueCounts`). */
  readonly column?: string;
  /** True when `ok` is costly per row (see `ValueCount.costly`). */
  readonly costly?: boolean;
}

/**
 * A compiled row-level expectation.
 *
 * @example
 * ```ts
 * const { col } = column(ctx.schema, "amount");
 * mapCheck(ctx, { considered: col.isNotNull(), ok: col.geq(0), sample: col, mostly: 1 });
 * ```
 */
export function mapCheck(ctx: CompileContext, spec: MapSpec): Compiled {
  const unexpected =
    spec.considered === undefined
      ? F.not(isTrue(spec.ok))
      : isTrue(spec.considered).and(F.not(isTrue(spec.ok)));
  const aggregates: Record<string, Column> = { [ctx.name("unexpected")]: countWhere(unexpected) };
  if (spec.considered !== undefined) {
    aggregates[ctx.name("considered")] = countWhere(spec.considered);
  }
  const { column } = spec;
  const valueCounts: Record<string, ValueCount> = {};
  if (column !== undefined && spec.derived === undefined) {
    valueCounts[ctx.name("unexpected")] = { column, where: unexpected, costly: spec.costly };
    if (spec.considered !== undefined) {
      valueCounts[ctx.name("considered")] = { column, where: isTrue(spec.considered) };
    }
  }
  const counts = (m: Metrics) => ({
    elementCount: m.rowCount,
    nonnullCount: spec.considered === undefined ? undefined : m.count(ctx.name("considered")),
    unexpectedCount: m.count(ctx.name("unexpected")),
  });
  return {
    readsData: true,
    derived: spec.derived ?? {},
    aggregates,
    valueCounts,
    rows: { unexpected, sample: spec.sample, toJson: spec.toJson ?? toJsonValue },
    // No more than there are, so the sample query can stop as soon as it has them all.
    samplesWanted: (m) => Math.min(counts(m).unexpectedCount, sampleLimit(ctx.format)),
    finish(m, samples) {
      const found = { ...counts(m), unexpectedValues: samples };
      return { success: mapSuccess(found, spec.mostly ?? 1), result: mapResult(found, ctx.format) };
    },
  };
}
