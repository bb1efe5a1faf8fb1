/**
 * `PIVOT (agg [AS a], ... FOR col IN (v [AS x], ...))`, planned as Spark's analyzer rewrites
 * it: an aggregate grouped by every input column that neither the aggregates nor the pivot
 * column read, with one column per value and aggregate, each aggregate reading
 * `if(col <=> v, arg, null)` (see `filtered` for PivotFirst's nulls). A single aggregate names its
 * columns by value; several name them `value_aggregate`. The grouping columns depend on
 * the input's schema, so the parser registers the aggregate here and `resolvePivot` sets
 * them when an action runs.
 */
import { AliasNode } from "../plan/expression/alias.js";
import { CallNode } from "../plan/expression/call.js";
import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { ExtractNode } from "../plan/expression/extract.js";
import { LiteralNode } from "../plan/expression/literal.js";
import { outputName, splitAttribute } from "../plan/expression/name.js";
import { functionSpec } from "../plan/functions/index.js";
import type { ExprNode, RelationNode } from "../plan/node.js";
import { AggregateNode } from "../plan/relation/aggregate.js";
import { parseExpr } from "../sql-expr/boolean.js";
import type { StructType } from "../types/data-types.js";
import { quoteIfNeeded } from "../types/sql-string.js";
import { type QueryContext, refuse } from "./context.js";
import { parseColumnRef, parseOptionalAlias } from "./names.js";
import { columnNames, mapExpr } from "./rewrite.js";

/** The lower-case column names the pivot reads: they are not grouping columns. */
const pivots = new WeakMap<RelationNode, ReadonlySet<string>>();

export function isPivot(node: RelationNode): boolean {
  return pivots.has(node);
}

interface Named {
  readonly expr: ExprNode;
  readonly alias: string | undefined;
}

/** A pivot value: one expression per pivot column (a tuple when there are several). */
interface PivotValue {
  readonly exprs: readonly ExprNode[];
  readonly alias: string | undefined;
}

/** `v [AS x], ...` for one pivot column; `(v1, v2) [AS x], ...` for several. */
function valueList(ctx: QueryContext, width: number): PivotValue[] {
  const { c } = ctx;
  const out: PivotValue[] = [];
  do {
    if (width === 1) {
      const { expr, alias } = namedList1(ctx);
      out.push({ exprs: [expr], alias });
      continue;
    }
    const open = c.expectOp("(", `Write each value as a tuple of ${width}: (v1, v2).`);
    const exprs: ExprNode[] = [];
    do exprs.push(parseExpr(ctx));
    while (c.acceptOp(","));
    c.expectOp(")");
    if (exprs.length !== width)
      c.failAt(
        open,
        "PIVOT_VALUE_DATA_TYPE_MISMATCH",
        `A PIVOT value has ${exprs.length} parts for ${width} pivot columns.`,
        `Give each value ${width} parts, in the order of the FOR columns.`,
      );
    out.push({ exprs, alias: parseOptionalAlias(ctx) });
  } while (c.acceptOp(","));
  return out;
}

function namedList1(ctx: QueryContext): Named {
  return { expr: parseExpr(ctx), alias: parseOptionalAlias(ctx) };
}

function namedList(ctx: QueryContext): Named[] {
  const out: Named[] = [];
  do out.push({ expr: parseExpr(ctx), alias: parseOptionalAlias(ctx) });
  while (ctx.c.acceptOp(","));
  return out;
}

/**
 * A pivot value's column name: its alias, else the value cast to a string (a tuple as
 * Spark prints a struct: `{q1, 2024}`).
 */
function valueName(ctx: QueryContext, v: PivotValue, at: Parameters<typeof refuse>[1]): string {
  if (v.alias !== undefined) return v.alias;
  const parts = v.exprs.map((e) => literalName(e));
  if (parts.every((p) => p !== undefined))
    return parts.length === 1 ? (parts[0] ?? "") : `{${parts.join(", ")}}`;
  return refuse(
    ctx,
    at,
    "A PIVOT value other than a string, number or boolean literal without an alias",
    "Name the value: IN (DATE'2024-01-01' AS d).",
  );
}

function literalName(e: ExprNode): string | undefined {
  if (e.kind !== "literal") return undefined;
  if (e.value === null) return "null";
  if (["string", "number", "bigint", "boolean"].includes(typeof e.value)) return String(e.value);
  return undefined;
}

/**
 * `agg` over the rows whose pivot column is `value`, null when the group has none: Spark
 * pivots numeric aggregates with PivotFirst, which aggregates per (group, value) first, so
 * a missing pair is null (also for count) and first/last see the value's rows, nulls too.
 */
function filtered(agg: ExprNode, matches: ExprNode): ExprNode {
  const only = (e: ExprNode) =>
    CallNode.create("if", [
      matches,
      e.kind === "star" ? LiteralNode.create(1) : e,
      LiteralNode.create(null),
    ]);
  const body = mapExpr(agg, (n) => {
    if (n.kind !== "call" || functionSpec(n.name)?.kind !== "aggregate") return undefined;
    const [first, ignoreNulls = LiteralNode.create(false)] = n.args;
    if ((n.name === "first" || n.name === "last") && first !== undefined) {
      if (ignoreNulls.kind === "literal" && ignoreNulls.value === true)
        return CallNode.create(n.name, [only(first), ignoreNulls]);
      // A struct is non-null on every matching row, so skipping nulls skips only the others.
      const boxed = only(CallNode.create("named_struct", [LiteralNode.create("v"), first]));
      const picked = CallNode.create(n.name, [boxed, LiteralNode.create(true)]);
      return ExtractNode.create(picked, LiteralNode.create("v"));
    }
    return CallNode.create(n.name, n.args.map(only), n.distinct);
  });
  return CallNode.create("if", [
    CallNode.create("bool_or", [matches]),
    body,
    LiteralNode.create(null),
  ]);
}

/** Parses `PIVOT (...)` (the cursor at PIVOT) over `input`. */
export function parsePivot(ctx: QueryContext, input: RelationNode): RelationNode {
  const { c } = ctx;
  c.expectWord("PIVOT");
  c.expectOp("(");
  const aggs = namedList(ctx);
  c.expectWord("FOR");
  const pivotColumn = () => parseColumnRef(ctx, "a pivot column").ref;
  const columns: ExprNode[] = [];
  if (c.acceptOp("(")) {
    do columns.push(pivotColumn());
    while (c.acceptOp(","));
    c.expectOp(")");
  } else columns.push(pivotColumn());
  c.expectWord("IN");
  c.expectOp("(");
  const at = c.peek();
  const values = valueList(ctx, columns.length);
  c.expectOp(")");
  c.expectOp(")");
  const single = aggs.length === 1;
  const outputs = values.flatMap((v) => {
    const name = valueName(ctx, v, at);
    const matches = columns
      .map((col, i) => CallNode.create("<=>", [col, v.exprs[i] ?? LiteralNode.create(null)]))
      .reduce((a, b) => CallNode.create("and", [a, b]));
    return aggs.map((a) =>
      AliasNode.create(
        filtered(a.expr, matches),
        single ? name : `${name}_${a.alias ?? outputName(a.expr)}`,
      ),
    );
  });
  const read = new Set<string>();
  for (const e of [...columns, ...aggs.map((a) => a.expr)])
    for (const n of columnNames(e)) read.add(splitAttribute(n).at(-1) ?? n);
  const node = AggregateNode.create(input, "groupby", [], outputs);
  pivots.set(node, read);
  return node;
}

/** The pivot's aggregate (same planId) grouped by the input columns it does not read. */
export async function resolvePivot(
  node: AggregateNode,
  original: RelationNode,
  schemaOf: (plan: RelationNode) => Promise<StructType>,
): Promise<RelationNode> {
  const read = pivots.get(original) ?? new Set<string>();
  const schema = await schemaOf(node.input);
  const keys = schema
    .fieldNames()
    .filter((n) => !read.has(n.toLowerCase()))
    .map((n) => ColumnRefNode.create(quoteIfNeeded(n)));
  return Object.freeze({ ...node, grouping: Object.freeze(keys) });
}
