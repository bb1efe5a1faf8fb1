/**
 * Queries: `[WITH ...] term [UNION|INTERSECT|EXCEPT term]... [ORDER BY ...] [LIMIT n]
 * [OFFSET n]`. INTERSECT binds tighter than UNION and EXCEPT, as in Spark. An ORDER BY
 * after a single SELECT block is planned inside it, so it may name columns the block
 * does not output.
 */
import { AnalysisError } from "../errors.js";
import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { outputName } from "../plan/expression/name.js";
import { SortOrderNode } from "../plan/expression/sort-order.js";
import type { ExprNode, RelationNode } from "../plan/node.js";
import { DeduplicateNode } from "../plan/relation/deduplicate.js";
import { LimitNode } from "../plan/relation/limit.js";
import { OffsetNode } from "../plan/relation/offset.js";
import { SetOpNode, type SetOpType } from "../plan/relation/set-op.js";
import { SortNode } from "../plan/relation/sort.js";
import { SubqueryAliasNode } from "../plan/relation/subquery-alias.js";
import { ToDFNode } from "../plan/relation/to-df.js";
import { parseExpr } from "../sql-expr/boolean.js";
import { parseSortItemAt } from "../sql-expr/window.js";
import type { Token } from "../types/sql-lexer.js";
import { quoteIfNeeded } from "../types/sql-string.js";
import type { QueryContext } from "./context.js";
import { parseFrom, tableReference } from "./from.js";
import { parseNameList } from "./names.js";
import { planSelect } from "./plan-select.js";
import { parseSelect } from "./select.js";
import type { OrderKey, SelectSpec } from "./select-spec.js";
import { parseValuesRows, valuesRelation } from "./values.js";

/** A query term: a SELECT block still open to ORDER BY, or a finished plan. */
type Term =
  | { readonly kind: "select"; readonly spec: SelectSpec }
  | { readonly kind: "plan"; readonly plan: RelationNode; readonly names?: readonly string[] };

/** A parsed query: its plan, and its column names when the text shows them. */
export interface ParsedQuery {
  readonly plan: RelationNode;
  /** The SELECT block when the query is just one (no set operation, ORDER BY or LIMIT). */
  readonly spec?: SelectSpec;
}

/** Does a query start `k` tokens ahead? */
export function queryAhead(ctx: QueryContext, k = 0): boolean {
  const { c } = ctx;
  if (c.isWord(["SELECT", "WITH", "VALUES", "TABLE"], k)) return true;
  return c.isOp("(", k) && queryAhead(ctx, k + 1);
}

function termPlan(t: Term): RelationNode {
  return t.kind === "select" ? planSelect(t.spec, []) : t.plan;
}

/** The column names of a term, when they do not depend on the input's schema. */
function termNames(t: Term): readonly string[] | undefined {
  if (t.kind === "plan") return t.names;
  if (t.spec.items.some((i) => i.kind === "star")) return undefined;
  return t.spec.items.map((i) => (i.kind === "alias" ? i.name : outputName(i)));
}

function primaryTerm(ctx: QueryContext): Term {
  const { c } = ctx;
  if (c.isWord("SELECT")) return { kind: "select", spec: parseSelect(ctx) };
  if (c.isWord("FROM")) {
    // Spark's FROM-first form: FROM t SELECT a.
    c.next();
    const from = parseFrom(ctx);
    return { kind: "select", spec: { ...parseSelect(ctx), from } };
  }
  if (c.acceptWord("VALUES")) return { kind: "plan", plan: valuesRelation(parseValuesRows(ctx)) };
  if (c.acceptWord("TABLE")) return { kind: "plan", plan: tableReference(ctx) };
  if (c.acceptOp("(")) {
    const q = parseQueryTerms(ctx);
    c.expectOp(")", "Close the parenthesized query with ')'.");
    return q;
  }
  return c.fail("SELECT, VALUES, WITH or a parenthesized query");
}

function setOp(left: Term, right: Term, op: SetOpType, all: boolean): Term {
  const names = termNames(left);
  const plan = SetOpNode.create(termPlan(left), termPlan(right), op, { isAll: all });
  // UNION without ALL is Spark's Distinct(Union).
  const out = op === "union" && !all ? DeduplicateNode.create(plan) : plan;
  return { kind: "plan", plan: out, ...(names === undefined ? {} : { names }) };
}

function quantifier(ctx: QueryContext): boolean {
  if (ctx.c.acceptWord("ALL")) return true;
  ctx.c.acceptWord("DISTINCT");
  return false;
}

function intersectTerm(ctx: QueryContext): Term {
  let left = primaryTerm(ctx);
  while (ctx.c.acceptWord("INTERSECT")) {
    const all = quantifier(ctx);
    left = setOp(left, primaryTerm(ctx), "intersect", all);
  }
  return left;
}

function parseQueryTerms(ctx: QueryContext): Term {
  const { c } = ctx;
  let left = intersectTerm(ctx);
  for (;;) {
    if (c.acceptWord("UNION")) {
      const all = quantifier(ctx);
      left = setOp(left, intersectTerm(ctx), "union", all);
    } else if (c.acceptWord("EXCEPT") || c.acceptWord("MINUS")) {
      const all = quantifier(ctx);
      left = setOp(left, intersectTerm(ctx), "except", all);
    } else return left;
  }
}

function parseOrderKeys(ctx: QueryContext): OrderKey[] {
  const { c } = ctx;
  const keys: OrderKey[] = [];
  do {
    const order = parseSortItemAt(ctx);
    const e = order.expr;
    const ordinal =
      e.kind === "literal" && typeof e.value === "number" && Number.isInteger(e.value)
        ? e.value
        : undefined;
    keys.push({ order, ordinal });
  } while (c.acceptOp(","));
  return keys;
}

/** ORDER BY over a set operation: names or ordinals of its output. */
function sortTerm(term: Term, keys: readonly OrderKey[]): RelationNode {
  const plan = termPlan(term);
  const names = termNames(term);
  const orders = keys.map((k) => {
    if (k.ordinal === undefined) return k.order;
    const name = names?.[k.ordinal - 1];
    if (name === undefined) {
      throw new AnalysisError(
        "ORDER_BY_POS_OUT_OF_RANGE",
        `ORDER BY position ${k.ordinal} is not in select list${names === undefined ? "" : ` (valid range is [1, ${names.length}])`}.`,
        { hint: "Order by column name instead." },
      );
    }
    return SortOrderNode.create(
      ColumnRefNode.create(quoteIfNeeded(name)),
      k.order.direction,
      k.order.nulls,
    );
  });
  return SortNode.create(plan, orders);
}

/** Is `word BY` next? Then both are read. */
function clause(ctx: QueryContext, word: string): Token | undefined {
  const { c } = ctx;
  if (!c.isWord(word) || !c.isWord("BY", 1)) return undefined;
  const at = c.next();
  c.next();
  return at;
}

/**
 * `ORDER BY`, or Spark's `CLUSTER BY` / `DISTRIBUTE BY` / `SORT BY` (in that order): the
 * sort keys, if any. Repartitioning does not change a result, so DISTRIBUTE BY only
 * parses; SORT BY (sorted within each partition) and CLUSTER BY (DISTRIBUTE and SORT BY the
 * same keys) sort the one result this engine returns, which is one of Spark's orders.
 */
function parseResultOrder(ctx: QueryContext): OrderKey[] | undefined {
  const { c } = ctx;
  const order = clause(ctx, "ORDER");
  const orderKeys = order === undefined ? undefined : parseOrderKeys(ctx);
  const cluster = clause(ctx, "CLUSTER");
  const clusterKeys = cluster === undefined ? undefined : parseExprList(ctx);
  const distribute = clause(ctx, "DISTRIBUTE");
  if (distribute !== undefined) parseExprList(ctx);
  const sort = clause(ctx, "SORT");
  const sortKeys = sort === undefined ? undefined : parseOrderKeys(ctx);
  const others = [cluster, distribute, sort].filter((t) => t !== undefined);
  const conflict =
    (order !== undefined && others.length > 0) || (cluster !== undefined && others.length > 1);
  if (conflict) {
    c.failAt(
      order ?? cluster ?? c.peek(),
      "UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES",
      "The feature is not supported: Combination of ORDER BY/SORT BY/DISTRIBUTE BY/CLUSTER BY",
      "Use ORDER BY alone, or CLUSTER BY alone, or DISTRIBUTE BY with SORT BY.",
    );
  }
  return (
    orderKeys ??
    sortKeys ??
    clusterKeys?.map((e) => ({ order: SortOrderNode.create(e), ordinal: undefined }))
  );
}

function parseExprList(ctx: QueryContext): ExprNode[] {
  const out: ExprNode[] = [];
  do out.push(parseExpr(ctx));
  while (ctx.c.acceptOp(","));
  return out;
}

function parseCount(ctx: QueryContext, what: string): number {
  const t = ctx.c.next();
  const n = t.kind === "number" ? Number(t.text) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) {
    return ctx.c.failAt(
      t,
      "INVALID_LIMIT_LIKE_EXPRESSION",
      `The ${what} expression must be a non-negative integer literal`,
    );
  }
  return n;
}

function parseWith(ctx: QueryContext): Map<string, RelationNode> {
  const { c } = ctx;
  const ctes = new Map<string, RelationNode>();
  if (c.isWord("RECURSIVE")) {
    c.failAt(
      c.peek(),
      "UNSUPPORTED_SQL_SYNTAX",
      "WITH RECURSIVE is not supported by spark.sql yet",
    );
  }
  ctx.ctes.push(ctes);
  do {
    const name = c.identifier("a CTE name").name;
    const columns = c.isOp("(") ? parseNameList(ctx, "a column name") : undefined;
    c.expectWord("AS");
    c.expectOp("(");
    const q = parseQuery(ctx).plan;
    c.expectOp(")");
    const named = columns === undefined ? q : ToDFNode.create(q, columns);
    ctes.set(name.toLowerCase(), SubqueryAliasNode.create(named, name));
  } while (c.acceptOp(","));
  return ctes;
}

/**
 * Parses a whole query at the cursor.
 *
 * @example
 * ```ts
 * // "WITH t AS (SELECT 1 AS x) SELECT x FROM t UNION ALL SELECT 2 ORDER BY x LIMIT 1"
 * ```
 */
export function parseQuery(ctx: QueryContext): ParsedQuery {
  const { c } = ctx;
  const withClause = c.acceptWord("WITH");
  if (withClause) parseWith(ctx);
  try {
    const term = parseQueryTerms(ctx);
    const bare = !c.isWord(["ORDER", "SORT", "CLUSTER", "DISTRIBUTE", "LIMIT", "OFFSET"]);
    const keys = parseResultOrder(ctx);
    let plan: RelationNode;
    if (keys !== undefined)
      plan = term.kind === "select" ? planSelect(term.spec, keys) : sortTerm(term, keys);
    else plan = termPlan(term);
    let limit: number | undefined;
    if (c.acceptWord("LIMIT")) limit = c.acceptWord("ALL") ? undefined : parseCount(ctx, "LIMIT");
    if (c.acceptWord("OFFSET")) plan = OffsetNode.create(plan, parseCount(ctx, "OFFSET"));
    if (limit !== undefined) plan = LimitNode.create(plan, limit);
    return bare && term.kind === "select" ? { plan, spec: term.spec } : { plan };
  } finally {
    if (withClause) ctx.ctes.pop();
  }
}
