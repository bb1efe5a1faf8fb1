/**
 * `VALUES (1, 'a'), (2, 'b') [AS t(x, y)]`: an inline table. Each row becomes a one-row
 * projection and the rows a UNION ALL, so the columns take Spark's widened types; the
 * columns are `col1, col2, ...` unless the alias names them.
 */
import { AnalysisError } from "../errors.js";
import { AliasNode } from "../plan/expression/alias.js";
import { LiteralNode } from "../plan/expression/literal.js";
import type { ExprNode, RelationNode } from "../plan/node.js";
import { ProjectNode } from "../plan/relation/project.js";
import { RangeNode } from "../plan/relation/range.js";
import { SetOpNode } from "../plan/relation/set-op.js";
import { parseExpr } from "../sql-expr/boolean.js";
import type { QueryContext } from "./context.js";
import { unalias } from "./rewrite.js";

/**
 * One row and no visible column: what a SELECT without FROM reads. A hidden column keeps
 * `SELECT id` from resolving to the range's column.
 */
export function oneRow(): RelationNode {
  return ProjectNode.create(RangeNode.create(0n, 1n, 1n), [
    AliasNode.create(LiteralNode.create(null), "__tributary_one_row"),
  ]);
}

/** Spark's rule: a row constructor `(1, 'a')` (a struct) is a row; anything else one value. */
function parseRow(ctx: QueryContext): ExprNode[] {
  const e = parseExpr(ctx);
  return e.kind === "call" && e.name === "struct" ? e.args.map(unalias) : [e];
}

/**
 * The rows after the VALUES keyword (already read), named `names` when given.
 *
 * @example
 * ```ts
 * // VALUES (1, 'a'), (2, 'b') -> Union(Project(one row, [1 AS col1, 'a' AS col2]), ...)
 * ```
 */
export function parseValuesRows(ctx: QueryContext): ExprNode[][] {
  const rows: ExprNode[][] = [];
  do rows.push(parseRow(ctx));
  while (ctx.c.acceptOp(","));
  return rows;
}

export function valuesRelation(
  rows: readonly ExprNode[][],
  names?: readonly string[],
): RelationNode {
  const width = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== width)) {
    throw new AnalysisError(
      "INVALID_INLINE_TABLE",
      "Every row of a VALUES table must have the same number of values.",
      { hint: "Give each row in VALUES (...), (...) the same number of values." },
    );
  }
  if (names !== undefined && names.length !== width) {
    throw new AnalysisError(
      "INVALID_INLINE_TABLE",
      `The VALUES table has ${width} column(s) but the alias names ${names.length}.`,
      { hint: "Name every column once: VALUES (1, 2) AS t(a, b)." },
    );
  }
  const colNames = names ?? Array.from({ length: width }, (_, i) => `col${i + 1}`);
  const projected = rows.map((row) =>
    ProjectNode.create(
      oneRow(),
      row.map((v, i) => AliasNode.create(v, colNames[i] ?? "")),
    ),
  );
  const [first, ...rest] = projected;
  if (first === undefined) return oneRow();
  return rest.reduce<RelationNode>(
    (acc, next) => SetOpNode.create(acc, next, "union", { isAll: true }),
    first,
  );
}
