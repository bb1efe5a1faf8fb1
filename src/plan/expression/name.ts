/**
 * Spark's automatic column names: what `df.select(F.sum("b"), col("a") + 1)` calls its
 * columns (`sum(b)`, `(a + 1)`). Every engine names unaliased expressions with this, so
 * `df.columns` is the same on DuckDB and on Spark.
 */
import type { DataType } from "../../types/data-types.js";
import { Decimal } from "../../types/decimal.js";
import { assertNever, type ExprNode } from "../node.js";
import type { LiteralNode } from "./literal.js";
import { frameText } from "./window.js";

/** Spark's infix operators: name -> SQL symbol (rendered as `(a op b)`). */
export const INFIX: Readonly<Record<string, string>> = {
  "+": "+",
  "-": "-",
  "*": "*",
  "/": "/",
  "%": "%",
  div: "div",
  "==": "=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  "<=>": "<=>",
  and: "AND",
  or: "OR",
  "&": "&",
  "|": "|",
  "^": "^",
};

/** Functions whose pretty name differs from the name they are called by. */
const PRETTY: Readonly<Record<string, string>> = {
  mean: "avg",
  std: "stddev",
  lcase: "lower",
  ucase: "upper",
  floor: "FLOOR",
  ceil: "CEIL",
};

/** The last part of a dotted, possibly back-quoted, attribute name. */
export function attributeLeaf(name: string): string {
  const parts = splitAttribute(name);
  return parts[parts.length - 1] ?? name;
}

/** Splits Spark attribute text (`a.b`, `` `a.b`.c ``) into its parts. */
export function splitAttribute(name: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (quoted) {
      if (ch === "`") {
        if (name[i + 1] === "`") {
          current += "`";
          i++;
        } else quoted = false;
      } else current += ch;
    } else if (ch === "`") quoted = true;
    else if (ch === ".") {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Spark's upper-case SQL spelling of a type (`INT`, `DECIMAL(10,2)`, `ARRAY<STRING>`). */
export function typeSql(t: DataType): string {
  switch (t.typeName) {
    case "array":
      return `ARRAY<${typeSql(t.elementType)}>`;
    case "map":
      return `MAP<${typeSql(t.keyType)}, ${typeSql(t.valueType)}>`;
    case "struct":
      return `STRUCT<${t.fields.map((f) => `${f.name}: ${typeSql(f.dataType)}`).join(", ")}>`;
    default:
      return t.simpleString().toUpperCase();
  }
}

function literalName(node: LiteralNode): string {
  const v = node.value;
  if (v === null) return "NULL";
  if (v instanceof Date) return `TIMESTAMP '${v.toISOString().replace("T", " ").replace("Z", "")}'`;
  if (v instanceof Decimal) return v.toString();
  if (v instanceof Uint8Array) return `X'${Buffer.from(v).toString("hex").toUpperCase()}'`;
  if (node.dataType.typeName === "date") return `DATE '${String(v)}'`;
  if (Array.isArray(v)) return `array(${v.map(String).join(", ")})`;
  return String(v);
}

function callName(name: string, args: readonly ExprNode[], distinct: boolean): string {
  const a = args.map(exprToString);
  const infix = INFIX[name];
  if (infix !== undefined && a.length === 2) return `(${a[0]} ${infix} ${a[1]})`;
  switch (name) {
    case "!=":
      return `(NOT (${a[0]} = ${a[1]}))`;
    case "not":
      return `(NOT ${a[0]})`;
    case "negative":
      return `(- ${a[0]})`;
    case "isnull":
      return `(${a[0]} IS NULL)`;
    case "isnotnull":
      return `(${a[0]} IS NOT NULL)`;
    case "in":
      return `(${a[0]} IN (${a.slice(1).join(", ")}))`;
    case "like":
      return `${a[0]} LIKE ${a[1]}`;
    case "rlike":
      return `RLIKE(${a[0]}, ${a[1]})`;
    case "when": {
      let out = "CASE";
      for (let i = 0; i + 1 < a.length; i += 2) out += ` WHEN ${a[i]} THEN ${a[i + 1]}`;
      if (a.length % 2 === 1) out += ` ELSE ${a[a.length - 1]}`;
      return `${out} END`;
    }
    case "count":
      if (args.length === 1 && args[0]?.kind === "star") return "count(1)";
      break;
    case "if":
      return `(IF(${a.join(", ")}))`;
    // Spark's analyzer fills these defaults in before it names the column.
    case "sort_array":
      if (a.length === 1) return `sort_array(${a[0]}, true)`;
      break;
    case "substring":
      if (a.length === 2) return `substring(${a[0]}, ${a[1]}, 2147483647)`;
      break;
  }
  const pretty = PRETTY[name] ?? name;
  return `${pretty}(${distinct ? "DISTINCT " : ""}${a.join(", ")})`;
}

/** Spark's display text for an expression, used as its default column name. */
export function exprToString(node: ExprNode): string {
  switch (node.kind) {
    case "literal":
      return literalName(node);
    case "column":
      return attributeLeaf(node.name);
    case "star":
      return node.target === undefined ? "*" : `${node.target}.*`;
    case "call":
      return callName(node.name, node.args, node.distinct);
    case "alias":
      return node.name;
    case "cast":
      return `${node.tryCast ? "TRY_CAST" : "CAST"}(${exprToString(node.expr)} AS ${typeSql(node.to)})`;
    case "sortOrder":
      return `${exprToString(node.expr)} ${node.direction.toUpperCase()} NULLS ${node.nulls.toUpperCase()}`;
    case "window": {
      const spec: string[] = [];
      if (node.partitionBy.length > 0)
        spec.push(`PARTITION BY ${node.partitionBy.map(exprToString).join(", ")}`);
      if (node.orderBy.length > 0)
        spec.push(`ORDER BY ${node.orderBy.map(exprToString).join(", ")}`);
      if (node.frame !== undefined) spec.push(frameText(node.frame, exprToString));
      return `${exprToString(node.fn)} OVER (${spec.join(" ")})`;
    }
    case "extract": {
      const key = node.key;
      if (key.kind === "literal" && typeof key.value === "string")
        return `${exprToString(node.expr)}.${key.value}`;
      return `${exprToString(node.expr)}[${exprToString(key)}]`;
    }
    case "lambda":
      return `lambdafunction(${exprToString(node.body)}, ${node.params.join(", ")})`;
    case "lambdaVar":
      return node.name;
    default:
      return assertNever(node, "expression");
  }
}

/** The output column name of a select item: its alias, or Spark's display text. */
export function outputName(node: ExprNode): string {
  return exprToString(node);
}
