/**
 * MERGE INTO, with delta-spark's semantics (MergeIntoCommand, classic executor):
 *
 * 1. Target files the condition cannot match (by its target-only conjuncts) are skipped,
 *    unless there are NOT MATCHED BY SOURCE clauses, which need every file.
 * 2. The source is joined with the candidate rows (inner, or right outer with NOT MATCHED
 *    BY SOURCE clauses). A target row matched by several source rows fails with
 *    DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE, unless the only clause is an
 *    unconditional WHEN MATCHED DELETE. Files with a matched row (with one satisfying a
 *    clause condition, when there are only MATCHED clauses) are touched.
 * 3. The touched files are rewritten with the merged rows and inserted rows are written as
 *    new files, in one write; an insert-only merge rewrites nothing. With deletion vectors
 *    only updated and inserted rows are written, and the changed target rows are marked.
 * 4. One commit, operation "MERGE"; none when no row changes.
 *
 * @example
 * ```ts
 * const m = await mergeInto(ctx, snapshot, { source: updates.plan, condition, conditionText: "t.id = s.id", targetAlias: "t", clauses });
 * m.numTargetRowsUpdated;
 * ```
 */
import { confBoolean } from "../../../config/boolean.js";
import { AliasNode } from "../../../plan/expression/alias.js";
import { StarNode } from "../../../plan/expression/star.js";
import type { ExprNode, RelationNode } from "../../../plan/node.js";
import { AggregateNode } from "../../../plan/relation/aggregate.js";
import type { Action, Metadata } from "../../actions/types.js";
import { skippingContext } from "../../scan/scan-builder.js";
import { skipFiles } from "../../scan/skipping.js";
import { evolveSchema } from "../../schema/evolution.js";
import type { Snapshot } from "../../snapshot/snapshot.js";
import { changeBytes } from "../change-data.js";
import {
  bytesOf,
  commitCommand,
  discard,
  footprint,
  partitionsMatching,
  requireModifiable,
  since,
  type TableCommandContext,
  writeTableRows,
} from "../common.js";
import { deletionVectorsEnabled } from "../mark-deleted.js";
import { call } from "../plan-helpers.js";
import { removeOf } from "../rewrite.js";
import { writeMergeChanges } from "./change-data.js";
import { clausePredicates, type MergeClause, resolveClauses, validateClauses } from "./clauses.js";
import { type MarkedTarget, markChangedTargetRows, vectorMetrics } from "./deletion-vectors.js";
import { emptyCounts, type MergeMetrics, mergeMetrics } from "./metrics.js";
import {
  actionCounts,
  labelledChanges,
  mergedRows,
  sourceRelation,
  targetRelation,
} from "./plans.js";
import { targetOnlyPredicates } from "./target-predicates.js";
import { findTouchedFiles } from "./touched-files.js";

export type { MergeClause } from "./clauses.js";
export type { MergeMetrics } from "./metrics.js";

export interface MergeRequest {
  readonly source: RelationNode;
  readonly condition: ExprNode;
  readonly conditionText: string;
  readonly targetAlias: string | undefined;
  readonly clauses: readonly MergeClause[];
}

async function countRows(ctx: TableCommandContext, plan: RelationNode): Promise<number> {
  const rows = await ctx.engine.collect(
    AggregateNode.create(
      plan,
      "groupby",
      [],
      [AliasNode.create(call("count", StarNode.create()), "n")],
    ),
  );
  return Number(rows[0]?.n ?? 0);
}

/** Merges `req.source` into the table read as `snapshot`. */
export async function mergeInto(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  req: MergeRequest,
): Promise<MergeMetrics> {
  const start = Date.now();
  validateClauses(req.clauses);
  // An insert-only merge removes nothing, so append-only tables accept it (as delta-spark).
  requireModifiable(snapshot, !req.clauses.every((c) => c.when === "notMatched"));
  const sourceSchema = await ctx.engine.schema(req.source);
  const hasStar = req.clauses.some((c) => c.assignments === "*" && c.action !== "delete");
  const evolve =
    hasStar && confBoolean(ctx.conf, "spark.databricks.delta.schema.autoMerge.enabled", false);
  const schema = evolve
    ? evolveSchema(snapshot.schema, sourceSchema, true, snapshot.metadata.id)
    : snapshot.schema;
  const evolved = schema.json() !== snapshot.schema.json();
  const clauses = resolveClauses(req.clauses, {
    schema,
    sourceSchema,
    sourcePlanId: req.source.planId,
    targetAlias: req.targetAlias,
    evolve,
  });
  const bySource = req.clauses.some((c) => c.when === "notMatchedBySource");
  const insertOnly = req.clauses.every((c) => c.when === "notMatched");
  const targetPreds = bySource
    ? []
    : targetOnlyPredicates(
        req.condition,
        req.targetAlias,
        snapshot.schema.fieldNames(),
        sourceSchema.fieldNames(),
      );
  const candidates = skipFiles(snapshot.files(), targetPreds, skippingContext(snapshot));
  const numSourceRows = await countRows(ctx, req.source);
  const touched =
    insertOnly || candidates.length === 0
      ? { files: [], overcount: 0 }
      : await findTouchedFiles(ctx, snapshot, req, candidates);
  const scanTimeMs = since(start);
  const rewriteStart = Date.now();
  const hasTarget = !insertOnly && touched.files.length > 0;
  const withVectors = hasTarget && deletionVectorsEnabled(snapshot);
  const target = hasTarget
    ? targetRelation(snapshot, touched.files, req.targetAlias, withVectors ? "position" : "present")
    : undefined;
  const antiTarget =
    insertOnly && candidates.length > 0
      ? targetRelation(snapshot, candidates, req.targetAlias, "present")
      : undefined;
  if (!hasTarget && !clauses.some((c) => c.when === "notMatched"))
    return { ...emptyCounts(), numSourceRows };
  const labelled = labelledChanges({
    source: sourceRelation(req.source),
    target,
    antiTarget,
    condition: req.condition,
    clauses,
  });
  const counts = new Map<number, number>();
  for (const r of await ctx.engine.collect(actionCounts(labelled)))
    counts.set(Number(r.__tributary_merge_action), Number(r.n ?? 0));
  const partial = mergeMetrics(clauses, counts, touched.overcount, numSourceRows);
  if (
    partial.numTargetRowsUpdated + partial.numTargetRowsDeleted + partial.numTargetRowsInserted ===
    0
  )
    return partial;
  const output = {
    labelled,
    clauses,
    schema,
    targetColumns: hasTarget ? new Set(snapshot.schema.fieldNames()) : undefined,
    targetPlanId: target?.planId,
    copies: !withVectors,
  };
  const out = mergedRows(output);
  const metadata: Metadata = evolved
    ? { ...snapshot.metadata, schemaString: schema.json() }
    : snapshot.metadata;
  const layout = {
    tablePath: snapshot.tablePath,
    schema,
    partitionColumns: snapshot.partitionColumns,
    configuration: snapshot.configuration,
  };
  const adds = await writeTableRows(ctx.engine, layout, out);
  const changes = await writeMergeChanges(ctx, layout, adds, output);
  const now = Date.now();
  let vectors: MarkedTarget | undefined;
  try {
    vectors = withVectors
      ? await markChangedTargetRows(ctx, snapshot, touched.files, labelled, now)
      : undefined;
  } catch (e) {
    await discard(ctx.engine, snapshot.tablePath, adds);
    throw e;
  }
  const rewriteTimeMs = since(rewriteStart);
  const removed = vectors?.removedWhole ?? touched.files;
  const actions: Action[] = [
    ...(evolved ? [{ metaData: metadata }] : []),
    ...removed.map((f) => removeOf(f, now)),
    ...(vectors?.marked.actions ?? []),
    ...adds.map((add) => ({ add })),
    ...changes.map((cdc) => ({ cdc })),
  ];
  const metrics: MergeMetrics = {
    ...partial,
    ...(vectors === undefined
      ? {}
      : {
          numTargetRowsCopied: 0,
          numOutputRows: partial.numOutputRows - partial.numTargetRowsCopied,
        }),
    numTargetFilesAdded: adds.length,
    numTargetFilesRemoved: removed.length,
    numTargetBytesAdded: bytesOf(adds),
    numTargetBytesRemoved: bytesOf(removed),
  };
  const recorded: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics))
    if (typeof v === "number" && k !== "version") recorded[k] = v;
  const version = await commitCommand(ctx, snapshot, actions, [...adds, ...changes], {
    operation: "MERGE",
    parameters: {
      predicate: req.conditionText,
      matchedPredicates: clausePredicates(req.clauses, "matched"),
      notMatchedPredicates: clausePredicates(req.clauses, "notMatched"),
      notMatchedBySourcePredicates: clausePredicates(req.clauses, "notMatchedBySource"),
    },
    metrics: {
      ...recorded,
      numTargetChangeFilesAdded: changes.length,
      numTargetChangeFileBytes: changeBytes(changes),
      ...vectorMetrics(vectors),
      executionTimeMs: since(start),
      scanTimeMs,
      rewriteTimeMs,
    },
    footprint: footprint({
      readWholeTable: targetPreds.length === 0,
      readPartitions: partitionsMatching(snapshot, targetPreds),
      readFiles: new Set(candidates.map((f) => f.path)),
      removedFiles: new Set(touched.files.map((f) => f.path)),
      changesMetadata: evolved,
    }),
  }).catch(async (e: unknown) => {
    // Nothing references the vector file once the commit failed.
    const file = vectors?.marked.vectorFile;
    if (file !== undefined) await ctx.engine.delta.storage.delete([file]);
    throw e;
  });
  return { ...metrics, version };
}
