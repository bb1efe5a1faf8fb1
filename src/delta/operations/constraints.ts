/**
 * Table constraints, as delta-spark enforces them: NOT NULL columns (`nullable: false` in the
 * schema) and CHECK constraints (`delta.constraints.<name>` = a SQL expression, writer feature
 * `checkConstraints`). Every write checks the rows it is about to add; a row whose check is
 * false or NULL fails the write before anything is committed, naming the constraint and the
 * row's values. `addConstraint` checks the rows already there first.
 */
import { DeltaError } from "../../errors.js";
import { AliasNode } from "../../plan/expression/alias.js";
import { referencedColumns } from "../../plan/expression/columns.js";
import type { ExprNode, RelationNode } from "../../plan/node.js";
import { AggregateNode } from "../../plan/relation/aggregate.js";
import { FilterNode } from "../../plan/relation/filter.js";
import { LimitNode } from "../../plan/relation/limit.js";
import { ProjectNode } from "../../plan/relation/project.js";
import { parseExpression } from "../../sql-expr/index.js";
import type { StructType } from "../../types/data-types.js";
import type { Action, Metadata, Protocol } from "../actions/types.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import type { DeltaTableEngine } from "../table-engine.js";
import { commitCommand, footprint, type TableCommandContext } from "./common.js";
import { call, colRef, lit, matches, scanFiles } from "./plan-helpers.js";

const PREFIX = "delta.constraints.";

export interface CheckConstraint {
  readonly name: string;
  readonly expr: string;
}

/** The CHECK constraints in a table configuration. */
export function checkConstraintsOf(
  configuration: Readonly<Record<string, string>>,
): CheckConstraint[] {
  return Object.entries(configuration)
    .filter(([k]) => k.toLowerCase().startsWith(PREFIX))
    .map(([k, expr]) => ({ name: k.slice(PREFIX.length), expr }));
}

/** The table columns a constraint reads (its violating row shows their values). */
function mentioned(expr: ExprNode, schema: StructType): string[] {
  return referencedColumns(expr).flatMap((n) => {
    const f = schema.field(n);
    return f === undefined ? [] : [f.name];
  });
}

/** A value as delta-spark prints it in a violation message. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return value.toISOString();
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * Fails when a row of `plan` breaks a NOT NULL column or a CHECK constraint of the table;
 * runs no query when the table has neither.
 */
export async function checkConstraints(
  engine: DeltaTableEngine,
  plan: RelationNode,
  schema: StructType,
  configuration: Readonly<Record<string, string>>,
): Promise<void> {
  const notNull = schema.fields.filter((f) => !f.nullable).map((f) => f.name);
  const checks = checkConstraintsOf(configuration).map((c) => ({
    ...c,
    node: parseExpression(c.expr),
  }));
  if (notNull.length === 0 && checks.length === 0) return;
  const counts: ExprNode[] = [
    ...notNull.map((n, i) =>
      AliasNode.create(
        call("sum", call("when", call("isnull", colRef(n)), lit(1), lit(0))),
        `n${i}`,
      ),
    ),
    ...checks.map((c, i) =>
      AliasNode.create(call("sum", call("when", matches(c.node), lit(0), lit(1))), `c${i}`),
    ),
  ];
  const [row] = await engine.collect(AggregateNode.create(plan, "groupby", [], counts));
  for (const [i, column] of notNull.entries()) {
    if (Number(row?.[`n${i}`] ?? 0) > 0)
      throw new DeltaError(
        "DELTA_NOT_NULL_CONSTRAINT_VIOLATED",
        `NOT NULL constraint violated for column: ${column}.`,
        {
          hint: `Filter out or fill the rows where ${column} is null before writing (df.na.fill / df.filter).`,
          context: { column },
        },
      );
  }
  for (const [i, c] of checks.entries()) {
    if (Number(row?.[`c${i}`] ?? 0) === 0) continue;
    const columns = mentioned(c.node, schema);
    const [bad] = await engine.collect(
      LimitNode.create(
        ProjectNode.create(
          FilterNode.create(plan, call("not", matches(c.node))),
          columns.map((n) => colRef(n)),
        ),
        1,
      ),
    );
    const values = columns.map((n) => ` - ${n} : ${showValue(bad?.[n])}`).join("\n");
    throw new DeltaError(
      "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES",
      `CHECK constraint ${c.name} (${c.expr}) violated by row with values:\n${values}`,
      {
        hint: `Fix or filter the rows that break ${c.expr} before writing, or drop the constraint (DeltaTable.dropConstraint).`,
        context: { constraint: c.name, expr: c.expr },
      },
    );
  }
}

/** The protocol after adding a CHECK constraint: writer 3, or the table feature on writer 7. */
function withCheckConstraints(p: Protocol): Protocol {
  if (p.minWriterVersion >= 7) {
    const features = p.writerFeatures ?? [];
    return features.includes("checkConstraints")
      ? p
      : { ...p, writerFeatures: [...features, "checkConstraints"] };
  }
  return { ...p, minWriterVersion: Math.max(p.minWriterVersion, 3) };
}

/**
 * `ALTER TABLE ... ADD CONSTRAINT name CHECK (expr)`: the rows already in the table must all
 * pass; then one commit records the constraint (and upgrades the protocol if needed).
 */
export async function addConstraint(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  name: string,
  expr: string,
): Promise<number> {
  const key = `${PREFIX}${name}`;
  if (
    checkConstraintsOf(snapshot.configuration).some(
      (c) => c.name.toLowerCase() === name.toLowerCase(),
    )
  )
    throw new DeltaError(
      "DELTA_CONSTRAINT_ALREADY_EXISTS",
      `Constraint '${name}' already exists. Please delete the old constraint first.\nOld constraint:\n${snapshot.configuration[key] ?? ""}`,
      { hint: `Drop it first with dropConstraint("${name}").`, context: { constraint: name } },
    );
  const node = parseExpression(expr);
  const table = scanFiles(snapshot, snapshot.files(), false);
  const [row] = await ctx.engine.collect(
    AggregateNode.create(
      table,
      "groupby",
      [],
      [AliasNode.create(call("sum", call("when", matches(node), lit(0), lit(1))), "bad")],
    ),
  );
  const bad = Number(row?.bad ?? 0);
  if (bad > 0)
    throw new DeltaError(
      "DELTA_NEW_CHECK_CONSTRAINT_VIOLATION",
      `${bad} rows in ${snapshot.tablePath} violate the new CHECK constraint (${expr})`,
      {
        hint: "Fix or delete those rows first, then add the constraint.",
        context: { constraint: name },
      },
    );
  const protocol = withCheckConstraints(snapshot.protocol);
  const metadata = {
    ...snapshot.metadata,
    configuration: { ...snapshot.configuration, [key]: expr },
  };
  return commitMetadata(ctx, snapshot, protocol, metadata, "ADD CONSTRAINT", { name, expr });
}

/** `ALTER TABLE ... DROP CONSTRAINT name`. */
export async function dropConstraint(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  name: string,
): Promise<number> {
  const key = Object.keys(snapshot.configuration).find(
    (k) => k.toLowerCase() === `${PREFIX}${name}`.toLowerCase(),
  );
  if (key === undefined)
    throw new DeltaError(
      "DELTA_CONSTRAINT_DOES_NOT_EXIST",
      `Cannot drop nonexistent constraint ${name} from table ${snapshot.tablePath}.`,
      {
        hint: `Constraints of this table: ${
          checkConstraintsOf(snapshot.configuration)
            .map((c) => c.name)
            .join(", ") || "none"
        }.`,
        context: { constraint: name },
      },
    );
  const { [key]: expr, ...rest } = snapshot.configuration;
  const metadata = { ...snapshot.metadata, configuration: rest };
  return commitMetadata(ctx, snapshot, snapshot.protocol, metadata, "DROP CONSTRAINT", {
    name,
    expr: expr ?? "",
  });
}

async function commitMetadata(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  protocol: Protocol,
  metadata: Metadata,
  operation: string,
  parameters: Record<string, string>,
): Promise<number> {
  const actions: Action[] = [
    ...(protocol === snapshot.protocol ? [] : [{ protocol }]),
    { metaData: metadata },
  ];
  return commitCommand(ctx, snapshot, actions, [], {
    operation,
    parameters,
    metrics: {},
    footprint: footprint({ readWholeTable: true, changesMetadata: true }),
  });
}
