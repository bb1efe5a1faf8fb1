/**
 * Spark's JSON type inference rules (`JsonInferSchema`), on values parsed by json-lenient.ts:
 * the type of one value, the merge of two types (widening, conflicts become strings), the
 * merge at the root (arrays of records, malformed records adding the corrupt column) and the
 * final canonical form (empty structs dropped, all-null fields as strings or dropped).
 */
import { AnalysisError } from "../../../errors.js";
import {
  ArrayType,
  BooleanType,
  type DataType,
  DecimalType,
  DoubleType,
  LongType,
  NullType,
  StringType,
  StructField,
  StructType,
  TimestampType,
} from "../../../types/data-types.js";
import type { JsonBuilder, JsonValue } from "./json-lenient.js";
import type { ParseMode } from "./modes.js";

export interface InferOptions {
  readonly primitivesAsString: boolean;
  readonly prefersDecimal: boolean;
  readonly dropFieldIfAllNull: boolean;
  /** True for a string Spark would infer as a timestamp (`inferTimestamp`); undefined: never. */
  readonly isTimestamp: ((text: string) => boolean) | undefined;
  /** Set when a value that is not a string was widened to a string (its text then matters). */
  readonly widened: { value: boolean };
}

const MAX_PRECISION = 38;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Java's `BigDecimal` precision and scale of a number's text. */
export function decimalShape(text: string): { precision: number; scale: number } {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  const whole = m?.[1] ?? "";
  const fraction = m?.[2] ?? "";
  const exponent = Number(m?.[3] ?? "0");
  const digits = (whole + fraction).replace(/^0+/, "");
  return { precision: Math.max(digits.length, 1), scale: fraction.length - exponent };
}

function decimalOf(text: string): DataType {
  const { precision, scale } = decimalShape(text);
  if (scale < 0) {
    throw new AnalysisError(
      "NEGATIVE_SCALE_DISALLOWED",
      `Negative scale is not allowed: '${scale}' (inferring a decimal from ${text}).`,
      { hint: "Read without prefersDecimal, or pass a schema." },
    );
  }
  const p = Math.max(precision, scale);
  return p <= MAX_PRECISION ? new DecimalType(p, scale) : DoubleType;
}

const byName = (a: StructField, b: StructField): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** The type of one value (`inferField`). */
export function inferValue(v: JsonValue, o: InferOptions): DataType {
  switch (v.t) {
    case "null":
      return NullType;
    case "str": {
      // Spark treats "" like null, so that generators writing "" for null do not force strings.
      if (v.v.length === 0) return NullType;
      // Spark tries a decimal quietly here: a string that is no decimal (or one with a
      // negative scale) stays a string.
      if (
        o.prefersDecimal &&
        /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.v) &&
        decimalShape(v.v).scale >= 0
      ) {
        const d = decimalOf(v.v);
        if (d.typeName === "decimal") return d;
      }
      if (o.isTimestamp?.(v.v) === true) return TimestampType;
      return StringType;
    }
    case "bool":
      return o.primitivesAsString ? StringType : BooleanType;
    case "nonfinite":
      return o.primitivesAsString ? StringType : DoubleType;
    case "num": {
      if (o.primitivesAsString) return StringType;
      if (v.int) {
        const n = BigInt(v.text.replace(/^(-?)0+(?=\d)/, "$1"));
        return n >= LONG_MIN && n <= LONG_MAX ? LongType : decimalOf(v.text);
      }
      return o.prefersDecimal ? decimalOf(v.text) : DoubleType;
    }
    case "arr":
      return new ArrayType(
        v.items.reduce<DataType>(
          (t, x) => compatibleType(t, inferValue(x, o), o.widened),
          NullType,
        ),
        true,
      );
    case "obj":
      return new StructType(
        v.fields.map(([k, x]) => new StructField(k, inferValue(x, o), true)).sort(byName),
      );
  }
}

function isIntegral(t: DataType): boolean {
  return t.typeName === "long";
}

function mergeDecimals(a: DecimalType, b: DecimalType): DataType {
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return range + scale > MAX_PRECISION ? DoubleType : new DecimalType(range + scale, scale);
}

/** Merges two sorted field lists (`compatibleType` of two structs). */
function mergeStructs(a: StructType, b: StructType, w: { value: boolean }): StructType {
  const out: StructField[] = [];
  let i = 0;
  let j = 0;
  while (i < a.fields.length || j < b.fields.length) {
    const fa = a.fields[i];
    const fb = b.fields[j];
    if (fa !== undefined && fb !== undefined && fa.name === fb.name) {
      out.push(new StructField(fa.name, compatibleType(fa.dataType, fb.dataType, w), true));
      i++;
      j++;
    } else if (fb === undefined || (fa !== undefined && fa.name < fb.name)) {
      if (fa !== undefined) out.push(fa);
      i++;
    } else {
      out.push(fb);
      j++;
    }
  }
  return new StructType(out);
}

/** The type two values of one field share (`compatibleType`): conflicts become strings. */
export function compatibleType(a: DataType, b: DataType, w: { value: boolean }): DataType {
  if (a.typeName === "null") return b;
  if (b.typeName === "null") return a;
  if (a.typeName === "struct" && b.typeName === "struct") return mergeStructs(a, b, w);
  if (a.typeName === "array" && b.typeName === "array")
    return new ArrayType(compatibleType(a.elementType, b.elementType, w), true);
  if (a.typeName === "decimal" && b.typeName === "decimal") return mergeDecimals(a, b);
  if (a.typeName === "decimal" && isIntegral(b)) return mergeDecimals(a, new DecimalType(20, 0));
  if (b.typeName === "decimal" && isIntegral(a)) return mergeDecimals(new DecimalType(20, 0), b);
  if (a.typeName === b.typeName && a.typeName !== "map") return a;
  const numeric = (t: DataType): boolean =>
    t.typeName === "long" || t.typeName === "double" || t.typeName === "decimal";
  if (numeric(a) && numeric(b)) return DoubleType;
  if (a.typeName !== "string" || b.typeName !== "string") w.value = true;
  return StringType;
}

/** `withCorruptField`: a root value that is not a record. */
function withCorrupt(struct: StructType, corrupt: string, mode: ParseMode): StructType {
  if (mode !== "PERMISSIVE" || struct.fields.some((f) => f.name === corrupt)) return struct;
  return new StructType(
    [new StructField(corrupt, StringType, true), ...struct.fields].sort(byName),
  );
}

/** Merges the type of a root value into the schema so far (`compatibleRootType`). */
export function mergeRoot(
  acc: DataType,
  next: DataType,
  corrupt: string,
  mode: ParseMode,
  w: { value: boolean },
): DataType {
  if (acc.typeName === "array") return mergeRoot(acc.elementType, next, corrupt, mode, w);
  if (next.typeName === "array") return mergeRoot(acc, next.elementType, corrupt, mode, w);
  if (acc.typeName === "struct" && next.typeName === "null") return acc;
  if (acc.typeName === "null" && next.typeName === "struct") return next;
  if (acc.typeName === "struct" && next.typeName !== "struct")
    return withCorrupt(acc, corrupt, mode);
  if (next.typeName === "struct" && acc.typeName !== "struct")
    return withCorrupt(next, corrupt, mode);
  return compatibleType(acc, next, w);
}

/** The final form of an inferred type (`canonicalizeType`); undefined drops the field. */
export function canonical(t: DataType, dropFieldIfAllNull: boolean): DataType | undefined {
  switch (t.typeName) {
    case "array": {
      const e = canonical(t.elementType, dropFieldIfAllNull);
      return e === undefined ? undefined : new ArrayType(e, true);
    }
    case "struct": {
      const fields = t.fields.flatMap((f) => {
        const ft = f.name === "" ? undefined : canonical(f.dataType, dropFieldIfAllNull);
        return ft === undefined ? [] : [new StructField(f.name, ft, true)];
      });
      return fields.length === 0 ? undefined : new StructType(fields);
    }
    case "null":
      return dropFieldIfAllNull ? undefined : StringType;
    default:
      return t;
  }
}

/**
 * A builder of type keys: two values with the same key have the same inferred type, so
 * inference builds and merges a type once per distinct record shape, not once per record.
 */
export function typeKeys(o: InferOptions): JsonBuilder<string> {
  return {
    nul: () => "0",
    bool: () => (o.primitivesAsString ? "S" : "B"),
    nonFinite: () => (o.primitivesAsString ? "S" : "D"),
    num: (text, int) => {
      if (o.primitivesAsString) return "S";
      // Up to 18 digits always fits a long; longer texts keep their shape in the key.
      if (int) return text.length <= 18 ? "L" : `n${text}`;
      if (!o.prefersDecimal) return "D";
      const d = decimalShape(text);
      return `d${d.precision},${d.scale}`;
    },
    str: (v) => {
      if (v.length === 0) return "0";
      if (o.prefersDecimal && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return `s${v}`;
      return o.isTimestamp?.(v) === true ? "T" : "S";
    },
    arr: (items) => `[${[...new Set(items)].sort().join("|")}]`,
    obj: (fields) =>
      `{${fields
        .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
        .sort()
        .join(",")}}`,
  };
}
