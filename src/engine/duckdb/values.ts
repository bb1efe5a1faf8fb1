/**
 * DuckDB values -> tributary's JS values (the table in types/data-types.ts): exact
 * `bigint` for 64-bit integers, {@link Decimal} for decimals, `"YYYY-MM-DD"` for dates,
 * `Date` for timestamps, `Map` for maps, plain objects for structs.
 */
import {
  createDuckDBValueConverter,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBMapValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBValueConverter,
  type JS,
  JSDuckDBValueConverter,
} from "@duckdb/node-api";
import { Decimal } from "../../types/decimal.js";
import { Timestamp } from "../../types/timestamp.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A value of any column in a result. */
export type JsValue = unknown;

// The stock JS converter recurses through the converter it is given, so nested values
// (lists of decimals, structs of dates) still come back through ours.
const passthrough: DuckDBValueConverter<JsValue> = (value, type, converter) =>
  JSDuckDBValueConverter(value, type, converter as unknown as DuckDBValueConverter<JS>);

function date(value: unknown): string {
  if (value instanceof DuckDBDateValue) return value.toString();
  throw new TypeError("expected a DATE value");
}

function decimal(value: unknown): Decimal {
  if (value instanceof DuckDBDecimalValue) return new Decimal(value.value, value.scale);
  throw new TypeError("expected a DECIMAL value");
}

/** HUGEINT results (DuckDB's `sum` of integers) are Spark `long`s: exact, range-checked. */
function hugeint(value: unknown): bigint {
  if (typeof value !== "bigint") throw new TypeError("expected a HUGEINT value");
  if (value < INT64_MIN || value > INT64_MAX) {
    throw new RangeError(
      `Value ${value} does not fit in a 64-bit long (Spark's sum overflows here).`,
    );
  }
  return value;
}

/** Timestamps keep their microseconds (a plain Date would round them to milliseconds). */
function timestamp(value: unknown): Timestamp {
  if (value instanceof DuckDBTimestampTZValue || value instanceof DuckDBTimestampValue)
    return new Timestamp(value.micros);
  throw new TypeError("expected a TIMESTAMP value");
}

const map: DuckDBValueConverter<JsValue> = (value, type, converter) => {
  if (!(value instanceof DuckDBMapValue) || type.typeId !== DuckDBTypeId.MAP) {
    throw new TypeError("expected a MAP value");
  }
  const out = new Map<unknown, unknown>();
  for (const entry of value.entries) {
    out.set(
      converter(entry.key, type.keyType, converter),
      converter(entry.value, type.valueType, converter),
    );
  }
  return out;
};

const byTypeId = {} as Record<DuckDBTypeId, DuckDBValueConverter<JsValue> | undefined>;
for (const id of Object.values(DuckDBTypeId)) {
  if (typeof id === "number") byTypeId[id as DuckDBTypeId] = passthrough;
}
byTypeId[DuckDBTypeId.DATE] = (v) => date(v);
byTypeId[DuckDBTypeId.DECIMAL] = (v) => decimal(v);
byTypeId[DuckDBTypeId.HUGEINT] = (v, t, c) => hugeint(passthrough(v, t, c));
byTypeId[DuckDBTypeId.MAP] = map;
byTypeId[DuckDBTypeId.TIMESTAMP_TZ] = (v) => timestamp(v);
byTypeId[DuckDBTypeId.TIMESTAMP] = (v) => timestamp(v);
byTypeId[DuckDBTypeId.TIME] = (v) => String(v);
byTypeId[DuckDBTypeId.INTERVAL] = (v) => String(v);

/** The converter used for every result tributary returns. */
export const tributaryValueConverter: DuckDBValueConverter<JsValue> =
  createDuckDBValueConverter(byTypeId);
