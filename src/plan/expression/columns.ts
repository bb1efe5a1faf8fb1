/**
 * The columns an expression reads, by their last name part (`t.a` -> `a`), in order of first
 * appearance: for "which columns does this predicate touch" questions (OPTIMIZE's partition
 * check, a violated constraint's row values).
 */
import type { ExprNode } from "../node.js";
import { splitAttribute } from "./name.js";

function visit(e: ExprNode, out: string[]): void {
  switch (e.kind) {
    case "column": {
      const name = splitAttribute(e.name).at(-1) ?? e.name;
      if (!out.includes(name)) out.push(name);
      return;
    }
    case "call":
      for (const a of e.args) visit(a, out);
      return;
    case "alias":
    case "cast":
    case "sortOrder":
      visit(e.expr, out);
      return;
    case "extract":
      visit(e.expr, out);
      visit(e.key, out);
      return;
    case "window":
      visit(e.fn, out);
      for (const p of e.partitionBy) visit(p, out);
      for (const o of e.orderBy) visit(o, out);
      return;
    case "lambda":
      visit(e.body, out);
      return;
    default:
      return;
  }
}

/** The distinct columns `expr` references. */
export function referencedColumns(expr: ExprNode): string[] {
  const out: string[] = [];
  visit(expr, out);
  return out;
}
