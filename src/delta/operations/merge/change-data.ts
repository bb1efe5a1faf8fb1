/**
 * A MERGE's change data feed, as delta-spark records it: every changed row goes to the cdc
 * files, inserts included (a commit with cdc files is read from them alone). Matched and
 * not-matched-by-source updates give the target row (`update_preimage`) and the new row
 * (`update_postimage`); deletes give the target row; inserts the new row. Copied rows are
 * not changes.
 */
import { ColumnRefNode } from "../../../plan/expression/column-ref.js";
import type { ExprNode, RelationNode } from "../../../plan/node.js";
import { FilterNode } from "../../../plan/relation/filter.js";
import { ProjectNode } from "../../../plan/relation/project.js";
import { quoteIdentifier } from "../../../types/sql-string.js";
import type { AddCDCFile, AddFile } from "../../actions/types.js";
import {
  allChanges,
  type ChangeType,
  changeDataFeedEnabled,
  changeRows,
  writeChangeFiles,
} from "../change-data.js";
import { discard, type TableCommandContext, type TableLayout } from "../common.js";
import { call, colRef, lit, typedNull } from "../plan-helpers.js";
import type { MergeAction } from "./clauses.js";
import { ACTION, mergedRows, type OutputInput } from "./plans.js";

function withAction(input: OutputInput, action: MergeAction): RelationNode | undefined {
  const list = input.clauses.filter((c) => c.action === action).map((c) => c.code);
  if (list.length === 0) return undefined;
  return FilterNode.create(input.labelled, call("in", colRef(ACTION), ...list.map((k) => lit(k))));
}

/** The target rows as they were, in the table's columns (new columns of an evolved schema null). */
function targetRows(input: OutputInput, rows: RelationNode): RelationNode {
  const present = input.targetColumns ?? new Set<string>();
  const items: ExprNode[] = input.schema.fields.map((f) =>
    present.has(f.name)
      ? ColumnRefNode.create(quoteIdentifier(f.name), input.targetPlanId)
      : typedNull(f.dataType, f.name),
  );
  return ProjectNode.create(rows, items);
}

/** The change rows of a merge (table columns, then `_change_type`), or undefined when there are none. */
export function mergeChanges(input: OutputInput): RelationNode | undefined {
  const parts: RelationNode[] = [];
  const add = (
    rows: RelationNode | undefined,
    type: ChangeType,
    plan: (r: RelationNode) => RelationNode,
  ) => {
    if (rows !== undefined) parts.push(changeRows(plan(rows), type));
  };
  const newRows = (r: RelationNode): RelationNode => mergedRows({ ...input, labelled: r });
  if (input.targetColumns !== undefined) {
    add(withAction(input, "update"), "update_preimage", (r) => targetRows(input, r));
    add(withAction(input, "delete"), "delete", (r) => targetRows(input, r));
  }
  add(withAction(input, "update"), "update_postimage", newRows);
  add(withAction(input, "insert"), "insert", newRows);
  return allChanges(parts);
}

/** Writes the merge's change files when the table records its changes; the adds are deleted if that fails. */
export async function writeMergeChanges(
  ctx: TableCommandContext,
  layout: TableLayout,
  adds: readonly AddFile[],
  input: OutputInput,
): Promise<AddCDCFile[]> {
  // Without rewritten target files the adds hold exactly the inserted rows: they say it all.
  if (!changeDataFeedEnabled(layout.configuration) || input.targetColumns === undefined) return [];
  const changes = mergeChanges(input);
  if (changes === undefined) return [];
  try {
    return await writeChangeFiles(ctx.engine, layout, changes);
  } catch (e) {
    await discard(ctx.engine, layout.tablePath, adds);
    throw e;
  }
}
