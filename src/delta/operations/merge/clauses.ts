/**
 * MERGE clauses as delta-spark defines them: WHEN MATCHED (update / delete), WHEN NOT
 * MATCHED (insert) and WHEN NOT MATCHED BY SOURCE (update / delete), each with an optional
 * condition; the first clause of its kind whose condition holds applies. `*` assignments
 * (updateAll / insertAll) expand to every table column taken from the source column of the
 * same name; with schema evolution source columns the table lacks are added.
 */

import { DeltaError } from "../../../errors.js";
import { ColumnRefNode } from "../../../plan/expression/column-ref.js";
import { splitAttribute } from "../../../plan/expression/name.js";
import type { ExprNode } from "../../../plan/node.js";
import type { StructType } from "../../../types/data-types.js";
import { quoteIdentifier } from "../../../types/sql-string.js";

export type MergeWhen = "matched" | "notMatched" | "notMatchedBySource";
export type MergeAction = "update" | "delete" | "insert";

/** One WHEN clause as the builder collects it. `assignments` name table columns. */
export interface MergeClause {
  readonly when: MergeWhen;
  readonly action: MergeAction;
  readonly condition: ExprNode | undefined;
  /** The condition's SQL text, for the history. */
  readonly conditionText: string | undefined;
  readonly assignments: readonly (readonly [string, ExprNode])[] | "*" | undefined;
}

/** A clause with its action code and its values per table column (resolved, not yet cast). */
export interface ResolvedClause extends MergeClause {
  readonly code: number;
  readonly values: ReadonlyMap<string, ExprNode>;
}

const CLAUSE_NAMES: Readonly<
  Record<MergeWhen, [errorKind: "MATCHED" | "NOT_MATCHED" | "NOT_MATCHED_BY_SOURCE", sql: string]>
> = {
  matched: ["MATCHED", "MATCHED"],
  notMatched: ["NOT_MATCHED", "NOT MATCHED"],
  notMatchedBySource: ["NOT_MATCHED_BY_SOURCE", "NOT MATCHED BY SOURCE"],
};

/** delta-spark's rules: at least one clause; only the last clause of a kind may omit its condition. */
export function validateClauses(clauses: readonly MergeClause[]): void {
  if (clauses.length === 0) {
    throw new DeltaError(
      "DELTA_MERGE_MISSING_WHEN",
      "There must be at least one WHEN clause in a MERGE statement.",
      {
        hint: "Add whenMatchedUpdate/whenMatchedDelete/whenNotMatchedInsert/... before execute().",
      },
    );
  }
  for (const when of ["matched", "notMatched", "notMatchedBySource"] as const) {
    const ofKind = clauses.filter((c) => c.when === when);
    if (ofKind.slice(0, -1).some((c) => c.condition === undefined)) {
      const [kind, sql] = CLAUSE_NAMES[when];
      throw new DeltaError(
        `DELTA_NON_LAST_${kind}_CLAUSE_OMIT_CONDITION`,
        `When there are more than one ${sql} clauses in a MERGE statement, only the last ${sql} clause can omit the condition.`,
        {
          hint: `Give every ${sql} clause but the last a condition (the first clause whose condition holds applies).`,
        },
      );
    }
  }
}

function unresolved(name: string, action: MergeAction, columns: readonly string[]): DeltaError {
  return new DeltaError(
    "DELTA_MERGE_UNRESOLVED_EXPRESSION",
    `Cannot resolve ${quoteIdentifier(name)} in ${action.toUpperCase()} clause given columns ${columns.map(quoteIdentifier).join(", ")}.`,
    {
      hint:
        action === "insert" || action === "update"
          ? "Assign columns of the target table; to add new columns set spark.databricks.delta.schema.autoMerge.enabled=true and use updateAll/insertAll."
          : "Check the column names.",
      context: { column: name },
    },
  );
}

export interface ClauseScope {
  /** The table schema the merge writes (evolved when schema evolution applies). */
  readonly schema: StructType;
  readonly sourceSchema: StructType;
  readonly sourcePlanId: number;
  readonly targetAlias: string | undefined;
  readonly evolve: boolean;
}

/** The table column an assignment key names (`v`, `t.v`, `` `v` ``). */
function targetColumn(key: string, clause: MergeClause, scope: ClauseScope): string {
  const parts = splitAttribute(key);
  const alias = scope.targetAlias?.toLowerCase();
  const name =
    parts.length === 2 && alias !== undefined && parts[0]?.toLowerCase() === alias
      ? parts[1]
      : parts.length === 1
        ? parts[0]
        : undefined;
  const field = name === undefined ? undefined : scope.schema.field(name);
  if (field === undefined) throw unresolved(key, clause.action, scope.schema.fieldNames());
  return field.name;
}

function expandStar(clause: MergeClause, scope: ClauseScope, out: Map<string, ExprNode>): void {
  for (const f of scope.schema.fields) {
    const src = scope.sourceSchema.field(f.name);
    if (src !== undefined)
      out.set(f.name, ColumnRefNode.create(quoteIdentifier(src.name), scope.sourcePlanId));
    else if (!scope.evolve)
      throw unresolved(f.name, clause.action, scope.sourceSchema.fieldNames());
  }
}

/** Numbers the clauses (codes from 1, in order) and resolves their assignments. */
export function resolveClauses(
  clauses: readonly MergeClause[],
  scope: ClauseScope,
): ResolvedClause[] {
  return clauses.map((clause, i) => {
    const values = new Map<string, ExprNode>();
    if (clause.assignments === "*") expandStar(clause, scope, values);
    else {
      for (const [key, expr] of clause.assignments ?? []) {
        const name = targetColumn(key, clause, scope);
        if (values.has(name)) {
          throw new DeltaError(
            "DELTA_MERGE_DUPLICATE_ASSIGNMENT",
            `Column ${quoteIdentifier(name)} is assigned more than once in a ${clause.action.toUpperCase()} clause.`,
            {
              hint: "Assign each column once per clause.",
            },
          );
        }
        values.set(name, expr);
      }
    }
    return { ...clause, code: i + 1, values };
  });
}

/** delta-spark's `MergePredicate` JSON for the history: condition text and action type. */
export function clausePredicates(clauses: readonly MergeClause[], when: MergeWhen): string {
  return JSON.stringify(
    clauses
      .filter((c) => c.when === when)
      .map((c) => ({
        ...(c.conditionText === undefined ? {} : { predicate: c.conditionText }),
        actionType: c.action,
      })),
  );
}
