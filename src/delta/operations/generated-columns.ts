/**
 * Generated columns, as delta-spark has them: a column whose field metadata holds
 * `delta.generationExpression` (Spark SQL over the other columns) is computed on write when
 * the data leaves it out, and checked when the data gives it: a row whose value differs from
 * the expression (null-safe) fails the write before anything is committed. Rows an UPDATE or
 * MERGE rewrites get them recomputed from their final values (delta-spark instead rejects an
 * explicit assignment that disagrees). Such tables need writer feature `generatedColumns`
 * (writer 7, as delta-spark 4 creates them; legacy writer 4 implies it).
 */
import { DeltaError } from "../../errors.js";
import { AliasNode } from "../../plan/expression/alias.js";
import { CastNode } from "../../plan/expression/cast.js";
import { referencedColumns } from "../../plan/expression/columns.js";
import type { ExprNode, RelationNode } from "../../plan/node.js";
import { AggregateNode } from "../../plan/relation/aggregate.js";
import { FilterNode } from "../../plan/relation/filter.js";
import { LimitNode } from "../../plan/relation/limit.js";
import { ProjectNode } from "../../plan/relation/project.js";
import { parseExpression } from "../../sql-expr/index.js";
import type { StructField, StructType } from "../../types/data-types.js";
import type { DeltaTableEngine } from "../table-engine.js";
import { showValue } from "./constraints.js";
import { call, colRef, lit } from "./plan-helpers.js";

/** The field metadata key delta-spark stores a generation expression under. */
export const GENERATION_EXPRESSION_KEY = "delta.generationExpression";

/** The generation expression of a column, if it is generated. */
export function generationExpression(field: StructField): string | undefined {
  const expr = field.metadata[GENERATION_EXPRESSION_KEY];
  return typeof expr === "string" ? expr : undefined;
}

export function hasGeneratedColumns(schema: StructType): boolean {
  return schema.fields.some((f) => generationExpression(f) !== undefined);
}

/** The names of the generated columns. */
export function generatedColumnNames(schema: StructType): Set<string> {
  return new Set(
    schema.fields.filter((f) => generationExpression(f) !== undefined).map((f) => f.name),
  );
}

function computed(field: StructField, expr: string): ExprNode {
  return CastNode.create(parseExpression(expr), field.dataType);
}

/** The expression as Spark prints an operand: an operator application in parentheses. */
function asOperand(expr: string): string {
  const node = parseExpression(expr);
  return node.kind === "call" && !/^[a-z_]/i.test(node.name) ? `(${expr})` : expr;
}

/** `column <=> CAST(expr AS type)`: the check delta-spark enforces on a given value. */
function equal(field: StructField, expr: string): ExprNode {
  return call("<=>", colRef(field.name), computed(field, expr));
}

/**
 * `plan` (already projected to the table's columns, generated ones the data lacked as
 * placeholders) with those generated columns computed from the others.
 */
export function fillGeneratedColumns(
  plan: RelationNode,
  table: StructType,
  missing: ReadonlySet<string>,
): RelationNode {
  if (missing.size === 0) return plan;
  return ProjectNode.create(
    plan,
    table.fields.map((f) => {
      const expr = generationExpression(f);
      return expr !== undefined && missing.has(f.name)
        ? AliasNode.create(computed(f, expr), f.name)
        : colRef(f.name);
    }),
  );
}

/**
 * Fails when a row gives a generated column a value other than its expression's (null-safe,
 * as delta-spark's check constraint `col <=> expr`); runs no query when none is given.
 */
export async function checkGeneratedColumns(
  engine: DeltaTableEngine,
  plan: RelationNode,
  table: StructType,
  given: readonly string[],
): Promise<void> {
  const checks = table.fields.flatMap((f) => {
    const expr = generationExpression(f);
    return expr !== undefined && given.includes(f.name) ? [{ field: f, expr }] : [];
  });
  if (checks.length === 0) return;
  const counts = checks.map(({ field, expr }, i) =>
    AliasNode.create(call("sum", call("when", equal(field, expr), lit(0), lit(1))), `g${i}`),
  );
  const [row] = await engine.collect(AggregateNode.create(plan, "groupby", [], counts));
  for (const [i, { field, expr }] of checks.entries()) {
    if (Number(row?.[`g${i}`] ?? 0) === 0) continue;
    // The violating row's values of the columns the check reads, in table order.
    const read = new Set(referencedColumns(parseExpression(expr)).map((n) => n.toLowerCase()));
    const columns = table.fields
      .filter((f) => f === field || read.has(f.name.toLowerCase()))
      .map((f) => f.name);
    const [bad] = await engine.collect(
      LimitNode.create(
        ProjectNode.create(
          FilterNode.create(plan, call("not", equal(field, expr))),
          columns.map((n) => colRef(n)),
        ),
        1,
      ),
    );
    const values = columns.map((n) => ` - ${n} : ${showValue(bad?.[n])}`).join("\n");
    throw new DeltaError(
      "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES",
      `CHECK constraint Generated Column (${field.name} <=> ${asOperand(expr)}) violated by row with values:\n${values}`,
      {
        hint: `Leave ${field.name} out of the data written (it is computed), or give it the value of ${expr}.`,
        context: { column: field.name, expr },
      },
    );
  }
}
