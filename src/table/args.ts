/**
 * Loose API arguments -> plan expressions: conditions and assigned values are Columns or
 * Spark SQL expression text (as in PySpark's DeltaTable, where a string is an expression).
 */
import { Column } from "../column/column.js";
import { IllegalArgumentError } from "../errors.js";
import { exprToString } from "../plan/expression/name.js";
import type { ExprNode } from "../plan/node.js";
import { parseExpression } from "../sql-expr/index.js";

/** A condition: a Column, or SQL text such as `"t.id = s.id AND s.op <> 'D'"`. */
export type ConditionLike = Column | string;

/** Column name -> new value (a Column, or SQL text such as `"s.v + 1"`). */
export type Assignments = Readonly<Record<string, Column | string>>;

export interface ParsedCondition {
  readonly expr: ExprNode;
  /** The SQL recorded in the history (the text as given, or the Column's SQL). */
  readonly text: string;
}

export function conditionOf(c: ConditionLike, what = "condition"): ParsedCondition {
  if (typeof c === "string") return { expr: parseExpression(c), text: c };
  if (c instanceof Column) return { expr: c.expr, text: exprToString(c.expr) };
  throw new IllegalArgumentError(
    `The ${what} must be a Column or a SQL expression string, got ${typeof c}.`,
  );
}

export function optionalCondition(
  c: ConditionLike | undefined,
  what?: string,
): ParsedCondition | undefined {
  return c === undefined ? undefined : conditionOf(c, what);
}

export function assignmentsOf(set: Assignments, what = "set"): [string, ExprNode][] {
  if (typeof set !== "object" || set === null || set instanceof Column) {
    throw new IllegalArgumentError(
      `${what} must be an object of column name -> Column or SQL expression string.`,
    );
  }
  return Object.entries(set).map(([name, value]) => {
    if (typeof value === "string") return [name, parseExpression(value)];
    if (value instanceof Column) return [name, value.expr];
    throw new IllegalArgumentError(
      `The value of \`${name}\` in ${what} must be a Column or a SQL expression string.`,
      {
        hint: 'Wrap constants with lit(...), or write them as SQL text: { v: "0" }.',
      },
    );
  });
}

/** Whether `value` is the `{condition?, set}` / `{condition?, values}` options object (not a condition). */
export function isOptions<K extends "set" | "values">(
  value: unknown,
  key: K,
): value is { readonly condition?: ConditionLike } & Readonly<Record<K, Assignments>> {
  if (typeof value !== "object" || value === null || value instanceof Column) return false;
  const inner = (value as Record<string, unknown>)[key];
  return typeof inner === "object" && inner !== null && !(inner instanceof Column);
}
