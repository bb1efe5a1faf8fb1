/**
 * Spark's linear regression aggregates `regr_*(y, x)` over the pairs where both are set.
 * Spark keeps running moments, so a NaN or an infinity makes every moment it touches NaN,
 * and a constant side divides by zero into null (regr_r2 of a constant x is 1, checked with
 * PySpark 4.0.1). DuckDB's regr_* fail on non-finite input and answer NaN or 1 where Spark
 * answers null, so the moments are taken over finite pairs and the edges written out.
 */
import { DoubleType } from "../../../types/data-types.js";
import { type FnArg, type FnContext, type FunctionDef, returns, sqlOf } from "./types.js";

type Kind = "slope" | "intercept" | "r2" | "sxx" | "syy" | "sxy";

const NAN = "CAST('NaN' AS DOUBLE)";

function compile(kind: Kind, args: readonly FnArg[], ctx: FnContext): string {
  const over = ctx.over;
  const [ySql, xSql] = [sqlOf(args, 0), sqlOf(args, 1)];
  const both = `${ySql} IS NOT NULL AND ${xSql} IS NOT NULL`;
  const y = `CASE WHEN ${both} THEN CAST(${ySql} AS DOUBLE) END`;
  const x = `CASE WHEN ${both} THEN CAST(${xSql} AS DOUBLE) END`;
  const finite = `isfinite(${x}) AND isfinite(${y})`;
  const [fy, fx] = [`CASE WHEN ${finite} THEN ${y} END`, `CASE WHEN ${finite} THEN ${x} END`];
  const n = `count(${x})${over}`;
  const nonFinite = (v: string): string => `bool_or(NOT isfinite(${v}))${over}`;
  const anyNonFinite = `(${nonFinite(x)} OR ${nonFinite(y)})`;
  const varX = `var_pop(${fx})${over}`;
  const varY = `var_pop(${fy})${over}`;
  const cov = `covar_pop(${fy}, ${fx})${over}`;
  const edges = (whenNaN: string, value: string): string =>
    `CASE WHEN ${n} = 0 THEN NULL WHEN ${whenNaN} THEN ${NAN} ${value} END`;
  switch (kind) {
    case "slope":
      return edges(anyNonFinite, `WHEN ${varX} = 0 THEN NULL ELSE ${cov} / ${varX}`);
    case "intercept":
      return edges(
        anyNonFinite,
        `WHEN ${varX} = 0 THEN NULL ELSE avg(${fy})${over} - ${cov} / ${varX} * avg(${fx})${over}`,
      );
    case "r2":
      return edges(
        anyNonFinite,
        `WHEN ${varY} = 0 THEN NULL WHEN ${varX} = 0 THEN 1.0 ELSE ${cov} * ${cov} / (${varX} * ${varY})`,
      );
    case "sxx":
      return edges(
        nonFinite(x),
        `ELSE var_pop(CASE WHEN isfinite(${x}) THEN ${x} END)${over} * ${n}`,
      );
    case "syy":
      return edges(
        nonFinite(y),
        `ELSE var_pop(CASE WHEN isfinite(${y}) THEN ${y} END)${over} * ${n}`,
      );
    case "sxy":
      return edges(anyNonFinite, `ELSE ${cov} * ${n}`);
  }
}

function regression(kind: Kind): FunctionDef {
  return {
    kind: "aggregate",
    minArgs: 2,
    maxArgs: 2,
    compile: (args, ctx) => compile(kind, args, ctx),
    returnType: returns(DoubleType),
  };
}

/** regr_avgx / regr_avgy: the mean of one side over the pairs (NaN propagates as in Spark). */
function pairMean(side: 0 | 1): FunctionDef {
  return {
    kind: "aggregate",
    minArgs: 2,
    maxArgs: 2,
    compile: (args, ctx) => {
      const both = `${sqlOf(args, 0)} IS NOT NULL AND ${sqlOf(args, 1)} IS NOT NULL`;
      return `avg(CASE WHEN ${both} THEN CAST(${sqlOf(args, side)} AS DOUBLE) END)${ctx.over}`;
    },
    returnType: returns(DoubleType),
  };
}

export const regressionFunctions = {
  regr_avgx: pairMean(1),
  regr_avgy: pairMean(0),
  regr_slope: regression("slope"),
  regr_intercept: regression("intercept"),
  regr_r2: regression("r2"),
  regr_sxx: regression("sxx"),
  regr_syy: regression("syy"),
  regr_sxy: regression("sxy"),
};
