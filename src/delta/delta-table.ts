/**
 * `DeltaTable`: delta-spark's table API (history, detail, delete, update, merge, optimize,
 * vacuum, restore) on the embedded engine. Every command reads the latest version, runs
 * its queries on the engine and commits once; a failure (a conflict with a concurrent
 * writer included) leaves the table as it was.
 *
 * @example
 * ```ts
 * import { DeltaTable } from "tributary";
 * const table = await DeltaTable.forPath(spark, "lake/events");
 * await table.delete("day < '2024-01-01'");
 * await table.update("id = 7", { status: "'closed'" });
 * await table.alias("t").merge(updates.alias("s"), "t.id = s.id")
 *   .whenMatchedUpdateAll().whenNotMatchedInsertAll().execute();
 * await (await table.history(5)).show();
 * await table.optimize().where("day = '2024-01-01'").executeCompaction();
 * await table.restoreToVersion(3);
 * await table.vacuum(); // files unreferenced for 7 days
 * ```
 */
import type { DataFrame } from "../dataframe/dataframe.js";
import { DeltaError, UnsupportedOperationError } from "../errors.js";
import type { SparkSession } from "../session/session.js";
import { loadTable, type TableCommandContext } from "./operations/common.js";
import { type DeleteMetrics, deleteRows } from "./operations/delete.js";
import { tableDetail } from "./operations/detail.js";
import { tableHistory } from "./operations/history.js";
import { mergeInto } from "./operations/merge/merge.js";
import { optimizeTable } from "./operations/optimize.js";
import { type RestoreTarget, restoreTable } from "./operations/restore.js";
import { type UpdateMetrics, updateRows } from "./operations/update.js";
import { type VacuumResult, vacuumTable } from "./operations/vacuum.js";
import {
  type Assignments,
  assignmentsOf,
  type ConditionLike,
  conditionOf,
  isOptions,
  optionalCondition,
} from "./table/args.js";
import {
  countsSchema,
  DETAIL_SCHEMA,
  HISTORY_SCHEMA,
  localFrame,
  OPTIMIZE_SCHEMA,
} from "./table/frames.js";
import { DeltaMergeBuilder } from "./table/merge-builder.js";
import { DeltaOptimizeBuilder } from "./table/optimize-builder.js";
import { type DeltaTableEngine, isDeltaTableEngine } from "./table-engine.js";

export interface UpdateOptions {
  readonly condition?: ConditionLike;
  readonly set: Assignments;
}

function tableEngine(spark: SparkSession): DeltaTableEngine {
  const engine = spark.engine;
  if (isDeltaTableEngine(engine)) return engine;
  throw new UnsupportedOperationError(
    engine.name,
    "DeltaTable",
    `DeltaTable commands run on the embedded engine, not on ${engine.name}.`,
    {
      hint: 'On Spark, run them as delta-spark SQL: spark.sql("DELETE FROM delta.`/path` WHERE ...").',
    },
  );
}

export class DeltaTable {
  private constructor(
    /** The session the table was opened with. */
    readonly sparkSession: SparkSession,
    /** The table's directory. */
    readonly path: string,
    private readonly engine: DeltaTableEngine,
    private readonly aliasName: string | undefined,
  ) {
    Object.freeze(this);
  }

  /**
   * The Delta table at `path`; fails with DELTA_MISSING_DELTA_TABLE when there is none.
   *
   * @example
   * ```ts
   * const table = await DeltaTable.forPath(spark, "lake/events");
   * ```
   */
  static async forPath(spark: SparkSession, path: string): Promise<DeltaTable> {
    const engine = tableEngine(spark);
    await loadTable(engine, path);
    return new DeltaTable(spark, path, engine, undefined);
  }

  /** Whether `path` holds a Delta table: `await DeltaTable.isDeltaTable(spark, "lake/events")`. */
  static async isDeltaTable(spark: SparkSession, path: string): Promise<boolean> {
    try {
      await loadTable(tableEngine(spark), path);
      return true;
    } catch (e) {
      if (e instanceof DeltaError && e.code === "DELTA_MISSING_DELTA_TABLE") return false;
      throw e;
    }
  }

  private get ctx(): TableCommandContext {
    return { engine: this.engine, conf: this.sparkSession.conf.getAll() };
  }

  private latest() {
    return loadTable(this.engine, this.path);
  }

  /** The same table under an alias, for merge conditions (`t.id = s.id`) and `toDF()`. */
  alias(name: string): DeltaTable {
    return new DeltaTable(this.sparkSession, this.path, this.engine, name);
  }

  /** A DataFrame reading the table's latest version (aliased when the table is). */
  toDF(): DataFrame {
    const df = this.sparkSession.read.format("delta").load(this.path);
    return this.aliasName === undefined ? df : df.alias(this.aliasName);
  }

  /** The commits, newest first (the newest `limit` when given), with delta-spark's history columns. */
  async history(limit?: number): Promise<DataFrame> {
    const entries = await tableHistory(this.engine.delta, this.path, limit);
    return localFrame(this.sparkSession, HISTORY_SCHEMA, entries);
  }

  /** One row describing the table: format, id, location, partitioning, size, properties, protocol. */
  async detail(): Promise<DataFrame> {
    const detail = tableDetail(await this.latest());
    return localFrame(this.sparkSession, DETAIL_SCHEMA, [detail]);
  }

  /** Deletes the rows matching `condition` (all rows without one); resolves to the DELETE metrics. */
  async delete(condition?: ConditionLike): Promise<DeleteMetrics> {
    const parsed = optionalCondition(condition);
    return deleteRows(this.ctx, await this.latest(), parsed?.expr, parsed?.text);
  }

  /**
   * Sets columns of the rows matching a condition: `update(set)`, `update(condition, set)`
   * or `update({condition?, set})`; values are Columns or SQL text, cast to the column type.
   */
  async update(set: Assignments): Promise<UpdateMetrics>;
  async update(condition: ConditionLike | undefined, set: Assignments): Promise<UpdateMetrics>;
  async update(options: UpdateOptions): Promise<UpdateMetrics>;
  async update(
    a: ConditionLike | Assignments | UpdateOptions | undefined,
    b?: Assignments,
  ): Promise<UpdateMetrics> {
    let condition: ConditionLike | undefined;
    let set: Assignments;
    if (b !== undefined) [condition, set] = [a as ConditionLike | undefined, b];
    else if (isOptions(a, "set")) [condition, set] = [a.condition, a.set];
    else set = a as Assignments;
    const parsed = optionalCondition(condition);
    return updateRows(
      this.ctx,
      await this.latest(),
      parsed?.expr,
      parsed?.text,
      assignmentsOf(set),
    );
  }

  /** Starts a MERGE of `source` into this table on `condition`; add clauses, then `execute()`. */
  merge(source: DataFrame, condition: ConditionLike): DeltaMergeBuilder {
    const on = conditionOf(condition, "merge condition");
    return new DeltaMergeBuilder(async (clauses) => {
      const m = await mergeInto(this.ctx, await this.latest(), {
        source: source.plan,
        condition: on.expr,
        conditionText: on.text,
        targetAlias: this.aliasName,
        clauses,
      });
      const row = {
        num_affected_rows:
          m.numTargetRowsUpdated + m.numTargetRowsDeleted + m.numTargetRowsInserted,
        num_updated_rows: m.numTargetRowsUpdated,
        num_deleted_rows: m.numTargetRowsDeleted,
        num_inserted_rows: m.numTargetRowsInserted,
      };
      return localFrame(this.sparkSession, countsSchema(Object.keys(row)), [row]);
    });
  }

  /** Starts an OPTIMIZE: `optimize().where("day = '2024-01-01'").executeCompaction()`. */
  optimize(): DeltaOptimizeBuilder {
    return new DeltaOptimizeBuilder(async (filter) => {
      const parsed = optionalCondition(filter, "partition filter");
      const result = await optimizeTable(this.ctx, await this.latest(), parsed?.expr, parsed?.text);
      return localFrame(this.sparkSession, OPTIMIZE_SCHEMA, [
        { path: result.path, metrics: result.metrics },
      ]);
    });
  }

  /**
   * Deletes files no longer referenced by the table and older than the retention (hours;
   * default the table's `delta.deletedFileRetentionDuration`, 7 days). With `dryRun` only
   * lists them.
   */
  async vacuum(retentionHours?: number, options: { dryRun?: boolean } = {}): Promise<VacuumResult> {
    return vacuumTable(this.ctx, await this.latest(), {
      ...(retentionHours === undefined ? {} : { retentionHours }),
      ...options,
    });
  }

  /** Restores the table to an earlier version (one new commit); resolves to delta-spark's RESTORE metrics row. */
  async restoreToVersion(version: number): Promise<DataFrame> {
    return this.restore({ version });
  }

  /** Restores the table to the version current at a timestamp (`"2024-01-31 12:00:00"`, ISO text, Date, ms; UTC unless given). */
  async restoreToTimestamp(timestamp: string | number | Date): Promise<DataFrame> {
    return this.restore({ timestamp });
  }

  private async restore(target: RestoreTarget): Promise<DataFrame> {
    const m = await restoreTable(this.ctx, await this.latest(), target);
    const row = {
      table_size_after_restore: m.tableSizeAfterRestore,
      num_of_files_after_restore: m.numOfFilesAfterRestore,
      num_removed_files: m.numRemovedFiles,
      num_restored_files: m.numRestoredFiles,
      removed_files_size: m.removedFilesSize,
      restored_files_size: m.restoredFilesSize,
    };
    return localFrame(this.sparkSession, countsSchema(Object.keys(row)), [row]);
  }

  toString(): string {
    return `DeltaTable(${this.path}${this.aliasName === undefined ? "" : ` AS ${this.aliasName}`})`;
  }
}
