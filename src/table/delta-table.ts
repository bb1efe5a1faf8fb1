/**
 * `DeltaTable`: delta-spark's table API (history, detail, delete, update, merge, optimize,
 * vacuum, restore, constraints, column and property changes) on either engine. On the embedded engine our Delta kernel runs each
 * command (it reads the latest version, runs its queries and commits once; a failure, a
 * conflict with a concurrent writer included, leaves the table as it was); on the Spark
 * engine delta-spark runs it, through Spark SQL. The code is the same on both.
 *
 * @example
 * ```ts
 * import { DeltaTable } from "tributary-etl";
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
import type { NewColumn } from "../delta/operations/alter-table.js";
import type { DeleteMetrics } from "../delta/operations/delete.js";
import type { UpdateMetrics } from "../delta/operations/update.js";
import type { VacuumResult } from "../delta/operations/vacuum.js";
import { AnalysisError, DeltaError, ErrorCode, UnsupportedOperationError } from "../errors.js";
import type { SparkSession } from "../session/session.js";
import { type StructField, StructType } from "../types/data-types.js";
import { parseDDLSchema } from "../types/ddl.js";
import {
  type Assignments,
  assignmentsOf,
  type ConditionLike,
  conditionOf,
  isOptions,
  optionalCondition,
} from "./args.js";
import type { DeltaTableBackend } from "./backend.js";
import { DeltaTableBuilder } from "./builder.js";
import { DeltaMergeBuilder } from "./merge-builder.js";
import { DeltaOptimizeBuilder } from "./optimize-builder.js";

export interface UpdateOptions {
  readonly condition?: ConditionLike;
  readonly set: Assignments;
}

function backendFor(spark: SparkSession, path: string): DeltaTableBackend {
  // Each engine offers its own table operations: the embedded one runs our Delta kernel, the
  // Spark one hands each command to delta-spark.
  const engine = spark.engine;
  const backend = engine.deltaTable?.(spark, path);
  if (backend !== undefined) return backend;
  throw new UnsupportedOperationError(
    engine.name,
    "DeltaTable",
    `DeltaTable commands are not available on the ${engine.name} engine.`,
    { hint: "Use the embedded engine (local[*]) or Spark (sc://host:port)." },
  );
}

export class DeltaTable {
  private constructor(
    /** The session the table was opened with. */
    readonly sparkSession: SparkSession,
    /** The table's directory. */
    readonly path: string,
    private readonly backend: DeltaTableBackend,
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
    const backend = backendFor(spark, path);
    await backend.check();
    return new DeltaTable(spark, path, backend, undefined);
  }

  /**
   * The Delta table of a name (`events`, `default.events`: the warehouse directory, or the
   * LOCATION it was created with); fails with TABLE_OR_VIEW_NOT_FOUND when there is none.
   */
  static async forName(spark: SparkSession, name: string): Promise<DeltaTable> {
    const tables = spark.catalog.tables;
    const ref = tables.resolve(name.split("."));
    if (!tables.exists(ref))
      throw new AnalysisError(
        "TABLE_OR_VIEW_NOT_FOUND",
        `[TABLE_OR_VIEW_NOT_FOUND] The table or view \`${name}\` cannot be found.`,
        { hint: `Tables: ${tables.names().join(", ") || "none"}.` },
      );
    return DeltaTable.forPath(spark, ref.location);
  }

  /** A builder for a new table; `execute()` fails if it exists (delta-spark's `DeltaTable.create`). */
  static create(spark: SparkSession): DeltaTableBuilder {
    return new DeltaTableBuilder(spark, "create", DeltaTable.forPath);
  }

  /** A builder that leaves an existing table as it is. */
  static createIfNotExists(spark: SparkSession): DeltaTableBuilder {
    return new DeltaTableBuilder(spark, "createIfNotExists", DeltaTable.forPath);
  }

  /** A builder that replaces an existing table (its history is kept); fails if there is none. */
  static replace(spark: SparkSession): DeltaTableBuilder {
    return new DeltaTableBuilder(spark, "replace", DeltaTable.forPath);
  }

  /** A builder that creates the table, or replaces it when it exists. */
  static createOrReplace(spark: SparkSession): DeltaTableBuilder {
    return new DeltaTableBuilder(spark, "createOrReplace", DeltaTable.forPath);
  }

  /** Whether `path` holds a Delta table: `await DeltaTable.isDeltaTable(spark, "lake/events")`. */
  static async isDeltaTable(spark: SparkSession, path: string): Promise<boolean> {
    try {
      await backendFor(spark, path).check();
      return true;
    } catch (e) {
      if (e instanceof DeltaError && e.code === ErrorCode.DELTA_MISSING_DELTA_TABLE) return false;
      throw e;
    }
  }

  /** The same table under an alias, for merge conditions (`t.id = s.id`) and `toDF()`. */
  alias(name: string): DeltaTable {
    return new DeltaTable(this.sparkSession, this.path, this.backend, name);
  }

  /** A DataFrame reading the table's latest version (aliased when the table is). */
  toDF(): DataFrame {
    const df = this.sparkSession.read.format("delta").load(this.path);
    return this.aliasName === undefined ? df : df.alias(this.aliasName);
  }

  /** The commits, newest first (the newest `limit` when given), with delta-spark's history columns. */
  async history(limit?: number): Promise<DataFrame> {
    return this.backend.history(limit);
  }

  /** One row describing the table: format, id, location, partitioning, size, properties, protocol. */
  async detail(): Promise<DataFrame> {
    return this.backend.detail();
  }

  /** Deletes the rows matching `condition` (all rows without one); resolves to the DELETE metrics. */
  async delete(condition?: ConditionLike): Promise<DeleteMetrics> {
    return this.backend.delete(optionalCondition(condition));
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
    return this.backend.update(optionalCondition(condition), assignmentsOf(set));
  }

  /** Starts a MERGE of `source` into this table on `condition`; add clauses, then `execute()`. */
  merge(source: DataFrame, condition: ConditionLike): DeltaMergeBuilder {
    const on = conditionOf(condition, "merge condition");
    return new DeltaMergeBuilder((clauses) =>
      this.backend.merge({ source, on, targetAlias: this.aliasName, clauses }),
    );
  }

  /** Starts an OPTIMIZE: `optimize().where("day = '2024-01-01'").executeCompaction()`. */
  optimize(): DeltaOptimizeBuilder {
    return new DeltaOptimizeBuilder((filter, options) =>
      this.backend.optimize(optionalCondition(filter, "partition filter"), options),
    );
  }

  /**
   * Deletes files no longer referenced by the table and older than the retention (hours;
   * default the table's `delta.deletedFileRetentionDuration`, 7 days). With `dryRun` only
   * lists them.
   */
  async vacuum(retentionHours?: number, options: { dryRun?: boolean } = {}): Promise<VacuumResult> {
    return this.backend.vacuum(retentionHours, options.dryRun ?? false);
  }

  /** Restores the table to an earlier version (one new commit); resolves to delta-spark's RESTORE metrics row. */
  async restoreToVersion(version: number): Promise<DataFrame> {
    return this.backend.restore({ version });
  }

  /** Restores the table to the version current at a timestamp (`"2024-01-31 12:00:00"`, ISO text, Date, ms; UTC unless given). */
  async restoreToTimestamp(timestamp: string | number | Date): Promise<DataFrame> {
    return this.backend.restore({ timestamp });
  }

  /**
   * Adds a CHECK constraint (delta-spark's `ALTER TABLE ... ADD CONSTRAINT name CHECK (expr)`):
   * the rows already there must pass, and every later write is checked.
   *
   * @example
   * ```ts
   * await table.addConstraint("positive_amount", "amount > 0");
   * ```
   */
  async addConstraint(name: string, expr: string): Promise<void> {
    await this.backend.addConstraint(name, expr);
  }

  /** Drops a CHECK constraint added with {@link addConstraint}. */
  async dropConstraint(name: string): Promise<void> {
    await this.backend.dropConstraint(name);
  }

  /**
   * Adds nullable columns (delta-spark's `ALTER TABLE ... ADD COLUMNS`): a StructType, fields,
   * or DDL text. A dotted name (`s.c`) adds a field inside struct `s`. Metadata only.
   *
   * @example
   * ```ts
   * await table.addColumns("country STRING COMMENT 'ISO code', s.extra INT");
   * ```
   */
  async addColumns(columns: StructType | readonly StructField[] | string): Promise<void> {
    await this.backend.alter({ kind: "addColumns", columns: newColumns(columns) });
  }

  /**
   * Renames a column (`s.a` for a nested field) without rewriting data: needs column mapping
   * (`setProperties({ "delta.columnMapping.mode": "name" })`), as in delta-spark.
   */
  async renameColumn(from: string, to: string): Promise<void> {
    await this.backend.alter({ kind: "renameColumn", from, to });
  }

  /** Drops a column (`s.a` for a nested field) without rewriting data; needs column mapping. */
  async dropColumn(name: string): Promise<void> {
    await this.dropColumns([name]);
  }

  /** Drops several columns in one commit; needs column mapping; partition columns cannot be dropped. */
  async dropColumns(names: readonly string[]): Promise<void> {
    await this.backend.alter({ kind: "dropColumns", columns: [...names] });
  }

  /** Changes a column's comment, or makes it nullable (`{ nullable: true }`, SQL's DROP NOT NULL). */
  async alterColumn(
    name: string,
    change: { readonly comment: string } | { readonly nullable: true },
  ): Promise<void> {
    await this.backend.alter({ kind: "alterColumn", column: name, ...change });
  }

  /**
   * Sets table properties (`ALTER TABLE ... SET TBLPROPERTIES`). Turning a feature on
   * (`delta.enableDeletionVectors`, `delta.columnMapping.mode` = `name`) upgrades the protocol
   * in the same commit; a feature tributary cannot write is refused before anything is written.
   *
   * @example
   * ```ts
   * await table.setProperties({ "delta.columnMapping.mode": "name" });
   * await table.renameColumn("amount", "amount_eur");
   * ```
   */
  async setProperties(properties: Readonly<Record<string, string>>): Promise<void> {
    await this.backend.alter({ kind: "setProperties", properties: { ...properties } });
  }

  /** Removes table properties (`UNSET TBLPROPERTIES [IF EXISTS]`); absent keys are ignored. */
  async unsetProperties(
    keys: readonly string[],
    options: { ifExists?: boolean } = {},
  ): Promise<void> {
    await this.backend.alter({
      kind: "unsetProperties",
      keys: [...keys],
      ifExists: options.ifExists ?? false,
    });
  }

  /**
   * Raises the table's protocol to at least these versions (delta-spark's
   * `upgradeTableProtocol`); versions never go down.
   */
  async upgradeTableProtocol(readerVersion: number, writerVersion: number): Promise<void> {
    await this.setProperties({
      "delta.minReaderVersion": String(readerVersion),
      "delta.minWriterVersion": String(writerVersion),
    });
  }

  toString(): string {
    return `DeltaTable(${this.path}${this.aliasName === undefined ? "" : ` AS ${this.aliasName}`})`;
  }
}

/** addColumns' argument as paths and fields (a field's name may be a dotted path). */
function newColumns(columns: StructType | readonly StructField[] | string): NewColumn[] {
  const fields =
    typeof columns === "string"
      ? parseDDLSchema(columns).fields
      : columns instanceof StructType
        ? columns.fields
        : columns;
  return fields.map((field) => ({ path: field.name, field }));
}
