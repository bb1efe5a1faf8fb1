/** Odds and ends: ids, uuids, type names, partition ids. */

import { IntegerType, LongType, StringType } from "../../../types/data-types.js";
import { quoteString } from "../sql-quote.js";
import { ROW_POSITION_SQL } from "./row-position.js";
import { type FamilyTable, returns, sqlOf } from "./types.js";

export const miscFunctions = {
  // Unique and increasing, as Spark's; not Spark's exact bit layout (partition id << 33).
  monotonically_increasing_id: {
    minArgs: 0,
    maxArgs: 0,
    compile: (_a, ctx) => (ctx.over === "" ? ROW_POSITION_SQL : `(row_number()${ctx.over} - 1)`),
    returnType: returns(LongType),
  },
  uuid: {
    minArgs: 0,
    maxArgs: 0,
    compile: () => "CAST(uuid() AS VARCHAR)",
    returnType: returns(StringType),
  },
  typeof: {
    minArgs: 1,
    // Spark names the argument's Spark type (`int`, `array<string>`), known when compiling;
    // DuckDB's typeof would name its own (`integer`, `varchar[]`). The argument stays in a
    // branch never taken: an aggregate in it still makes the query an aggregation, as in
    // Spark, and it is never evaluated (Spark folds typeof without evaluating it).
    compile: (args) => {
      const type = args[0]?.type;
      return type === undefined
        ? `lower(typeof(${sqlOf(args, 0)}))`
        : `CASE WHEN false THEN CAST(${sqlOf(args, 0)} AS VARCHAR) ELSE ${quoteString(type.simpleString())} END`;
    },
    returnType: returns(StringType),
  },
  spark_partition_id: {
    minArgs: 0,
    maxArgs: 0,
    compile: () => "CAST(0 AS INTEGER)",
    returnType: returns(IntegerType),
  },
  bitwise_not: {
    minArgs: 1,
    compile: (args) => `(~ ${sqlOf(args, 0)})`,
    returnType: (args) => args[0]?.type,
  },
  bit_count: {
    minArgs: 1,
    compile: (args) => `CAST(bit_count(${sqlOf(args, 0)}) AS INTEGER)`,
    returnType: returns(IntegerType),
  },
} satisfies FamilyTable;
