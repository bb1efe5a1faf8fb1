/**
 * What a DeltaTable needs from the engine it runs on. The embedded engine runs our own
 * Delta kernel; the Spark engine hands each command to delta-spark as SQL. DeltaTable's
 * public API is the same over both, so the user's code does not change between engines.
 */
import type { DataFrame } from "../dataframe/dataframe.js";
import type { NewColumn } from "../delta/operations/alter-table.js";
import type { DeleteMetrics } from "../delta/operations/delete.js";
import type { MergeClause } from "../delta/operations/merge/clauses.js";
import type { RestoreTarget } from "../delta/operations/restore.js";
import type { UpdateMetrics } from "../delta/operations/update.js";
import type { VacuumResult } from "../delta/operations/vacuum.js";
import type { ExprNode } from "../plan/node.js";
import type { ParsedCondition } from "./args.js";

export interface MergeRequest {
  readonly source: DataFrame;
  readonly on: ParsedCondition;
  readonly targetAlias: string | undefined;
  readonly clauses: readonly MergeClause[];
}

/** One ALTER TABLE change; column paths are dotted (`s.a`), back-quoted parts may hold dots. */
export type AlterTable =
  | { readonly kind: "addColumns"; readonly columns: readonly NewColumn[] }
  | { readonly kind: "renameColumn"; readonly from: string; readonly to: string }
  | { readonly kind: "dropColumns"; readonly columns: readonly string[] }
  | {
      readonly kind: "alterColumn";
      readonly column: string;
      readonly comment?: string;
      readonly nullable?: true;
    }
  | { readonly kind: "setProperties"; readonly properties: Readonly<Record<string, string>> }
  | {
      readonly kind: "unsetProperties";
      readonly keys: readonly string[];
      readonly ifExists: boolean;
    };

export interface DeltaTableBackend {
  /** Fails with DELTA_MISSING_DELTA_TABLE when the path holds no Delta table. */
  check(): Promise<void>;
  history(limit: number | undefined): Promise<DataFrame>;
  detail(): Promise<DataFrame>;
  delete(condition: ParsedCondition | undefined): Promise<DeleteMetrics>;
  update(
    condition: ParsedCondition | undefined,
    set: readonly (readonly [string, ExprNode])[],
  ): Promise<UpdateMetrics>;
  merge(request: MergeRequest): Promise<DataFrame>;
  optimize(
    partitionFilter: ParsedCondition | undefined,
    options?: { purgeDeletionVectors?: boolean },
  ): Promise<DataFrame>;
  vacuum(retentionHours: number | undefined, dryRun: boolean): Promise<VacuumResult>;
  restore(target: RestoreTarget): Promise<DataFrame>;
  addConstraint(name: string, expr: string): Promise<void>;
  /** ALTER TABLE schema and property changes, each one commit (see delta/operations/alter-table.ts). */
  alter(change: AlterTable): Promise<void>;
  dropConstraint(name: string): Promise<void>;
}
