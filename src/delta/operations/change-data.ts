/**
 * Writing the change data feed (PROTOCOL.md, "Change Data Files"): on a table with
 * `delta.enableChangeDataFeed=true`, a command whose add and remove actions do not say which
 * rows changed (a rewritten file keeps some rows, an update changes values) also writes the
 * changed rows, with a `_change_type` column, as `cdc` files under `_change_data/`. A reader
 * then takes that commit's changes from its cdc files only, so a commit that has any cdc file
 * must hold every change of the commit in them. Commits that add or remove whole files (appends,
 * overwrites, deletes of whole files, deletion-vector deletes) write none, as delta-spark does:
 * their add and remove actions are the changes.
 */
import { sparkBoolean } from "../../config/boolean.js";
import { DeltaError } from "../../errors.js";
import { AliasNode } from "../../plan/expression/alias.js";
import type { RelationNode } from "../../plan/node.js";
import { SetOpNode } from "../../plan/relation/set-op.js";
import { WithColumnsNode } from "../../plan/relation/with-columns.js";
import { joinLocation } from "../../storage/location.js";
import type { StructType } from "../../types/data-types.js";
import type { AddCDCFile } from "../actions/types.js";
import { addActions } from "../files/add-actions.js";
import type { DeltaTableEngine } from "../table-engine.js";
import type { TableLayout } from "./common.js";
import { lit } from "./plan-helpers.js";

/** The directory of change data files, below the table root. */
export const CHANGE_DATA_DIR = "_change_data";
/** The column a change data file adds to the table's columns. */
export const CHANGE_TYPE_COLUMN = "_change_type";

export type ChangeType = "insert" | "delete" | "update_preimage" | "update_postimage";

/** Whether writes to a table with these properties record their changes. */
export function changeDataFeedEnabled(configuration: Readonly<Record<string, string>>): boolean {
  return sparkBoolean(configuration["delta.enableChangeDataFeed"] ?? "false") === true;
}

/** The columns a change data feed read adds after the table's. */
export const CHANGE_DATA_COLUMNS = [CHANGE_TYPE_COLUMN, "_commit_version", "_commit_timestamp"];

/**
 * Refuses to record changes of a table whose columns clash with the feed's own, as
 * delta-spark's DELTA_TABLE_ALREADY_CONTAINS_CDC_COLUMNS.
 */
export function checkChangeDataColumns(
  schema: StructType,
  configuration: Readonly<Record<string, string>>,
): void {
  if (!changeDataFeedEnabled(configuration)) return;
  const clash = schema.fields
    .map((f) => f.name)
    .filter((n) => CHANGE_DATA_COLUMNS.includes(n.toLowerCase()));
  if (clash.length === 0) return;
  throw new DeltaError(
    "DELTA_TABLE_ALREADY_CONTAINS_CDC_COLUMNS",
    `Unable to enable Change Data Capture on the table. The table already contains reserved columns [${clash.join(",")}] that will be used internally as metadata for the table's Change Data Feed. To enable Change Data Feed on the table rename/drop these columns.`,
    {
      hint: "Rename the columns before writing, or create the table without delta.enableChangeDataFeed.",
    },
  );
}

/** A plan over the table's columns, with every row labelled `type`. */
export function changeRows(plan: RelationNode, type: ChangeType): RelationNode {
  return WithColumnsNode.create(plan, [AliasNode.create(lit(type), CHANGE_TYPE_COLUMN)]);
}

/** Several labelled plans as one (UNION ALL by position: each has the same columns). */
export function allChanges(plans: readonly RelationNode[]): RelationNode | undefined {
  let out: RelationNode | undefined;
  for (const p of plans)
    out = out === undefined ? p : SetOpNode.create(out, p, "union", { isAll: true });
  return out;
}

/**
 * Writes change rows (the table's columns, then `_change_type`) as cdc files, partitioned as
 * the table is; returns their actions (dataChange is false: the rows are not table data).
 */
export async function writeChangeFiles(
  engine: DeltaTableEngine,
  layout: TableLayout,
  changes: RelationNode,
): Promise<AddCDCFile[]> {
  const { files } = await engine.writeDeltaFiles(
    changes,
    joinLocation(layout.tablePath, CHANGE_DATA_DIR),
    { partitionBy: layout.partitionColumns, maxRecordsPerFile: undefined, compression: "snappy" },
  );
  const empty = files.filter((f) => f.rows === 0);
  await engine.delta.storage.delete(empty.map((f) => f.path));
  const kept = files.filter((f) => f.rows > 0);
  // The add actions' paths and partition values are exactly what a cdc action holds.
  return addActions(
    layout.tablePath,
    kept,
    layout.schema,
    layout.partitionColumns,
    layout.configuration,
    false,
  ).map((a) => ({
    path: a.path,
    partitionValues: a.partitionValues,
    size: a.size,
    dataChange: false,
  }));
}

/** The sum of the change files' sizes (delta-spark's numTargetChangeFileBytes). */
export function changeBytes(changes: readonly AddCDCFile[]): number {
  return changes.reduce((n, c) => n + c.size, 0);
}
