/**
 * In-memory rows (`createDataFrame`) as Spark SQL: `SELECT ... FROM VALUES (...)` with every
 * literal written in its exact Spark type. Every value and name goes through Spark's own
 * quoting rules (types/sql-string.ts).
 */
import type { LiteralValue } from "../../../plan/expression/literal.js";
import type { LocalRelationNode } from "../../../plan/relation/local-relation.js";
import type { DataType } from "../../../types/data-types.js";
import { dataTypeToSql } from "../../../types/ddl.js";
import { Decimal } from "../../../types/decimal.js";
import { quoteIdentifier, quoteSparkString } from "../../../types/sql-string.js";
import { Timestamp } from "../../../types/timestamp.js";

function isList(v: LiteralValue): v is readonly LiteralValue[] {
  return Array.isArray(v);
}

function isoMicros(d: Date): string {
  const t = d instanceof Timestamp ? d : Timestamp.from(d);
  return t.toISOStringMicros().replace("T", " ").replace("Z", "");
}

/** A Spark SQL literal of type `t`. */
export function sparkLiteral(value: LiteralValue, t: DataType): string {
  if (value === null) return `CAST(NULL AS ${dataTypeToSql(t)})`;
  if (isList(value)) {
    const element = t.typeName === "array" ? t.elementType : t;
    return `CAST(array(${value.map((v) => sparkLiteral(v, element)).join(", ")}) AS ${dataTypeToSql(t)})`;
  }
  switch (t.typeName) {
    case "string":
      return quoteSparkString(String(value));
    case "boolean":
      return value ? "true" : "false";
    case "date":
      return `DATE${quoteSparkString(value instanceof Date ? value.toISOString().slice(0, 10) : String(value))}`;
    case "timestamp":
      return `TIMESTAMP${quoteSparkString(`${isoMicros(value instanceof Date ? value : new Date(String(value)))}+00:00`)}`;
    case "timestamp_ntz":
      return `TIMESTAMP_NTZ${quoteSparkString(isoMicros(value instanceof Date ? value : new Date(`${String(value)}Z`)))}`;
    case "binary":
      return `X${quoteSparkString(Buffer.from(value instanceof Uint8Array ? value : Buffer.from(String(value))).toString("hex"))}`;
    case "decimal":
      return `CAST(${quoteSparkString((value instanceof Decimal ? value : Decimal.parse(String(value))).toString())} AS ${dataTypeToSql(t)})`;
    default:
      // String(-0) is "0": keep the sign of -0.0, as Spark does.
      return `CAST(${quoteSparkString(Object.is(value, -0) ? "-0.0" : String(value))} AS ${dataTypeToSql(t)})`;
  }
}

export function localRelationSql(node: LocalRelationNode): string {
  const fields = node.schema.fields;
  const cols = fields
    .map((f, i) => `${quoteIdentifier(`c${i}`)} AS ${quoteIdentifier(f.name)}`)
    .join(", ");
  if (node.rows.length === 0) {
    const nulls = fields
      .map((f) => `CAST(NULL AS ${dataTypeToSql(f.dataType)}) AS ${quoteIdentifier(f.name)}`)
      .join(", ");
    return `SELECT ${nulls} WHERE false`;
  }
  const rows = node.rows.map(
    (r) => `(${fields.map((f, i) => sparkLiteral(r[i] ?? null, f.dataType)).join(", ")})`,
  );
  const names = fields.map((_, i) => quoteIdentifier(`c${i}`)).join(", ");
  return `SELECT ${cols} FROM VALUES ${rows.join(", ")} AS ${quoteIdentifier("v")}(${names})`;
}
