/**
 * DeltaTable on the Spark engine: delta-spark does the work, through SQL statements over
 * Spark Connect (DESCRIBE HISTORY/DETAIL, DELETE, UPDATE, MERGE INTO, OPTIMIZE, VACUUM,
 * RESTORE). Results come back in the same shapes as on the embedded engine, so the user's
 * code does not change between engines. Every identifier and value reaches the SQL through
 * Spark's quoting (`exprSql`, `quoteIdentifier`, `quoteSparkString`).
 */
import type { DataFrame } from "../../dataframe/dataframe.js";
import type { DeleteMetrics } from "../../delta/operations/delete.js";
import type { RestoreTarget } from "../../delta/operations/restore.js";
import type { UpdateMetrics } from "../../delta/operations/update.js";
import type { VacuumResult } from "../../delta/operations/vacuum.js";
import { splitPath } from "../../delta/schema/alter.js";
import { DeltaError, EngineError } from "../../errors.js";
import type { LiteralValue } from "../../plan/expression/literal.js";
import { assertNever, type ExprNode } from "../../plan/node.js";
import type { SparkSession } from "../../session/session.js";
import type { ParsedCondition } from "../../table/args.js";
import type { AlterTable, DeltaTableBackend, MergeRequest } from "../../table/backend.js";
import { countsSchema, OPTIMIZE_SCHEMA } from "../../table/frames.js";
import type { DataType, StructType } from "../../types/data-types.js";
import { dataTypeToSql } from "../../types/ddl.js";
import { Decimal } from "../../types/decimal.js";
import { quoteIdentifier, quoteSparkString } from "../../types/sql-string.js";
import { sparkLiteral } from "./compiler/local-relation.js";
import { exprSql } from "./compiler/sql-text.js";
import type { SparkConnectEngine } from "./engine.js";

/** `delta.\`/path\``: the table by path, back-quoted as Spark's grammar wants. */
export function tableRef(path: string): string {
  return `delta.${quoteIdentifier(path)}`;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

type Row = Readonly<Record<string, unknown>>;

function entries(value: unknown): [string, unknown][] {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [String(k), v]);
  return typeof value === "object" && value !== null ? Object.entries(value) : [];
}

/** A JS value as a Spark SQL expression of type `t` (structs and maps included). */
export function valueSql(value: unknown, t: DataType): string {
  if (value === null || value === undefined) return sparkLiteral(null, t);
  switch (t.typeName) {
    case "struct":
      return `named_struct(${t.fields
        .map((f) => `${quoteSparkString(f.name)}, ${valueSql((value as Row)[f.name], f.dataType)}`)
        .join(", ")})`;
    case "map": {
      const kv = entries(value).flatMap(([k, v]) => [
        valueSql(k, t.keyType),
        valueSql(v, t.valueType),
      ]);
      return kv.length === 0
        ? sparkLiteral(null, t).replace("NULL", "map()")
        : `map(${kv.join(", ")})`;
    }
    case "array":
      return `array(${(value as unknown[]).map((v) => valueSql(v, t.elementType)).join(", ")})`;
    case "long":
    case "integer":
    case "short":
    case "byte":
      return `CAST(${quoteSparkString(String(typeof value === "bigint" ? value : Math.trunc(Number(value))))} AS ${t.typeName === "long" ? "BIGINT" : t.typeName.toUpperCase()})`;
    case "double":
    case "float":
      return `CAST(${quoteSparkString(String(Number(value)))} AS ${t.typeName.toUpperCase()})`;
    case "decimal":
      return sparkLiteral(value instanceof Decimal ? value : Decimal.parse(String(value)), t);
    default:
      return sparkLiteral(value as LiteralValue, t);
  }
}

/** `SELECT <values> AS <names>` for one row per object: a small result frame on Spark. */
function rowsFrame(spark: SparkSession, schema: StructType, rows: readonly Row[]): DataFrame {
  const select = (r: Row | undefined) =>
    schema.fields
      .map((f) => `${valueSql(r?.[f.name], f.dataType)} AS ${quoteIdentifier(f.name)}`)
      .join(", ");
  const sql =
    rows.length === 0
      ? `SELECT ${select(undefined)} WHERE false`
      : rows.map((r) => `SELECT ${select(r)}`).join(" UNION ALL ");
  return spark.sql(sql, { dialect: "engine" });
}

function metricsOf(row: Row | undefined): Row {
  const m = row?.operationMetrics;
  return Object.fromEntries(entries(m));
}

const MISSING =
  /DELTA_MISSING_DELTA_TABLE|not a Delta table|PATH_NOT_FOUND|does not exist|doesn't exist/i;

const MERGE_COUNTS = countsSchema([
  "num_affected_rows",
  "num_updated_rows",
  "num_deleted_rows",
  "num_inserted_rows",
]);
const RESTORE_COUNTS = countsSchema([
  "table_size_after_restore",
  "num_of_files_after_restore",
  "num_removed_files",
  "num_restored_files",
  "removed_files_size",
  "restored_files_size",
]);

export class SparkDeltaTable implements DeltaTableBackend {
  constructor(
    private readonly spark: SparkSession,
    private readonly engine: SparkConnectEngine,
    private readonly path: string,
  ) {}

  private get ref(): string {
    return tableRef(this.path);
  }

  async check(): Promise<void> {
    const missing = (cause?: unknown) =>
      new DeltaError("DELTA_MISSING_DELTA_TABLE", `\`${this.path}\` is not a Delta table.`, {
        ...(cause === undefined ? {} : { cause }),
        hint: "Check the path (as the Spark cluster sees it); write the table first.",
      });
    let rows: Row[];
    try {
      rows = await this.engine.sqlCommand(`DESCRIBE DETAIL ${this.ref}`);
    } catch (e) {
      if (e instanceof EngineError && MISSING.test(`${e.errorClass ?? ""} ${e.message}`))
        throw missing(e);
      throw e;
    }
    if (String(rows[0]?.format ?? "").toLowerCase() !== "delta") throw missing();
  }

  async history(limit: number | undefined): Promise<DataFrame> {
    const n = limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.trunc(limit))}`;
    return this.spark.sql(`DESCRIBE HISTORY ${this.ref}${n}`, { dialect: "engine" });
  }

  async detail(): Promise<DataFrame> {
    return this.spark.sql(`DESCRIBE DETAIL ${this.ref}`, { dialect: "engine" });
  }

  private async lastCommit(): Promise<{ version: number; metrics: Row }> {
    const [row] = await this.engine.sqlCommand(`DESCRIBE HISTORY ${this.ref} LIMIT 1`);
    return { version: num(row?.version), metrics: metricsOf(row) };
  }

  private where(condition: ParsedCondition | undefined): string {
    return condition === undefined ? "" : ` WHERE ${exprSql(condition.expr)}`;
  }

  /**
   * Runs a row-changing statement and reads its metrics from the commit it made. delta-spark
   * commits nothing when no file holds a matching row (as we do): then every count is 0.
   */
  private async changeRows<K extends string>(
    sql: string,
    keys: readonly K[],
  ): Promise<{ version: number | undefined } & Record<K, number>> {
    const before = await this.lastCommit();
    await this.engine.sqlCommand(sql);
    const after = await this.lastCommit();
    const committed = after.version !== before.version;
    const counts = Object.fromEntries(
      keys.map((k) => [k, committed ? num(after.metrics[k]) : 0]),
    ) as Record<K, number>;
    return { version: committed ? after.version : undefined, ...counts };
  }

  async delete(condition: ParsedCondition | undefined): Promise<DeleteMetrics> {
    return this.changeRows(`DELETE FROM ${this.ref}${this.where(condition)}`, [
      "numRemovedFiles",
      "numAddedFiles",
      "numDeletedRows",
      "numCopiedRows",
    ]);
  }

  async update(
    condition: ParsedCondition | undefined,
    set: readonly (readonly [string, ExprNode])[],
  ): Promise<UpdateMetrics> {
    const assignments = set.map(([c, e]) => `${quoteIdentifier(c)} = ${exprSql(e)}`).join(", ");
    return this.changeRows(`UPDATE ${this.ref} SET ${assignments}${this.where(condition)}`, [
      "numRemovedFiles",
      "numAddedFiles",
      "numUpdatedRows",
      "numCopiedRows",
    ]);
  }

  /** MERGE INTO with the source registered as a temporary view, dropped afterwards. */
  async merge(request: MergeRequest): Promise<DataFrame> {
    const plan = request.source.plan;
    const sourceAlias = plan.kind === "subqueryAlias" ? plan.alias : "source";
    const view = `__tributary_merge_source_${plan.planId}`;
    const target = request.targetAlias ?? "target";
    const parts = [
      `MERGE INTO ${this.ref} AS ${quoteIdentifier(target)} USING ${quoteIdentifier(view)} AS ${quoteIdentifier(sourceAlias)} ON ${exprSql(request.on.expr)}`,
    ];
    for (const c of request.clauses) {
      const when =
        c.when === "matched"
          ? "WHEN MATCHED"
          : c.when === "notMatched"
            ? "WHEN NOT MATCHED"
            : "WHEN NOT MATCHED BY SOURCE";
      const cond = c.condition === undefined ? "" : ` AND ${exprSql(c.condition)}`;
      const set = c.assignments === "*" ? [] : (c.assignments ?? []);
      let action: string;
      if (c.action === "delete") action = "DELETE";
      else if (c.action === "update")
        action =
          c.assignments === "*"
            ? "UPDATE SET *"
            : `UPDATE SET ${set.map(([k, e]) => `${quoteIdentifier(k)} = ${exprSql(e)}`).join(", ")}`;
      else
        action =
          c.assignments === "*"
            ? "INSERT *"
            : `INSERT (${set.map(([k]) => quoteIdentifier(k)).join(", ")}) VALUES (${set.map(([, e]) => exprSql(e)).join(", ")})`;
      parts.push(`${when}${cond} THEN ${action}`);
    }
    try {
      const rows = await this.engine.sqlCommand(parts.join(" "), { [view]: plan });
      return rowsFrame(this.spark, MERGE_COUNTS, rows.slice(0, 1));
    } finally {
      await this.engine.dropServerView(view);
    }
  }

  async optimize(
    partitionFilter: ParsedCondition | undefined,
    options: { purgeDeletionVectors?: boolean } = {},
  ): Promise<DataFrame> {
    const rows = await this.engine.sqlCommand(
      options.purgeDeletionVectors === true
        ? `REORG TABLE ${this.ref}${this.where(partitionFilter)} APPLY (PURGE)`
        : `OPTIMIZE ${this.ref}${this.where(partitionFilter)}`,
    );
    return rowsFrame(this.spark, OPTIMIZE_SCHEMA, rows.slice(0, 1));
  }

  /**
   * A dry run first lists what delta-spark will delete (its VACUUM returns only the path),
   * so both engines report the same files.
   */
  async vacuum(retentionHours: number | undefined, dryRun: boolean): Promise<VacuumResult> {
    const retain = retentionHours === undefined ? "" : ` RETAIN ${Number(retentionHours)} HOURS`;
    const listed = await this.engine.sqlCommand(`VACUUM ${this.ref}${retain} DRY RUN`);
    const files = listed.map((r) => String(r.path ?? "").replace(/^file:/, ""));
    if (!dryRun) await this.engine.sqlCommand(`VACUUM ${this.ref}${retain}`);
    return {
      path: this.path,
      dryRun,
      files,
      numDeletedFiles: files.length,
      numVacuumedDirectories: 0,
      sizeOfDataToDelete: 0,
    };
  }

  async restore(target: RestoreTarget): Promise<DataFrame> {
    const at =
      "version" in target && target.version !== undefined
        ? `VERSION AS OF ${Math.trunc(target.version)}`
        : `TIMESTAMP AS OF ${quoteSparkString(timestampText((target as { timestamp: string | number | Date }).timestamp))}`;
    const rows = await this.engine.sqlCommand(`RESTORE TABLE ${this.ref} TO ${at}`);
    return rowsFrame(this.spark, RESTORE_COUNTS, rows.slice(0, 1));
  }

  async addConstraint(name: string, expr: string): Promise<void> {
    await this.engine.sqlCommand(
      `ALTER TABLE ${this.ref} ADD CONSTRAINT ${quoteIdentifier(name)} CHECK (${expr})`,
    );
  }

  async dropConstraint(name: string): Promise<void> {
    await this.engine.sqlCommand(
      `ALTER TABLE ${this.ref} DROP CONSTRAINT ${quoteIdentifier(name)}`,
    );
  }

  async alter(change: AlterTable): Promise<void> {
    await this.engine.sqlCommand(`ALTER TABLE ${this.ref} ${alterSql(change)}`);
  }
}

/** A dotted column path with each part back-quoted for Spark's grammar. */
function pathSql(path: string): string {
  return splitPath(path).map(quoteIdentifier).join(".");
}

const properties = (props: Readonly<Record<string, string>>): string =>
  Object.entries(props)
    .map(([k, v]) => `${quoteSparkString(k)} = ${quoteSparkString(v)}`)
    .join(", ");

/** The statement after `ALTER TABLE t` for one change, as delta-spark's SQL takes it. */
export function alterSql(change: AlterTable): string {
  switch (change.kind) {
    case "addColumns":
      return `ADD COLUMNS (${change.columns
        .map((c) => {
          const comment = c.field.metadata.comment;
          const tail = typeof comment === "string" ? ` COMMENT ${quoteSparkString(comment)}` : "";
          return `${pathSql(c.path)} ${dataTypeToSql(c.field.dataType)}${tail}`;
        })
        .join(", ")})`;
    case "renameColumn":
      return `RENAME COLUMN ${pathSql(change.from)} TO ${quoteIdentifier(change.to)}`;
    case "dropColumns":
      return `DROP COLUMNS (${change.columns.map(pathSql).join(", ")})`;
    case "alterColumn":
      return change.comment !== undefined
        ? `ALTER COLUMN ${pathSql(change.column)} COMMENT ${quoteSparkString(change.comment)}`
        : `ALTER COLUMN ${pathSql(change.column)} DROP NOT NULL`;
    case "setProperties":
      return `SET TBLPROPERTIES (${properties(change.properties)})`;
    case "unsetProperties":
      return `UNSET TBLPROPERTIES ${change.ifExists ? "IF EXISTS " : ""}(${change.keys.map(quoteSparkString).join(", ")})`;
    default:
      return assertNever(change, "ALTER TABLE change");
  }
}

function timestampText(t: string | number | Date): string {
  if (typeof t === "string") return t;
  return new Date(t).toISOString();
}
