/**
 * Small walks over expression trees the SQL planner needs: does an expression aggregate,
 * which columns does it name, and a bottom-up rewrite (select-list aliases in HAVING and
 * ORDER BY).
 */
import { AliasNode } from "../plan/expression/alias.js";
import { CallNode } from "../plan/expression/call.js";
import { CastNode } from "../plan/expression/cast.js";
import { ExtractNode } from "../plan/expression/extract.js";
import { LambdaNode } from "../plan/expression/lambda.js";
import { SortOrderNode } from "../plan/expression/sort-order.js";
import { WindowNode } from "../plan/expression/window.js";
import { functionSpec } from "../plan/functions/index.js";
import { assertNever, type ExprNode } from "../plan/node.js";

/**
 * Rebuilds `e` with `f` applied to every sub-expression first, then to the node; `f`
 * returns undefined to keep a node.
 */
export function mapExpr(e: ExprNode, f: (n: ExprNode) => ExprNode | undefined): ExprNode {
  const m = (x: ExprNode): ExprNode => mapExpr(x, f);
  let out: ExprNode;
  switch (e.kind) {
    case "literal":
    case "column":
    case "star":
    case "lambdaVar":
      out = e;
      break;
    case "call":
      out = CallNode.create(e.name, e.args.map(m), e.distinct);
      break;
    case "alias":
      out = AliasNode.create(m(e.expr), e.name);
      break;
    case "cast":
      out = CastNode.create(m(e.expr), e.to, e.tryCast);
      break;
    case "sortOrder":
      out = SortOrderNode.create(m(e.expr), e.direction, e.nulls);
      break;
    case "window":
      out = WindowNode.create(
        m(e.fn),
        e.partitionBy.map(m),
        e.orderBy.map((o) => SortOrderNode.create(m(o.expr), o.direction, o.nulls)),
        e.frame,
      );
      break;
    case "extract":
      out = ExtractNode.create(m(e.expr), m(e.key));
      break;
    case "lambda":
      out = LambdaNode.create(e.params, m(e.body));
      break;
    default:
      return assertNever(e, "expression");
  }
  return f(out) ?? out;
}

/** Every node of `e`, parents first. */
export function walkExpr(e: ExprNode, visit: (n: ExprNode) => boolean | undefined): void {
  if (visit(e) === false) return;
  const w = (x: ExprNode): void => walkExpr(x, visit);
  switch (e.kind) {
    case "call":
      e.args.forEach(w);
      return;
    case "alias":
    case "cast":
    case "sortOrder":
      w(e.expr);
      return;
    case "window":
      w(e.fn);
      e.partitionBy.forEach(w);
      for (const o of e.orderBy) w(o);
      return;
    case "extract":
      w(e.expr);
      w(e.key);
      return;
    case "lambda":
      w(e.body);
      return;
    default:
      return;
  }
}

const isAggregateCall = (e: ExprNode): boolean =>
  e.kind === "call" && functionSpec(e.name)?.kind === "aggregate";

/**
 * True when `e` computes an aggregate over rows (`sum(x)`, `count(*) + 1`); an aggregate
 * used as a window function (`sum(x) OVER (...)`) is not one, its arguments may be.
 */
export function hasAggregate(e: ExprNode): boolean {
  let found = false;
  walkExpr(e, (n) => {
    if (found) return false;
    if (n.kind === "window") {
      const inner = n.fn.kind === "call" ? n.fn.args : [n.fn];
      found = [...inner, ...n.partitionBy, ...n.orderBy].some(hasAggregate);
      return false;
    }
    if (isAggregateCall(n)) found = true;
    return !found;
  });
  return found;
}

/** The column names `e` references, lower-cased (attribute text as written). */
export function columnNames(e: ExprNode): Set<string> {
  const names = new Set<string>();
  walkExpr(e, (n) => {
    if (n.kind === "column") names.add(n.name.toLowerCase());
    return true;
  });
  return names;
}

/** The expression under an alias. */
export function unalias(e: ExprNode): ExprNode {
  return e.kind === "alias" ? unalias(e.expr) : e;
}

/** Structural equality of two expression trees (plan nodes are plain data). */
export function sameExpr(a: ExprNode, b: ExprNode): boolean {
  return JSON.stringify(a, bigintSafe) === JSON.stringify(b, bigintSafe);
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? `${value}n` : value;
}
