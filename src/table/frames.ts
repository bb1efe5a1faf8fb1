/**
 * Small result DataFrames of table commands (history, detail, metrics), built as in-memory
 * relations with delta-spark's column names and types. Map and struct values have no
 * literal form in the plan, so they travel as the embedded engine's nested-value text
 * (`{"k"="v"}`, `{"a": 1}`), which its cast to the column type parses; table commands only
 * run on that engine.
 */
import { DataFrame } from "../dataframe/dataframe.js";
import type { LiteralValue } from "../plan/expression/literal.js";
import { LocalRelationNode } from "../plan/relation/local-relation.js";
import type { SparkSession } from "../session/session.js";
import {
  ArrayType,
  BooleanType,
  type DataType,
  DoubleType,
  IntegerType,
  LongType,
  MapType,
  StringType,
  StructField,
  StructType,
  TimestampType,
} from "../types/data-types.js";

function quote(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

function entries(value: unknown): [string, unknown][] {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [String(k), v]);
  return typeof value === "object" && value !== null ? Object.entries(value) : [];
}

/** A value as the engine's nested-value text. */
function nestedText(value: unknown, type: DataType): string {
  if (value === null || value === undefined) return "NULL";
  switch (type.typeName) {
    case "map":
      return `{${entries(value)
        .map(([k, v]) => `${quote(k)}=${nestedText(v, type.valueType)}`)
        .join(", ")}}`;
    case "struct":
      return `{${type.fields.map((f) => `${quote(f.name)}: ${nestedText((value as Record<string, unknown>)[f.name], f.dataType)}`).join(", ")}}`;
    case "array":
      return `[${(value as unknown[]).map((v) => nestedText(v, type.elementType)).join(", ")}]`;
    case "string":
      return quote(String(value));
    case "timestamp":
      return quote(value instanceof Date ? value.toISOString() : String(value));
    default:
      return String(value);
  }
}

function literal(value: unknown, type: DataType): LiteralValue {
  if (value === null || value === undefined) return null;
  switch (type.typeName) {
    case "map":
    case "struct":
      return nestedText(value, type);
    case "array":
      return (value as unknown[]).map((v) => literal(v, type.elementType));
    case "long":
      return typeof value === "bigint" ? value : BigInt(Math.trunc(Number(value)));
    default:
      return value as LiteralValue;
  }
}

/** A DataFrame over `rows` (objects keyed by column name) with `schema`. */
export function localFrame(
  spark: SparkSession,
  schema: StructType,
  rows: readonly object[],
): DataFrame {
  const values = rows.map((r) =>
    schema.fields.map((f) => literal((r as Readonly<Record<string, unknown>>)[f.name], f.dataType)),
  );
  return new DataFrame(spark, LocalRelationNode.create(schema, values));
}

const field = (name: string, type: DataType): StructField => new StructField(name, type, true);
const STRING_MAP = new MapType(StringType, StringType, true);
const STRINGS = new ArrayType(StringType, true);

export const HISTORY_SCHEMA = new StructType([
  field("version", LongType),
  field("timestamp", TimestampType),
  field("userId", StringType),
  field("userName", StringType),
  field("operation", StringType),
  field("operationParameters", STRING_MAP),
  field(
    "job",
    new StructType(
      ["jobId", "jobName", "jobRunId", "runId", "jobOwnerId", "triggerType"].map((n) =>
        field(n, StringType),
      ),
    ),
  ),
  field("notebook", new StructType([field("notebookId", StringType)])),
  field("clusterId", StringType),
  field("readVersion", LongType),
  field("isolationLevel", StringType),
  field("isBlindAppend", BooleanType),
  field("operationMetrics", STRING_MAP),
  field("userMetadata", StringType),
  field("engineInfo", StringType),
]);

export const DETAIL_SCHEMA = new StructType([
  field("format", StringType),
  field("id", StringType),
  field("name", StringType),
  field("description", StringType),
  field("location", StringType),
  field("createdAt", TimestampType),
  field("lastModified", TimestampType),
  field("partitionColumns", STRINGS),
  field("clusteringColumns", STRINGS),
  field("numFiles", LongType),
  field("sizeInBytes", LongType),
  field("properties", STRING_MAP),
  field("minReaderVersion", IntegerType),
  field("minWriterVersion", IntegerType),
  field("tableFeatures", STRINGS),
]);

/** Columns of long counts, as delta-spark's command results. */
export function countsSchema(names: readonly string[]): StructType {
  return new StructType(names.map((n) => field(n, LongType)));
}

const FILE_SIZE_STATS = new StructType([
  field("min", LongType),
  field("max", LongType),
  field("avg", DoubleType),
  field("totalFiles", LongType),
  field("totalSize", LongType),
]);

export const OPTIMIZE_SCHEMA = new StructType([
  field("path", StringType),
  field(
    "metrics",
    new StructType([
      field("numFilesAdded", LongType),
      field("numFilesRemoved", LongType),
      field("filesAdded", FILE_SIZE_STATS),
      field("filesRemoved", FILE_SIZE_STATS),
      field("partitionsOptimized", LongType),
      field("numBatches", LongType),
      field("totalConsideredFiles", LongType),
      field("totalFilesSkipped", LongType),
      field("preserveInsertionOrder", BooleanType),
      field("startTimeMs", LongType),
      field("endTimeMs", LongType),
      field("numTableColumns", LongType),
    ]),
  ),
]);
