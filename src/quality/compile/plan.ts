/**
 * What compiling one expectation produces, and what it is compiled against. The validator
 * gathers every expectation's `aggregates` into ONE aggregate query over the DataFrame
 * (with the `derived` window columns added first), then, only if some row-level
 * expectation found unexpected rows and the result format shows values, ONE more query
 * that streams those rows. `finish` turns the numbers into GE's result.
 */
import type { Column } from "../../column/column.js";
import type { StructType } from "../../types/data-types.js";
import type { ExpectationKwargs, ExpectationType } from "../kwargs.js";
import type { ResultFormat } from "../result-format.js";
import type { ExpectationResultBody, JsonValue } from "../results.js";

/** The aggregate pass's values for one expectation, by the keys it declared. */
export interface Metrics {
  /** Rows in the DataFrame (shared by every expectation). */
  readonly rowCount: number;
  /** A declared aggregate, as the engine returned it. */
  value(key: string): unknown;
  /** A declared count (0 when the engine gave null, as a sum over no rows does). */
  count(key: string): number;
}

/** A row-level check, for the sample query and the quarantine split. */
export interface RowCheck {
  /** True for an unexpected row (considered by the check and failing it); never null. */
  readonly unexpected: Column;
  /** What a result lists for an unexpected row: the value, or the values of several columns. */
  readonly sample: Column;
  /** The JSON form of a collected sample (a column pair becomes `[a, b]`, as GE's tuples). */
  readonly toJson: (value: unknown) => JsonValue;
}

/**
 * A count of the rows where `where` (reading only `column`) is true, or with `distinct`, of
 * the distinct non-null values of `column` where it is true.
 */
export interface ValueCount {
  readonly column: string;
  readonly where: Column;
  readonly distinct?: boolean;
  /** True when `where` is costly per row (a regex, a length): worth counting per value. */
  readonly costly?: boolean;
}

/** Success and GE's result body. */
export interface Outcome {
  readonly success: boolean;
  readonly result: ExpectationResultBody;
}

/** One compiled expectation. */
export interface Compiled {
  /** False when the schema answers it (no query). */
  readonly readsData: boolean;
  /** Window columns (uniqueness counts) added before both queries, by unique name. */
  readonly derived: Readonly<Record<string, Column>>;
  /** Aggregates of the first pass, by unique name (see `CompileContext.name`). */
  readonly aggregates: Readonly<Record<string, Column>>;
  /**
   * Aggregates among `aggregates` that count the rows where a condition on ONE column's
   * value holds, by key: the pass may evaluate the condition once per distinct value.
   */
  readonly valueCounts?: Readonly<Record<string, ValueCount>>;
  readonly rows: RowCheck | undefined;
  /** How many unexpected values the result needs, once the counts are known (0: none). */
  samplesWanted(m: Metrics): number;
  finish(m: Metrics, samples: readonly JsonValue[]): Outcome;
}

/** What an expectation is compiled against. */
export interface CompileContext {
  readonly schema: StructType;
  readonly format: ResultFormat;
  /** "Now" for freshness checks (an instant). */
  readonly now: Date;
  /** A column name unique to this expectation for `key` (used by aggregates and derived). */
  name(key: string): string;
}

/** Compiles one expectation type. */
export type Compiler<T extends ExpectationType> = (
  kwargs: ExpectationKwargs[T],
  ctx: CompileContext,
) => Compiled;

/** A compiled expectation that needs no data (schema checks). */
export function fromSchema(outcome: Outcome): Compiled {
  return {
    readsData: false,
    derived: {},
    aggregates: {},
    rows: undefined,
    samplesWanted: () => 0,
    finish: () => outcome,
  };
}
