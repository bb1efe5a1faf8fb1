/**
 * `rand` and `randn`. Without a seed, DuckDB's generator. With one, Spark's own numbers:
 * the draw of row n (from 0) of Spark's XORShiftRandom for the seed, in the one partition
 * this engine has (`tributary_rand` / `tributary_randn`, see xorshift-random.ts).
 */
import { DoubleType } from "../../../types/data-types.js";
import { ROW_POSITION_SQL } from "./row-position.js";
import { type FnArg, type FnContext, type FunctionDef, returns } from "./types.js";

/** The seed: a literal integer; a null seed is 0, as in Spark. */
function seedOf(args: readonly FnArg[], ctx: FnContext): bigint {
  const node = args[0]?.node;
  if (node?.kind === "literal" && node.value === null) return 0n;
  if (node?.kind === "literal" && typeof node.value === "bigint") return node.value;
  return BigInt(ctx.literalInt(0));
}

export function seededRandom(name: "rand" | "randn", unseeded: string): FunctionDef {
  return {
    minArgs: 0,
    maxArgs: 1,
    compile: (args, ctx) =>
      args.length === 0
        ? unseeded
        : `tributary_${name}(CAST(${seedOf(args, ctx).toString()} AS BIGINT), ${ROW_POSITION_SQL})`,
    returnType: returns(DoubleType),
  };
}
