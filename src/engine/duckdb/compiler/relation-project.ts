/** select / withColumns / withColumnsRenamed / drop / toDF: relations that rewrite the column list. */
import { AnalysisError, IllegalArgumentError } from "../../../errors.js";
import { outputName } from "../../../plan/expression/name.js";
import type { ExprNode } from "../../../plan/node.js";
import type { DropNode } from "../../../plan/relation/drop.js";
import type { ProjectNode } from "../../../plan/relation/project.js";
import type { ToDFNode } from "../../../plan/relation/to-df.js";
import type { WithColumnsNode } from "../../../plan/relation/with-columns.js";
import type { WithColumnsRenamedNode } from "../../../plan/relation/with-columns-renamed.js";
import { hasFunction, lookupFunction } from "../functions/registry.js";
import { quoteIdent } from "../sql-quote.js";
import { compileExpr, type ExprContext } from "./expression.js";
import { type CompiledRelation, inputAlias, pass } from "./relation-types.js";
import { NameAllocator, type OutCol, resolveAttribute, type Scope, scopeOf } from "./scope.js";

/** One output column of a SELECT list. */
export interface SelectItem {
  readonly sql: string;
  readonly col: Omit<OutCol, "sqlName">;
  /** Its type is Spark's by our own rules (CompiledExpr.typeKnown). */
  readonly typeKnown?: boolean;
}

/** `SELECT items FROM (input) AS alias [suffix]`, allocating unique SQL names. */
export function selectFrom(
  items: readonly SelectItem[],
  input: CompiledRelation,
  planId: number,
  suffix = "",
): CompiledRelation {
  const names = new NameAllocator();
  const columns: OutCol[] = [];
  const list = items.map((item) => {
    const sqlName = names.allocate(item.col.name);
    columns.push({ ...item.col, sqlName });
    return `${item.sql} AS ${quoteIdent(sqlName)}`;
  });
  const select = list.length === 0 ? "SELECT NULL AS __no_columns" : `SELECT ${list.join(", ")}`;
  return {
    sql: `${select} FROM (${input.sql}) AS ${quoteIdent(inputAlias(planId))}${suffix}`,
    columns,
    ...(items.every((i) => i.typeKnown === true) ? { typesKnown: true } : {}),
  };
}

/** Items passing every input column through unchanged. */
export function passAll(scope: Scope, planId: number): SelectItem[] {
  return scope.entries.map((e) => ({ sql: e.ref, col: pass(e.col, planId), typeKnown: true }));
}

/** The select items one expression produces (a star expands; a plain column keeps its identity). */
export function itemsFor(
  expr: ExprNode,
  scope: Scope,
  planId: number,
  ctx: ExprContext,
): SelectItem[] {
  if (expr.kind === "star") {
    const entries =
      expr.target === undefined
        ? scope.entries
        : scope.entries.filter((e) =>
            e.col.qualifiers.some((q) => q.toLowerCase() === expr.target?.toLowerCase()),
          );
    if (expr.target !== undefined && entries.length === 0) {
      throw new AnalysisError(
        "CANNOT_RESOLVE_STAR_EXPAND",
        `Cannot resolve \`${expr.target}.*\`: no DataFrame is aliased \`${expr.target}\`.`,
      );
    }
    return entries.map((e) => ({ sql: e.ref, col: pass(e.col, planId), typeKnown: true }));
  }
  if (expr.kind === "column" && !scope.lambdaVars.has(expr.name)) {
    const r = resolveAttribute(scope, expr.name, expr.planId);
    if (r.fields.length === 0)
      return [{ sql: r.entry.ref, col: pass(r.entry.col, planId), typeKnown: true }];
  }
  const generated = generatorItems(expr, scope, planId, ctx);
  if (generated !== undefined) return generated;
  const compiled = compileExpr(expr, scope, ctx);
  return [
    {
      sql: compiled.sql,
      col: { name: outputName(expr), dataType: compiled.type, qualifiers: [], planIds: [planId] },
      typeKnown: compiled.typeKnown === true,
    },
  ];
}

/** `explode(...)` and friends (optionally aliased) expand to their generated columns. */
function generatorItems(
  expr: ExprNode,
  scope: Scope,
  planId: number,
  ctx: ExprContext,
): SelectItem[] | undefined {
  const call = expr.kind === "alias" ? expr.expr : expr;
  if (call.kind !== "call" || !hasFunction(call.name)) return undefined;
  const def = lookupFunction(call.name);
  if (def.generate === undefined) return undefined;
  const args = call.args.map((node) => ({ ...compileExpr(node, scope, ctx), node }));
  const columns = def.generate(args);
  // An alias names the generated value column (the last one), as Spark's single alias does.
  return columns.map((c, i) => ({
    sql: c.sql,
    col: {
      name: expr.kind === "alias" && i === columns.length - 1 ? expr.name : c.name,
      dataType: c.type,
      qualifiers: [],
      planIds: [planId],
    },
  }));
}

export function compileProject(
  node: ProjectNode,
  input: CompiledRelation,
  ctx: ExprContext,
): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const items = node.exprs.flatMap((e) => itemsFor(e, scope, node.planId, ctx));
  return selectFrom(items, input, node.planId);
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function compileWithColumns(
  node: WithColumnsNode,
  input: CompiledRelation,
  ctx: ExprContext,
): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const items = passAll(scope, node.planId);
  for (const alias of node.columns) {
    const generated = generatorItems(alias, scope, node.planId, ctx);
    if (generated !== undefined && generated.length !== 1) {
      throw new AnalysisError(
        "UNSUPPORTED_GENERATOR",
        `withColumn("${alias.name}", ...) needs a generator with one output column; this one makes ${generated.length}.`,
        {
          hint: "Use select() for generators with several columns (posexplode, explode of a map).",
        },
      );
    }
    const expr = generated === undefined ? compileExpr(alias.expr, scope, ctx) : undefined;
    const item: SelectItem = {
      sql: generated?.[0]?.sql ?? expr?.sql ?? "NULL",
      col: {
        name: alias.name,
        dataType: generated?.[0]?.col.dataType ?? expr?.type,
        qualifiers: [],
        planIds: [node.planId],
      },
      typeKnown: expr?.typeKnown === true,
    };
    const at = items.findIndex((i) => same(i.col.name, alias.name));
    if (at >= 0) items[at] = item;
    else items.push(item);
  }
  return selectFrom(items, input, node.planId);
}

export function compileRenamed(
  node: WithColumnsRenamedNode,
  input: CompiledRelation,
): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const items = passAll(scope, node.planId).map((item) => {
    const rename = node.renames.find(([from]) => same(from, item.col.name));
    return rename === undefined ? item : { sql: item.sql, col: { ...item.col, name: rename[1] } };
  });
  return selectFrom(items, input, node.planId);
}

export function compileDrop(node: DropNode, input: CompiledRelation): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const items = passAll(scope, node.planId).filter(
    (item) => !node.columns.some((c) => same(c, item.col.name)),
  );
  return selectFrom(items, input, node.planId);
}

export function compileToDF(node: ToDFNode, input: CompiledRelation): CompiledRelation {
  if (node.names.length !== input.columns.length) {
    throw new IllegalArgumentError(
      `toDF() got ${node.names.length} names for ${input.columns.length} columns (${input.columns.map((c) => c.name).join(", ")}).`,
      { hint: "Pass exactly one new name per column, in order." },
    );
  }
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const items = passAll(scope, node.planId).map((item, i) => ({
    sql: item.sql,
    col: { ...item.col, name: node.names[i] ?? item.col.name },
  }));
  return selectFrom(items, input, node.planId);
}
