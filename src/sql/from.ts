import type { ExprNode, RelationNode } from "../plan/node.js";
import { JoinNode, type JoinType } from "../plan/relation/join.js";
import { LimitNode } from "../plan/relation/limit.js";
import { RangeNode } from "../plan/relation/range.js";
import { ReadNode } from "../plan/relation/read.js";
import { SampleNode } from "../plan/relation/sample.js";
import { SubqueryAliasNode } from "../plan/relation/subquery-alias.js";
import { ToDFNode } from "../plan/relation/to-df.js";
import { parseExpr } from "../sql-expr/boolean.js";
import type { Token } from "../types/sql-lexer.js";
import type { Identifier } from "../types/token-cursor.js";
import { type QueryContext, refuse } from "./context.js";
import { parseLateralView } from "./lateral-view.js";
import { parseMultipartName, parseNameList, parseOptionalAlias } from "./names.js";
import { naturalJoin } from "./natural-join.js";
import { parsePivot } from "./pivot.js";
import { parseQuery, queryAhead } from "./query.js";
import { parseUnpivot } from "./unpivot.js";
import { parseValuesRows, valuesRelation } from "./values.js";

/** Formats a path table may name: `` parquet.`/data/x` ``. */
const PATH_FORMATS = ["delta", "parquet", "csv", "json", "orc", "text", "avro"];

function notFound(ctx: QueryContext, token: Token, name: string): never {
  const known = ctx.catalog.viewNames();
  return ctx.c.failAt(
    token,
    "TABLE_OR_VIEW_NOT_FOUND",
    `[TABLE_OR_VIEW_NOT_FOUND] The table or view \`${name}\` cannot be found`,
    `Register it first with df.createOrReplaceTempView("${name}"), or read a path with delta.\`/path\`. Known views: ${known.join(", ") || "none"}.`,
  );
}

function cte(ctx: QueryContext, name: string): RelationNode | undefined {
  for (let i = ctx.ctes.length - 1; i >= 0; i--) {
    const hit = ctx.ctes[i]?.get(name.toLowerCase());
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** `VERSION AS OF n` / `TIMESTAMP AS OF 'ts'` / `@v123` after a Delta path table. */
function timeTravel(ctx: QueryContext): Record<string, string> {
  const { c } = ctx;
  if ((c.isWord("VERSION") || c.isWord("TIMESTAMP")) && c.isWord("AS", 1) && c.isWord("OF", 2)) {
    const version = c.next().text.toUpperCase() === "VERSION";
    c.next();
    c.next();
    const t = c.next();
    if (version && t.kind === "number") return { versionAsOf: t.text };
    if (!version && t.kind === "string") return { timestampAsOf: t.value };
    return c.fail(version ? "a version number" : "a timestamp string", undefined, t);
  }
  return {};
}

function pathTable(ctx: QueryContext, parts: readonly Identifier[]): RelationNode | undefined {
  const [format, path] = parts;
  if (parts.length !== 2 || format === undefined || path === undefined || !path.quoted)
    return undefined;
  const fmt = format.name.toLowerCase();
  if (!PATH_FORMATS.includes(fmt)) return undefined;
  const options = timeTravel(ctx);
  return ReadNode.create(fmt, [ctx.catalog.dataPath(path.name)], options);
}

/** `range(n)`, `range(start, end[, step])`: Spark's table-valued function. */
function tableFunction(ctx: QueryContext, name: Identifier): RelationNode {
  const { c } = ctx;
  if (name.name.toLowerCase() !== "range") {
    refuse(
      ctx,
      name.token,
      `The table-valued function ${name.name}()`,
      "Only range() is available in FROM; build other tables with DataFrames and createOrReplaceTempView.",
    );
  }
  c.expectOp("(");
  const args: ExprNode[] = [];
  if (!c.isOp(")")) {
    do args.push(parseExpr(ctx));
    while (c.acceptOp(","));
  }
  c.expectOp(")");
  const ints = args.map((a) => {
    if (a.kind !== "literal" || (typeof a.value !== "number" && typeof a.value !== "bigint"))
      return c.failAt(name.token, "PARSE_SYNTAX_ERROR", "range() takes integer literals");
    return BigInt(a.value);
  });
  const [a = 0n, b, step = 1n] = ints;
  if (ints.length < 1 || ints.length > 4)
    return c.failAt(name.token, "WRONG_NUM_ARGS", "range() takes 1 to 4 arguments");
  return b === undefined ? RangeNode.create(0n, a, 1n) : RangeNode.create(a, b, step);
}

/** A named table: a CTE, a view, a path table or range(...). */
export function tableReference(ctx: QueryContext): RelationNode {
  const { c } = ctx;
  const start = c.peek();
  const parts = parseMultipartName(ctx, "a table name");
  const [first] = parts;
  if (parts.length === 1 && first !== undefined && c.isOp("(")) return tableFunction(ctx, first);
  const path = pathTable(ctx, parts);
  if (path !== undefined) return path;
  const names = parts.map((p) => p.name);
  const text = names.join(".");
  const found =
    (parts.length === 1 && first !== undefined ? cte(ctx, first.name) : undefined) ??
    ctx.catalog.view(names);
  if (found === undefined) return notFound(ctx, start, text);
  return SubqueryAliasNode.create(found, names[names.length - 1] ?? text);
}

/** `TABLESAMPLE (n PERCENT)` or `TABLESAMPLE (n ROWS)`. */
function tableSample(ctx: QueryContext, rel: RelationNode): RelationNode {
  const { c } = ctx;
  if (!c.acceptWord("TABLESAMPLE")) return rel;
  c.expectOp("(");
  if (c.isWord("BUCKET"))
    refuse(
      ctx,
      c.peek(),
      "TABLESAMPLE (BUCKET x OUT OF y)",
      "Use TABLESAMPLE (n PERCENT) or (n ROWS).",
    );
  const n = c.next();
  if (n.kind !== "number") return c.fail("a number", "Write TABLESAMPLE (10 PERCENT).", n);
  const value = Number(n.text.replace(/[a-z]+$/i, ""));
  let out: RelationNode;
  if (c.acceptWord("PERCENT")) out = SampleNode.create(rel, value / 100, false);
  else {
    c.expectWord("ROWS", "Write TABLESAMPLE (n PERCENT) or (n ROWS).");
    out = LimitNode.create(rel, value);
  }
  c.expectOp(")");
  return out;
}

/** `[AS] alias [(columns)]` after a relation. */
function aliased(ctx: QueryContext, rel: RelationNode, fallback?: string): RelationNode {
  const alias = parseOptionalAlias(ctx);
  const columns =
    alias !== undefined && ctx.c.isOp("(") ? parseNameList(ctx, "a column name") : undefined;
  const renamed = columns === undefined ? rel : ToDFNode.create(rel, columns);
  const name = alias ?? fallback;
  return name === undefined ? renamed : SubqueryAliasNode.create(renamed, name);
}

function primaryRelation(ctx: QueryContext): RelationNode {
  const { c } = ctx;
  if (c.isOp("(")) {
    if (queryAhead(ctx, 1)) {
      c.next();
      const q = parseQuery(ctx);
      c.expectOp(")", "Close the subquery with ')'.");
      return tableSample(ctx, aliased(ctx, q.plan));
    }
    c.next();
    const inner = parseRelation(ctx);
    c.expectOp(")");
    return aliased(ctx, inner);
  }
  if (c.acceptWord("VALUES")) {
    const rows = parseValuesRows(ctx);
    const alias = parseOptionalAlias(ctx);
    const names =
      alias !== undefined && c.isOp("(") ? parseNameList(ctx, "a column name") : undefined;
    const rel = valuesRelation(rows, names);
    return alias === undefined ? rel : SubqueryAliasNode.create(rel, alias);
  }
  if (c.isWord("LATERAL") && c.isOp("(", 1)) {
    refuse(ctx, c.peek(), "A LATERAL subquery", "Join with the other relation instead.");
  }
  // An alias replaces the table name as the qualifier (SubqueryAlias over SubqueryAlias).
  return aliased(ctx, tableSample(ctx, tableReference(ctx)));
}

/** The join type words before JOIN, or undefined when no join follows. */
function joinTypeAhead(ctx: QueryContext): { type: JoinType; natural: boolean } | undefined {
  const { c } = ctx;
  const mark = c.mark;
  const natural = c.acceptWord("NATURAL");
  let type: JoinType = "inner";
  if (c.acceptWord("INNER")) type = "inner";
  else if (c.acceptWord("CROSS")) type = "cross";
  else if (c.acceptWord("LEFT")) {
    if (c.acceptWord("SEMI")) type = "left_semi";
    else if (c.acceptWord("ANTI")) type = "left_anti";
    else {
      c.acceptWord("OUTER");
      type = "left";
    }
  } else if (c.acceptWord("RIGHT")) {
    c.acceptWord("OUTER");
    type = "right";
  } else if (c.acceptWord("FULL")) {
    c.acceptWord("OUTER");
    type = "full";
  } else if (c.acceptWord("SEMI")) type = "left_semi";
  else if (c.acceptWord("ANTI")) type = "left_anti";
  if (!c.acceptWord("JOIN")) {
    c.reset(mark);
    return undefined;
  }
  return { type, natural };
}

function parseJoin(ctx: QueryContext, left: RelationNode): RelationNode | undefined {
  const { c } = ctx;
  const at = c.peek();
  const join = joinTypeAhead(ctx);
  if (join === undefined) return undefined;
  const right = primaryRelation(ctx);
  if (join.natural) {
    if (join.type === "cross" || join.type === "left_semi" || join.type === "left_anti")
      return c.failAt(
        at,
        "INCOMPATIBLE_JOIN_TYPES",
        `[INCOMPATIBLE_JOIN_TYPES] The join types NATURAL and ${join.type.replace("_", " ").toUpperCase()} are incompatible.`,
      );
    return naturalJoin(left, right, join.type);
  }
  if (c.acceptWord("ON")) return JoinNode.create(left, right, join.type, parseExpr(ctx));
  if (c.acceptWord("USING")) {
    const names = parseNameList(ctx, "a join column");
    return JoinNode.create(left, right, join.type, undefined, names);
  }
  if (join.type === "inner" || join.type === "cross") return JoinNode.create(left, right, "cross");
  return c.fail("ON or USING", `A ${join.type} join needs ON <condition> or USING (<columns>).`);
}

/** A relation with its joins: `t JOIN u ON ... LEFT JOIN v USING (id)`. */
export function parseRelation(ctx: QueryContext): RelationNode {
  let rel = primaryRelation(ctx);
  for (;;) {
    const joined = parseJoin(ctx, rel);
    if (joined === undefined) return rel;
    rel = joined;
  }
}

/**
 * The FROM clause after the FROM keyword: relations separated by commas (cross joins),
 * then LATERAL VIEWs.
 *
 * @example
 * ```ts
 * // "t a JOIN u b ON a.id = b.id" -> Join(SubqueryAlias(t, a), SubqueryAlias(u, b), inner, ...)
 * ```
 */
export function parseFrom(ctx: QueryContext): RelationNode {
  const { c } = ctx;
  let rel = parseRelation(ctx);
  while (c.acceptOp(",")) rel = JoinNode.create(rel, parseRelation(ctx), "cross");
  while (c.isWord("LATERAL") && c.isWord("VIEW", 1)) rel = parseLateralView(ctx, rel);
  // Spark's grammar gives PIVOT no alias (a name after it is a syntax error); UNPIVOT one.
  if (c.isWord("PIVOT")) rel = parsePivot(ctx, rel);
  if (c.isWord("UNPIVOT")) rel = aliased(ctx, parseUnpivot(ctx, rel));
  return rel;
}
