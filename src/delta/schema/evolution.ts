/**
 * Schema enforcement and evolution on write, as delta-spark does it: columns match by name
 * (case-insensitively); a column the data lacks is written as null; a narrower type is
 * upcast to the table's (int into long, float into double); a new column needs
 * `mergeSchema`; an incompatible type fails even with it.
 */
import { DeltaError } from "../../errors.js";
import {
  ArrayType,
  type DataType,
  MapType,
  StructField,
  StructType,
  sameType,
} from "../../types/data-types.js";
import { treeString } from "../../types/tree-string.js";

const INTEGRAL_RANK: Readonly<Record<string, number>> = { byte: 1, short: 2, integer: 3, long: 4 };
const INTEGRAL_DIGITS: Readonly<Record<string, number>> = {
  byte: 3,
  short: 5,
  integer: 10,
  long: 20,
};

/** Whether a value of type `from` can be stored in a column of type `to` without loss. */
export function canUpcast(from: DataType, to: DataType): boolean {
  if (sameType(from, to, { ignoreNullability: true })) return true;
  if (from.typeName === "null") return true;
  const fr = INTEGRAL_RANK[from.typeName];
  const tr = INTEGRAL_RANK[to.typeName];
  if (fr !== undefined && tr !== undefined) return fr <= tr;
  if (fr !== undefined && (to.typeName === "double" || to.typeName === "float"))
    return fr <= 3 || to.typeName === "double";
  if (from.typeName === "float" && to.typeName === "double") return true;
  if (fr !== undefined && to.typeName === "decimal")
    return to.precision - to.scale >= (INTEGRAL_DIGITS[from.typeName] ?? 99);
  if (from.typeName === "decimal" && to.typeName === "decimal")
    return to.scale >= from.scale && to.precision - to.scale >= from.precision - from.scale;
  if (from.typeName === "date" && to.typeName === "timestamp") return true;
  if (from.typeName === "array" && to.typeName === "array")
    return canUpcast(from.elementType, to.elementType);
  if (from.typeName === "map" && to.typeName === "map")
    return canUpcast(from.keyType, to.keyType) && canUpcast(from.valueType, to.valueType);
  if (from.typeName === "struct" && to.typeName === "struct") {
    return from.fields.every((f) => {
      const t = to.field(f.name);
      return t !== undefined && canUpcast(f.dataType, t.dataType);
    });
  }
  return false;
}

function typeName(t: DataType): string {
  return t.toString();
}

function mergeType(table: DataType, data: DataType, path: string, merge: boolean): DataType {
  if (table.typeName === "struct" && data.typeName === "struct")
    return mergeStruct(table, data, path, merge);
  if (table.typeName === "array" && data.typeName === "array") {
    return new ArrayType(
      mergeType(table.elementType, data.elementType, `${path}.element`, merge),
      table.containsNull || data.containsNull,
    );
  }
  if (table.typeName === "map" && data.typeName === "map") {
    return new MapType(
      mergeType(table.keyType, data.keyType, `${path}.key`, merge),
      mergeType(table.valueType, data.valueType, `${path}.value`, merge),
      table.valueContainsNull,
    );
  }
  if (canUpcast(data, table)) return table;
  throw new DeltaError(
    "DELTA_FAILED_TO_MERGE_FIELDS",
    `Failed to merge fields '${path}' and '${path}'. Failed to merge incompatible data types ${typeName(table)} and ${typeName(data)}.`,
    {
      hint: `The table stores \`${path}\` as ${table.simpleString()}; cast the column to it, or rewrite the table with mode("overwrite") and option("overwriteSchema", true).`,
      context: { column: path, tableType: table.simpleString(), dataType: data.simpleString() },
    },
  );
}

function mergeStruct(
  table: StructType,
  data: StructType,
  prefix: string,
  merge: boolean,
): StructType {
  const fields: StructField[] = table.fields.map((tf) => {
    const df = data.fields.find((f) => f.name.toLowerCase() === tf.name.toLowerCase());
    if (df === undefined) return tf;
    const path = prefix === "" ? tf.name : `${prefix}.${tf.name}`;
    return new StructField(
      tf.name,
      mergeType(tf.dataType, df.dataType, path, merge),
      tf.nullable,
      tf.metadata,
    );
  });
  for (const df of data.fields) {
    if (table.fields.some((f) => f.name.toLowerCase() === df.name.toLowerCase())) continue;
    if (!merge) throw new MissingColumn(prefix === "" ? df.name : `${prefix}.${df.name}`);
    fields.push(new StructField(df.name, df.dataType, true, df.metadata));
  }
  return new StructType(fields);
}

class MissingColumn extends Error {
  constructor(readonly column: string) {
    super(column);
  }
}

/** The table schema after writing `data` (unchanged, or evolved with `mergeSchema`). */
export function evolveSchema(
  table: StructType,
  data: StructType,
  mergeSchema: boolean,
  tableId: string,
): StructType {
  try {
    return mergeStruct(table, data, "", mergeSchema);
  } catch (e) {
    if (!(e instanceof MissingColumn)) throw e;
    throw new DeltaError(
      "DELTA_METADATA_MISMATCH",
      `A schema mismatch detected when writing to the Delta table (Table ID: ${tableId}).\n` +
        "To enable schema migration using DataFrameWriter or DataStreamWriter, please set:\n" +
        `'.option("mergeSchema", "true")'.\n` +
        'For other operations, set the session configuration spark.databricks.delta.schema.autoMerge.enabled to "true".\n\n' +
        `Table schema:\n${treeString(table)}\nData schema:\n${treeString(data)}`,
      {
        hint: `The data has column \`${e.column}\`, which the table does not. Add .option("mergeSchema", true) to add it, or drop it before writing.`,
        context: { tableId, column: e.column },
      },
    );
  }
}

/** Names Delta cannot store without column mapping (Parquet and Hive restrictions). */
const INVALID = /[ ,;{}()\n\t=]/;

/** With column mapping (`anyName`), data files use physical names: any logical name is valid. */
export function checkColumnNames(schema: StructType, anyName = false): void {
  const bad: string[] = [];
  const seen = new Map<string, string>();
  const visit = (s: StructType, prefix: string): void => {
    for (const f of s.fields) {
      const full = prefix === "" ? f.name : `${prefix}.${f.name}`;
      if (INVALID.test(f.name)) bad.push(full);
      const key = full.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined) {
        throw new DeltaError(
          "DELTA_DUPLICATE_COLUMNS_FOUND",
          `Found duplicate column(s) in the data to save: ${other}, ${full}.`,
          {
            hint: "Delta column names must be unique regardless of case: rename one of them.",
          },
        );
      }
      seen.set(key, full);
      if (f.dataType.typeName === "struct") visit(f.dataType, full);
    }
  };
  visit(schema, "");
  if (bad.length > 0 && !anyName) {
    throw new DeltaError(
      "DELTA_INVALID_CHARACTERS_IN_COLUMN_NAMES",
      `Found invalid character(s) among ' ,;{}()\\n\\t=' in the column names of your schema: ${bad.map((b) => `'${b}'`).join(", ")}.`,
      {
        hint: "Rename the columns (withColumnRenamed) before writing, or create the table with column mapping (option delta.columnMapping.mode = 'name'), which allows any name.",
      },
    );
  }
}
