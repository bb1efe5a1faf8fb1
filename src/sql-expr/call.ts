/**
 * Function calls: `name([DISTINCT|ALL] args)`, with `count(*)`, `struct(a AS x)`, Spark's
 * `first(x IGNORE NULLS)`, and what may follow the parentheses: `FILTER (WHERE c)`,
 * `IGNORE|RESPECT NULLS` and `OVER (...)`. Names are Spark's registry names, lower-cased.
 */
import { LiteralNode } from "../plan/expression/literal.js";
import { arityText, functionSpec } from "../plan/functions/index.js";
import type { ExprNode } from "../plan/node.js";
import type { Token } from "../types/sql-lexer.js";
import { parseExpr } from "./boolean.js";
import { call, type ParseContext, unsupported } from "./context.js";
import { parseAlias } from "./names.js";
import { parseOver } from "./window.js";

/** Functions that take Spark's IGNORE NULLS as a trailing boolean argument, by arity. */
const IGNORE_NULLS_ARITY: Readonly<Record<string, number>> = {
  first: 1,
  last: 1,
  first_value: 1,
  last_value: 1,
  any_value: 1,
  nth_value: 2,
  lag: 3,
  lead: 3,
};

/** `lag(x)` IGNORE NULLS is `lag(x, 1, NULL, true)`: the defaults Spark's function would use. */
function ignoreNulls(ctx: ParseContext, name: string, args: ExprNode[], at: Token): ExprNode[] {
  const arity = IGNORE_NULLS_ARITY[name];
  if (arity === undefined || args.length > arity) {
    return ctx.c.failAt(
      at,
      "PARSE_SYNTAX_ERROR",
      `IGNORE NULLS does not apply to ${name}()`,
      "IGNORE NULLS works with first, last, first_value, last_value, any_value, nth_value, lag and lead.",
    );
  }
  const padded = [...args];
  if (name === "lag" || name === "lead") {
    if (padded.length < 2) padded.push(LiteralNode.create(1));
    if (padded.length < 3) padded.push(LiteralNode.create(null));
  }
  return [...padded, LiteralNode.create(true)];
}

function parseArgs(ctx: ParseContext, name: string): { args: ExprNode[]; distinct: boolean } {
  const { c } = ctx;
  let distinct = false;
  const quantified = !c.isOp(")", 1) && !c.isOp(",", 1);
  if (quantified && c.isWord("DISTINCT")) {
    c.next();
    distinct = true;
  } else if (quantified && c.isWord("ALL")) c.next();
  const args: ExprNode[] = [];
  if (c.isOp(")")) return { args, distinct };
  do {
    if ((c.peek().kind === "word" || c.peek().kind === "quoted") && c.isOp("=>", 1)) {
      unsupported(
        ctx,
        c.peek(),
        "A named argument (name => value)",
        "Pass the arguments by position.",
      );
    }
    const arg = parseExpr(ctx);
    // Only struct() names its fields from aliases, as in Spark's `struct(a AS x)`.
    args.push(name === "struct" ? parseAlias(ctx, arg, true) : arg);
  } while (c.acceptOp(","));
  return { args, distinct };
}

/**
 * Aggregates that skip a row when the arguments at these positions are null: `agg(x) FILTER
 * (WHERE c)` is exactly `agg(CASE WHEN c THEN x END)` for them (a filtered-out row becomes a
 * skipped row). "all" wraps every argument (a row is skipped when any is null).
 */
const NULL_SKIPPING: Readonly<Record<string, readonly number[] | "all">> = {
  sum: "all",
  avg: "all",
  mean: "all",
  try_sum: "all",
  try_avg: "all",
  min: "all",
  max: "all",
  count: "all",
  count_if: "all",
  collect_list: "all",
  array_agg: "all",
  collect_set: "all",
  stddev: "all",
  std: "all",
  stddev_samp: "all",
  stddev_pop: "all",
  variance: "all",
  var_samp: "all",
  var_pop: "all",
  skewness: "all",
  kurtosis: "all",
  corr: "all",
  covar_samp: "all",
  covar_pop: "all",
  regr_count: "all",
  regr_avgx: "all",
  regr_avgy: "all",
  regr_slope: "all",
  regr_intercept: "all",
  regr_r2: "all",
  regr_sxx: "all",
  regr_syy: "all",
  regr_sxy: "all",
  median: "all",
  bool_and: "all",
  bool_or: "all",
  every: "all",
  some: "all",
  any: "all",
  bit_and: "all",
  bit_or: "all",
  bit_xor: "all",
  approx_count_distinct: [0],
  percentile: [0],
  percentile_approx: [0],
  approx_percentile: [0],
  string_agg: [0],
  listagg: [0],
  mode: [0],
  max_by: "all",
  min_by: "all",
};

/** Aggregates that skip nulls only when called with IGNORE NULLS (a trailing `true`). */
const IGNORING_NULLS = new Set(["first", "last", "first_value", "last_value", "any_value"]);

/** Spark's `agg(args) FILTER (WHERE c)`, as the aggregate over `CASE WHEN c THEN arg END`. */
function filtered(
  ctx: ParseContext,
  name: string,
  args: ExprNode[],
  filter: { at: Token; condition: ExprNode },
): ExprNode[] {
  const when = (arg: ExprNode) => call("when", [filter.condition, arg]);
  if (name === "count" && args.length === 1 && args[0]?.kind === "star")
    return [when(LiteralNode.create(1))];
  const last = args[args.length - 1];
  const ignoring = IGNORING_NULLS.has(name) && last?.kind === "literal" && last.value === true;
  const positions = ignoring ? [0] : NULL_SKIPPING[name];
  if (positions === undefined)
    return unsupported(
      ctx,
      filter.at,
      `FILTER (WHERE ...) on ${name}()`,
      `Aggregate a conditional value instead: ${name}(CASE WHEN cond THEN x END), when ${name} skips nulls.`,
    );
  return args.map((a, i) => (positions === "all" || positions.includes(i) ? when(a) : a));
}

/**
 * A catalog function called with a number of arguments Spark refuses fails here, at the
 * call, as Spark's analyzer would; names the catalog does not know are left to the engine.
 */
function checkArity(ctx: ParseContext, name: string, count: number, at: Token): void {
  const spec = functionSpec(name);
  if (spec === undefined || (count >= spec.minArgs && count <= spec.maxArgs)) return;
  ctx.c.failAt(
    at,
    "WRONG_NUM_ARGS",
    `${name}() takes ${arityText(spec)} argument(s) but ${count} were given`,
    "Check the function's arguments in docs/functions.md.",
  );
}

/**
 * Parses `(args)` and what follows, after the function name (already read).
 *
 * @example
 * ```ts
 * // "count(DISTINCT a) OVER (PARTITION BY b)" -> WindowNode(count(DISTINCT a), [b], [])
 * ```
 */
export function parseCall(ctx: ParseContext, name: string, nameToken: Token): ExprNode {
  const { c } = ctx;
  c.expectOp("(");
  const parsed = parseArgs(ctx, name);
  let args = parsed.args;
  if (c.isWord("IGNORE") && c.isWord("NULLS", 1)) {
    args = ignoreNulls(ctx, name, args, c.next());
    c.next();
  }
  c.expectOp(")", `Close the argument list of ${name}( with ')'.`);
  if (c.isWord("WITHIN") && c.isWord("GROUP", 1)) {
    unsupported(
      ctx,
      c.peek(),
      "WITHIN GROUP (ORDER BY ...)",
      "Use percentile_approx(col, p) or percentile(col, p).",
    );
  }
  let filter: { at: Token; condition: ExprNode } | undefined;
  if (c.isWord("FILTER") && c.isOp("(", 1)) {
    const at = c.next();
    c.next();
    c.expectWord("WHERE", "Write FILTER (WHERE condition).");
    filter = { at, condition: parseExpr(ctx) };
    c.expectOp(")", "Close FILTER (WHERE ...) with ')'.");
  }
  if ((c.isWord("IGNORE") || c.isWord("RESPECT")) && c.isWord("NULLS", 1)) {
    const respect = c.next().text.toUpperCase() === "RESPECT";
    c.next();
    if (!respect) args = ignoreNulls(ctx, name, args, nameToken);
  }
  checkArity(ctx, name, args.length, nameToken);
  if (filter !== undefined) {
    if (c.isWord("OVER"))
      unsupported(
        ctx,
        filter.at,
        "FILTER (WHERE ...) on a window function",
        "Aggregate a conditional value instead: sum(CASE WHEN cond THEN x END) OVER (...).",
      );
    args = filtered(ctx, name, args, filter);
  }
  const fn = call(name, args, parsed.distinct);
  return c.isWord("OVER") ? parseOver(ctx, fn) : fn;
}
