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
import type { Action, AddFile, Metadata, Protocol } from "../actions/types.js";
import { addActions } from "../files/add-actions.js";
import { resolveAddPath } from "../files/paths.js";
import { checkColumnNames, evolveSchema } from "../schema/evolution.js";
import { Snapshot } from "../snapshot/snapshot.js";
import type { DeltaTableEngine } from "../table-engine.js";
import { checkWritable } from "../table-features/registry.js";
import type { TransactionFootprint } from "../transaction/conflict.js";
import { autoCompact, autoCompactSettings, optimizeWriteTarget } from "./auto-optimize.js";
import { commitOrThrow } from "./commit.js";
import { checkConstraints } from "./constraints.js";
import { type DeltaWriteOptions, parseDeltaWriteOptions } from "./options.js";
import { call, colRef, matches, typedNull } from "./plan-helpers.js";
import { classifyFiles, removeOf, rewriteKeeping } from "./rewrite.js";
import { validateTableProperties } from "./table-properties.js";

export interface DeltaWriteRequest {
  readonly plan: RelationNode;
  readonly path: string;
  readonly mode: SaveMode;
  readonly partitionBy: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  readonly sessionConf?: Readonly<Record<string, string>>;
  /** The commit's operation, when not a plain WRITE (a streaming sink's `STREAMING UPDATE`). */
  readonly operation?: {
    readonly name: string;
    readonly parameters: Readonly<Record<string, string>>;
  };
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

function newProtocol(schema: StructType, props: Readonly<Record<string, string>>): Protocol {
  const reader: string[] = [];
  const writer: string[] = [];
  if (JSON.stringify(schema.toJSON()).includes('"timestamp_ntz"')) {
    reader.push("timestampNtz");
    writer.push("timestampNtz");
  }
  // As delta-spark: a table created with deletion vectors enabled supports the feature.
  if (sparkBoolean(props["delta.enableDeletionVectors"] ?? "false") === true) {
    reader.push("deletionVectors");
    writer.push("deletionVectors");
  }
  if (reader.length === 0) return { minReaderVersion: 1, minWriterVersion: 2 };
  return {
    minReaderVersion: 3,
    minWriterVersion: 7,
    readerFeatures: reader,
    writerFeatures: ["appendOnly", "invariants", ...writer],
  };
}

function nullableSchema(schema: StructType): StructType {
  return new StructType(
    schema.fields.map((f) => new StructField(f.name, f.dataType, true, f.metadata)),
  );
}

/** The data projected to the table's columns and types (missing columns as nulls). */
function conform(plan: RelationNode, data: StructType, table: StructType): RelationNode {
  const items: ExprNode[] = table.fields.map((tf) => {
    const df = data.fields.find((f) => f.name.toLowerCase() === tf.name.toLowerCase());
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
  if (snapshot !== undefined) checkWritable(req.path, snapshot.protocol);
  if (opts.txnAppId !== undefined && opts.txnVersion !== undefined && snapshot !== undefined) {
    const done = snapshot.txnVersion(opts.txnAppId);
    if (done !== undefined && done >= opts.txnVersion) return nothing;
  }
  const dataSchema = await engine.schema(req.plan);
  checkColumnNames(dataSchema);
  const overwrite = req.mode === "overwrite";
  const replaceTable = snapshot === undefined || (overwrite && opts.overwriteSchema);
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
    schema = nullableSchema(dataSchema);
    partitionColumns = resolvePartitionColumns(req.partitionBy, schema);
    if (partitionColumns.length > 0 && partitionColumns.length === schema.length) {
      throw new DeltaError(
        "DELTA_CANNOT_USE_ALL_COLUMNS_FOR_PARTITION",
        "Cannot use all columns for partition columns.",
        { hint: "Leave at least one data column." },
      );
    }
    const configuration =
      snapshot === undefined
        ? validateTableProperties(opts.tableProperties)
        : snapshot.configuration;
    metadata = {
      id: snapshot?.metadata.id ?? randomUUID(),
      format: { provider: "parquet", options: {} },
      schemaString: schema.json(),
      partitionColumns,
      configuration,
      createdTime: snapshot?.metadata.createdTime ?? Date.now(),
    };
    metadataChanged = true;
  } else {
    schema = evolveSchema(snapshot.schema, dataSchema, opts.mergeSchema, snapshot.metadata.id);
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
      ? { ...snapshot.metadata, schemaString: schema.json() }
      : snapshot.metadata;
  }
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
  const { files, readMetrics } = await engine.writeDeltaFiles(conformed, req.path, {
    partitionBy: partitionColumns,
    maxRecordsPerFile: opts.maxRecordsPerFile,
    compression: opts.compression,
    ...(target === undefined ? {} : { targetFileSize: target }),
  });
  const adds = addActions(req.path, files, schema, partitionColumns, metadata.configuration);
  const actions: Action[] = [];
  if (snapshot === undefined)
    actions.push({ protocol: newProtocol(schema, metadata.configuration) }, { metaData: metadata });
  else if (metadataChanged) actions.push({ metaData: metadata });
  const now = Date.now();
  let removed: AddFile[] = [];
  let rewritten: AddFile[] = [];
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
      footprint = { ...footprint, readFiles: new Set(cls.scanned.map((f) => f.path)) };
    } else if (opts.dynamicPartitionOverwrite && partitionColumns.length > 0 && !replaceTable) {
      const key = (pv: Readonly<Record<string, string | null>>): string =>
        JSON.stringify(partitionColumns.map((p) => pv[p] ?? null));
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
  if (opts.txnAppId !== undefined && opts.txnVersion !== undefined)
    actions.push({ txn: { appId: opts.txnAppId, version: opts.txnVersion, lastUpdated: now } });
  const rows = files.reduce((n, f) => n + f.rows, 0);
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  const parameters: Record<string, unknown> = {
    mode: MODE_NAMES[req.mode],
    partitionBy: JSON.stringify(partitionColumns),
  };
  if (opts.replaceWhere !== undefined) parameters.predicate = JSON.stringify([opts.replaceWhere]);
  const written = [...adds, ...rewritten].map((a) => resolveAddPath(req.path, a.path));
  // delta-spark's STREAMING UPDATE commits name their file counts numAddedFiles / numRemovedFiles.
  const operationMetrics: Record<string, string> =
    req.operation === undefined
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
