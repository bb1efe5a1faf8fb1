/**
 * Phase 1 of MERGE (delta-spark's findTouchedFiles): which candidate target files hold rows
 * the source matches, and whether any target row is matched by several source rows.
 */
import { DeltaError } from "../../../errors.js";
import type { ExprNode, RelationNode } from "../../../plan/node.js";
import type { AddFile } from "../../actions/types.js";
import type { Snapshot } from "../../snapshot/snapshot.js";
import type { TableCommandContext } from "../common.js";
import { call, FILE_COLUMN, lit } from "../plan-helpers.js";
import type { MergeClause } from "./clauses.js";
import { sourceRelation, targetRelation, touchedFilesPlan } from "./plans.js";

export interface TouchedInput {
  readonly source: RelationNode;
  readonly condition: ExprNode;
  readonly targetAlias: string | undefined;
  readonly clauses: readonly MergeClause[];
}

function multipleMatches(): DeltaError {
  return new DeltaError(
    "DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE",
    "Cannot perform Merge as multiple source rows matched and attempted to modify the same target row in the Delta table in possibly conflicting ways. By SQL semantics of Merge, when multiple source rows match on the same target row, the result may be ambiguous as it is unclear which source row should be used to update or delete the matching target row. You can preprocess the source table to eliminate the possibility of multiple matches. Please refer to https://docs.delta.io/latest/delta-update.html#upsert-into-a-table-using-merge",
    {
      hint: "Deduplicate the source on the merge keys (dropDuplicates) or make the condition match at most one source row per target row.",
    },
  );
}

function anyOf(conditions: readonly (ExprNode | undefined)[]): ExprNode {
  if (conditions.some((c) => c === undefined)) return lit(true);
  return conditions.reduce<ExprNode>(
    (a, c) => (c === undefined ? a : call("or", a, c)),
    lit(false),
  );
}

export interface Touched {
  readonly files: AddFile[];
  readonly overcount: number;
}

/** Runs the touched-files query; throws on an ambiguous multiple match. */
export async function findTouchedFiles(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  req: TouchedInput,
  candidates: readonly AddFile[],
): Promise<Touched> {
  const matched = req.clauses.filter((c) => c.when === "matched");
  const bySource = req.clauses.some((c) => c.when === "notMatchedBySource");
  const matchedOnly = matched.length === req.clauses.length;
  const predicate = matchedOnly ? anyOf(matched.map((c) => c.condition)) : lit(true);
  const target = targetRelation(snapshot, candidates, req.targetAlias, "rowId");
  const plan = touchedFilesPlan(
    sourceRelation(req.source),
    target,
    req.condition,
    bySource ? "right" : "inner",
    predicate,
  );
  const rows = await ctx.engine.collect(plan);
  const onlyUnconditionalDelete =
    matched.length === 1 && matched[0]?.action === "delete" && matched[0].condition === undefined;
  const byPath = new Map(candidates.map((f) => [f.path, f]));
  const files: AddFile[] = [];
  let overcount = 0;
  for (const r of rows) {
    if (Number(r.maxMatches ?? 0) > 1) {
      if (!onlyUnconditionalDelete) throw multipleMatches();
      overcount += Number(r.dupRows ?? 0) - Number(r.dupTargets ?? 0);
    }
    const f = byPath.get(String(r[FILE_COLUMN]));
    if (f !== undefined && Number(r.touched ?? 0) > 0) files.push(f);
  }
  return { files, overcount };
}
