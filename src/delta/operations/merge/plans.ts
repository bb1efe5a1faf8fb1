/**
 * The relational plans of a MERGE, built from plan nodes only (joins, projections,
 * aggregates) so the engine runs every row; nothing is evaluated row by row in JS.
 *
 * - Touched files (delta-spark's findTouchedFiles): source joined with the candidate target
 *   rows, each target row numbered within its file; per file, the most source rows any one
 *   target row matched, and whether a row matched a clause.
 * - Changes (writeAllChanges): source full/right-outer-joined with the touched files'
 *   rows; each joined row gets the code of the first clause that applies (0 = copy the
 *   target row, -1 = drop); the kept rows are projected onto the table's columns, each
 *   `CASE action WHEN code THEN CAST(value AS type) ... ELSE target value END`.
 */

import { AliasNode } from "../../../plan/expression/alias.js";
import { CastNode } from "../../../plan/expression/cast.js";
import { ColumnRefNode } from "../../../plan/expression/column-ref.js";
import { SortOrderNode } from "../../../plan/expression/sort-order.js";
import { StarNode } from "../../../plan/expression/star.js";
import { WindowNode } from "../../../plan/expression/window.js";
import type { ExprNode, RelationNode } from "../../../plan/node.js";
import { AggregateNode } from "../../../plan/relation/aggregate.js";
import { FilterNode } from "../../../plan/relation/filter.js";
import { JoinNode, type JoinType } from "../../../plan/relation/join.js";
import { ProjectNode } from "../../../plan/relation/project.js";
import { SubqueryAliasNode } from "../../../plan/relation/subquery-alias.js";
import { WithColumnsNode } from "../../../plan/relation/with-columns.js";
import type { StructType } from "../../../types/data-types.js";
import { quoteIdentifier } from "../../../types/sql-string.js";
import type { AddFile } from "../../actions/types.js";
import type { Snapshot } from "../../snapshot/snapshot.js";
import {
  call,
  colRef,
  FILE_COLUMN,
  lit,
  matches,
  ROW_INDEX_COLUMN,
  scanFiles,
  typedNull,
} from "../plan-helpers.js";
import type { ResolvedClause } from "./clauses.js";

const ROW = "__tributary_row";
const SOURCE_PRESENT = "__tributary_source_present";
const TARGET_PRESENT = "__tributary_target_present";
export const ACTION = "__tributary_merge_action";
export const COPY = 0;
export const DROP = -1;

/** The source with a marker column, non-null on every source row of an outer join. */
export function sourceRelation(source: RelationNode): RelationNode {
  return WithColumnsNode.create(source, [AliasNode.create(lit(true), SOURCE_PRESENT)]);
}

/**
 * Target rows of some files, aliased as the DeltaTable is, with either a row number per
 * file (to count matches per target row) or a presence marker (for outer joins); "position"
 * adds each row's file and position in it to the marker (deletion vectors mark rows by them).
 */
export function targetRelation(
  snapshot: Snapshot,
  files: readonly AddFile[],
  alias: string | undefined,
  extra: "rowId" | "present" | "position",
): RelationNode {
  const scan = scanFiles(snapshot, files, extra !== "present", extra === "position");
  const column =
    extra === "rowId"
      ? AliasNode.create(
          // Ordered by the partition key itself: any order numbers the rows apart, and Spark
          // (whose rules the compiler keeps) refuses row_number over an unordered window.
          WindowNode.create(
            call("row_number"),
            [colRef(FILE_COLUMN)],
            [SortOrderNode.create(colRef(FILE_COLUMN), "asc")],
          ),
          ROW,
        )
      : AliasNode.create(lit(true), TARGET_PRESENT);
  const plan = WithColumnsNode.create(scan, [column]);
  return alias === undefined ? plan : SubqueryAliasNode.create(plan, alias);
}

/** One row per candidate file: `maxMatches`, `touched` (0/1), `dupRows` and `dupTargets` (multiple matches). */
export function touchedFilesPlan(
  source: RelationNode,
  target: RelationNode,
  condition: ExprNode,
  joinType: JoinType,
  matchedPredicate: ExprNode,
): RelationNode {
  const joined = JoinNode.create(source, target, joinType, condition);
  const marked = ProjectNode.create(joined, [
    colRef(FILE_COLUMN),
    colRef(ROW),
    AliasNode.create(call("when", matches(matchedPredicate), lit(1), lit(0)), "touch"),
  ]);
  const perRow = AggregateNode.create(
    marked,
    "groupby",
    [colRef(FILE_COLUMN), colRef(ROW)],
    [
      AliasNode.create(call("count", StarNode.create()), "n"),
      AliasNode.create(call("max", colRef("touch")), "touch"),
    ],
  );
  const many = call(">", colRef("n"), lit(1));
  return AggregateNode.create(
    perRow,
    "groupby",
    [colRef(FILE_COLUMN)],
    [
      AliasNode.create(call("max", colRef("n")), "maxMatches"),
      AliasNode.create(call("max", colRef("touch")), "touched"),
      AliasNode.create(call("sum", call("when", many, colRef("n"), lit(0))), "dupRows"),
      AliasNode.create(call("sum", call("when", many, lit(1), lit(0))), "dupTargets"),
    ],
  );
}

export interface ChangesInput {
  readonly source: RelationNode;
  /** The touched files' rows (targetRelation "present"), or undefined for an insert-only merge. */
  readonly target: RelationNode | undefined;
  /** Insert-only merges join with every candidate file and keep the source rows that match none. */
  readonly antiTarget: RelationNode | undefined;
  readonly condition: ExprNode;
  readonly clauses: readonly ResolvedClause[];
}

function and(a: ExprNode, b: ExprNode): ExprNode {
  return call("and", a, b);
}

/** The joined rows, each with its action code. */
export function labelledChanges(input: ChangesInput): RelationNode {
  const hasInserts = input.clauses.some((c) => c.when === "notMatched");
  let joined: RelationNode;
  let guards: Record<ResolvedClause["when"], ExprNode>;
  if (input.target === undefined) {
    const anti = input.antiTarget;
    joined =
      anti === undefined
        ? input.source
        : JoinNode.create(input.source, anti, "left_anti", input.condition);
    guards = { matched: lit(false), notMatched: lit(true), notMatchedBySource: lit(false) };
  } else {
    joined = JoinNode.create(
      input.source,
      input.target,
      hasInserts ? "full" : "right",
      input.condition,
    );
    const src = call("isnotnull", colRef(SOURCE_PRESENT));
    const tgt = call("isnotnull", colRef(TARGET_PRESENT));
    guards = {
      matched: and(src, tgt),
      notMatched: call("not", tgt),
      notMatchedBySource: call("not", src),
    };
  }
  const args: ExprNode[] = [];
  for (const c of input.clauses) {
    args.push(
      c.condition === undefined ? guards[c.when] : and(guards[c.when], matches(c.condition)),
      lit(c.code),
    );
  }
  if (input.target !== undefined) args.push(call("isnotnull", colRef(TARGET_PRESENT)), lit(COPY));
  args.push(lit(DROP));
  return WithColumnsNode.create(joined, [AliasNode.create(call("when", ...args), ACTION)]);
}

/** Rows per action code (for the metrics). */
export function actionCounts(labelled: RelationNode): RelationNode {
  return AggregateNode.create(
    labelled,
    "groupby",
    [colRef(ACTION)],
    [AliasNode.create(call("count", StarNode.create()), "n")],
  );
}

export interface OutputInput {
  readonly labelled: RelationNode;
  readonly clauses: readonly ResolvedClause[];
  /** The schema the merge writes, and the columns the target rows have (before evolution). */
  readonly schema: StructType;
  readonly targetColumns: ReadonlySet<string> | undefined;
  readonly targetPlanId: number | undefined;
  /** Whether unchanged target rows are written again (copy-on-write) or stay where they are. */
  readonly copies: boolean;
}

/** The rows to write: copies, updates and inserts, in the table's columns and types. */
export function mergedRows(input: OutputInput): RelationNode {
  const writing = input.clauses.filter((c) => c.action !== "delete");
  const keep = [
    ...(input.targetColumns === undefined || !input.copies ? [] : [COPY]),
    ...writing.map((c) => c.code),
  ];
  const kept = FilterNode.create(
    input.labelled,
    call("in", colRef(ACTION), ...keep.map((k) => lit(k))),
  );
  const items = input.schema.fields.map((f) => {
    const fallback: ExprNode =
      input.targetColumns?.has(f.name) === true
        ? ColumnRefNode.create(quoteIdentifier(f.name), input.targetPlanId)
        : typedNull(f.dataType, f.name).expr;
    const branches: ExprNode[] = [];
    for (const c of writing) {
      const value = c.values.get(f.name);
      if (value === undefined) continue;
      branches.push(call("==", colRef(ACTION), lit(c.code)), CastNode.create(value, f.dataType));
    }
    const expr = branches.length === 0 ? fallback : call("when", ...branches, fallback);
    return AliasNode.create(CastNode.create(expr, f.dataType), f.name);
  });
  return ProjectNode.create(kept, items);
}

/**
 * The positions of the target rows a clause updates or deletes, one list per file, each
 * position once (for deletion vectors): joined rows with the target present and an action
 * other than a copy.
 */
export function changedTargetRows(labelled: RelationNode): RelationNode {
  const changed = FilterNode.create(
    labelled,
    call("and", call("isnotnull", colRef(TARGET_PRESENT)), call("!=", colRef(ACTION), lit(COPY))),
  );
  return AggregateNode.create(
    changed,
    "groupby",
    [colRef(FILE_COLUMN)],
    [AliasNode.create(call("collect_set", colRef(ROW_INDEX_COLUMN)), "rows")],
  );
}
