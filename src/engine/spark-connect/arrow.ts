/**
 * Spark's Arrow batches -> rows with tributary's JS values (the table in
 * types/data-types.ts). Readers are built once per column type and read the Arrow
 * buffers directly: exact `bigint` for 64-bit integers, {@link Decimal} from the 128-bit
 * two's-complement words, `"YYYY-MM-DD"` for dates, `Date` for timestamps (with or without
 * a time zone: both are microseconds from the epoch in UTC), `Map` for maps, plain
 * objects for structs. Day-time intervals (Arrow durations) come back as `bigint`
 * microseconds and year-month intervals as a number of months.
 */
import {
  type Data,
  DataType,
  DateUnit,
  type Field,
  makeVector,
  type Schema,
  tableFromIPC,
} from "apache-arrow";
import { Decimal } from "../../types/decimal.js";
import { Timestamp } from "../../types/timestamp.js";
import type { Row } from "../engine.js";
import { type ColumnDecoder, columnDecoder, rowMaker } from "./arrow-columns.js";
import { cachedDay, decodeUtf8, epochMicros, MS_PER_DAY, signedWords } from "./arrow-scalars.js";

type Reader = (data: Data, index: number) => unknown;

/** A typed view of a buffer whose element type the column's Arrow type guarantees. */
function buffer<T>(data: Data): T {
  return data.values as unknown as T;
}

function offsets(data: Data): ArrayLike<number | bigint> {
  return data.valueOffsets as unknown as ArrayLike<number | bigint>;
}

function valid(data: Data, index: number): boolean {
  const bitmap = data.nullBitmap as Uint8Array | undefined;
  if (bitmap === undefined || bitmap.length === 0) return true;
  const i = data.offset + index;
  return ((bitmap[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;
}

function nullable(read: Reader): Reader {
  return (data, index) => (valid(data, index) ? read(data, index) : null);
}

function childReader(type: DataType, at: number): Reader {
  const child = type.children[at];
  if (child === undefined) throw new TypeError(`Arrow type ${type} has no child ${at}`);
  return readerFor(child.type);
}

function listReader(element: Reader): Reader {
  return (data, index) => {
    const o = offsets(data);
    const start = Number(o[index]);
    const end = Number(o[index + 1]);
    const child = data.children[0] as Data;
    const out = new Array<unknown>(end - start);
    for (let j = start; j < end; j++) out[j - start] = element(child, j);
    return out;
  };
}

/** The reader of one Arrow type (nulls included). */
export function readerFor(type: DataType): Reader {
  return nullable(valueReader(type));
}

function valueReader(type: DataType): Reader {
  if (DataType.isNull(type)) return () => null;
  if (DataType.isBool(type)) {
    return (data, index) => {
      const i = data.offset + index;
      return ((buffer<Uint8Array>(data)[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;
    };
  }
  if (DataType.isInt(type) || DataType.isFloat(type)) {
    if (DataType.isFloat(type) && type.precision === 0) return generic;
    return (data, index) => buffer<ArrayLike<number | bigint>>(data)[index];
  }
  if (DataType.isDecimal(type)) {
    const stride = type.bitWidth / 32;
    const scale = type.scale;
    return (data, index) =>
      new Decimal(signedWords(buffer<Uint32Array>(data), index * stride, stride), scale);
  }
  if (DataType.isDate(type)) {
    if (type.unit === DateUnit.DAY) {
      return (data, index) => cachedDay(buffer<Int32Array>(data)[index] ?? 0);
    }
    return (data, index) =>
      cachedDay(Math.floor(Number(buffer<ArrayLike<number | bigint>>(data)[index]) / MS_PER_DAY));
  }
  if (DataType.isTimestamp(type)) {
    const unit = type.unit;
    return (data, index) =>
      new Timestamp(epochMicros(buffer<BigInt64Array>(data)[index] ?? 0n, unit));
  }
  if (DataType.isDuration(type)) return (data, index) => buffer<BigInt64Array>(data)[index];
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) {
    return (data, index) => {
      const o = offsets(data);
      return decodeUtf8(buffer<Uint8Array>(data), Number(o[index]), Number(o[index + 1]));
    };
  }
  if (DataType.isBinary(type) || DataType.isLargeBinary(type)) {
    return (data, index) => {
      const o = offsets(data);
      return buffer<Uint8Array>(data).slice(Number(o[index]), Number(o[index + 1]));
    };
  }
  if (DataType.isList(type) || DataType.isLargeList(type)) return listReader(childReader(type, 0));
  if (DataType.isStruct(type)) return structReader(type.children);
  if (DataType.isMap(type)) {
    const entries = type.children[0]?.type;
    if (entries === undefined) throw new TypeError("Arrow map without entries");
    const key = childReader(entries, 0);
    const value = childReader(entries, 1);
    return (data, index) => {
      const o = offsets(data);
      const struct = data.children[0] as Data;
      const [keys, values] = struct.children as [Data, Data];
      const out = new Map<unknown, unknown>();
      for (let j = Number(o[index]); j < Number(o[index + 1]); j++) {
        out.set(key(keys, j), value(values, j));
      }
      return out;
    };
  }
  if (DataType.isInterval(type) && type.unit === 0) {
    return (data, index) => buffer<Int32Array>(data)[index];
  }
  return generic;
}

/** Arrow's own accessor, for types Spark does not send today. */
const generic: Reader = (data, index) => makeVector(data).get(index);

function structReader(fields: readonly Field[]): Reader {
  const names = fields.map((f) => f.name);
  const readers = fields.map((f) => readerFor(f.type));
  return (data, index) => {
    const out: Record<string, unknown> = {};
    for (let k = 0; k < names.length; k++) {
      const read = readers[k] as Reader;
      out[names[k] as string] = read(data.children[k] as Data, index);
    }
    return out;
  };
}

/** A decoded Arrow IPC stream: its schema and its rows. */
export interface DecodedBatch {
  readonly schema: Schema;
  readonly rows: Row[];
}

/**
 * Decodes one Arrow IPC stream (an `arrow_batch` of ExecutePlanResponse) into rows.
 *
 * @example
 * ```ts
 * const { rows } = decodeArrowBatch(response.responseType.value.data);
 * rows[0]; // { a: 1, big: 12345678901234n, d: Decimal(1.50), dt: "2024-01-02", ... }
 * ```
 */
export function decodeArrowBatch(bytes: Uint8Array): DecodedBatch {
  const table = tableFromIPC(bytes);
  const fields = table.schema.fields;
  const decoders = fields.map((f) => columnDecoder(f.type) ?? perValue(readerFor(f.type)));
  const make = rowMaker(fields.map((f) => f.name));
  const rows: Row[] = new Array(table.numRows);
  let n = 0;
  for (const batch of table.batches) {
    const columns = batch.data.children.map((data, k) =>
      (decoders[k] as ColumnDecoder)(data as Data),
    );
    for (let i = 0; i < batch.numRows; i++) rows[n++] = make(columns, i);
  }
  return { schema: table.schema, rows };
}

/** A column decoder from a per-value reader (nested and rare types). */
function perValue(read: Reader): ColumnDecoder {
  return (data) => {
    const out = new Array<unknown>(data.length);
    for (let i = 0; i < data.length; i++) out[i] = read(data, i);
    return out;
  };
}
