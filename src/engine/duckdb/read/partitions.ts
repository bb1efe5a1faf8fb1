/**
 * Spark's partition discovery for text sources: `key=value` directories between a read path
 * and its files become columns, typed as Spark infers them (integer, long, decimal(p,0),
 * double, date, timestamp, else string; `__HIVE_DEFAULT_PARTITION__` is null) and added
 * after the data columns. Values are unescaped (`%2F` is `/`), as Spark unescapes them.
 */
import { relative, resolve, sep } from "node:path";
import {
  type DataType,
  DateType,
  DecimalType,
  DoubleType,
  IntegerType,
  LongType,
  NullType,
  StringType,
  StructField,
  type StructType,
  TimestampType,
} from "../../../types/data-types.js";
import { quoteString } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";

const NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

export interface PartitionColumn {
  readonly field: StructField;
  /** File -> the value's text (undefined for null). */
  readonly values: ReadonlyMap<string, string | undefined>;
}

function unescapePath(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function valueType(v: string | undefined): DataType {
  if (v === undefined) return NullType;
  if (/^-?\d+$/.test(v)) {
    const n = BigInt(v);
    if (n >= -(2n ** 31n) && n < 2n ** 31n) return IntegerType;
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return LongType;
    const digits = v.replace(/^-/, "").replace(/^0+(?=\d)/, "").length;
    return digits <= 38 ? new DecimalType(digits, 0) : StringType;
  }
  if (/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return DoubleType;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))) return DateType;
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/.test(v)) return TimestampType;
  return StringType;
}

const RANK = ["null", "integer", "long", "decimal", "double"];

function wider(a: DataType, b: DataType): DataType {
  if (a.typeName === b.typeName && a.typeName !== "decimal") return a;
  if (a.typeName === "null") return b;
  if (b.typeName === "null") return a;
  if (a.typeName === "decimal" && b.typeName === "decimal")
    return a.precision >= b.precision ? a : b;
  const ra = RANK.indexOf(a.typeName);
  const rb = RANK.indexOf(b.typeName);
  if (ra > 0 && rb > 0) return ra >= rb ? a : b;
  if (
    (a.typeName === "date" && b.typeName === "timestamp") ||
    (a.typeName === "timestamp" && b.typeName === "date")
  )
    return TimestampType;
  return StringType;
}

/** The `key=value` pairs of a file below one of the read's directories. */
function pairsOf(file: string, bases: readonly string[]): [string, string | undefined][] {
  const base = bases.find((b) => file.startsWith(b + sep));
  if (base === undefined) return [];
  const dirs = relative(base, file).split(sep).slice(0, -1);
  return dirs.flatMap((d) => {
    const at = d.indexOf("=");
    if (at <= 0) return [];
    const raw = d.slice(at + 1);
    return [[unescapePath(d.slice(0, at)), raw === NULL_PARTITION ? undefined : unescapePath(raw)]];
  });
}

/** The partition columns of `files` read from `paths` (none when the layout has none). */
export function discoverPartitions(
  paths: readonly string[],
  files: readonly string[],
): PartitionColumn[] {
  const bases = paths.map((p) => resolve(p));
  const columns = new Map<string, { type: DataType; values: Map<string, string | undefined> }>();
  for (const file of files) {
    for (const [key, value] of pairsOf(file, bases)) {
      const c = columns.get(key) ?? { type: NullType, values: new Map() };
      c.type = wider(c.type, valueType(value));
      c.values.set(file, value);
      columns.set(key, c);
    }
  }
  return [...columns].map(([name, c]) => ({
    field: new StructField(name, c.type.typeName === "null" ? StringType : c.type, true),
    values: c.values,
  }));
}

/** SQL: the value of a partition column for the row's file (`pathSql`), as `type`. */
export function partitionValueSql(c: PartitionColumn, pathSql: string, type: DataType): string {
  const branches = [...c.values]
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([file, v]) => `WHEN ${quoteString(file)} THEN ${quoteString(v)}`);
  const text = branches.length === 0 ? "NULL" : `CASE ${pathSql} ${branches.join(" ")} END`;
  return `TRY_CAST(${text} AS ${toDuckDBType(type)})`;
}

/** The schema with the partition columns a data schema does not already name, appended. */
export function withPartitions(
  schema: StructType,
  parts: readonly PartitionColumn[],
): StructField[] {
  const names = new Set(schema.fields.map((f) => f.name.toLowerCase()));
  return [
    ...schema.fields,
    ...parts.filter((p) => !names.has(p.field.name.toLowerCase())).map((p) => p.field),
  ];
}
