/**
 * Schemas for `createDataFrame` from JS values, as PySpark infers them from Python values:
 * whole numbers are `long` (`bigint`s too), other numbers `double`, `Date` a timestamp,
 * arrays `array<T>`, `Map` a map, plain objects structs. A column of only nulls is a string.
 */
import { IllegalArgumentError } from "../errors.js";
import {
  ArrayType,
  BinaryType,
  BooleanType,
  type DataType,
  DecimalType,
  DoubleType,
  LongType,
  MapType,
  StringType,
  StructField,
  StructType,
  TimestampType,
} from "../types/data-types.js";
import { Decimal } from "../types/decimal.js";

function inferValue(v: unknown, path: string): DataType | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "boolean") return BooleanType;
  if (typeof v === "bigint") return LongType;
  if (typeof v === "number") return Number.isInteger(v) ? LongType : DoubleType;
  if (typeof v === "string") return StringType;
  if (v instanceof Date) return TimestampType;
  if (v instanceof Decimal) return new DecimalType(38, Math.min(v.scale, 18));
  if (v instanceof Uint8Array) return BinaryType;
  if (Array.isArray(v))
    return new ArrayType(
      mergeAll(
        v.map((x) => inferValue(x, `${path}[]`)),
        path,
      ) ?? StringType,
    );
  if (v instanceof Map) {
    const k =
      mergeAll(
        [...v.keys()].map((x) => inferValue(x, `${path}.key`)),
        path,
      ) ?? StringType;
    const val =
      mergeAll(
        [...v.values()].map((x) => inferValue(x, `${path}.value`)),
        path,
      ) ?? StringType;
    return new MapType(k, val);
  }
  if (typeof v === "object") {
    return new StructType(
      Object.entries(v as Record<string, unknown>).map(
        ([name, x]) => new StructField(name, inferValue(x, `${path}.${name}`) ?? StringType),
      ),
    );
  }
  throw new IllegalArgumentError(`Cannot infer a Spark type for ${typeof v} at ${path}.`);
}

function merge(
  a: DataType | undefined,
  b: DataType | undefined,
  path: string,
): DataType | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.typeName === b.typeName && a.typeName !== "struct" && a.typeName !== "array") return a;
  if ((a === LongType && b === DoubleType) || (a === DoubleType && b === LongType))
    return DoubleType;
  if (a instanceof ArrayType && b instanceof ArrayType)
    return new ArrayType(merge(a.elementType, b.elementType, path) ?? StringType);
  if (a instanceof StructType && b instanceof StructType) {
    const names = [...new Set([...a.fieldNames(), ...b.fieldNames()])];
    return new StructType(
      names.map(
        (n) =>
          new StructField(
            n,
            merge(a.field(n)?.dataType, b.field(n)?.dataType, `${path}.${n}`) ?? StringType,
          ),
      ),
    );
  }
  throw new IllegalArgumentError(
    `Cannot merge types ${a.simpleString()} and ${b.simpleString()} for ${path}.`,
    { hint: "Pass an explicit schema to createDataFrame." },
  );
}

function mergeAll(types: (DataType | undefined)[], path: string): DataType | undefined {
  return types.reduce<DataType | undefined>((acc, t) => merge(acc, t, path), undefined);
}

/** The schema of rows given as objects (column order of first appearance). */
export function inferSchema(rows: readonly Record<string, unknown>[]): StructType {
  const names: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!names.includes(k)) names.push(k);
  return new StructType(
    names.map(
      (n) =>
        new StructField(
          n,
          mergeAll(
            rows.map((r) => inferValue(r[n], n)),
            n,
          ) ?? StringType,
        ),
    ),
  );
}
