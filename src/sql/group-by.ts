/**
 * The GROUP BY clause, as Spark's parser reads it: `ALL`; plain expressions; `ROLLUP(...)`,
 * `CUBE(...)` and `GROUPING SETS (...)`, also mixed with plain expressions (`a, ROLLUP(b)`:
 * the sets are the cross product of each item's sets); `WITH ROLLUP|CUBE`; and the older
 * `GROUP BY a, b GROUPING SETS ((a), ())`, whose sets are the ones written.
 */
import { outputName } from "../plan/expression/name.js";
import type { ExprNode } from "../plan/node.js";
import { parseExpr } from "../sql-expr/boolean.js";
import type { QueryContext } from "./context.js";
import type { GroupBy } from "./select-spec.js";

type Sets = readonly (readonly ExprNode[])[];

/** ROLLUP(a, b) -> (a, b), (a), (). */
function rollupSets(keys: readonly ExprNode[]): Sets {
  return keys.map((_, i) => keys.slice(0, keys.length - i)).concat([[]]);
}

/** CUBE(a, b) -> (a, b), (a), (b), (): every subset, in Spark's order. */
function cubeSets(keys: readonly ExprNode[]): Sets {
  const [first, ...rest] = keys;
  if (first === undefined) return [[]];
  const tail = cubeSets(rest);
  return [...tail.map((s) => [first, ...s]), ...tail];
}

function parseKeys(ctx: QueryContext): ExprNode[] {
  const { c } = ctx;
  c.expectOp("(");
  const keys: ExprNode[] = [];
  if (!c.isOp(")")) {
    do keys.push(parseExpr(ctx));
    while (c.acceptOp(","));
  }
  c.expectOp(")");
  return keys;
}

/** `GROUPING SETS ((a, b), a, ())` after the two words. */
function parseSets(ctx: QueryContext): Sets {
  const { c } = ctx;
  c.expectOp("(");
  const sets: ExprNode[][] = [];
  do sets.push(c.isOp("(") ? parseKeys(ctx) : [parseExpr(ctx)]);
  while (c.acceptOp(","));
  c.expectOp(")");
  return sets;
}

/** The distinct expressions of the sets, in order of appearance: the grouping columns. */
function keysOf(sets: Sets): ExprNode[] {
  const seen = new Set<string>();
  const out: ExprNode[] = [];
  for (const e of sets.flat()) {
    const key = outputName(e).toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}

interface Item {
  readonly kind: "plain" | "rollup" | "cube" | "sets";
  readonly keys: readonly ExprNode[];
  readonly sets: Sets;
}

function parseItem(ctx: QueryContext): Item {
  const { c } = ctx;
  if ((c.isWord("ROLLUP") || c.isWord("CUBE")) && c.isOp("(", 1)) {
    const cube = c.next().text.toUpperCase() === "CUBE";
    const keys = parseKeys(ctx);
    return cube
      ? { kind: "cube", keys, sets: cubeSets(keys) }
      : { kind: "rollup", keys, sets: rollupSets(keys) };
  }
  if (c.isWord("GROUPING") && c.isWord("SETS", 1)) {
    c.next();
    c.next();
    const sets = parseSets(ctx);
    return { kind: "sets", keys: keysOf(sets), sets };
  }
  const e = parseExpr(ctx);
  return { kind: "plain", keys: [e], sets: [[e]] };
}

function crossProduct(items: readonly Item[]): Sets {
  return items.reduce<Sets>(
    (acc, item) => acc.flatMap((left) => item.sets.map((right) => [...left, ...right])),
    [[]],
  );
}

/** Parses the clause after `GROUP BY`. */
export function parseGroupBy(ctx: QueryContext): GroupBy {
  const { c } = ctx;
  if (c.isWord("ALL") && !c.isOp("(", 1) && !c.isOp(".", 1)) {
    c.next();
    return { type: "groupby", keys: [], all: true, sets: [] };
  }
  const items: Item[] = [];
  do items.push(parseItem(ctx));
  while (c.acceptOp(","));
  const plain = items.every((i) => i.kind === "plain");
  const keys = keysOf(items.map((i) => i.keys));
  if (plain && c.isWord("WITH") && (c.isWord("ROLLUP", 1) || c.isWord("CUBE", 1))) {
    c.next();
    const cube = c.next().text.toUpperCase() === "CUBE";
    return { type: cube ? "cube" : "rollup", keys, all: false, sets: [] };
  }
  if (plain && c.isWord("GROUPING") && c.isWord("SETS", 1)) {
    c.next();
    c.next();
    return { type: "grouping_sets", keys, all: false, sets: parseSets(ctx) };
  }
  if (plain) return { type: "groupby", keys, all: false, sets: [] };
  const [only] = items;
  if (items.length === 1 && (only?.kind === "rollup" || only?.kind === "cube"))
    return { type: only.kind, keys: only.keys, all: false, sets: [] };
  return { type: "grouping_sets", keys, all: false, sets: crossProduct(items) };
}
