/**
 * `Column`: an immutable wrapper over an expression node, with Spark's Column API.
 * Methods only build nodes; nothing runs until an action.
 *
 * @example
 * ```ts
 * import { col, lit, when } from "tributary/functions";
 * df.filter(col("delay").gt(15).and(col("origin").isin("SFO", "OAK")))
 *   .withColumn("late", when(col("delay").gt(60), lit("very")).otherwise("a bit"));
 * ```
 */
import { type HasExpr, toExpr, toExprOrLiteral } from "../coerce/coerce.js";
import { IllegalArgumentError } from "../errors.js";
import { AliasNode } from "../plan/expression/alias.js";
import { CallNode } from "../plan/expression/call.js";
import { CastNode } from "../plan/expression/cast.js";
import { ExtractNode } from "../plan/expression/extract.js";
import type { LiteralValue } from "../plan/expression/literal.js";
import { exprToString } from "../plan/expression/name.js";
import { SortOrderNode } from "../plan/expression/sort-order.js";
import { WindowNode } from "../plan/expression/window.js";
import type { SparkFunctionName } from "../plan/functions/index.js";
import type { ExprNode } from "../plan/node.js";
import type { DataType } from "../types/data-types.js";
import { parseDataType } from "../types/ddl.js";
import type { WindowSpec } from "./window.js";

/** A Column or a plain value used as a literal. */
export type ColumnOrValue = Column | LiteralValue;
/** A Column or a column name. */
export type ColumnOrName = Column | string;

export class Column implements HasExpr {
  readonly expr: ExprNode;

  constructor(expr: ExprNode) {
    this.expr = expr;
    Object.freeze(this);
  }

  private bin(name: SparkFunctionName, other: ColumnOrValue): Column {
    return new Column(CallNode.create(name, [this.expr, toExprOrLiteral(other)]));
  }

  private un(name: SparkFunctionName): Column {
    return new Column(CallNode.create(name, [this.expr]));
  }

  // Arithmetic
  plus(other: ColumnOrValue): Column {
    return this.bin("+", other);
  }
  minus(other: ColumnOrValue): Column {
    return this.bin("-", other);
  }
  multiply(other: ColumnOrValue): Column {
    return this.bin("*", other);
  }
  /** Spark's `/`: always fractional (`7 / 2 = 3.5`); division by zero gives null. */
  divide(other: ColumnOrValue): Column {
    return this.bin("/", other);
  }
  mod(other: ColumnOrValue): Column {
    return this.bin("%", other);
  }
  negate(): Column {
    return this.un("negative");
  }

  // Comparison
  /** Equality (Scala's `===`). */
  eq(other: ColumnOrValue): Column {
    return this.bin("==", other);
  }
  equalTo(other: ColumnOrValue): Column {
    return this.eq(other);
  }
  /** Inequality (Scala's `=!=`). */
  ne(other: ColumnOrValue): Column {
    return this.bin("!=", other);
  }
  notEqual(other: ColumnOrValue): Column {
    return this.ne(other);
  }
  /** Null-safe equality `<=>`: null <=> null is true. */
  eqNullSafe(other: ColumnOrValue): Column {
    return this.bin("<=>", other);
  }
  lt(other: ColumnOrValue): Column {
    return this.bin("<", other);
  }
  leq(other: ColumnOrValue): Column {
    return this.bin("<=", other);
  }
  gt(other: ColumnOrValue): Column {
    return this.bin(">", other);
  }
  geq(other: ColumnOrValue): Column {
    return this.bin(">=", other);
  }
  /** `lower <= this <= upper` (both inclusive). */
  between(lower: ColumnOrValue, upper: ColumnOrValue): Column {
    return this.geq(lower).and(this.leq(upper));
  }

  // Logic
  and(other: ColumnOrValue): Column {
    return this.bin("and", other);
  }
  or(other: ColumnOrValue): Column {
    return this.bin("or", other);
  }
  not(): Column {
    return this.un("not");
  }

  // Bitwise
  bitwiseAND(other: ColumnOrValue): Column {
    return this.bin("&", other);
  }
  bitwiseOR(other: ColumnOrValue): Column {
    return this.bin("|", other);
  }
  bitwiseXOR(other: ColumnOrValue): Column {
    return this.bin("^", other);
  }

  // Nulls and sets
  isNull(): Column {
    return this.un("isnull");
  }
  isNotNull(): Column {
    return this.un("isnotnull");
  }
  isNaN(): Column {
    return this.un("isnan");
  }
  /** `this IN (values...)`; accepts values, Columns, or one array of them. */
  isin(...values: (ColumnOrValue | readonly LiteralValue[])[]): Column {
    const flat =
      values.length === 1 && Array.isArray(values[0]) ? (values[0] as LiteralValue[]) : values;
    return new Column(
      CallNode.create("in", [this.expr, ...flat.map((v) => toExprOrLiteral(v as ColumnOrValue))]),
    );
  }

  // Strings
  /** SQL LIKE: `_` one character, `%` any run; the whole value must match. */
  like(pattern: string): Column {
    return this.bin("like", pattern);
  }
  ilike(pattern: string): Column {
    return this.bin("ilike", pattern);
  }
  /** Java regular expression, matching anywhere in the value (Spark's `rlike`). */
  rlike(regex: string): Column {
    return this.bin("rlike", regex);
  }
  startswith(other: ColumnOrValue): Column {
    return this.bin("startswith", other);
  }
  endswith(other: ColumnOrValue): Column {
    return this.bin("endswith", other);
  }
  contains(other: ColumnOrValue): Column {
    return this.bin("contains", other);
  }
  /** 1-based substring, as Spark's `substr(pos, len)`. */
  substr(pos: ColumnOrValue, len: ColumnOrValue): Column {
    return new Column(
      CallNode.create("substr", [this.expr, toExprOrLiteral(pos), toExprOrLiteral(len)]),
    );
  }

  // Types, names, nesting
  /** Casts to a Spark type or a type string (`"int"`, `"decimal(10,2)"`, `"array<string>"`). */
  cast(to: DataType | string): Column {
    return new Column(CastNode.create(this.expr, typeof to === "string" ? parseDataType(to) : to));
  }
  astype(to: DataType | string): Column {
    return this.cast(to);
  }
  /** Like cast, but a value that does not convert becomes null instead of failing. */
  try_cast(to: DataType | string): Column {
    return new Column(
      CastNode.create(this.expr, typeof to === "string" ? parseDataType(to) : to, true),
    );
  }
  alias(name: string): Column {
    return new Column(AliasNode.create(this.expr, name));
  }
  as(name: string): Column {
    return this.alias(name);
  }
  name(name: string): Column {
    return this.alias(name);
  }
  /** An element of an array (0-based), or the value of a map key. */
  getItem(key: ColumnOrValue): Column {
    return new Column(ExtractNode.create(this.expr, toExprOrLiteral(key)));
  }
  /** A field of a struct. */
  getField(name: string): Column {
    return new Column(ExtractNode.create(this.expr, toExprOrLiteral(name)));
  }

  // Sorting
  asc(): Column {
    return new Column(SortOrderNode.create(this.expr, "asc", "first"));
  }
  asc_nulls_first(): Column {
    return this.asc();
  }
  asc_nulls_last(): Column {
    return new Column(SortOrderNode.create(this.expr, "asc", "last"));
  }
  desc(): Column {
    return new Column(SortOrderNode.create(this.expr, "desc", "last"));
  }
  desc_nulls_first(): Column {
    return new Column(SortOrderNode.create(this.expr, "desc", "first"));
  }
  desc_nulls_last(): Column {
    return this.desc();
  }

  // Conditionals: `when(...).when(...).otherwise(...)`
  /** Adds a branch to a `when` chain started with `functions.when`. */
  when(condition: Column, value: ColumnOrValue): Column {
    const node = this.whenNode("when");
    if (node.args.length % 2 === 1) {
      throw new IllegalArgumentError("when() cannot be applied once otherwise() is applied.");
    }
    return new Column(
      CallNode.create("when", [...node.args, condition.expr, toExprOrLiteral(value)]),
    );
  }

  /** The value when no branch of a `when` chain matches (null without it). */
  otherwise(value: ColumnOrValue): Column {
    const node = this.whenNode("otherwise");
    if (node.args.length % 2 === 1)
      throw new IllegalArgumentError("otherwise() can only be applied once.");
    return new Column(CallNode.create("when", [...node.args, toExprOrLiteral(value)]));
  }

  private whenNode(method: string): CallNode {
    if (this.expr.kind !== "call" || this.expr.name !== "when") {
      throw new IllegalArgumentError(
        `${method}() can only be applied on a Column previously generated by when().`,
      );
    }
    return this.expr;
  }

  /** This aggregate or ranking function over a window. */
  over(window?: WindowSpec): Column {
    return new Column(window === undefined ? windowOf(this.expr) : window.apply(this.expr));
  }

  toString(): string {
    return `Column<'${exprToString(this.expr)}'>`;
  }
}

function windowOf(expr: ExprNode): ExprNode {
  return WindowNode.create(expr, [], []);
}

/** `col(name)` as a Column. */
export function columnOf(value: ColumnOrName): Column {
  return value instanceof Column ? value : new Column(toExpr(value));
}
