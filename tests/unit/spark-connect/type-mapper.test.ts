import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import {
  fromProtoDataType,
  schemaFromProto,
  toProtoDataType,
} from "../../../src/engine/spark-connect/index.js";
import { UnsupportedOperationError } from "../../../src/errors.js";
import { DataTypeSchema } from "../../../src/proto/gen/spark/connect/types_pb.js";
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  StructType,
  sameType,
  TimestampNTZType,
  TimestampType,
} from "../../../src/types/data-types.js";

const every = new StructType()
  .add("s", StringType)
  .add("b", ByteType)
  .add("sh", ShortType)
  .add("i", IntegerType, false)
  .add("l", LongType)
  .add("f", FloatType)
  .add("d", DoubleType)
  .add("dec", new DecimalType(38, 9))
  .add("bool", BooleanType)
  .add("bin", BinaryType)
  .add("dt", DateType)
  .add("ts", TimestampType)
  .add("ntz", TimestampNTZType)
  .add("n", NullType)
  .add("arr", new ArrayType(LongType, false))
  .add("m", new MapType(StringType, new ArrayType(DateType)), true, { comment: "c" })
  .add("st", new StructType().add("x", IntegerType));

describe("type mapper", () => {
  it("round-trips every tributary type through Spark Connect's DataType", () => {
    const back = schemaFromProto(toProtoDataType(every));
    expect(sameType(back, every)).toBe(true);
    expect(back.field("m")?.metadata).toEqual({ comment: "c" });
  });

  it("reads char and varchar as string, and a UDT as its SQL type", () => {
    const char = create(DataTypeSchema, { kind: { case: "char", value: { length: 3 } } });
    const udt = create(DataTypeSchema, {
      kind: { case: "udt", value: { type: "udt", sqlType: toProtoDataType(LongType) } },
    });
    expect(fromProtoDataType(char)).toBe(StringType);
    expect(fromProtoDataType(udt)).toBe(LongType);
  });

  it("defaults a decimal without precision to decimal(10,0), as Spark", () => {
    const d = create(DataTypeSchema, { kind: { case: "decimal", value: {} } });
    expect(fromProtoDataType(d).simpleString()).toBe("decimal(10,0)");
  });

  it("refuses interval types by name", () => {
    const t = create(DataTypeSchema, { kind: { case: "dayTimeInterval", value: {} } });
    expect(() => fromProtoDataType(t)).toThrow(UnsupportedOperationError);
    expect(() => fromProtoDataType(t)).toThrow(/dayTimeInterval/);
  });

  it("wants a struct for a schema", () => {
    expect(() => schemaFromProto(toProtoDataType(LongType))).toThrow(/struct/);
  });
});
