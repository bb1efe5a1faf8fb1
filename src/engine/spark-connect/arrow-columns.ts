/**
 * Whole-column decoding for the common flat types: one tight, monomorphic loop per column
 * over the Arrow buffers, instead of one reader call per value. Nested and rare types fall
 * back to the per-value readers of arrow.ts. Values are the same either way.
 */
import { type Data, DataType, DateUnit, TimeUnit } from "apache-arrow";
import { Decimal } from "../../types/decimal.js";
import { Timestamp } from "../../types/timestamp.js";
import { plainRowNames, rowOfNames } from "../rows.js";
import { cachedDay, decodeUtf8, epochMicros, signedWords } from "./arrow-scalars.js";

export type ColumnDecoder = (data: Data) => unknown[];
type ValueAt = (i: number) => unknown;

/** Loops over a column, leaving nulls as null; `make` binds the column's buffers once. */
function column(make: (data: Data) => ValueAt): ColumnDecoder {
  return (data) => {
    const n = data.length;
    const out = new Array<unknown>(n);
    const at = make(data);
    const bitmap = data.nullCount > 0 ? (data.nullBitmap as Uint8Array | undefined) : undefined;
    if (bitmap === undefined || bitmap.length === 0) {
      for (let i = 0; i < n; i++) out[i] = at(i);
    } else {
      const offset = data.offset;
      for (let i = 0; i < n; i++) {
        const b = offset + i;
        out[i] = ((bitmap[b >> 3] ?? 0) & (1 << (b & 7))) !== 0 ? at(i) : null;
      }
    }
    return out;
  };
}

/** The whole-column decoder of a flat type, or undefined (use per-value readers). */
export function columnDecoder(type: DataType): ColumnDecoder | undefined {
  if (DataType.isInt(type) || (DataType.isFloat(type) && type.precision !== 0)) {
    return column((data) => {
      const v = data.values as unknown as ArrayLike<number | bigint>;
      return (i) => v[i];
    });
  }
  if (DataType.isDecimal(type)) {
    const stride = type.bitWidth / 32;
    const scale = type.scale;
    return column((data) => {
      const words = data.values as unknown as Uint32Array;
      return (i) => new Decimal(signedWords(words, i * stride, stride), scale);
    });
  }
  if (DataType.isDate(type) && type.unit === DateUnit.DAY) {
    return column((data) => {
      const v = data.values as unknown as Int32Array;
      return (i) => cachedDay(v[i] ?? 0);
    });
  }
  if (DataType.isTimestamp(type)) {
    const unit = type.unit;
    return column((data) => {
      const v = data.values as unknown as BigInt64Array;
      return unit === TimeUnit.MICROSECOND
        ? (i) => new Timestamp(v[i] ?? 0n)
        : (i) => new Timestamp(epochMicros(v[i] ?? 0n, unit));
    });
  }
  if (DataType.isUtf8(type)) {
    return column((data) => {
      const o = data.valueOffsets as unknown as Int32Array;
      const bytes = data.values as unknown as Uint8Array;
      return (i) => decodeUtf8(bytes, o[i] ?? 0, o[i + 1] ?? 0);
    });
  }
  return undefined;
}

/**
 * Builds row objects from columns. With distinct, ordinary names a generated object literal
 * gives every row the same shape (V8 then stores rows compactly and reads them fast); the
 * names are written as JSON string literals, so no column name can inject code. Other names
 * follow src/engine/rows.ts.
 */
export function rowMaker(
  names: readonly string[],
): (columns: readonly unknown[][], i: number) => Record<string, unknown> {
  if (plainRowNames(names)) {
    const body = `return {${names.map((n, k) => `${JSON.stringify(n)}: c[${k}][i]`).join(", ")}};`;
    return new Function("c", "i", body) as (
      columns: readonly unknown[][],
      i: number,
    ) => Record<string, unknown>;
  }
  return (columns, i) => rowOfNames(names, (k) => columns[k]?.[i]);
}
