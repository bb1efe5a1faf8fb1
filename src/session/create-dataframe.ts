/** `spark.createDataFrame(rows, schema?)`: rows as objects or arrays, with a schema or inferred. */
import { IllegalArgumentError } from "../errors.js";
import type { LiteralValue } from "../plan/expression/literal.js";
import { LocalRelationNode } from "../plan/relation/local-relation.js";
import { parseTimestampText } from "../sql-expr/datetime-text.js";
import { type DataType, StringType, StructField, StructType } from "../types/data-types.js";
import { parseDDLSchema } from "../types/ddl.js";
import { Decimal } from "../types/decimal.js";
import { Timestamp } from "../types/timestamp.js";
import { inferSchema } from "./infer-schema.js";

export type LocalRow = Readonly<Record<string, unknown>> | readonly unknown[];
export type SchemaLike = StructType | string | readonly string[];

/**
 * A timestamp value: a Date (a {@link Timestamp} keeps its microseconds), a bigint of epoch
 * microseconds, or Spark's timestamp text. Text with an offset (`Z`, `+02:00`) is an exact
 * instant; text without one stays text, so the engine reads it in the session time zone as
 * Spark does (for timestamp_ntz the text is the wall-clock time itself).
 */
function timestampValue(v: unknown, ntz: boolean, path: string): LiteralValue {
  if (v instanceof Date) return v;
  if (typeof v === "bigint") return new Timestamp(v);
  if (typeof v === "string") {
    const parsed = parseTimestampText(v);
    if (parsed !== undefined) {
      if (ntz) return new Timestamp(parsed.wallClockMicros);
      if (parsed.offsetMinutes !== undefined)
        return new Timestamp(parsed.wallClockMicros - BigInt(parsed.offsetMinutes) * 60_000_000n);
      return v.trim();
    }
  }
  throw new IllegalArgumentError(
    `Value ${String(v)} at ${path} does not fit type ${ntz ? "timestamp_ntz" : "timestamp"}.`,
    {
      hint: "Give a Date, a Timestamp, epoch microseconds as a bigint, or text such as '2024-01-01 00:00:00.123456'.",
    },
  );
}

function toValue(v: unknown, t: DataType, path: string): LiteralValue {
  if (v === null || v === undefined) return null;
  switch (t.typeName) {
    case "long":
      if (typeof v === "bigint") return v;
      if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
      break;
    case "integer":
    case "short":
    case "byte":
      if (typeof v === "number" && Number.isInteger(v)) return v;
      if (typeof v === "bigint") return Number(v);
      break;
    case "float":
    case "double":
      if (typeof v === "number") return v;
      break;
    case "decimal":
      if (v instanceof Decimal) return v;
      if (typeof v === "string" || typeof v === "number" || typeof v === "bigint")
        return Decimal.parse(String(v));
      break;
    case "string":
      if (typeof v === "string") return v;
      break;
    case "boolean":
      if (typeof v === "boolean") return v;
      break;
    case "date":
      if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      break;
    case "timestamp":
    case "timestamp_ntz":
      return timestampValue(v, t.typeName === "timestamp_ntz", path);
    case "binary":
      if (v instanceof Uint8Array) return v;
      break;
    case "array":
      if (Array.isArray(v)) return v.map((x, i) => toValue(x, t.elementType, `${path}[${i}]`));
      break;
    default:
      throw new IllegalArgumentError(
        `createDataFrame does not take ${t.simpleString()} values yet (column ${path}).`,
        {
          hint: "Build nested values with functions (struct, map) from flat columns.",
        },
      );
  }
  throw new IllegalArgumentError(
    `Value ${String(v)} at ${path} does not fit type ${t.simpleString()}.`,
  );
}

function resolveSchema(rows: readonly LocalRow[], schema: SchemaLike | undefined): StructType {
  if (schema instanceof StructType) return schema;
  if (typeof schema === "string") return parseDDLSchema(schema);
  const objects = rows.map((r) =>
    Array.isArray(r)
      ? Object.fromEntries(r.map((v, i) => [schema?.[i] ?? `_${i + 1}`, v]))
      : (r as Record<string, unknown>),
  );
  const inferred = inferSchema(objects);
  if (schema === undefined) return inferred;
  return new StructType(schema.map((n) => inferred.field(n) ?? new StructField(n, StringType)));
}

/** A LocalRelationNode with values checked against the schema. */
export function localRelation(
  rows: readonly LocalRow[],
  schemaLike?: SchemaLike,
): LocalRelationNode {
  const schema = resolveSchema(rows, schemaLike);
  const names = schema.fieldNames();
  const values = rows.map((row, r) => {
    const raw = Array.isArray(row) ? row : names.map((n) => (row as Record<string, unknown>)[n]);
    if (Array.isArray(row) && row.length !== names.length) {
      throw new IllegalArgumentError(
        `Row ${r} has ${row.length} values but the schema has ${names.length} columns.`,
      );
    }
    return schema.fields.map((f, i) => {
      const value = toValue(raw[i], f.dataType, `row ${r}, column ${f.name}`);
      // PySpark's verifySchema: a declared NOT NULL column refuses a null at once.
      if (value === null && !f.nullable)
        throw new IllegalArgumentError(
          `[FIELD_NOT_NULLABLE_WITH_NAME] field ${f.name}: This field is not nullable, but got None (row ${r}).`,
          { hint: `Give row ${r} a value for ${f.name}, or declare the column nullable.` },
        );
      return value;
    });
  });
  return LocalRelationNode.create(schema, values);
}
