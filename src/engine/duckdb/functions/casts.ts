/**
 * Spark's cast functions (`int(x)`, `double(x)`, `decimal(x)`...): `CAST(x AS type)` under
 * another name, with the same rules and the session's ANSI mode.
 */
import {
  BinaryType,
  BooleanType,
  ByteType,
  type DataType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  ShortType,
  StringType,
  TimestampType,
} from "../../../types/data-types.js";
import { castSql } from "../compiler/cast.js";
import { type FamilyTable, type FunctionDef, returns, sqlOf } from "./types.js";

function castTo(t: DataType): FunctionDef {
  return {
    minArgs: 1,
    compile: (args, ctx) =>
      castSql(sqlOf(args, 0), args[0]?.type, t, false, ctx.ansi, ctx.timeZone),
    returnType: returns(t),
  };
}

export const castFunctions = {
  boolean: castTo(BooleanType),
  tinyint: castTo(ByteType),
  smallint: castTo(ShortType),
  int: castTo(IntegerType),
  bigint: castTo(LongType),
  float: castTo(FloatType),
  double: castTo(DoubleType),
  decimal: castTo(new DecimalType(10, 0)),
  date: castTo(DateType),
  timestamp: castTo(TimestampType),
  string: castTo(StringType),
  binary: castTo(BinaryType),
} satisfies FamilyTable;
