/** Relations that keep their input's columns: filter, sort, limit, offset, distinct, alias, sample, repartition, hint. */
import { AnalysisError, IllegalArgumentError } from "../../../errors.js";
import { SortOrderNode } from "../../../plan/expression/sort-order.js";
import type { DeduplicateNode } from "../../../plan/relation/deduplicate.js";
import type { FilterNode } from "../../../plan/relation/filter.js";
import type { HintNode } from "../../../plan/relation/hint.js";
import type { LimitNode } from "../../../plan/relation/limit.js";
import type { OffsetNode } from "../../../plan/relation/offset.js";
import type { RepartitionNode } from "../../../plan/relation/repartition.js";
import type { SampleNode } from "../../../plan/relation/sample.js";
import type { SortNode } from "../../../plan/relation/sort.js";
import type { SubqueryAliasNode } from "../../../plan/relation/subquery-alias.js";
import { ROW_NUMBER_WINDOW } from "../functions/row-position.js";
import { quoteIdent } from "../sql-quote.js";
import { compileExpr, type ExprContext } from "./expression.js";
import { passAll, selectFrom } from "./relation-project.js";
import { type CompiledRelation, inputAlias } from "./relation-types.js";
import { requireColumn, scopeOf } from "./scope.js";

function keep(planId: number, input: CompiledRelation, suffix: string): CompiledRelation {
  return selectFrom(
    passAll(scopeOf(input.columns, inputAlias(planId)), planId),
    input,
    planId,
    suffix,
  );
}

export function compileFilter(
  node: FilterNode,
  input: CompiledRelation,
  ctx: ExprContext,
): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const cond = compileExpr(node.condition, scope, ctx);
  if (cond.type !== undefined && cond.type.typeName !== "boolean") {
    throw new AnalysisError(
      "DATATYPE_MISMATCH",
      `A filter condition must be a boolean, but it is ${cond.type.simpleString()}.`,
      { hint: 'Compare the column with a value, e.g. col("x").gt(0), or cast it to boolean.' },
    );
  }
  // A row's position (seeded rand, monotonically_increasing_id) is a row_number() window
  // here, which DuckDB refuses in WHERE; QUALIFY filters the same rows after windows run.
  const clause = cond.sql.includes(ROW_NUMBER_WINDOW) ? "QUALIFY" : "WHERE";
  return keep(node.planId, input, ` ${clause} ${cond.sql}`);
}

export function compileSort(
  node: SortNode,
  input: CompiledRelation,
  ctx: ExprContext,
): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const keys = node.orders.map(
    (o) => compileExpr(o.kind === "sortOrder" ? o : SortOrderNode.create(o), scope, ctx).sql,
  );
  return keep(node.planId, input, keys.length === 0 ? "" : ` ORDER BY ${keys.join(", ")}`);
}

function count(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0)
    throw new IllegalArgumentError(`${what} must be a non-negative integer, got ${n}.`);
  return n;
}

export function compileLimit(node: LimitNode, input: CompiledRelation): CompiledRelation {
  return keep(node.planId, input, ` LIMIT ${count(node.limit, "limit")}`);
}

export function compileOffset(node: OffsetNode, input: CompiledRelation): CompiledRelation {
  return keep(node.planId, input, ` OFFSET ${count(node.offset, "offset")}`);
}

export function compileDeduplicate(
  node: DeduplicateNode,
  input: CompiledRelation,
): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const items = passAll(scope, node.planId);
  if (node.columns === undefined) {
    const c = selectFrom(items, input, node.planId);
    return { ...c, sql: c.sql.replace(/^SELECT /, "SELECT DISTINCT ") };
  }
  const keys = node.columns.map((name) => {
    const col = requireColumn(name, input.columns);
    return `${quoteIdent(inputAlias(node.planId))}.${quoteIdent(col.sqlName)}`;
  });
  const c = selectFrom(items, input, node.planId);
  return { ...c, sql: c.sql.replace(/^SELECT /, `SELECT DISTINCT ON (${keys.join(", ")}) `) };
}

export function compileSubqueryAlias(
  node: SubqueryAliasNode,
  input: CompiledRelation,
): CompiledRelation {
  const c = keep(node.planId, input, "");
  return { ...c, columns: c.columns.map((col) => ({ ...col, qualifiers: [node.alias] })) };
}

export function compileSample(node: SampleNode, input: CompiledRelation): CompiledRelation {
  if (!(node.fraction >= 0 && node.fraction <= 1) && !node.withReplacement) {
    throw new IllegalArgumentError(`sample fraction must be in [0, 1], got ${node.fraction}.`);
  }
  const seed = node.seed === undefined ? "" : `, ${Math.trunc(node.seed)}`;
  const pct = Math.min(100, node.fraction * 100);
  return keep(node.planId, input, ` USING SAMPLE ${pct}% (bernoulli${seed})`);
}

/**
 * `repartition` / `coalesce` / `hint`: DuckDB plans its own parallelism, so the rows pass
 * through unchanged; the expressions are still resolved, so a wrong column fails as in Spark.
 * (A write of `coalesce(1)` / `repartition(1)` gives one file: see write/format-options.ts.)
 */
export function compilePassThrough(
  node: RepartitionNode | HintNode,
  input: CompiledRelation,
  ctx: ExprContext,
): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const exprs = node.kind === "hint" ? node.parameters : node.partitionExprs;
  for (const e of exprs) compileExpr(e, scope, ctx);
  return keep(node.planId, input, "");
}
