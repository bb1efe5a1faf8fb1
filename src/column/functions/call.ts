/** Shared helpers for the `functions` families: every function only builds a CallNode. */
import { toExpr, toExprOrLiteral } from "../../coerce/coerce.js";
import { CallNode } from "../../plan/expression/call.js";
import type { LiteralValue } from "../../plan/expression/literal.js";
import { LiteralNode } from "../../plan/expression/literal.js";
import type { SparkFunctionName } from "../../plan/functions/index.js";
import type { ExprNode } from "../../plan/node.js";
import { Column, type ColumnOrName } from "../column.js";

export type { ColumnOrName };
/** A Column, or a plain value used as a literal. */
export type ColumnOrValue = Column | LiteralValue;

/** `name(args...)` where each arg is a Column or a column name. */
export function fn(name: SparkFunctionName, ...args: ColumnOrName[]): Column {
  return new Column(CallNode.create(name, args.map(toExpr)));
}

/** `name(args...)` from ready nodes. */
export function fnNodes(
  name: SparkFunctionName,
  args: readonly ExprNode[],
  distinct = false,
): Column {
  return new Column(CallNode.create(name, args, distinct));
}

/** A column argument. */
export const c = (v: ColumnOrName): ExprNode => toExpr(v);
/** A literal-or-column argument (strings are values, not names). */
export const v = (x: ColumnOrValue): ExprNode => toExprOrLiteral(x);
/** A literal argument. */
export const l = (x: LiteralValue): ExprNode => LiteralNode.create(x);
