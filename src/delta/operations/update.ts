/**
 * UPDATE, copy-on-write: every file holding a matching row is rewritten with, per assigned
 * column, `CASE WHEN condition THEN CAST(new AS type) ELSE old END`; other files stay. On a
 * table with deletion vectors enabled, only the updated rows are written and the old ones are
 * marked deleted in their files (merge-on-read). One
 * commit (operation "UPDATE"); none when no row matched.
 *
 * @example
 * ```ts
 * await updateRows(ctx, snapshot, parseExpression("id = 1"), "id = 1", [["v", parseExpression("v + 1")]]);
 * ```
 */
import { DeltaError } from "../../errors.js";
import { AliasNode } from "../../plan/expression/alias.js";
import { CastNode } from "../../plan/expression/cast.js";
import type { ExprNode } from "../../plan/node.js";
import { FilterNode } from "../../plan/relation/filter.js";
import { ProjectNode } from "../../plan/relation/project.js";
import type { StructField } from "../../types/data-types.js";
import type { Action, AddCDCFile } from "../actions/types.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import { allChanges, changeDataFeedEnabled, changeRows, writeChangeFiles } from "./change-data.js";
import {
  bytesOf,
  discard,
  requireModifiable,
  rowsOf,
  since,
  type TableCommandContext,
  writeTableRows,
} from "./common.js";
import { commitRowChange, deletionVectorsEnabled, markDeleted } from "./mark-deleted.js";
import { call, colRef, matches, scanFiles } from "./plan-helpers.js";
import { classifyFiles, removeOf } from "./rewrite.js";

export interface UpdateMetrics {
  /** The version committed; undefined when no row matched. */
  readonly version: number | undefined;
  readonly numRemovedFiles: number;
  readonly numAddedFiles: number;
  readonly numUpdatedRows: number;
  readonly numCopiedRows: number;
}

/** Resolves SET column names against the table (case-insensitively), as delta-spark's UPDATE. */
export function resolveAssignments(
  fields: readonly StructField[],
  set: readonly (readonly [string, ExprNode])[],
): Map<string, ExprNode> {
  const out = new Map<string, ExprNode>();
  for (const [name, expr] of set) {
    const field = fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (field === undefined) {
      throw new DeltaError(
        "DELTA_MISSING_SET_COLUMN",
        `SET column \`${name}\` not found given columns: [${fields.map((f) => `\`${f.name}\``).join(", ")}].`,
        {
          hint: "Assign only columns of the table (see DeltaTable.toDF().columns).",
          context: { column: name },
        },
      );
    }
    if (out.has(field.name)) {
      throw new DeltaError(
        "DELTA_CONFLICT_SET_COLUMN",
        `There is a conflict from these SET columns: [\`${field.name}\`].`,
        {
          hint: "Assign each column once.",
        },
      );
    }
    out.set(field.name, expr);
  }
  return out;
}

/** Updates the rows matching `predicate` (every row when undefined) with `set` (column -> expression). */
export async function updateRows(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  predicate: ExprNode | undefined,
  text: string | undefined,
  set: readonly (readonly [string, ExprNode])[],
): Promise<UpdateMetrics> {
  const start = Date.now();
  requireModifiable(snapshot, true);
  const assignments = resolveAssignments(snapshot.schema.fields, set);
  const cls = await classifyFiles(ctx.engine, snapshot, predicate);
  const scanTimeMs = since(start);
  if (cls.touched.length === 0 || assignments.size === 0) {
    return {
      version: undefined,
      numRemovedFiles: 0,
      numAddedFiles: 0,
      numUpdatedRows: 0,
      numCopiedRows: 0,
    };
  }
  const rewriteStart = Date.now();
  const items = snapshot.schema.fields.map((f) => {
    const expr = assignments.get(f.name);
    if (expr === undefined) return colRef(f.name);
    const value = CastNode.create(expr, f.dataType);
    return AliasNode.create(
      predicate === undefined ? value : call("when", matches(predicate), value, colRef(f.name)),
      f.name,
    );
  });
  // With deletion vectors (as delta-spark): only the updated rows are written; the old ones
  // are marked deleted in their files, and files whose rows all match are removed whole.
  const withVectors = predicate !== undefined && deletionVectorsEnabled(snapshot);
  const source = scanFiles(snapshot, cls.touched, false);
  const plan = withVectors
    ? ProjectNode.create(FilterNode.create(source, matches(predicate)), items)
    : ProjectNode.create(source, items);
  const adds = await writeTableRows(ctx.engine, snapshot, plan);
  const now = Date.now();
  let marked: Awaited<ReturnType<typeof markDeleted>> | undefined;
  let changes: AddCDCFile[] = [];
  try {
    marked = withVectors
      ? await markDeleted(ctx.engine, snapshot, cls.partlyMatching, predicate, now)
      : undefined;
    if (changeDataFeedEnabled(snapshot.configuration)) {
      // Each updated row before and after, read again from the files it was in.
      const updated = () => {
        const scan = scanFiles(snapshot, cls.touched, false);
        return predicate === undefined ? scan : FilterNode.create(scan, matches(predicate));
      };
      const before = ProjectNode.create(
        updated(),
        snapshot.schema.fields.map((f) => colRef(f.name)),
      );
      const after = ProjectNode.create(updated(), items);
      const both = allChanges([
        changeRows(before, "update_preimage"),
        changeRows(after, "update_postimage"),
      ]);
      if (both !== undefined) changes = await writeChangeFiles(ctx.engine, snapshot, both);
    }
  } catch (e) {
    if (marked?.vectorFile !== undefined)
      await ctx.engine.delta.storage.delete([marked.vectorFile]);
    await discard(ctx.engine, snapshot.tablePath, adds);
    throw e;
  }
  const rewriteTimeMs = since(rewriteStart);
  const removedWhole = marked === undefined ? cls.touched : cls.fullyMatching;
  const actions: Action[] = [
    ...removedWhole.map((f) => removeOf(f, now)),
    ...(marked?.actions ?? []),
    ...adds.map((add) => ({ add })),
  ];
  const metrics = {
    numRemovedFiles: removedWhole.length,
    numAddedFiles: adds.length,
    numUpdatedRows: cls.matchedRows,
    numCopiedRows: Math.max(0, rowsOf(adds) - cls.matchedRows),
  };
  const version = await commitRowChange(ctx, snapshot, {
    operation: "UPDATE",
    predicate,
    text,
    actions,
    adds,
    marked,
    cls,
    changes,
    metrics: {
      ...metrics,
      executionTimeMs: since(start),
      scanTimeMs,
      rewriteTimeMs,
      numAddedBytes: bytesOf(adds),
      numRemovedBytes: bytesOf(removedWhole),
    },
  });
  return { version, ...metrics };
}
