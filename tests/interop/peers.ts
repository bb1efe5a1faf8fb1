/**
 * The real Delta peers for interop tests: delta-rs (`rs*`) and delta-spark (`spark*`).
 *
 * Every function starts a peer process and waits for it; a Spark call also starts a JVM
 * (~10-20 s), so group Spark work with `peerBatch`, which runs any mix of commands in one
 * process and one JVM. Values come back in the JSON forms of ./normalize.ts.
 *
 * @example
 *   await rsWrite(path, [{ id: 1n, d: "2024-01-02" }], struct([["id", "long"], ["d", "date"]]));
 *   const [v0] = await peerBatch([{ cmd: "spark-read", table: path, version: 0 }] as const);
 *   expect(normalizeRows(v0.rows)).toEqual(normalizeRows(myRows, schema));
 */
import type { NormalRow, NormalValue } from "./normalize.js";
import { type RunOptions, runBatch } from "./peer-process.js";
import type { StructType } from "./schema.js";
import { toWire } from "./wire.js";

export { normalizeRows, normalizeValue } from "./normalize.js";
export { PeerError, peersAvailable, stopPeers } from "./peer-process.js";
export * from "./schema.js";

export type WriteMode = "append" | "overwrite" | "error" | "ignore";
type Table = { readonly table: string };
type Metadata = { [key: string]: NormalValue };

export interface WriteOptions {
  readonly mode?: WriteMode;
  readonly partitionBy?: readonly string[];
  /** merge = delta-rs schema_mode "merge" / Spark mergeSchema; overwrite = overwriteSchema. */
  readonly schemaMode?: "merge" | "overwrite";
  /** Table properties, e.g. { "delta.checkpointInterval": "2" }; set when a write creates. */
  readonly properties?: Readonly<Record<string, string>>;
  /** Spark only: more DataFrameWriter options, e.g. replaceWhere. */
  readonly options?: Readonly<Record<string, string>>;
  /** Spark only: repartition before writing, to fix the number of files. */
  readonly repartition?: number;
}

export interface ReadOptions {
  readonly version?: number;
  /** ISO timestamp for time travel by time. */
  readonly timestamp?: string;
}

export type WriteCommand = Table &
  WriteOptions & {
    readonly cmd: "rs-write" | "spark-write";
    readonly rows: readonly unknown[];
    readonly schema: StructType;
  };
export type ReadCommand = Table & ReadOptions & { readonly cmd: "rs-read" | "spark-read" };
export type TableCommand = Table & {
  readonly cmd:
    | "rs-history"
    | "spark-history"
    | "rs-detail"
    | "spark-detail"
    | "rs-checkpoint"
    | "spark-checkpoint";
};
export type RsDeleteCommand = Table & { readonly cmd: "rs-delete"; readonly predicate?: string };
export type RsUpdateCommand = Table & {
  readonly cmd: "rs-update";
  readonly set: Readonly<Record<string, string>>;
  readonly predicate?: string;
};
export type RsMergeCommand = Table & {
  readonly cmd: "rs-merge";
  readonly rows: readonly unknown[];
  readonly schema: StructType;
  /** Join predicate over aliases s (source) and t (target), e.g. "t.id = s.id". */
  readonly on: string;
};
export type RsOptimizeCommand = Table & { readonly cmd: "rs-optimize"; readonly zOrder?: string[] };
export type RsVacuumCommand = Table & {
  readonly cmd: "rs-vacuum";
  readonly retentionHours?: number;
  readonly dryRun?: boolean;
};
/** `{table}` in the SQL stands for delta.`<table>`. */
export type SparkSqlCommand = {
  readonly cmd: "spark-sql";
  readonly sql: string;
  readonly table?: string;
};
/** delta-spark's DeltaTableBuilder (`DeltaTable.create(spark).location(table)...`). */
export type SparkCreateCommand = Table & {
  readonly cmd: "spark-create";
  readonly columns: readonly {
    readonly name: string;
    readonly type: string;
    readonly nullable?: boolean;
    readonly generatedAlwaysAs?: string;
    readonly comment?: string;
  }[];
  readonly partitionBy?: readonly string[];
  readonly properties?: Readonly<Record<string, string>>;
};
/** Sets Spark SQL confs for the rest of the batch. */
export type SparkConfCommand = { readonly cmd: "spark-conf"; readonly set: Record<string, string> };
/** Waits, e.g. so commits get distinct timestamps. */
export type SleepCommand = { readonly cmd: "sleep"; readonly seconds: number };

/** A command's failure, as its result when the command says `allowError: true`. */
export interface PeerFailure {
  readonly error: {
    readonly type: string;
    /** First line of the message. */
    readonly message: string;
    /** Spark's error class, when the peer is delta-spark and it has one. */
    readonly errorClass?: string;
  };
}

type AnyCommand =
  | WriteCommand
  | ReadCommand
  | TableCommand
  | RsDeleteCommand
  | RsUpdateCommand
  | RsMergeCommand
  | RsOptimizeCommand
  | RsVacuumCommand
  | SparkSqlCommand
  | SparkCreateCommand
  | SparkConfCommand
  | SleepCommand;

/** Any command; with `allowError: true` a failure becomes its result, not the batch's. */
export type PeerCommand = AnyCommand & { readonly allowError?: boolean };

export interface WriteResult {
  readonly version: number;
}
export interface ReadResult {
  readonly version: number;
  readonly numFiles: number;
  readonly schema: StructType;
  /** Sorted by canonical JSON, in the forms of ./normalize.ts. */
  readonly rows: NormalRow[];
}
export interface HistoryResult {
  /** Oldest first; each entry has `version`, `timestamp`, `operation`, ... as the peer says. */
  readonly history: (Metadata & { version: number })[];
}
export interface OperationResult {
  readonly version: number;
  readonly metrics: Metadata;
}
export interface VacuumResult {
  readonly files: string[];
}
export interface SqlResult {
  readonly schema: StructType;
  readonly rows: Metadata[];
}
/** delta-rs: protocol, id, partitionColumns, configuration, schema, files (add actions).
 *  Spark: the DESCRIBE DETAIL row (properties, tableFeatures, min*Version, ...). */
export type DetailResult = Metadata & { version: number };

export type ResultOf<C> = C extends { allowError: true }
  ? PlainResultOf<C> | PeerFailure
  : PlainResultOf<C>;

type PlainResultOf<C> = C extends WriteCommand
  ? WriteResult
  : C extends ReadCommand
    ? ReadResult
    : C extends { cmd: "rs-history" | "spark-history" }
      ? HistoryResult
      : C extends { cmd: "rs-detail" | "spark-detail" }
        ? DetailResult
        : C extends { cmd: "rs-checkpoint" | "spark-checkpoint" }
          ? WriteResult
          : C extends RsDeleteCommand | RsUpdateCommand | RsMergeCommand | RsOptimizeCommand
            ? OperationResult
            : C extends RsVacuumCommand
              ? VacuumResult
              : C extends SparkSqlCommand
                ? SqlResult
                : C extends SparkCreateCommand
                  ? WriteResult
                  : Record<string, never>;

/** Runs commands in order in one peer process (one JVM if any is `spark-*`). */
export async function peerBatch<const C extends readonly PeerCommand[]>(
  commands: C,
  opts: RunOptions = {},
): Promise<{ -readonly [K in keyof C]: ResultOf<C[K]> }> {
  const wire = commands.map((c) => ("rows" in c ? { ...c, rows: c.rows.map(toWire) } : c));
  const results = await runBatch(wire, opts);
  return results as { -readonly [K in keyof C]: ResultOf<C[K]> };
}

/** The brief's name for a Spark batch; any command may be in it. */
export const sparkBatch = peerBatch;

async function one<C extends PeerCommand>(command: C, opts?: RunOptions): Promise<ResultOf<C>> {
  const [result] = await peerBatch([command], opts);
  return result as ResultOf<C>;
}

export function rsWrite(
  table: string,
  rows: readonly unknown[],
  schema: StructType,
  opts: WriteOptions = {},
) {
  return one({ cmd: "rs-write", table, rows, schema, ...opts });
}

export function rsRead(table: string, opts: ReadOptions = {}) {
  return one({ cmd: "rs-read", table, ...opts });
}

export function rsHistory(table: string) {
  return one({ cmd: "rs-history", table });
}

export function rsDetail(table: string) {
  return one({ cmd: "rs-detail", table });
}

export function rsCheckpoint(table: string) {
  return one({ cmd: "rs-checkpoint", table });
}

export function rsDelete(table: string, predicate?: string) {
  return one({ cmd: "rs-delete", table, ...(predicate === undefined ? {} : { predicate }) });
}

export function rsMerge(table: string, rows: readonly unknown[], schema: StructType, on: string) {
  return one({ cmd: "rs-merge", table, rows, schema, on });
}

export function rsOptimize(table: string, zOrder?: string[]) {
  return one({ cmd: "rs-optimize", table, ...(zOrder ? { zOrder } : {}) });
}

export function rsVacuum(table: string, opts: { retentionHours?: number; dryRun?: boolean } = {}) {
  return one({ cmd: "rs-vacuum", table, ...opts });
}

/** Starts a JVM for one write: prefer peerBatch for more than one Spark command. */
export function sparkWrite(
  table: string,
  rows: readonly unknown[],
  schema: StructType,
  opts: WriteOptions = {},
) {
  return one({ cmd: "spark-write", table, rows, schema, ...opts });
}

export function sparkRead(table: string, opts: ReadOptions = {}) {
  return one({ cmd: "spark-read", table, ...opts });
}

export function sparkHistory(table: string) {
  return one({ cmd: "spark-history", table });
}

export function sparkSql(sql: string, table?: string) {
  return one({ cmd: "spark-sql", sql, ...(table === undefined ? {} : { table }) });
}
