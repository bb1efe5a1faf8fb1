/**
 * `UNPIVOT [INCLUDE | EXCLUDE NULLS] (val FOR name IN (c1 [AS x], c2, ...))`: one row per
 * input row and listed column, holding the other input columns (in input order), then
 * `name` (the column's alias or name) and `val` (its value, of the columns' common type).
 * Planned as a UNION ALL of one projection per listed column, so no engine needs a new
 * node; EXCLUDE NULLS, the default, then drops the rows whose value is null.
 */
import { AliasNode } from "../plan/expression/alias.js";
import { CallNode } from "../plan/expression/call.js";
import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { LiteralNode } from "../plan/expression/literal.js";
import type { RelationNode } from "../plan/node.js";
import { DropNode } from "../plan/relation/drop.js";
import { FilterNode } from "../plan/relation/filter.js";
import { SetOpNode } from "../plan/relation/set-op.js";
import { WithColumnsNode } from "../plan/relation/with-columns.js";
import { quoteIfNeeded } from "../types/sql-string.js";
import { type QueryContext, refuse } from "./context.js";
import { parseColumnRef, parseOptionalAlias } from "./names.js";

interface Listed {
  readonly ref: ColumnRefNode;
  /** The column as the other columns' projection drops it. */
  readonly column: string;
  readonly name: string;
}

/** `(v1, v2)` where one value column is expected: several are not supported yet. */
function refuseSeveralValues(ctx: QueryContext): void {
  if (ctx.c.isOp("("))
    refuse(
      ctx,
      ctx.c.peek(),
      "UNPIVOT of several value columns",
      "Unpivot one value column at a time.",
    );
}

function listed(ctx: QueryContext): Listed[] {
  const { c } = ctx;
  c.expectOp("(");
  const out: Listed[] = [];
  do {
    refuseSeveralValues(ctx);
    const { ref, parts } = parseColumnRef(ctx, "a column to unpivot");
    const column = parts.at(-1)?.name ?? "";
    out.push({ ref, column, name: parseOptionalAlias(ctx) ?? column });
  } while (c.acceptOp(","));
  c.expectOp(")");
  return out;
}

/** Parses `UNPIVOT ...` (the cursor at UNPIVOT) over `input`. */
export function parseUnpivot(ctx: QueryContext, input: RelationNode): RelationNode {
  const { c } = ctx;
  c.expectWord("UNPIVOT");
  let includeNulls = false;
  if (c.isWord(["INCLUDE", "EXCLUDE"]) && c.isWord("NULLS", 1)) {
    includeNulls = c.next().text.toUpperCase() === "INCLUDE";
    c.next();
  }
  c.expectOp("(");
  refuseSeveralValues(ctx);
  const value = c.identifier("a value column name").name;
  c.expectWord("FOR");
  const name = c.identifier("a name column name").name;
  c.expectWord("IN");
  const columns = listed(ctx);
  c.expectOp(")");
  const dropped = columns.map((l) => l.column);
  const branches = columns.map((l) =>
    DropNode.create(
      WithColumnsNode.create(input, [
        AliasNode.create(LiteralNode.create(l.name), name),
        AliasNode.create(l.ref, value),
      ]),
      dropped,
    ),
  );
  const [first, ...rest] = branches;
  if (first === undefined) return c.fail("a column to unpivot");
  const union = rest.reduce<RelationNode>(
    (acc, b) => SetOpNode.create(acc, b, "union", { isAll: true }),
    first,
  );
  if (includeNulls) return union;
  const ref = ColumnRefNode.create(quoteIfNeeded(value));
  return FilterNode.create(union, CallNode.create("isnotnull", [ref]));
}
