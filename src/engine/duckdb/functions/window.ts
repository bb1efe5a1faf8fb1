/** Ranking and offset functions; they only make sense with `.over(window)`. */
import { DoubleType, IntegerType } from "../../../types/data-types.js";
import { castSql } from "../compiler/cast.js";
import type { FamilyTable, FnArg, FnContext, FunctionDef } from "./types.js";
import { returns, sqlOf } from "./types.js";

function win(
  compile: FunctionDef["compile"],
  minArgs: number,
  maxArgs: number,
  returnType?: FunctionDef["returnType"],
): FunctionDef {
  return {
    kind: "window",
    minArgs,
    maxArgs,
    compile,
    ...(returnType === undefined ? {} : { returnType }),
  };
}

/**
 * The default of lag / lead in the input's type, cast as Spark casts it (`lag(i, 1, 1.5)`
 * of an int defaults to 1: truncated, where DuckDB's own cast would round to 2).
 */
function defaultSql(args: readonly FnArg[], ctx: FnContext): string {
  const [input, dflt] = [args[0]?.type, args[2]?.type];
  const sql = sqlOf(args, 2);
  if (input === undefined || dflt === undefined || dflt.typeName === "null") return sql;
  if (input.simpleString() === dflt.simpleString()) return sql;
  return castSql(sql, dflt, input, false, ctx.ansi, ctx.timeZone);
}

/** `lag` / `lead`(x, offset, default, ignoreNulls): Spark's fourth argument is IGNORE NULLS. */
function offsetFn(name: "lag" | "lead"): FunctionDef {
  return win(
    (args, ctx) => {
      const offset = args.length > 1 ? String(ctx.literalInt(1)) : "1";
      const dflt = args.length > 2 ? defaultSql(args, ctx) : "NULL";
      const ignoreNulls = args.length > 3 && ctx.literalString(3).toLowerCase() === "true";
      return `${name}(${sqlOf(args, 0)}, ${offset}, ${dflt}${ignoreNulls ? " IGNORE NULLS" : ""})${ctx.over}`;
    },
    1,
    4,
    (args) => args[0]?.type,
  );
}

export const windowFunctions = {
  row_number: win(
    (_a, ctx) => `CAST(row_number()${ctx.over} AS INTEGER)`,
    0,
    0,
    returns(IntegerType),
  ),
  rank: win((_a, ctx) => `CAST(rank()${ctx.over} AS INTEGER)`, 0, 0, returns(IntegerType)),
  dense_rank: win(
    (_a, ctx) => `CAST(dense_rank()${ctx.over} AS INTEGER)`,
    0,
    0,
    returns(IntegerType),
  ),
  percent_rank: win((_a, ctx) => `percent_rank()${ctx.over}`, 0, 0, returns(DoubleType)),
  cume_dist: win((_a, ctx) => `cume_dist()${ctx.over}`, 0, 0, returns(DoubleType)),
  ntile: win(
    (_args, ctx) => `CAST(ntile(${ctx.literalInt(0)})${ctx.over} AS INTEGER)`,
    1,
    1,
    returns(IntegerType),
  ),
  lag: offsetFn("lag"),
  lead: offsetFn("lead"),
  nth_value: win(
    (args, ctx) => `nth_value(${sqlOf(args, 0)}, ${ctx.literalInt(1)})${ctx.over}`,
    2,
    3,
    (args) => args[0]?.type,
  ),
} satisfies FamilyTable;
