/**
 * `describe` / `summary` as plain plan nodes, once the input's column types are known: one
 * global aggregate computes every statistic of every column as a string, then `inline` turns
 * its single row into one row per statistic. This is Spark's own plan shape (StatFunctions
 * .summary), so an engine that lacks a native summary runs it with nodes it already has.
 */
import { IllegalArgumentError } from "../../errors.js";
import {
  type DataType,
  DoubleType,
  IntegerType,
  isNumeric,
  StringType,
} from "../../types/data-types.js";
import { quoteIdentifier } from "../../types/sql-string.js";
import { AliasNode } from "../expression/alias.js";
import { CallNode } from "../expression/call.js";
import { CastNode } from "../expression/cast.js";
import { ColumnRefNode } from "../expression/column-ref.js";
import { LiteralNode } from "../expression/literal.js";
import type { ExprNode } from "../node.js";
import { AggregateNode } from "../relation/aggregate.js";
import { ProjectNode } from "../relation/project.js";
import type { StatSummaryNode } from "../relation/stat-summary.js";

/** `summary()`'s statistics when none are named. */
export const DEFAULT_STATISTICS = Object.freeze([
  "count",
  "mean",
  "stddev",
  "min",
  "25%",
  "50%",
  "75%",
  "max",
]);

/** `describe()`'s statistics. */
export const DESCRIBE_STATISTICS = Object.freeze(["count", "mean", "stddev", "min", "max"]);

const NAMED = new Set([
  "count",
  "count_distinct",
  "approx_count_distinct",
  "mean",
  "stddev",
  "min",
  "max",
]);

/** Spark's accuracy for percentile_approx (ApproximatePercentile.DEFAULT_PERCENTILE_ACCURACY). */
const ACCURACY = 10000;

function unrecognized(statistic: string): IllegalArgumentError {
  return new IllegalArgumentError(
    `[UNRECOGNIZED_STATISTIC] The statistic '${statistic}' is not recognized. Valid statistics include \`count\`, \`count_distinct\`, \`approx_count_distinct\`, \`mean\`, \`stddev\`, \`min\`, \`max\`, and percentile values. Percentile must be a numeric value followed by '%', within the range 0% to 100%. SQLSTATE: 42704`,
    { hint: 'Use names such as "count", "mean" or a percentile such as "33%".' },
  );
}

/** The fraction of a percentile statistic ("33%" -> 0.33), or undefined for a named one; throws for anything else. */
export function checkStatistic(statistic: string): number | undefined {
  if (NAMED.has(statistic.toLowerCase())) return undefined;
  const body = statistic.endsWith("%") ? statistic.slice(0, -1).trim() : "";
  const value = body === "" ? Number.NaN : Number(body);
  if (Number.isNaN(value)) throw unrecognized(statistic);
  if (value < 0 || value > 100) {
    throw new IllegalArgumentError("requirement failed: Percentiles must be in the range [0, 1]", {
      hint: `Use a percentile from "0%" to "100%", not "${statistic}".`,
    });
  }
  return value / 100;
}

export interface SummaryField {
  readonly name: string;
  readonly dataType: DataType;
}

function isSummarized(t: DataType): boolean {
  return isNumeric(t) || t.typeName === "string";
}

function statisticOf(statistic: string, field: SummaryField): ExprNode {
  const column = ColumnRefNode.create(quoteIdentifier(field.name));
  // Spark averages and ranks a string column as a double (null when it is not a number).
  const numeric = isNumeric(field.dataType) ? column : CastNode.create(column, DoubleType, true);
  const call = (name: string, arg: ExprNode, distinct = false): ExprNode =>
    CallNode.create(name, [arg], distinct);
  const fraction = checkStatistic(statistic);
  if (fraction !== undefined) {
    return CallNode.create("percentile_approx", [
      numeric,
      LiteralNode.create(fraction, DoubleType),
      LiteralNode.create(ACCURACY, IntegerType),
    ]);
  }
  switch (statistic.toLowerCase()) {
    case "count":
      return call("count", column);
    case "count_distinct":
      return call("count", column, true);
    case "approx_count_distinct":
      return call("approx_count_distinct", column);
    case "mean":
      return call("avg", numeric);
    case "stddev":
      return call("stddev", numeric);
    case "min":
      return call("min", column);
    default:
      return call("max", column);
  }
}

/**
 * The plan computing `node` over an input with these columns (in the input's order); an
 * explicit `describe` column list is resolved by the caller, which knows the engine's rules.
 */
export function lowerSummary(
  node: StatSummaryNode,
  fields: readonly SummaryField[],
): { readonly aggregate: AggregateNode; readonly rows: ProjectNode } {
  const summarized = fields.filter((f) => isSummarized(f.dataType));
  const slot = (i: number, j: number) => `__summary_${i}_${j}`;
  const aggregates = node.statistics.flatMap((statistic, i) =>
    summarized.map((f, j) =>
      AliasNode.create(CastNode.create(statisticOf(statistic, f), StringType), slot(i, j)),
    ),
  );
  // A global aggregate needs one expression: a count stands in when no column is summarized.
  const aggregate = AggregateNode.create(
    node.input,
    "groupby",
    [],
    aggregates.length > 0
      ? aggregates
      : [AliasNode.create(CallNode.create("count", [LiteralNode.create(1)]), "__summary_rows")],
  );
  const rows = node.statistics.map((statistic, i) =>
    CallNode.create("struct", [
      AliasNode.create(LiteralNode.create(statistic, StringType), "summary"),
      ...summarized.map((f, j) => AliasNode.create(ColumnRefNode.create(slot(i, j)), f.name)),
    ]),
  );
  const inline = CallNode.create("inline", [CallNode.create("array", rows)]);
  return { aggregate, rows: ProjectNode.create(aggregate, [inline]) };
}
