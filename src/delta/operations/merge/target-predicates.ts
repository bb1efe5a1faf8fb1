/**
 * The conjuncts of a merge condition that read only target columns (`t.day = '2024-01-01'`),
 * rewritten to bare column names so partition pruning and stats skipping can use them, as
 * delta-spark's `getTargetOnlyPredicates`. A file no such conjunct can match holds no row
 * the whole condition can match, so skipping it changes nothing.
 */
import { CallNode } from "../../../plan/expression/call.js";
import { CastNode } from "../../../plan/expression/cast.js";
import { splitAttribute } from "../../../plan/expression/name.js";
import type { ExprNode } from "../../../plan/node.js";
import { colRef } from "../plan-helpers.js";

function conjuncts(e: ExprNode): ExprNode[] {
  if (e.kind === "call" && e.name === "and" && e.args.length === 2)
    return e.args.flatMap(conjuncts);
  return [e];
}

interface Names {
  readonly alias: string | undefined;
  readonly target: ReadonlySet<string>;
  readonly source: ReadonlySet<string>;
}

/** The target column a reference names, or undefined when it is not (only) a target column. */
function targetName(name: string, planId: number | undefined, names: Names): string | undefined {
  if (planId !== undefined) return undefined;
  const parts = splitAttribute(name);
  const [first = "", second] = parts;
  if (
    parts.length === 2 &&
    second !== undefined &&
    names.alias !== undefined &&
    first.toLowerCase() === names.alias.toLowerCase()
  ) {
    return names.target.has(second.toLowerCase()) ? second : undefined;
  }
  if (
    parts.length === 1 &&
    names.target.has(first.toLowerCase()) &&
    !names.source.has(first.toLowerCase())
  )
    return first;
  return undefined;
}

/** `e` with target references made bare, or undefined when `e` reads anything else. */
function rewrite(e: ExprNode, names: Names): ExprNode | undefined {
  switch (e.kind) {
    case "literal":
      return e;
    case "column": {
      const n = targetName(e.name, e.planId, names);
      return n === undefined ? undefined : colRef(n);
    }
    case "cast": {
      const inner = rewrite(e.expr, names);
      return inner === undefined ? undefined : CastNode.create(inner, e.to, e.tryCast);
    }
    case "call": {
      const args: ExprNode[] = [];
      for (const a of e.args) {
        const r = rewrite(a, names);
        if (r === undefined) return undefined;
        args.push(r);
      }
      return CallNode.create(e.name, args, e.distinct);
    }
    default:
      return undefined;
  }
}

function hasColumn(e: ExprNode): boolean {
  if (e.kind === "column") return true;
  if (e.kind === "call") return e.args.some(hasColumn);
  return e.kind === "cast" ? hasColumn(e.expr) : false;
}

export function targetOnlyPredicates(
  condition: ExprNode,
  alias: string | undefined,
  targetColumns: readonly string[],
  sourceColumns: readonly string[],
): ExprNode[] {
  const names: Names = {
    alias,
    target: new Set(targetColumns.map((c) => c.toLowerCase())),
    source: new Set(sourceColumns.map((c) => c.toLowerCase())),
  };
  const out: ExprNode[] = [];
  for (const c of conjuncts(condition)) {
    if (!hasColumn(c)) continue;
    const r = rewrite(c, names);
    if (r !== undefined) out.push(r);
  }
  return out;
}
