import type { SparkSession } from "../../session/session.js";
import type { DeltaTableBackend } from "../../table/backend.js";
import { EmbeddedDeltaTable } from "../../table/embedded-backend.js";
/**
 * The embedded engine: runs plans on an in-process DuckDB. Analysis goes bottom-up: each
 * relation is compiled over its inputs' SQL and described by DuckDB, so every level knows
 * its exact column types (Spark's cast, division and sum rules depend on them). Results are
 * cached per (immutable) plan node, so a DataFrame built step by step is analysed once.
 * A relation that only passes its inputs' columns through (filter, join, sort, alias...)
 * takes their types without a DESCRIBE: each DESCRIBE binds the whole SQL below it, so
 * describing every level cost 10-30 ms a node on TPC-H. Such a node is checked once when
 * something above it, or the action's root, is described; a failure there is blamed on
 * the lowest failing node, as the bottom-up analysis would. So is a select or aggregate whose
 * every column's type our own rules give (CompiledRelation.typesKnown), a planner's look at a
 * part of a plan (`planSchema`), and the root of a `collect`, which its query binds anyway.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBoolean } from "../../config/boolean.js";
import type { Env } from "../../config/env.js";
import type { DataFileOptions } from "../../delta/table-engine.js";
import { AnalysisError, TributaryError } from "../../errors.js";
import { childrenOf, type ExprNode, type RelationNode } from "../../plan/node.js";
import type { ReadNode } from "../../plan/relation/read.js";
import type { SqlNode } from "../../plan/relation/sql.js";
import { SchemeStorage } from "../../storage/by-scheme.js";
import { StructField, StructType } from "../../types/data-types.js";
import type {
  ActionOptions,
  Engine,
  ExplainMode,
  ProgressListener,
  ReadMetrics,
  Row,
  WriteResult,
  WriteSpec,
  WrittenFile,
} from "../engine.js";
import { plainRowNames, rowOfNames } from "../rows.js";
import { keepsInputTypes } from "./compiler/keeps-types.js";
import { compileRelation, finalSql, streamingSourceInBatch } from "./compiler/relation.js";
import type { CompiledRelation, RelationContext } from "./compiler/relation-types.js";
import { preservesRows } from "./compiler/row-preserving.js";
import { restoreVoid } from "./compiler/void-type.js";
import { DuckDBSession, type DuckDBSettings, type ResultColumn } from "./connection.js";
import { DuckDBDeltaEngine } from "./delta/checkpoint-io.js";
import { latestVersion } from "./delta/latest-version.js";
import { resolveDeltaSource } from "./delta/read-changes.js";
import { writeDataFiles } from "./delta/write-files.js";
import { DELTA_EXTENSION_KEY, DeltaExtension } from "./delta-extension.js";
import { hasFunction } from "./functions/registry.js";
import { DuckDBObjectStore, isStorageKey, objectLocationsIn } from "./object-store.js";
import { describeRelation } from "./read/describe.js";
import { type ResolvedSource, resolveRead } from "./read/index.js";
import { quoteIdent, quoteString } from "./sql-quote.js";
import { writeFiles } from "./write/index.js";
import { isSinglePartition } from "./write/single-partition.js";

export interface DuckDBEngineSettings extends DuckDBSettings {
  /** `spark.sql.ansi.enabled`: casts fail instead of giving null. */
  readonly ansi: boolean;
  /**
   * The session's settings, for object storage: `spark.hadoop.fs.s3a.*` (read by the storage
   * layer and DuckDB's S3 secrets alike) and `spark.tributary.duckdb.extensionDirectory`.
   */
  readonly conf?: Readonly<Record<string, string>>;
  /** The environment (AWS credential chain, region, `TRIBUTARY_DUCKDB_EXTENSION_DIR`). */
  readonly env?: Env;
}

function rowsToObjects(columns: readonly ResultColumn[], rows: readonly unknown[][]): Row[] {
  const names = columns.map((c) => c.name);
  if (!plainRowNames(names)) return rows.map((r) => rowOfNames(names, (k) => r[k]));
  return rows.map((r) => {
    const o: Row = {};
    for (let i = 0; i < names.length; i++) o[names[i] ?? ""] = r[i];
    return o;
  });
}

function structOf(compiled: CompiledRelation): StructType {
  return new StructType(
    compiled.columns.map((c) => {
      if (c.dataType === undefined) throw new Error(`column ${c.name} has no type after analysis`);
      return new StructField(c.name, c.dataType, true);
    }),
  );
}

export class DuckDBEngine implements Engine {
  readonly name = "duckdb";
  // Compiled SQL depends on the session time zone (wall-clock shortcuts, CSV timestamp parsing):
  // both caches are dropped when it changes.
  private analyzed = new WeakMap<RelationNode, CompiledRelation>();
  /** Analysed nodes whose SQL DuckDB has not bound yet (see the module comment). */
  private unverified = new WeakSet<RelationNode>();
  /** The latest version of its table when each Delta read was analysed. */
  private deltaVersions = new WeakMap<ReadNode, { path: string; version: number }>();
  private sources = new WeakMap<RelationNode, ResolvedSource>();
  private readonly metrics = new WeakMap<ReadNode, ReadMetrics>();
  private readonly scratchDir: string;
  private settings: DuckDBEngineSettings;
  /** The Delta kernel's handlers (storage, checkpoint Parquet) on this engine. */
  readonly delta: DuckDBDeltaEngine;
  /** Storage by scheme: local files, or S3 with the session's settings. */
  private readonly storage: SchemeStorage;
  /** DuckDB's own object-store access (httpfs, S3 secrets), set up on first use. */
  private readonly objects: DuckDBObjectStore;
  /** DuckDB's delta extension, for reading files with deletion vectors when installed. */
  private readonly deltaExtension: DeltaExtension;
  private conf: Readonly<Record<string, string>>;

  private constructor(
    private readonly db: DuckDBSession,
    settings: DuckDBEngineSettings,
    scratchDir: string,
  ) {
    this.settings = settings;
    this.scratchDir = scratchDir;
    this.conf = settings.conf ?? {};
    const env = settings.env ?? process.env;
    this.storage = new SchemeStorage(this.conf, env);
    this.objects = new DuckDBObjectStore(db, { s3: this.conf, env });
    this.deltaExtension = new DeltaExtension(db, { s3: this.conf, env });
    this.delta = new DuckDBDeltaEngine(this.storage, db, this.scratchDir, (locations) =>
      this.objects.prepare(locations),
    );
  }

  static async start(settings: DuckDBEngineSettings): Promise<DuckDBEngine> {
    const scratchDir = mkdtempSync(join(tmpdir(), "tributary-"));
    // Without spark.local.dir, spills go to this session's scratch directory (removed at
    // stop), not DuckDB's default `.tmp` in the working directory, which sessions share.
    const tempDirectory = settings.tempDirectory ?? join(scratchDir, "spill");
    try {
      const db = await DuckDBSession.open({ ...settings, tempDirectory });
      return new DuckDBEngine(db, settings, scratchDir);
    } catch (e) {
      rmSync(scratchDir, { recursive: true, force: true });
      throw e;
    }
  }

  private context(): RelationContext {
    return {
      timeZone: this.settings.timeZone,
      ansi: this.settings.ansi,
      source: (node) => {
        const compiled = this.analyzed.get(node);
        if (compiled === undefined) throw new Error(`source ${node.planId} was not resolved`);
        return compiled;
      },
    };
  }

  /**
   * One action at a time per connection: reject tables, read views and profiling are
   * per connection, and DuckDB runs one query per connection. Actions queue; an action
   * started while a `for await` stream holds the connection fails fast instead of waiting
   * for a loop that waits for it.
   */
  private queue: Promise<void> = Promise.resolve();
  private streaming = false;

  private async exclusive<T>(body: () => Promise<T>): Promise<T> {
    if (this.streaming) {
      throw new TributaryError(
        "ACTION_DURING_STREAM",
        "Another action was started while a DataFrame is being streamed on this session.",
        {
          hint: "Finish (or break out of) the `for await` loop first, collect() the rows you need, or use a second SparkSession.",
        },
      );
    }
    const previous = this.queue;
    let release: () => void = () => undefined;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await body();
    } finally {
      release();
    }
  }

  /** Compiles and describes a relation and everything below it. */
  async analyze(node: RelationNode): Promise<CompiledRelation> {
    return this.exclusive(() => this.analyzeRoot(node));
  }

  /**
   * Analyses the plan of an action: over the Delta tables' latest versions (delta-spark
   * reads the latest version at each action), and with SQL known to bind.
   */
  private async analyzeRoot(node: RelationNode): Promise<CompiledRelation> {
    await this.refreshDelta(node);
    return this.analyzeBound(node);
  }

  /** Analyses a plan used as a whole (an action's, a view's): its SQL is known to bind. */
  private async analyzeBound(node: RelationNode): Promise<CompiledRelation> {
    const compiled = await this.analyzeNode(node);
    await this.verify(node, compiled);
    return compiled;
  }

  /**
   * Analyses are cached per plan node, and a Delta read's depends on the table's version:
   * when a table the plan reads has a new version, every cached analysis is dropped (any
   * of them may read that table, and plans do not point up to their users).
   */
  private async refreshDelta(plan: RelationNode): Promise<void> {
    for (const read of this.readsOf(plan)) {
      const seen = this.deltaVersions.get(read);
      if (seen === undefined) continue;
      if ((await latestVersion(this.delta, seen.path)) === seen.version) continue;
      this.resetAnalysis();
      return;
    }
  }

  private resetAnalysis(): void {
    this.analyzed = new WeakMap();
    this.sources = new WeakMap();
    this.unverified = new WeakSet();
    this.deltaVersions = new WeakMap();
  }

  /** Resolves a Delta read, noting the latest version first (see `refreshDelta`). */
  private async resolveDeltaRead(
    node: ReadNode,
    filters: readonly ExprNode[],
  ): Promise<ResolvedSource> {
    const path = node.paths[0];
    // A commit between this listing and the snapshot only makes the next check re-analyse.
    if (node.paths.length === 1 && path !== undefined)
      this.deltaVersions.set(node, { path, version: await latestVersion(this.delta, path) });
    const source = await resolveDeltaSource(node, {
      delta: this.delta,
      db: this.db,
      filters,
      deltaScan: () => this.deltaExtension.available(),
    });
    this.sources.set(node, source);
    return source;
  }

  private async verify(node: RelationNode, compiled: CompiledRelation): Promise<void> {
    if (!this.unverified.has(node)) return;
    if (compiled.columns.length === 0) return this.markVerified(node);
    try {
      await this.db.describe(compiled.sql);
    } catch (e) {
      throw await this.blame(node, e);
    }
    this.markVerified(node);
  }

  /** The error of the lowest unverified input that fails on its own, else `node`'s. */
  private async blame(node: RelationNode, e: unknown): Promise<TributaryError> {
    for (const child of childrenOf(node)) {
      const compiled = this.analyzed.get(child);
      if (compiled !== undefined) await this.verify(child, compiled);
    }
    return this.analysisFailure(node, e);
  }

  /** `node` bound, so did everything below it. */
  private markVerified(node: RelationNode): void {
    this.unverified.delete(node);
    for (const child of childrenOf(node)) if (this.unverified.has(child)) this.markVerified(child);
  }

  private async analyzeNode(node: RelationNode): Promise<CompiledRelation> {
    const cached = this.analyzed.get(node);
    if (cached !== undefined) return cached;
    if (node.kind === "read" && node.streaming === true)
      throw streamingSourceInBatch(node.format, node.paths);
    let compiled: CompiledRelation;
    if (node.kind === "read") await this.objects.prepare(node.paths);
    if (node.kind === "filter" && node.input.kind === "read")
      await this.objects.prepare(node.input.paths);
    if (node.kind === "read" && node.format === "delta") {
      compiled = (await this.resolveDeltaRead(node, [])).compiled;
    } else if (
      node.kind === "filter" &&
      node.input.kind === "read" &&
      node.input.format === "delta"
    ) {
      // Partition pruning and file skipping need the filter while the scan is planned.
      const source = await this.resolveDeltaRead(node.input, [node.condition]);
      const draft = compileRelation(node, [source.compiled], this.context());
      compiled = await this.describe(node, draft);
    } else if (node.kind === "read") {
      const source = await resolveRead(node, {
        db: this.db,
        timeZone: this.settings.timeZone,
        scratchDir: this.scratchDir,
        storage: this.storage,
      });
      this.sources.set(node, source);
      compiled = source.compiled;
    } else if (node.kind === "sql") {
      compiled = await this.analyzeSql(node);
    } else {
      const inputs: CompiledRelation[] = [];
      for (const child of childrenOf(node)) inputs.push(await this.analyzeNode(child));
      const draft = compileRelation(node, inputs, this.context());
      const typed = keepsInputTypes(node) || draft.typesKnown === true;
      if (typed && draft.columns.every((c) => c.dataType !== undefined)) {
        compiled = draft;
        this.unverified.add(node);
      } else {
        compiled = await this.describe(node, draft);
      }
    }
    this.analyzed.set(node, compiled);
    return compiled;
  }

  private async describe(node: RelationNode, draft: CompiledRelation): Promise<CompiledRelation> {
    if (draft.columns.length === 0) return draft;
    let described: ResultColumn[];
    try {
      described = await this.db.describe(draft.sql);
    } catch (e) {
      throw await this.blame(node, e);
    }
    this.markVerified(node);
    return {
      sql: draft.sql,
      columns: draft.columns.map((c, i) => {
        const found = described[i]?.dataType;
        return {
          ...c,
          dataType: found === undefined ? c.dataType : restoreVoid(c.dataType, found),
        };
      }),
    };
  }

  private analysisFailure(node: RelationNode, e: unknown): TributaryError {
    if (e instanceof TributaryError && e.cause instanceof Error) {
      const msg = e.cause.message;
      const binder = /Binder Error: (.*)/s.exec(msg);
      const conversion = /(Conversion|Invalid Input) Error: (.*)/s.exec(msg);
      const detail = binder?.[1] ?? conversion?.[2];
      if (detail !== undefined) {
        return new AnalysisError(
          binder ? "DATATYPE_MISMATCH" : "INVALID_INPUT",
          `Cannot analyze the ${node.kind} step: ${detail.split("\n")[0]}`,
          {
            cause: e,
            context: { ...e.context, step: node.kind },
            hint: "Check the types of the columns involved (df.printSchema()).",
          },
        );
      }
    }
    return e instanceof TributaryError
      ? e
      : new AnalysisError("ANALYSIS_FAILED", String(e), { cause: e });
  }

  private async analyzeSql(node: SqlNode): Promise<CompiledRelation> {
    await this.objects.prepare(objectLocationsIn(node.query));
    const ctes: string[] = [];
    for (const [name, view] of Object.entries(node.views)) {
      ctes.push(`${quoteIdent(name)} AS (${finalSql(await this.analyzeBound(view))})`);
    }
    const body = `SELECT * FROM (${node.query.trim().replace(/;\s*$/, "")}) AS "sql_${node.planId}"`;
    const sql = ctes.length === 0 ? body : `WITH ${ctes.join(", ")} ${body}`;
    return describeRelation(this.db, node.planId, sql);
  }

  /** The final SQL of a plan (what explain prints). */
  async sql(plan: RelationNode): Promise<string> {
    return this.exclusive(async () => this.sqlOf(plan));
  }

  private async sqlOf(plan: RelationNode): Promise<string> {
    return finalSql(await this.analyzeRoot(plan));
  }

  async schema(plan: RelationNode): Promise<StructType> {
    return this.exclusive(() => this.schemaOf(plan));
  }

  /**
   * Binding a part's SQL would bind everything below it again (10-30 ms a TPC-H join input):
   * the part is checked with the plan it becomes part of, as a pass-through step is.
   */
  async planSchema(plan: RelationNode): Promise<StructType> {
    return this.exclusive(async () => {
      await this.refreshDelta(plan);
      return structOf(await this.analyzeNode(plan));
    });
  }

  private async schemaOf(plan: RelationNode): Promise<StructType> {
    return structOf(await this.analyzeRoot(plan));
  }

  private readsOf(plan: RelationNode): ReadNode[] {
    const out: ReadNode[] = [];
    const visit = (n: RelationNode): void => {
      if (n.kind === "read") out.push(n);
      for (const c of childrenOf(n)) visit(c);
    };
    visit(plan);
    return [...new Set(out)];
  }

  /** Runs `body` between the before/after hooks of every source the plan reads. */
  private async withSources<T>(
    plan: RelationNode,
    body: () => Promise<T>,
    rowsOf?: (value: T) => number,
  ): Promise<{ value: T; metrics: ReadMetrics[] }> {
    // Its callers analysed the plan (and checked its Delta versions) just before.
    await this.analyzeNode(plan);
    const reads = this.readsOf(plan);
    const hint = {
      rowsFromResult: rowsOf !== undefined && reads.length === 1 && preservesRows(plan),
    };
    let value: T;
    for (let attempt = 1; ; attempt++) {
      for (const r of reads) await this.sources.get(r)?.before?.(this.db, hint);
      try {
        value = await body();
        break;
      } catch (e) {
        if (!(await this.recoverSources(reads, e)) || attempt > 1) throw e;
      }
    }
    const metrics: ReadMetrics[] = [];
    const resultRows = hint.rowsFromResult && rowsOf !== undefined ? rowsOf(value) : undefined;
    for (const r of reads) {
      const m = await this.sources.get(r)?.after?.(this.db, resultRows);
      if (m !== undefined) {
        this.metrics.set(r, m);
        metrics.push(m);
      }
    }
    return { value, metrics };
  }

  /** Sources explain a failed action (FAILFAST) or ask for one exact re-run (PERMISSIVE). */
  private async recoverSources(reads: readonly ReadNode[], error: unknown): Promise<boolean> {
    let again = false;
    for (const r of reads) if (await this.sources.get(r)?.recover?.(this.db, error)) again = true;
    return again;
  }

  private async abortable<T>(
    options: ActionOptions | undefined,
    body: () => Promise<T>,
  ): Promise<T> {
    const signal = options?.signal;
    if (signal === undefined) return body();
    signal.throwIfAborted();
    const onAbort = (): void => this.db.interrupt();
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      return await body();
    } catch (e) {
      if (signal.aborted)
        throw new TributaryError("ACTION_ABORTED", "The action was aborted.", {
          cause: signal.reason ?? e,
        });
      throw e;
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }

  async collect(plan: RelationNode, options?: ActionOptions): Promise<Row[]> {
    return this.exclusive(() =>
      this.abortable(options, async () => {
        // The query binds its SQL anyway: a separate DESCRIBE of it first would bind it twice.
        await this.refreshDelta(plan);
        const compiled = await this.analyzeNode(plan);
        const sql = finalSql(compiled);
        let result: { value: Awaited<ReturnType<DuckDBSession["query"]>> };
        try {
          result = await this.withSources(
            plan,
            () => this.db.query(sql),
            (r) => r.rows.length,
          );
        } catch (e) {
          // Blamed on the lowest step that does not bind, as analysis would; else a run-time error.
          await this.verify(plan, compiled);
          throw e;
        }
        this.markVerified(plan);
        return rowsToObjects(result.value.columns, result.value.rows);
      }),
    );
  }

  async *stream(plan: RelationNode, options?: ActionOptions): AsyncGenerator<Row[]> {
    // Hold the connection for the whole iteration (see `exclusive`).
    let release: () => void = () => undefined;
    let locked: () => void = () => undefined;
    const hasLock = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const held = this.exclusive(() => {
      locked();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await hasLock;
    this.streaming = true;
    try {
      yield* this.streamRows(plan, options);
    } finally {
      this.streaming = false;
      release();
      await held;
    }
  }

  private async *streamRows(plan: RelationNode, options?: ActionOptions): AsyncGenerator<Row[]> {
    const sql = await this.sqlOf(plan);
    const reads = this.readsOf(plan);
    for (let attempt = 1; ; attempt++) {
      for (const r of reads)
        await this.sources.get(r)?.before?.(this.db, { rowsFromResult: false, streams: true });
      let yielded = false;
      try {
        for await (const chunk of this.db.stream(sql)) {
          options?.signal?.throwIfAborted();
          yielded = true;
          yield rowsToObjects(chunk.columns, chunk.rows);
        }
        break;
      } catch (e) {
        // Rows already handed out cannot be taken back: a re-run only happens before the first chunk.
        if (!(await this.recoverSources(reads, e)) || attempt > 1 || yielded) throw e;
      }
    }
    for (const r of reads) {
      const m = await this.sources.get(r)?.after?.(this.db);
      if (m !== undefined) this.metrics.set(r, m);
    }
  }

  async explain(plan: RelationNode, mode: ExplainMode): Promise<string> {
    return this.exclusive(async () => {
      const sql = await this.sqlOf(plan);
      const result = await this.db.query(`EXPLAIN ${sql}`);
      const physical = result.rows.map((r) => String(r[1] ?? "")).join("\n");
      const header =
        mode === "simple"
          ? ""
          : `== Analyzed Plan ==\n${(await this.schemaOf(plan)).simpleString()}\n\n`;
      return `${header}== Generated SQL (DuckDB) ==\n${sql}\n\n== Physical Plan ==\n${physical}`;
    });
  }

  async write(plan: RelationNode, spec: WriteSpec, options?: ActionOptions): Promise<WriteResult> {
    return this.exclusive(() =>
      this.abortable(options, async () => {
        const compiled = await this.analyzeRoot(plan);
        await this.objects.prepare([spec.path]);
        const { value, metrics } = await this.withSources(
          plan,
          () =>
            writeFiles(
              this.db,
              compiled,
              spec,
              this.scratchDir,
              this.storage,
              isSinglePartition(plan),
            ),
          (v) => v.rowsWritten,
        );
        return { ...value, readMetrics: metrics };
      }),
    );
  }

  /** Writes a plan's rows as Parquet data files for a Delta commit (not yet visible). */
  async writeDeltaFiles(
    plan: RelationNode,
    tablePath: string,
    options: DataFileOptions,
  ): Promise<{ files: WrittenFile[]; readMetrics: ReadMetrics[] }> {
    return this.exclusive(async () => {
      const compiled = await this.analyzeRoot(plan);
      await this.objects.prepare([tablePath]);
      const { value, metrics } = await this.withSources(
        plan,
        () =>
          writeDataFiles(
            this.db,
            compiled,
            tablePath,
            isSinglePartition(plan) ? { ...options, singleFile: true } : options,
          ),
        (files) => files.reduce((n, f) => n + f.rows, 0),
      );
      return { files: value, readMetrics: metrics };
    });
  }

  readMetrics(node: ReadNode): ReadMetrics | undefined {
    return this.metrics.get(node);
  }

  deltaTable(spark: SparkSession, path: string): DeltaTableBackend {
    return new EmbeddedDeltaTable(spark, this, path);
  }

  supports(operation: string): boolean {
    if (operation.startsWith("function:")) return hasFunction(operation.slice("function:".length));
    return true;
  }

  async setConf(key: string, value: string): Promise<void> {
    await this.exclusive(async () => {
      if (key === "spark.sql.session.timeZone") {
        await this.db.execute(`SET TimeZone = ${quoteString(value)}`);
        this.settings = { ...this.settings, timeZone: value };
        this.resetAnalysis();
      } else if (isStorageKey(key) || key === DELTA_EXTENSION_KEY) {
        this.conf = { ...this.conf, [key]: value };
        // Which SQL reads a Delta table with deletion vectors depends on it.
        if (key === DELTA_EXTENSION_KEY) this.resetAnalysis();
        this.storage.update(this.conf);
        this.objects.update({ s3: this.conf, env: this.settings.env ?? process.env });
        this.deltaExtension.update({ s3: this.conf, env: this.settings.env ?? process.env });
      } else if (key === "spark.sql.ansi.enabled") {
        this.settings = { ...this.settings, ansi: parseBoolean(key, value) };
        this.resetAnalysis();
      }
    });
  }

  async setProgressListener(listener: ProgressListener | undefined): Promise<void> {
    await this.exclusive(() => this.db.setProgressListener(listener));
  }

  async stop(): Promise<void> {
    await this.db.close();
    rmSync(this.scratchDir, { recursive: true, force: true });
  }
}
