/**
 * Literal values -> Spark Connect literals of the exact Spark type (longs and decimals from
 * their exact text, dates as days since the epoch, timestamps as microseconds).
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { LiteralValue } from "../../../plan/expression/literal.js";
import type { Expression_LiteralSchema } from "../../../proto/gen/spark/connect/expressions_pb.js";
import type { DataType } from "../../../types/data-types.js";
import { Decimal } from "../../../types/decimal.js";
import { Timestamp } from "../../../types/timestamp.js";
import { toProtoDataType } from "../type-mapper.js";

export type LiteralInit = MessageInitShape<typeof Expression_LiteralSchema>;

const MS_PER_DAY = 86_400_000;

function epochDays(text: string): number {
  return Math.floor(Date.parse(`${text.slice(0, 10)}T00:00:00Z`) / MS_PER_DAY);
}

function micros(d: Date): bigint {
  return d instanceof Timestamp ? d.epochMicros : BigInt(d.getTime()) * 1000n;
}

function isList(v: LiteralValue): v is readonly LiteralValue[] {
  return Array.isArray(v);
}

export function literalInit(value: LiteralValue, type: DataType): LiteralInit {
  if (value === null) return { literalType: { case: "null", value: toProtoDataType(type) } };
  if (isList(value)) {
    const element = type.typeName === "array" ? type.elementType : type;
    return {
      literalType: {
        case: "array",
        value: {
          elementType: toProtoDataType(element),
          elements: value.map((v) => literalInit(v, element)),
        },
      },
    };
  }
  switch (type.typeName) {
    case "boolean":
      return { literalType: { case: "boolean", value: Boolean(value) } };
    case "byte":
      return { literalType: { case: "byte", value: Number(value) } };
    case "short":
      return { literalType: { case: "short", value: Number(value) } };
    case "integer":
      return { literalType: { case: "integer", value: Number(value) } };
    case "long":
      return {
        literalType: {
          case: "long",
          value: typeof value === "bigint" ? value : BigInt(Math.trunc(Number(value))),
        },
      };
    case "float":
      return { literalType: { case: "float", value: Number(value) } };
    case "double":
      return { literalType: { case: "double", value: Number(value) } };
    case "decimal": {
      const d = value instanceof Decimal ? value : Decimal.parse(String(value));
      return {
        literalType: {
          case: "decimal",
          value: { value: d.toString(), precision: type.precision, scale: type.scale },
        },
      };
    }
    case "date":
      return {
        literalType: {
          case: "date",
          value: epochDays(value instanceof Date ? value.toISOString() : String(value)),
        },
      };
    case "timestamp":
      return {
        literalType: {
          case: "timestamp",
          value: micros(value instanceof Date ? value : new Date(String(value))),
        },
      };
    case "timestamp_ntz":
      return {
        literalType: {
          case: "timestampNtz",
          value: micros(value instanceof Date ? value : new Date(`${String(value)}Z`)),
        },
      };
    case "binary":
      return {
        literalType: {
          case: "binary",
          value: value instanceof Uint8Array ? value : Buffer.from(String(value)),
        },
      };
    default:
      return { literalType: { case: "string", value: String(value) } };
  }
}
