/**
 * `ALTER TABLE` schema changes on a Delta table, each one metadata-only commit as delta-spark
 * makes it: ADD COLUMNS, RENAME COLUMN and DROP COLUMNS (the last two need column mapping, so
 * data files keep their physical names), ALTER COLUMN (comment, DROP NOT NULL). Properties and
 * protocol upgrades are in alter-properties.ts.
 */
import { DeltaError } from "../../errors.js";
import { referencedColumns } from "../../plan/expression/columns.js";
import { parseExpression } from "../../sql-expr/index.js";
import type { StructField, StructType } from "../../types/data-types.js";
import type { Action, Metadata, Protocol } from "../actions/types.js";
import {
  addFields,
  changeField,
  dropFields,
  fieldAt,
  renameField,
  splitPath,
} from "../schema/alter.js";
import {
  type ColumnMappingMode,
  columnMappingMode,
  MODE_KEY,
  withColumnMapping,
  withoutMappingMetadata,
} from "../schema/column-mapping.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import { checkWritable } from "../table-features/registry.js";
import { commitCommand, footprint, type TableCommandContext } from "./common.js";
import { checkConstraintsOf } from "./constraints.js";

export async function commitMetadata(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  change: { protocol?: Protocol; metadata: Metadata },
  operation: string,
  parameters: Readonly<Record<string, unknown>>,
): Promise<number> {
  const protocol = change.protocol ?? snapshot.protocol;
  // Refused by feature name before anything is written.
  checkWritable(snapshot.tablePath, protocol, change.metadata);
  const actions: Action[] = [
    ...(protocol === snapshot.protocol ? [] : [{ protocol }]),
    { metaData: change.metadata },
  ];
  return commitCommand(ctx, snapshot, actions, [], {
    operation,
    parameters,
    metrics: {},
    footprint: footprint({ readWholeTable: true, changesMetadata: true }),
  });
}

export function withSchema(
  snapshot: Snapshot,
  schema: StructType,
  extra: Partial<Metadata> = {},
): Metadata {
  return { ...snapshot.metadata, schemaString: schema.json(), ...extra };
}

/** A column given to addColumns: its path (`s.b` adds `b` inside struct `s`) and field. */
export interface NewColumn {
  readonly path: string;
  readonly field: StructField;
}

/** `ALTER TABLE t ADD COLUMNS (...)`: new nullable columns; under column mapping with ids and physical names. */
export async function addColumns(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  columns: readonly NewColumn[],
): Promise<number> {
  checkWritable(snapshot.tablePath, snapshot.protocol, snapshot.metadata);
  if (columns.some((c) => !c.field.nullable))
    throw new DeltaError(
      "DELTA_OPERATION_NOT_ALLOWED",
      "Operation not allowed: `NOT NULL in ALTER TABLE ADD COLUMNS` is not supported for Delta tables",
      {
        hint: "Add the column as nullable, then add a CHECK constraint (c IS NOT NULL) once it is filled.",
      },
    );
  const added = addFields(
    snapshot.schema,
    columns.map((c) => ({ path: splitPath(c.path), field: c.field })),
  );
  const mapped = withColumnMapping(added, snapshot.configuration, snapshot.schema);
  const metadata = withSchema(snapshot, mapped.schema, { configuration: mapped.configuration });
  // As delta-spark records them: the path as name, the type by its name only.
  const described = columns.map((c) => ({
    column: {
      name: c.path,
      type: c.field.dataType.typeName,
      nullable: true,
      metadata: c.field.metadata,
    },
  }));
  return commitMetadata(ctx, snapshot, { metadata }, "ADD COLUMNS", {
    columns: JSON.stringify(described),
  });
}

/** delta-spark refuses to rename or drop a column a CHECK constraint reads. */
function refuseIfConstrained(snapshot: Snapshot, path: readonly string[]): void {
  const column = path.join(".").toLowerCase();
  const dependent = checkConstraintsOf(snapshot.configuration).filter((c) =>
    referencedColumns(parseExpression(c.expr)).some((r) => {
      const ref = r.toLowerCase();
      return ref === column || ref.startsWith(`${column}.`) || column.startsWith(`${ref}.`);
    }),
  );
  if (dependent.length === 0) return;
  throw new DeltaError(
    "DELTA_CONSTRAINT_DEPENDENT_COLUMN_CHANGE",
    `Cannot alter column ${path.join(".")} because this column is referenced by the following check constraint(s):\n${dependent.map((c) => `delta.constraints.${c.name} -> ${c.expr}`).join("\n")}`,
    {
      hint: "Drop the constraint first (dropConstraint), change the column, then add the constraint again.",
      context: { column: path.join("."), constraints: dependent.map((c) => c.name) },
    },
  );
}

function requireMapping(snapshot: Snapshot, code: "RENAME" | "DROP"): ColumnMappingMode {
  const mode = columnMappingMode(snapshot.configuration);
  if (mode !== "none") return mode;
  const what = code === "RENAME" ? "Column rename" : "DROP COLUMN";
  throw new DeltaError(
    code === "RENAME" ? "DELTA_UNSUPPORTED_RENAME_COLUMN" : "DELTA_UNSUPPORTED_DROP_COLUMN",
    `${what} is not supported for your Delta table. \nPlease enable Column Mapping on your Delta table with mapping mode 'name'.\nYou can use one of the following commands.\n\nALTER TABLE table_name SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name')\n\nNote, if your table is not on the required protocol version it will be upgraded.\nColumn mapping requires at least protocol (2, 5)`,
    {
      hint: `Enable column mapping first: table.setProperties({ "${MODE_KEY}": "name" }); data files keep their names, so the rename or drop changes only the schema.`,
      context: { path: snapshot.tablePath },
    },
  );
}

/** `ALTER TABLE t RENAME COLUMN a TO b` (nested: `s.a`): metadata only, on a column-mapped table. */
export async function renameColumn(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  from: string,
  to: string,
): Promise<number> {
  checkWritable(snapshot.tablePath, snapshot.protocol, snapshot.metadata);
  requireMapping(snapshot, "RENAME");
  const path = splitPath(from);
  refuseIfConstrained(snapshot, path);
  const schema = renameField(snapshot.schema, path, to);
  // A renamed partition column keeps partitioning the table under its new name.
  const partitionColumns =
    path.length === 1
      ? snapshot.partitionColumns.map((p) => (p.toLowerCase() === path[0]?.toLowerCase() ? to : p))
      : [...snapshot.partitionColumns];
  const metadata = withSchema(snapshot, schema, { partitionColumns });
  return commitMetadata(ctx, snapshot, { metadata }, "RENAME COLUMN", {
    oldColumnPath: path.join("."),
    newColumnPath: [...path.slice(0, -1), to].join("."),
  });
}

/** `ALTER TABLE t DROP COLUMNS (a, s.b)`: metadata only, on a column-mapped table; not partition columns. */
export async function dropColumns(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  names: readonly string[],
): Promise<number> {
  checkWritable(snapshot.tablePath, snapshot.protocol, snapshot.metadata);
  requireMapping(snapshot, "DROP");
  const paths = names.map(splitPath);
  for (const p of paths) refuseIfConstrained(snapshot, p);
  const partitions = paths
    .filter((p) => p.length === 1)
    .map((p) => p[0] ?? "")
    .filter((n) => snapshot.partitionColumns.some((p) => p.toLowerCase() === n.toLowerCase()));
  if (partitions.length > 0)
    throw new DeltaError(
      "DELTA_UNSUPPORTED_DROP_PARTITION_COLUMN",
      `Dropping partition columns (${partitions.join(", ")}) is not allowed.`,
      {
        hint: "Rewrite the table with another partitioning (overwriteSchema) to remove a partition column.",
      },
    );
  const schema = dropFields(snapshot.schema, paths);
  return commitMetadata(ctx, snapshot, { metadata: withSchema(snapshot, schema) }, "DROP COLUMNS", {
    columns: JSON.stringify(names),
  });
}

/** `ALTER TABLE t ALTER COLUMN c COMMENT '...'` or `... DROP NOT NULL`. */
export async function alterColumn(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  column: string,
  change: { readonly comment?: string; readonly nullable?: true },
): Promise<number> {
  checkWritable(snapshot.tablePath, snapshot.protocol, snapshot.metadata);
  const path = splitPath(column);
  const schema = changeField(snapshot.schema, path, change);
  // delta-spark records the changed column as the user sees it (no mapping metadata).
  const changed = fieldAt(withoutMappingMetadata(schema), path);
  return commitMetadata(
    ctx,
    snapshot,
    { metadata: withSchema(snapshot, schema) },
    "CHANGE COLUMN",
    {
      column: JSON.stringify(changed?.toJSON() ?? {}),
    },
  );
}
