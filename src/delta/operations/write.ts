/**
 * `df.write.format("delta")`: one atomic commit per write. Modes follow delta-spark:
 * `error` fails on an existing table, `ignore` skips it, `append` adds files, `overwrite`
 * removes the current files (all, those matching `replaceWhere`, or only the partitions
 * written with `partitionOverwriteMode=dynamic`). Data files are written first, then the
 * commit; a failed write leaves the table at its previous version.
 */

import { randomUUID } from "node:crypto";
import { sparkBoolean } from "../../config/boolean.js";
import type { ReadMetrics, SaveMode, WriteResult } from "../../engine/engine.js";
import { DeltaError, ErrorCode } from "../../errors.js";
import { AliasNode } from "../../plan/expression/alias.js";
import { CastNode } from "../../plan/expression/cast.js";
import { StarNode } from "../../plan/expression/star.js";
import type { ExprNode, RelationNode } from "../../plan/node.js";
import { AggregateNode } from "../../plan/relation/aggregate.js";
import { FilterNode } from "../../plan/relation/filter.js";
import { ProjectNode } from "../../plan/relation/project.js";
import { parseExpression } from "../../sql-expr/index.js";
import { StructField, StructType } from "../../types/data-types.js";
import type { Action, AddCDCFile, AddFile, Metadata, Protocol } from "../actions/types.js";
import { addActions } from "../files/add-actions.js";
import { resolveAddPath } from "../files/paths.js";
import {
  columnMappingMode,
  mappingOption,
  partitionValueKeys,
  withColumnMapping,
} from "../schema/column-mapping.js";
import { checkColumnNames, evolveSchema } from "../schema/evolution.js";
import { Snapshot } from "../snapshot/snapshot.js";
import type { DeltaTableEngine } from "../table-engine.js";
import { checkWritable, readerFeatures, writerFeatures } from "../table-features/registry.js";
import type { TransactionFootprint } from "../transaction/conflict.js";
import { autoCompact, autoCompactSettings, optimizeWriteTarget } from "./auto-optimize.js";
import {
  allChanges,
  changeDataFeedEnabled,
  changeRows,
  checkChangeDataColumns,
  writeChangeFiles,
} from "./change-data.js";
import { commitOrThrow } from "./commit.js";
import { checkConstraints, checkConstraintsOf } from "./constraints.js";
import {
  checkGeneratedColumns,
  fillGeneratedColumns,
  generationExpression,
  hasGeneratedColumns,
} from "./generated-columns.js";
import { type DeltaWriteOptions, parseDeltaWriteOptions } from "./options.js";
import { call, colRef, matches, scanFiles, typedNull } from "./plan-helpers.js";
import { classifyFiles, removeOf, rewriteKeeping } from "./rewrite.js";
import { validateTableProperties } from "./table-properties.js";

export interface DeltaWriteRequest {
  readonly plan: RelationNode;
  readonly path: string;
  readonly mode: SaveMode;
  readonly partitionBy: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  readonly sessionConf?: Readonly<Record<string, string>>;
  /**
   * The table as declared (CREATE / REPLACE TABLE, DeltaTable.create): when given, the write
   * (re)defines the table with these columns, description and properties.
   */
  readonly table?: TableDefinition;
  /** The commit's operation, when not a plain WRITE (a streaming sink's `STREAMING UPDATE`). */
  readonly operation?: {
    readonly name: string;
    readonly parameters: Readonly<Record<string, string>>;
  };
}

/** A table's declared definition. */
export interface TableDefinition {
  /** The columns (nullability, comments, generation expressions); undefined: the data's. */
  readonly schema: StructType | undefined;
  readonly description: string | undefined;
  readonly properties: Readonly<Record<string, string>>;
  /** The commit's metrics as delta-spark records them for this operation (CREATE TABLE: none). */
  readonly metrics?: "none" | "write";
}

export interface DeltaWriteResult extends WriteResult {
  /** The version committed; undefined when nothing was committed (ignore, idempotent retry). */
  readonly version: number | undefined;
}

const MODE_NAMES: Readonly<Record<SaveMode, string>> = {
  error: "ErrorIfExists",
  append: "Append",
  overwrite: "Overwrite",
  ignore: "Ignore",
};

async function loadIfExists(engine: DeltaTableEngine, path: string): Promise<Snapshot | undefined> {
  try {
    return await Snapshot.load(engine.delta, path);
  } catch (e) {
    if (e instanceof DeltaError && e.code === ErrorCode.DELTA_TABLE_NOT_FOUND) return undefined;
    throw e;
  }
}

/**
 * The protocol a new table needs, as delta-spark 4 writes it: (1,2) for plain tables,
 * writer 3 for CHECK constraints alone, table features (writer 7) for generated columns,
 * timestamp_ntz and deletion vectors.
 */
function newProtocol(schema: StructType, props: Readonly<Record<string, string>>): Protocol {
  const reader: string[] = [];
  const writer: string[] = [];
  // As delta-spark 4.0: column mapping alone is reader version 2 (no reader features) and
  // writer features; with other reader features it joins them at reader version 3.
  const mapped = columnMappingMode(props) !== "none";
  if (JSON.stringify(schema.toJSON()).includes('"timestamp_ntz"')) {
    reader.push("timestampNtz");
    writer.push("timestampNtz");
  }
  // As delta-spark: a table created with deletion vectors enabled supports the feature.
  if (sparkBoolean(props["delta.enableDeletionVectors"] ?? "false") === true) {
    reader.push("deletionVectors");
    writer.push("deletionVectors");
  }
  // As delta-spark: checkpointPolicy=v2 needs the v2Checkpoint reader and writer feature.
  if (props["delta.checkpointPolicy"] === "v2") {
    reader.push("v2Checkpoint");
    writer.push("v2Checkpoint");
  }
  if (hasGeneratedColumns(schema)) writer.push("generatedColumns");
  // The change data feed is a writer-only feature: delta-spark creates such a table at (1,7).
  if (changeDataFeedEnabled(props)) writer.push("changeDataFeed");
  const checks = checkConstraintsOf(props).length > 0;
  if (writer.length === 0 && !mapped)
    return { minReaderVersion: 1, minWriterVersion: checks ? 3 : 2 };
  if (checks) writer.push("checkConstraints");
  const writerFeatures = [
    ...(mapped ? ["columnMapping"] : []),
    "appendOnly",
    "invariants",
    ...writer,
  ];
  if (reader.length === 0)
    return { minReaderVersion: mapped ? 2 : 1, minWriterVersion: 7, writerFeatures };
  return {
    minReaderVersion: 3,
    minWriterVersion: 7,
    readerFeatures: [...(mapped ? ["columnMapping"] : []), ...reader],
    writerFeatures,
  };
}

/** TBLPROPERTIES: `delta.*` keys are checked; others are the user's own, kept as given (as Spark). */
function declaredProperties(props: Readonly<Record<string, string>>): Record<string, string> {
  const entries = Object.entries(props);
  const isDelta = ([k]: [string, string]) => k.toLowerCase().startsWith("delta.");
  return {
    ...Object.fromEntries(entries.filter((e) => !isDelta(e))),
    ...validateTableProperties(Object.fromEntries(entries.filter(isDelta))),
  };
}

function nullableSchema(schema: StructType): StructType {
  return new StructType(
    schema.fields.map((f) => new StructField(f.name, f.dataType, true, f.metadata)),
  );
}

/** An existing table's protocol raised to what its new definition needs (never lowered). */
function upgradedProtocol(current: Protocol, needed: Protocol): Protocol {
  if (current.minWriterVersion < 7 && needed.minWriterVersion < 7)
    return current.minWriterVersion >= needed.minWriterVersion
      ? current
      : { ...current, minWriterVersion: needed.minWriterVersion };
  const union = (a: string[], b: string[]) => [...a, ...b.filter((f) => !a.includes(f))];
  const writer = union(writerFeatures(current), writerFeatures(needed));
  const reader = union(readerFeatures(current), readerFeatures(needed));
  const same =
    current.minWriterVersion >= 7 &&
    writer.length === writerFeatures(current).length &&
    reader.length === readerFeatures(current).length;
  if (same) return current;
  return reader.length === 0 && current.minReaderVersion < 3
    ? { minReaderVersion: current.minReaderVersion, minWriterVersion: 7, writerFeatures: writer }
    : { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: reader, writerFeatures: writer };
}

/**
 * The data projected to the table's columns and types: missing columns as nulls, missing
 * generated columns computed from the others.
 */
function conform(plan: RelationNode, data: StructType, table: StructType): RelationNode {
  const missing = new Set(
    table.fields
      .filter((tf) => generationExpression(tf) !== undefined && givenField(data, tf) === undefined)
      .map((tf) => tf.name),
  );
  return fillGeneratedColumns(project(plan, data, table), table, missing);
}

function givenField(data: StructType, tf: StructField): StructField | undefined {
  return data.fields.find((f) => f.name.toLowerCase() === tf.name.toLowerCase());
}

function project(plan: RelationNode, data: StructType, table: StructType): RelationNode {
  const items: ExprNode[] = table.fields.map((tf) => {
    const df = givenField(data, tf);
    if (df === undefined) return typedNull(tf.dataType, tf.name);
    return AliasNode.create(CastNode.create(colRef(df.name), tf.dataType), tf.name);
  });
  return ProjectNode.create(plan, items);
}

function samePartitioning(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x.toLowerCase() === (b[i] ?? "").toLowerCase());
}

function resolvePartitionColumns(requested: readonly string[], schema: StructType): string[] {
  return requested.map((p) => {
    const f = schema.field(p);
    if (f === undefined) {
      throw new DeltaError(
        "DELTA_PARTITION_COLUMN_NOT_FOUND",
        `Partition column \`${p}\` not found in schema [${schema.fieldNames().join(", ")}].`,
        {
          hint: "partitionBy takes names of columns of the DataFrame being written.",
        },
      );
    }
    return f.name;
  });
}

async function checkReplaceWhere(
  engine: DeltaTableEngine,
  data: RelationNode,
  predicate: ExprNode,
  text: string,
): Promise<void> {
  const violating = FilterNode.create(data, call("not", matches(predicate)));
  const rows = await engine.collect(
    AggregateNode.create(
      violating,
      "groupby",
      [],
      [AliasNode.create(call("count", StarNode.create()), "n")],
    ),
  );
  const n = Number(rows[0]?.n ?? 0);
  if (n > 0) {
    throw new DeltaError(
      "DELTA_REPLACE_WHERE_MISMATCH",
      `Written data does not conform to partial table overwrite condition or constraint '${text}': ${n} row(s) do not match it.`,
      {
        hint: "Filter the DataFrame with the same condition before writing, or widen replaceWhere.",
      },
    );
  }
}

/** Writes `plan` into the Delta table at `path`. */
export async function writeDelta(
  engine: DeltaTableEngine,
  req: DeltaWriteRequest,
): Promise<DeltaWriteResult> {
  const opts: DeltaWriteOptions = parseDeltaWriteOptions(req.options, req.sessionConf);
  const snapshot = await loadIfExists(engine, req.path);
  const nothing: DeltaWriteResult = {
    files: [],
    rowsWritten: 0,
    bytesWritten: 0,
    written: false,
    readMetrics: [],
    version: undefined,
  };
  if (snapshot !== undefined && req.mode === "error") {
    throw new DeltaError(
      "DELTA_PATH_EXISTS",
      `Cannot write to already existent path ${req.path} without setting mode("overwrite").`,
      {
        hint: 'Use mode("append") to add to the table or mode("overwrite") to replace it.',
        context: { path: req.path, version: snapshot.version },
      },
    );
  }
  if (snapshot !== undefined && req.mode === "ignore") return nothing;
  if (snapshot !== undefined) checkWritable(req.path, snapshot.protocol, snapshot.metadata);
  if (opts.txnAppId !== undefined && opts.txnVersion !== undefined && snapshot !== undefined) {
    const done = snapshot.txnVersion(opts.txnAppId);
    if (done !== undefined && done >= opts.txnVersion) return nothing;
  }
  const dataSchema = await engine.schema(req.plan);
  const requested = snapshot?.configuration ?? opts.tableProperties;
  checkColumnNames(dataSchema, columnMappingMode(requested) !== "none");
  const overwrite = req.mode === "overwrite";
  const define = req.table;
  const replaceTable =
    snapshot === undefined || (overwrite && (opts.overwriteSchema || define !== undefined));
  if (
    snapshot !== undefined &&
    overwrite &&
    sparkBoolean(snapshot.configuration["delta.appendOnly"] ?? "false") === true
  ) {
    throw new DeltaError(
      "DELTA_CANNOT_MODIFY_APPEND_ONLY",
      "This table is configured to only allow appends. If you would like to permit updates or deletes, set the table property delta.appendOnly=false.",
      {
        hint: 'Write with mode("append"), or change the table property first.',
      },
    );
  }
  let schema: StructType;
  let partitionColumns: string[];
  let metadata: Metadata;
  let metadataChanged = false;
  if (replaceTable) {
    if (snapshot !== undefined && opts.replaceWhere !== undefined) {
      throw new DeltaError(
        "DELTA_OVERWRITE_SCHEMA_WITH_DYNAMIC_PARTITION_OVERWRITE",
        "overwriteSchema cannot be used with replaceWhere.",
        { hint: "Drop one of the two options." },
      );
    }
    schema = define?.schema ?? nullableSchema(dataSchema);
    partitionColumns = resolvePartitionColumns(req.partitionBy, schema);
    if (partitionColumns.length > 0 && partitionColumns.length === schema.length) {
      throw new DeltaError(
        "DELTA_CANNOT_USE_ALL_COLUMNS_FOR_PARTITION",
        "Cannot use all columns for partition columns.",
        { hint: "Leave at least one data column." },
      );
    }
    const properties =
      define !== undefined
        ? declaredProperties(define.properties)
        : snapshot === undefined
          ? validateTableProperties(opts.tableProperties)
          : snapshot.configuration;
    const mapped = withColumnMapping(schema, properties, snapshot?.schema);
    schema = mapped.schema;
    const configuration = mapped.configuration;
    metadata = {
      id: snapshot?.metadata.id ?? randomUUID(),
      format: { provider: "parquet", options: {} },
      ...(define?.description === undefined ? {} : { description: define.description }),
      schemaString: schema.json(),
      partitionColumns,
      configuration,
      createdTime: snapshot?.metadata.createdTime ?? Date.now(),
    };
    metadataChanged = true;
  } else {
    const evolved = withColumnMapping(
      evolveSchema(snapshot.schema, dataSchema, opts.mergeSchema, snapshot.metadata.id),
      snapshot.configuration,
      snapshot.schema,
    );
    schema = evolved.schema;
    partitionColumns = [...snapshot.partitionColumns];
    if (req.partitionBy.length > 0 && !samePartitioning(req.partitionBy, partitionColumns)) {
      throw new DeltaError(
        "DELTA_MISMATCHED_PARTITION_COLUMNS",
        `Partition columns do not match the partition columns of the table. Given: [${req.partitionBy.join(", ")}], table: [${partitionColumns.join(", ")}].`,
        {
          hint: 'Leave partitionBy out to use the table\'s, or rewrite the table with mode("overwrite") and option("overwriteSchema", true).',
        },
      );
    }
    metadataChanged = schema.json() !== snapshot.schema.json();
    metadata = metadataChanged
      ? { ...snapshot.metadata, schemaString: schema.json(), configuration: evolved.configuration }
      : snapshot.metadata;
  }
  const given = schema.fields.filter((f) => givenField(dataSchema, f) !== undefined);
  await checkGeneratedColumns(
    engine,
    project(req.plan, dataSchema, schema),
    schema,
    given.map((f) => f.name),
  );
  checkChangeDataColumns(schema, metadata.configuration);
  const conformed = conform(req.plan, dataSchema, schema);
  const predicate =
    opts.replaceWhere === undefined ? undefined : parseExpression(opts.replaceWhere);
  if (predicate !== undefined && opts.replaceWhere !== undefined) {
    if (!overwrite)
      throw new DeltaError(
        "DELTA_REPLACE_WHERE_IN_APPEND",
        'replaceWhere can only be used with mode("overwrite").',
        { hint: 'Use mode("overwrite") with replaceWhere.' },
      );
    await checkReplaceWhere(engine, conformed, predicate, opts.replaceWhere);
  }
  // NOT NULL columns and CHECK constraints of an existing table hold for every row written.
  if (!replaceTable) await checkConstraints(engine, conformed, schema, metadata.configuration);
  const sessionConf = req.sessionConf ?? {};
  const target = optimizeWriteTarget(opts.optimizeWrite, sessionConf, metadata.configuration);
  // A table defined without rows (CREATE TABLE) gets no data file, as with delta-spark.
  const noRows = req.plan.kind === "localRelation" && req.plan.rows.length === 0;
  const { files, readMetrics } = noRows
    ? { files: [], readMetrics: [] }
    : await engine.writeDeltaFiles(conformed, req.path, {
        partitionBy: partitionColumns,
        maxRecordsPerFile: opts.maxRecordsPerFile,
        compression: opts.compression,
        ...mappingOption(schema, metadata.configuration),
        ...(target === undefined ? {} : { targetFileSize: target }),
      });
  const adds = addActions(req.path, files, schema, partitionColumns, metadata.configuration);
  const actions: Action[] = [];
  if (snapshot === undefined)
    actions.push({ protocol: newProtocol(schema, metadata.configuration) }, { metaData: metadata });
  else {
    const protocol =
      define === undefined
        ? snapshot.protocol
        : upgradedProtocol(snapshot.protocol, newProtocol(schema, metadata.configuration));
    if (protocol !== snapshot.protocol) actions.push({ protocol });
    if (metadataChanged) actions.push({ metaData: metadata });
  }
  const now = Date.now();
  let removed: AddFile[] = [];
  let rewritten: AddFile[] = [];
  let changes: AddCDCFile[] = [];
  let footprint: TransactionFootprint = {
    readWholeTable: false,
    readPartitions: undefined,
    readFiles: new Set(),
    removedFiles: new Set(),
    changesMetadata: metadataChanged,
    appIds: opts.txnAppId === undefined ? [] : [opts.txnAppId],
  };
  if (overwrite && snapshot !== undefined) {
    if (predicate !== undefined) {
      const cls = await classifyFiles(engine, snapshot, predicate);
      removed = cls.touched;
      rewritten = await rewriteKeeping(engine, snapshot, cls.partlyMatching, predicate);
      // Rewritten files keep rows the feed must not report as changed: it gets the changes.
      if (cls.partlyMatching.length > 0 && changeDataFeedEnabled(metadata.configuration)) {
        const deleted = FilterNode.create(
          scanFiles(snapshot, cls.touched, false),
          matches(predicate),
        );
        const both = allChanges([changeRows(deleted, "delete"), changeRows(conformed, "insert")]);
        if (both !== undefined)
          changes = await writeChangeFiles(
            engine,
            {
              tablePath: req.path,
              schema,
              partitionColumns,
              configuration: metadata.configuration,
            },
            both,
          );
      }
      footprint = { ...footprint, readFiles: new Set(cls.scanned.map((f) => f.path)) };
    } else if (opts.dynamicPartitionOverwrite && partitionColumns.length > 0 && !replaceTable) {
      // add.partitionValues is keyed by physical names under column mapping.
      const keys = partitionValueKeys(schema, partitionColumns, metadata.configuration);
      const key = (pv: Readonly<Record<string, string | null>>): string =>
        JSON.stringify(keys.map((p) => pv[p] ?? null));
      const written = new Set(adds.map((a) => key(a.partitionValues)));
      removed = snapshot.files().filter((f) => written.has(key(f.partitionValues)));
      footprint = { ...footprint, readPartitions: (pv) => written.has(key(pv)) };
    } else {
      removed = snapshot.files();
      footprint = { ...footprint, readWholeTable: true };
    }
    footprint = { ...footprint, removedFiles: new Set(removed.map((f) => f.path)) };
  }
  for (const f of removed) actions.push(removeOf(f, now));
  for (const a of [...adds, ...rewritten]) actions.push({ add: a });
  for (const c of changes) actions.push({ cdc: c });
  if (opts.txnAppId !== undefined && opts.txnVersion !== undefined)
    actions.push({ txn: { appId: opts.txnAppId, version: opts.txnVersion, lastUpdated: now } });
  const rows = files.reduce((n, f) => n + f.rows, 0);
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  const parameters: Record<string, unknown> = {
    mode: MODE_NAMES[req.mode],
    partitionBy: JSON.stringify(partitionColumns),
  };
  if (opts.replaceWhere !== undefined) parameters.predicate = JSON.stringify([opts.replaceWhere]);
  const written = [...adds, ...rewritten, ...changes].map((a) => resolveAddPath(req.path, a.path));
  // delta-spark's STREAMING UPDATE commits name their file counts numAddedFiles / numRemovedFiles.
  const operationMetrics: Record<string, string> =
    req.table?.metrics === "none"
      ? {}
      : req.operation === undefined || req.table !== undefined
        ? {
            numFiles: String(adds.length + rewritten.length),
            numOutputRows: String(rows),
            numOutputBytes: String(bytes),
            ...(removed.length > 0 ? { numRemovedFiles: String(removed.length) } : {}),
          }
        : {
            numRemovedFiles: String(removed.length),
            numAddedFiles: String(adds.length),
            numOutputRows: String(rows),
            numOutputBytes: String(bytes),
          };
  const version = await commitOrThrow(engine, req.path, snapshot?.version ?? -1, actions, written, {
    operation: req.operation?.name ?? "WRITE",
    operationParameters: req.operation?.parameters ?? parameters,
    operationMetrics,
    isBlindAppend: !overwrite && predicate === undefined,
    userMetadata: opts.userMetadata,
    footprint,
    configuration: metadata.configuration,
  });
  const compaction = autoCompactSettings(sessionConf, metadata.configuration);
  if (compaction !== undefined && version !== undefined && !overwrite && predicate === undefined)
    await autoCompact(
      { engine, conf: sessionConf },
      await Snapshot.load(engine.delta, req.path),
      adds,
      compaction,
    );
  return {
    files,
    rowsWritten: rows,
    bytesWritten: bytes,
    written: true,
    readMetrics: readMetrics as ReadMetrics[],
    version,
  };
}
