/**
 * One SELECT block: `SELECT [DISTINCT] items [FROM ...] [WHERE ...] [GROUP BY ...]
 * [HAVING ...] [WINDOW w AS (...)]`. The WINDOW clause comes last in the text but names
 * windows the select list uses, so it is read first by looking ahead.
 */
import { AliasNode } from "../plan/expression/alias.js";
import type { ExprNode } from "../plan/node.js";
import { parseExpr } from "../sql-expr/boolean.js";
import type { WindowSpec } from "../sql-expr/context.js";
import { parseWindowSpec } from "../sql-expr/window.js";
import { type QueryContext, refuse } from "./context.js";
import { parseFrom } from "./from.js";
import { parseGroupBy } from "./group-by.js";
import { implicitAliasAhead } from "./names.js";
import type { GroupBy, SelectSpec } from "./select-spec.js";
import { oneRow } from "./values.js";

/** Words that end a SELECT block at parenthesis depth 0. */
const BLOCK_END = ["UNION", "INTERSECT", "EXCEPT", "MINUS", "ORDER", "SORT", "LIMIT", "OFFSET"];

function parseItem(ctx: QueryContext): ExprNode {
  const { c } = ctx;
  const expr = parseExpr(ctx);
  // `*` takes no alias: what follows it must end the item (Spark fails at the next token).
  if (expr.kind === "star") {
    // Spark 4's `* EXCEPT (a, b)`; `* EXCEPT (SELECT ...)` is the set operation.
    if (c.isWord("EXCEPT") && c.isOp("(", 1) && !c.isWord(["SELECT", "WITH", "VALUES", "TABLE"], 2))
      refuse(
        ctx,
        c.peek(),
        "SELECT * EXCEPT (columns)",
        "List the columns to keep, or use df.drop(...).",
      );
    return expr;
  }
  if (c.acceptWord("AS")) {
    if (c.isOp("(")) {
      refuse(
        ctx,
        c.peek(),
        "A multi-name alias AS (a, b)",
        "Use LATERAL VIEW posexplode(x) t AS a, b.",
      );
    }
    return AliasNode.create(expr, c.identifier("an alias name").name);
  }
  if (implicitAliasAhead(ctx)) return AliasNode.create(expr, c.identifier("an alias name").name);
  return expr;
}

/** Reads `WINDOW w AS (...), v AS w` ahead of the select list; returns where it ends. */
function readWindowClause(ctx: QueryContext): number | undefined {
  const { c } = ctx;
  let depth = 0;
  for (let k = 0; ; k++) {
    const t = c.peek(k);
    if (t.kind === "eof" || (t.kind === "op" && t.text === ";")) return undefined;
    if (t.kind === "op" && t.text === "(") depth++;
    if (t.kind === "op" && t.text === ")") {
      if (depth === 0) return undefined;
      depth--;
    }
    if (depth > 0) continue;
    if (c.isWord(BLOCK_END, k)) return undefined;
    if (c.isWord("WINDOW", k) && c.isWord("AS", k + 2)) {
      const back = c.mark;
      for (let i = 0; i <= k; i++) c.next();
      do {
        const name = c.identifier("a window name").name;
        c.expectWord("AS");
        let spec: WindowSpec | undefined;
        if (c.isOp("(")) spec = parseWindowSpec(ctx);
        else {
          const other = c.identifier("a window name");
          spec = ctx.windows.get(other.name.toLowerCase());
          if (spec === undefined) {
            return c.failAt(
              other.token,
              "MISSING_WINDOW_SPECIFICATION",
              `Window specification \`${other.name}\` is not defined in the WINDOW clause`,
            );
          }
        }
        ctx.windows.set(name.toLowerCase(), spec);
      } while (c.acceptOp(","));
      const end = c.mark;
      c.reset(back);
      return end;
    }
  }
}

/**
 * Parses one SELECT block at the cursor (the SELECT keyword included).
 *
 * @example
 * ```ts
 * // "SELECT a, count(*) FROM t GROUP BY a" -> { items: [a, count(*)], groupBy: [a], ... }
 * ```
 */
export function parseSelect(ctx: QueryContext): SelectSpec {
  const { c } = ctx;
  const saved = new Map(ctx.windows);
  try {
    c.expectWord("SELECT");
    const windowEnd = readWindowClause(ctx);
    const distinct = c.acceptWord("DISTINCT");
    if (!distinct) c.acceptWord("ALL");
    const items: ExprNode[] = [];
    do {
      if (items.length > 0 && c.isWord("FROM")) {
        c.failAt(
          c.peek(),
          "TRAILING_COMMA_IN_SELECT",
          "Trailing comma detected in SELECT clause",
          "Remove the trailing comma before the FROM clause.",
        );
      }
      items.push(parseItem(ctx));
    } while (c.acceptOp(","));
    const from = c.acceptWord("FROM") ? parseFrom(ctx) : oneRow();
    const where = c.acceptWord("WHERE") ? parseExpr(ctx) : undefined;
    let groupBy: GroupBy | undefined;
    if (c.isWord("GROUP") && c.isWord("BY", 1)) {
      c.next();
      c.next();
      groupBy = parseGroupBy(ctx);
    }
    const having = c.acceptWord("HAVING") ? parseExpr(ctx) : undefined;
    if (windowEnd !== undefined) {
      c.expectWord("WINDOW");
      c.reset(windowEnd);
    }
    if (c.isWord("QUALIFY"))
      refuse(ctx, c.peek(), "QUALIFY", "Filter on the window column in an outer query.");
    return { distinct, items, from, where, groupBy, having };
  } finally {
    ctx.windows.clear();
    for (const [k, v] of saved) ctx.windows.set(k, v);
  }
}
