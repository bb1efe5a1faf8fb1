/**
 * The one place that turns loose user input into expression nodes: a `Column`, a column
 * name, or a plain JS value (a literal).
 */
import { IllegalArgumentError } from "../errors.js";
import { CallNode } from "../plan/expression/call.js";
import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { LiteralNode, type LiteralValue } from "../plan/expression/literal.js";
import { StarNode } from "../plan/expression/star.js";
import type { ExprNode } from "../plan/node.js";
import { Decimal } from "../types/decimal.js";

/** Anything that wraps an expression node (the public `Column`). */
export interface HasExpr {
  readonly expr: ExprNode;
}

export function hasExpr(value: unknown): value is HasExpr {
  return (
    typeof value === "object" &&
    value !== null &&
    "expr" in value &&
    isExprNode((value as HasExpr).expr)
  );
}

function isExprNode(value: unknown): value is ExprNode {
  return typeof value === "object" && value !== null && "kind" in value;
}

/** A column name: `"*"` is every column, `"t.*"` every column of alias t. */
export function nameToExpr(name: string): ExprNode {
  if (name === "*") return StarNode.create();
  if (name.endsWith(".*")) return StarNode.create(name.slice(0, -2));
  return ColumnRefNode.create(name);
}

/** A Column or a column name (Spark's `ColumnOrName`). */
export function toExpr(value: HasExpr | string): ExprNode {
  if (typeof value === "string") return nameToExpr(value);
  if (hasExpr(value)) return value.expr;
  throw new IllegalArgumentError(`Expected a Column or a column name, got ${describe(value)}.`);
}

/** A Column, or a value turned into a literal (Spark's `lit` rules). */
export function toExprOrLiteral(value: HasExpr | LiteralValue): ExprNode {
  if (hasExpr(value)) return value.expr;
  return literal(value);
}

/** A literal node for a JS value; arrays become `array(...)` calls as PySpark's `lit([..])`. */
export function literal(value: LiteralValue): ExprNode {
  if (Array.isArray(value))
    return CallNode.create(
      "array",
      value.map((v: LiteralValue) => literal(v)),
    );
  if (
    value === null ||
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean" ||
    typeof value === "bigint" ||
    value instanceof Date ||
    value instanceof Decimal ||
    value instanceof Uint8Array
  ) {
    return LiteralNode.create(value);
  }
  throw new IllegalArgumentError(`Cannot turn ${describe(value)} into a literal.`, {
    hint: "Use strings, numbers, bigints, booleans, Date, Decimal, Uint8Array, arrays or null.",
  });
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "object") return value.constructor?.name ?? "object";
  return `${typeof value} ${String(value)}`;
}
