/**
 * `unpivot` / `melt`: a projection of the id columns and `inline` of one struct per value
 * column, so each input row gives its rows in order (Spark's Expand does the same). The
 * values take their common type (no string promotion, as Spark's Unpivot), or fail.
 */
import { AnalysisError, IllegalArgumentError } from "../../../errors.js";
import { AliasNode } from "../../../plan/expression/alias.js";
import { CallNode } from "../../../plan/expression/call.js";
import { CastNode } from "../../../plan/expression/cast.js";
import { ColumnRefNode } from "../../../plan/expression/column-ref.js";
import { LiteralNode } from "../../../plan/expression/literal.js";
import type { ExprNode } from "../../../plan/node.js";
import { ProjectNode } from "../../../plan/relation/project.js";
import type { UnpivotNode } from "../../../plan/relation/unpivot.js";
import { type DataType, StringType } from "../../../types/data-types.js";
import { quoteIdentifier } from "../../../types/sql-string.js";
import { widerType } from "../functions/coercion.js";
import { compileExpr, type ExprContext } from "./expression.js";
import { compileProject } from "./relation-project.js";
import { type CompiledRelation, inputAlias } from "./relation-types.js";
import { scopeOf } from "./scope.js";

interface Value {
  readonly name: string;
  readonly expr: ExprNode;
  readonly type: DataType;
}

function nameOf(e: ExprNode): string {
  if (e.kind === "column") return e.name.split(".").at(-1)?.replaceAll("`", "") ?? e.name;
  if (e.kind === "alias") return e.name;
  throw new IllegalArgumentError("unpivot values must be columns or aliased expressions.", {
    hint: 'Name each value: F.col("x") or an expression with .alias("name").',
  });
}

function commonType(values: readonly Value[], ansi: boolean): DataType {
  const [first, ...rest] = values;
  if (first === undefined) {
    throw new AnalysisError(
      "UNPIVOT_VALUE_DATA_TYPE_MISMATCH",
      "[UNPIVOT_REQUIRES_VALUE_COLUMNS] At least one value column needs to be specified for UNPIVOT, all columns specified as ids. SQLSTATE: 42K0A",
    );
  }
  let to: DataType | undefined = first.type;
  for (const v of rest) to = to === undefined ? undefined : widerType(to, v.type, ansi, false);
  if (to === undefined) {
    const list = values.map((v) => `"${v.type.simpleString().toUpperCase()}" (\`${v.name}\`)`);
    throw new AnalysisError(
      "UNPIVOT_VALUE_DATA_TYPE_MISMATCH",
      `[UNPIVOT_VALUE_DATA_TYPE_MISMATCH] Unpivot value columns must share a least common type, some types do not: [${list.join(", ")}]. SQLSTATE: 42K09`,
      { hint: "Cast the value columns to one type first." },
    );
  }
  return to;
}

export function compileUnpivot(
  node: UnpivotNode,
  input: CompiledRelation,
  ctx: ExprContext,
): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const typeOf = (e: ExprNode): DataType => compileExpr(e, scope, ctx).type ?? StringType;
  const idNames = new Set(
    node.ids.map((e) => (e.kind === "column" ? nameOf(e).toLowerCase() : "")),
  );
  const values: Value[] =
    node.values === undefined
      ? input.columns
          .filter((c) => !idNames.has(c.name.toLowerCase()))
          .map((c) => {
            const expr = ColumnRefNode.create(quoteIdentifier(c.name));
            return { name: c.name, expr, type: c.dataType ?? typeOf(expr) };
          })
      : node.values.map((e) => {
          const expr = e.kind === "alias" ? e.expr : e;
          return { name: nameOf(e), expr, type: typeOf(expr) };
        });
  const to = commonType(values, ctx.ansi);
  const rows = values.map((v) =>
    CallNode.create("struct", [
      AliasNode.create(LiteralNode.create(v.name, StringType), node.variableColumnName),
      AliasNode.create(
        v.type.simpleString() === to.simpleString() ? v.expr : CastNode.create(v.expr, to),
        node.valueColumnName,
      ),
    ]),
  );
  const inline = CallNode.create("inline", [CallNode.create("array", rows)]);
  return compileProject(ProjectNode.create(node.input, [...node.ids, inline]), input, ctx);
}
