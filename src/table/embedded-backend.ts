/** DeltaTable commands on the embedded engine: our Delta kernel, the engine's queries, one commit each. */
import type { DataFrame } from "../dataframe/dataframe.js";
import { setProperties, unsetProperties } from "../delta/operations/alter-properties.js";
import {
  addColumns,
  alterColumn,
  dropColumns,
  renameColumn,
} from "../delta/operations/alter-table.js";
import { loadTable, type TableCommandContext } from "../delta/operations/common.js";
import { addConstraint, dropConstraint } from "../delta/operations/constraints.js";
import { type DeleteMetrics, deleteRows } from "../delta/operations/delete.js";
import { tableDetail } from "../delta/operations/detail.js";
import { tableHistory } from "../delta/operations/history.js";
import { mergeInto } from "../delta/operations/merge/merge.js";
import { optimizeTable } from "../delta/operations/optimize.js";
import { type RestoreTarget, restoreTable } from "../delta/operations/restore.js";
import { type UpdateMetrics, updateRows } from "../delta/operations/update.js";
import { type VacuumResult, vacuumTable } from "../delta/operations/vacuum.js";
import type { DeltaTableEngine } from "../delta/table-engine.js";
import { assertNever, type ExprNode } from "../plan/node.js";
import type { SparkSession } from "../session/session.js";
import type { ParsedCondition } from "./args.js";
import type { AlterTable, DeltaTableBackend, MergeRequest } from "./backend.js";
import {
  countsSchema,
  DETAIL_SCHEMA,
  HISTORY_SCHEMA,
  localFrame,
  OPTIMIZE_SCHEMA,
} from "./frames.js";

export class EmbeddedDeltaTable implements DeltaTableBackend {
  constructor(
    private readonly spark: SparkSession,
    private readonly engine: DeltaTableEngine,
    private readonly path: string,
  ) {}

  private get ctx(): TableCommandContext {
    return { engine: this.engine, conf: this.spark.conf.getAll() };
  }

  private latest() {
    return loadTable(this.engine, this.path);
  }

  async check(): Promise<void> {
    await this.latest();
  }

  async history(limit: number | undefined): Promise<DataFrame> {
    const entries = await tableHistory(this.engine.delta, this.path, limit);
    return localFrame(this.spark, HISTORY_SCHEMA, entries);
  }

  async detail(): Promise<DataFrame> {
    return localFrame(this.spark, DETAIL_SCHEMA, [tableDetail(await this.latest())]);
  }

  async delete(condition: ParsedCondition | undefined): Promise<DeleteMetrics> {
    return deleteRows(this.ctx, await this.latest(), condition?.expr, condition?.text);
  }

  async update(
    condition: ParsedCondition | undefined,
    set: readonly (readonly [string, ExprNode])[],
  ): Promise<UpdateMetrics> {
    return updateRows(this.ctx, await this.latest(), condition?.expr, condition?.text, set);
  }

  async merge(request: MergeRequest): Promise<DataFrame> {
    const m = await mergeInto(this.ctx, await this.latest(), {
      source: request.source.plan,
      condition: request.on.expr,
      conditionText: request.on.text,
      targetAlias: request.targetAlias,
      clauses: request.clauses,
    });
    const row = {
      num_affected_rows: m.numTargetRowsUpdated + m.numTargetRowsDeleted + m.numTargetRowsInserted,
      num_updated_rows: m.numTargetRowsUpdated,
      num_deleted_rows: m.numTargetRowsDeleted,
      num_inserted_rows: m.numTargetRowsInserted,
    };
    return localFrame(this.spark, countsSchema(Object.keys(row)), [row]);
  }

  async optimize(
    partitionFilter: ParsedCondition | undefined,
    options: { purgeDeletionVectors?: boolean } = {},
  ): Promise<DataFrame> {
    const result = await optimizeTable(
      this.ctx,
      await this.latest(),
      partitionFilter?.expr,
      partitionFilter?.text,
      options,
    );
    return localFrame(this.spark, OPTIMIZE_SCHEMA, [
      { path: result.path, metrics: result.metrics },
    ]);
  }

  async vacuum(retentionHours: number | undefined, dryRun: boolean): Promise<VacuumResult> {
    return vacuumTable(this.ctx, await this.latest(), {
      ...(retentionHours === undefined ? {} : { retentionHours }),
      dryRun,
    });
  }

  async restore(target: RestoreTarget): Promise<DataFrame> {
    const m = await restoreTable(this.ctx, await this.latest(), target);
    const row = {
      table_size_after_restore: m.tableSizeAfterRestore,
      num_of_files_after_restore: m.numOfFilesAfterRestore,
      num_removed_files: m.numRemovedFiles,
      num_restored_files: m.numRestoredFiles,
      removed_files_size: m.removedFilesSize,
      restored_files_size: m.restoredFilesSize,
    };
    return localFrame(this.spark, countsSchema(Object.keys(row)), [row]);
  }

  async addConstraint(name: string, expr: string): Promise<void> {
    await addConstraint(this.ctx, await this.latest(), name, expr);
  }

  async dropConstraint(name: string): Promise<void> {
    await dropConstraint(this.ctx, await this.latest(), name);
  }

  async alter(change: AlterTable): Promise<void> {
    const snapshot = await this.latest();
    switch (change.kind) {
      case "addColumns":
        await addColumns(this.ctx, snapshot, change.columns);
        return;
      case "renameColumn":
        await renameColumn(this.ctx, snapshot, change.from, change.to);
        return;
      case "dropColumns":
        await dropColumns(this.ctx, snapshot, change.columns);
        return;
      case "alterColumn":
        await alterColumn(this.ctx, snapshot, change.column, change);
        return;
      case "setProperties":
        await setProperties(this.ctx, snapshot, change.properties);
        return;
      case "unsetProperties":
        await unsetProperties(this.ctx, snapshot, change.keys);
        return;
      default:
        assertNever(change, "ALTER TABLE change");
    }
  }
}
