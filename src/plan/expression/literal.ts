import {
  BinaryType,
  BooleanType,
  type DataType,
  DateType,
  DecimalType,
  DoubleType,
  IntegerType,
  LongType,
  NullType,
  StringType,
  TimestampType,
} from "../../types/data-types.js";
import { Decimal } from "../../types/decimal.js";

/** A JS value that a literal can hold (see the type table in types/data-types.ts). */
export type LiteralValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Date
  | Decimal
  | Uint8Array
  | readonly LiteralValue[];

/** A constant. `dataType` is inferred from the JS value as PySpark's `lit` does. */
export interface LiteralNode {
  readonly kind: "literal";
  readonly value: LiteralValue;
  readonly dataType: DataType;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The Spark type PySpark's `lit` gives a value: small integers are `int`, larger `bigint`. */
export function inferLiteralType(value: LiteralValue): DataType {
  if (value === null) return NullType;
  if (typeof value === "boolean") return BooleanType;
  if (typeof value === "bigint") return LongType;
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) return IntegerType;
    return Number.isInteger(value) && Number.isSafeInteger(value) ? LongType : DoubleType;
  }
  if (typeof value === "string") return StringType;
  if (value instanceof Date) return TimestampType;
  if (value instanceof Decimal) {
    const digits = (value.unscaled < 0n ? -value.unscaled : value.unscaled).toString().length;
    return new DecimalType(Math.min(38, Math.max(digits, value.scale, 1)), value.scale);
  }
  if (value instanceof Uint8Array) return BinaryType;
  return DateType; // unreachable for arrays: handled by the caller through `array()`
}

export const LiteralNode = {
  create(value: LiteralValue, dataType?: DataType): LiteralNode {
    return Object.freeze({ kind: "literal", value, dataType: dataType ?? inferLiteralType(value) });
  },
};
