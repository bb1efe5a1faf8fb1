/**
 * Expression nodes as Spark SQL text, for the statements the Spark engine sends as SQL
 * (delta-spark's DELETE, UPDATE and MERGE). Literals and identifiers go through Spark's own
 * quoting (types/sql-string.ts), so values travel as data.
 */
import { INFIX as NAME_INFIX, splitAttribute } from "../../../plan/expression/name.js";
import { frameText } from "../../../plan/expression/window.js";
import { assertNever, type ExprNode } from "../../../plan/node.js";
import { dataTypeToSql } from "../../../types/ddl.js";
import { quoteIdentifier } from "../../../types/sql-string.js";
import { sparkFunctionName } from "./function-names.js";
import { sparkLiteral } from "./local-relation.js";

/** Spark's infix operators, plus those SQL text spells differently or that have no auto name. */
const INFIX: Readonly<Record<string, string>> = {
  ...NAME_INFIX,
  "!=": "<>",
  like: "LIKE",
  ilike: "ILIKE",
  rlike: "RLIKE",
};

export function exprSql(e: ExprNode): string {
  switch (e.kind) {
    case "literal":
      return sparkLiteral(e.value, e.dataType);
    case "column":
      return splitAttribute(e.name).map(quoteIdentifier).join(".");
    case "star":
      return e.target === undefined ? "*" : `${quoteIdentifier(e.target)}.*`;
    case "call": {
      const args = e.args.map(exprSql);
      const infix = INFIX[e.name];
      if (infix !== undefined && args.length === 2) return `(${args[0]} ${infix} ${args[1]})`;
      switch (e.name) {
        case "not":
          return `(NOT ${args[0]})`;
        case "negative":
          return `(- ${args[0]})`;
        case "isnull":
          return `(${args[0]} IS NULL)`;
        case "isnotnull":
          return `(${args[0]} IS NOT NULL)`;
        case "in":
          return `(${args[0]} IN (${args.slice(1).join(", ")}))`;
        case "when": {
          let out = "CASE";
          for (let i = 0; i + 1 < args.length; i += 2)
            out += ` WHEN ${args[i]} THEN ${args[i + 1]}`;
          if (args.length % 2 === 1) out += ` ELSE ${args[args.length - 1]}`;
          return `${out} END`;
        }
        default:
          return `${sparkFunctionName(e.name)}(${e.distinct ? "DISTINCT " : ""}${args.join(", ")})`;
      }
    }
    case "alias":
      return `${exprSql(e.expr)} AS ${quoteIdentifier(e.name)}`;
    case "cast":
      return `${e.tryCast ? "TRY_CAST" : "CAST"}(${exprSql(e.expr)} AS ${dataTypeToSql(e.to)})`;
    case "sortOrder":
      return `${exprSql(e.expr)} ${e.direction.toUpperCase()} NULLS ${e.nulls.toUpperCase()}`;
    case "window": {
      const spec: string[] = [];
      if (e.partitionBy.length > 0)
        spec.push(`PARTITION BY ${e.partitionBy.map(exprSql).join(", ")}`);
      if (e.orderBy.length > 0) spec.push(`ORDER BY ${e.orderBy.map(exprSql).join(", ")}`);
      if (e.frame !== undefined) spec.push(frameText(e.frame, exprSql));
      return `${exprSql(e.fn)} OVER (${spec.join(" ")})`;
    }
    case "extract":
      return `${exprSql(e.expr)}[${exprSql(e.key)}]`;
    case "lambda":
      return `(${e.params.map(quoteIdentifier).join(", ")}) -> ${exprSql(e.body)}`;
    case "lambdaVar":
      return quoteIdentifier(e.name);
    default:
      return assertNever(e, "expression");
  }
}
