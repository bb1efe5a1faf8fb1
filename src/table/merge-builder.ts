/**
 * `DeltaTable.merge(source, condition)`: collects WHEN clauses, then `execute()`. Like
 * delta-spark's DeltaMergeBuilder each method returns a new builder; clauses apply in the
 * order given, the first whose condition holds winning.
 *
 * @example
 * ```ts
 * await table.alias("t")
 *   .merge(updates.alias("s"), "t.id = s.id")
 *   .whenMatchedUpdate({ set: { v: "s.v" } })
 *   .whenNotMatchedInsertAll()
 *   .execute();
 * ```
 */
import type { DataFrame } from "../dataframe/dataframe.js";
import type { MergeClause } from "../delta/operations/merge/clauses.js";
import {
  type Assignments,
  assignmentsOf,
  type ConditionLike,
  isOptions,
  optionalCondition,
} from "./args.js";

export interface MergeUpdateOptions {
  readonly condition?: ConditionLike;
  readonly set: Assignments;
}

export interface MergeInsertOptions {
  readonly condition?: ConditionLike;
  readonly values: Assignments;
}

type Run = (clauses: readonly MergeClause[]) => Promise<DataFrame>;

function clause(
  when: MergeClause["when"],
  action: MergeClause["action"],
  condition: ConditionLike | undefined,
  assignments: MergeClause["assignments"],
): MergeClause {
  const parsed = optionalCondition(condition, "clause condition");
  return { when, action, condition: parsed?.expr, conditionText: parsed?.text, assignments };
}

export class DeltaMergeBuilder {
  /** @internal use DeltaTable.merge(). */
  constructor(
    private readonly run: Run,
    private readonly clauses: readonly MergeClause[] = [],
  ) {
    Object.freeze(this);
  }

  private with(c: MergeClause): DeltaMergeBuilder {
    return new DeltaMergeBuilder(this.run, [...this.clauses, c]);
  }

  /** WHEN MATCHED [AND condition] THEN UPDATE SET ...: `({condition?, set})` or `(condition, set)`. */
  whenMatchedUpdate(options: MergeUpdateOptions): DeltaMergeBuilder;
  whenMatchedUpdate(condition: ConditionLike | undefined, set: Assignments): DeltaMergeBuilder;
  whenMatchedUpdate(
    a: MergeUpdateOptions | ConditionLike | undefined,
    set?: Assignments,
  ): DeltaMergeBuilder {
    const [condition, values] = isOptions(a, "set") ? [a.condition, a.set] : [a, set];
    return this.with(clause("matched", "update", condition, assignmentsOf(values ?? {}, "set")));
  }

  /** WHEN MATCHED [AND condition] THEN UPDATE SET *: every column from the source column of the same name. */
  whenMatchedUpdateAll(condition?: ConditionLike): DeltaMergeBuilder {
    return this.with(clause("matched", "update", condition, "*"));
  }

  /** WHEN MATCHED [AND condition] THEN DELETE. */
  whenMatchedDelete(condition?: ConditionLike): DeltaMergeBuilder {
    return this.with(clause("matched", "delete", condition, undefined));
  }

  /** WHEN NOT MATCHED [AND condition] THEN INSERT (...) VALUES (...): `({condition?, values})` or `(condition, values)`. */
  whenNotMatchedInsert(options: MergeInsertOptions): DeltaMergeBuilder;
  whenNotMatchedInsert(
    condition: ConditionLike | undefined,
    values: Assignments,
  ): DeltaMergeBuilder;
  whenNotMatchedInsert(
    a: MergeInsertOptions | ConditionLike | undefined,
    values?: Assignments,
  ): DeltaMergeBuilder {
    const [condition, vals] = isOptions(a, "values") ? [a.condition, a.values] : [a, values];
    return this.with(
      clause("notMatched", "insert", condition, assignmentsOf(vals ?? {}, "values")),
    );
  }

  /** WHEN NOT MATCHED [AND condition] THEN INSERT *. */
  whenNotMatchedInsertAll(condition?: ConditionLike): DeltaMergeBuilder {
    return this.with(clause("notMatched", "insert", condition, "*"));
  }

  /** WHEN NOT MATCHED BY SOURCE [AND condition] THEN UPDATE SET ... (target rows no source row matched). */
  whenNotMatchedBySourceUpdate(options: MergeUpdateOptions): DeltaMergeBuilder;
  whenNotMatchedBySourceUpdate(
    condition: ConditionLike | undefined,
    set: Assignments,
  ): DeltaMergeBuilder;
  whenNotMatchedBySourceUpdate(
    a: MergeUpdateOptions | ConditionLike | undefined,
    set?: Assignments,
  ): DeltaMergeBuilder {
    const [condition, values] = isOptions(a, "set") ? [a.condition, a.set] : [a, set];
    return this.with(
      clause("notMatchedBySource", "update", condition, assignmentsOf(values ?? {}, "set")),
    );
  }

  /** WHEN NOT MATCHED BY SOURCE [AND condition] THEN DELETE. */
  whenNotMatchedBySourceDelete(condition?: ConditionLike): DeltaMergeBuilder {
    return this.with(clause("notMatchedBySource", "delete", condition, undefined));
  }

  /**
   * Runs the merge as one commit. Resolves to delta-spark 3's result: one row of
   * `num_affected_rows`, `num_updated_rows`, `num_deleted_rows`, `num_inserted_rows`.
   */
  execute(): Promise<DataFrame> {
    return this.run(this.clauses);
  }
}
