/**
 * Column resolution. A compiled relation exposes its output columns with their Spark
 * names, types, an internal SQL name unique within the relation (DuckDB identifiers are
 * case-insensitive, Spark allows duplicates after a join), the aliases that qualify them
 * (`df.alias("t")`), and the planIds of the DataFrames they belong to (`df1.col("id")`).
 */
import { AnalysisError, unresolvedColumn } from "../../../errors.js";
import { splitAttribute } from "../../../plan/expression/name.js";
import type { DataType } from "../../../types/data-types.js";
import { quoteIdent } from "../sql-quote.js";

export interface OutCol {
  readonly name: string;
  readonly sqlName: string;
  /** Exact after the engine has described the relation; inferred (maybe unknown) before. */
  readonly dataType: DataType | undefined;
  readonly qualifiers: readonly string[];
  readonly planIds: readonly number[];
}

/** A column visible to expressions: its output identity and the SQL that reads it. */
export interface ScopeEntry {
  readonly col: OutCol;
  readonly ref: string;
}

export interface Scope {
  readonly entries: readonly ScopeEntry[];
  /**
   * Lambda parameters in scope (inside higher-order function bodies), with their Spark type
   * when the function tells it (an array's element, an index, an accumulator).
   */
  readonly lambdaVars: ReadonlyMap<string, DataType | undefined>;
}

/** The scope of a single input relation aliased as `alias` in the FROM clause. */
export function scopeOf(columns: readonly OutCol[], alias: string): Scope {
  return {
    entries: columns.map((col) => ({
      col,
      ref: `${quoteIdent(alias)}.${quoteIdent(col.sqlName)}`,
    })),
    lambdaVars: new Map(),
  };
}

export function mergeScopes(...scopes: Scope[]): Scope {
  return { entries: scopes.flatMap((s) => s.entries), lambdaVars: new Map() };
}

/** The result of resolving attribute text: a column, plus struct fields to extract. */
export interface Resolved {
  readonly entry: ScopeEntry;
  readonly fields: readonly string[];
}

const eqName = (a: string, b: string): boolean => a === b || a.toLowerCase() === b.toLowerCase();

function matchOne(candidates: ScopeEntry[], exact: string): ScopeEntry[] {
  const exactMatches = candidates.filter((e) => e.col.name === exact);
  return exactMatches.length > 0 ? exactMatches : candidates;
}

/**
 * Resolves Spark attribute text against a scope, as Spark's analyzer does: `a.b` is
 * column `b` of alias `a` if such an alias exists, else field `b` of struct column `a`;
 * names compare case-insensitively; `planId` pins the DataFrame the column comes from.
 */
export function resolveAttribute(scope: Scope, name: string, planId?: number): Resolved {
  const parts = splitAttribute(name);
  const pool =
    planId === undefined
      ? scope.entries
      : scope.entries.filter((e) => e.col.planIds.includes(planId));
  const attempts: { entries: ScopeEntry[]; fields: string[] }[] = [];
  // Qualified: alias.column[.fields]
  if (parts.length >= 2) {
    const [qualifier = "", column = "", ...fields] = parts;
    const hits = pool.filter(
      (e) => e.col.qualifiers.some((q) => eqName(q, qualifier)) && eqName(e.col.name, column),
    );
    if (hits.length > 0) attempts.push({ entries: matchOne(hits, column), fields });
  }
  const [first = "", ...rest] = parts;
  const direct = pool.filter((e) => eqName(e.col.name, first));
  if (direct.length > 0) attempts.push({ entries: matchOne(direct, first), fields: rest });
  const found = attempts[0];
  if (found === undefined) {
    if (planId !== undefined) return resolveAttribute(scope, name);
    throw unresolvedColumn(
      name,
      scope.entries.map((e) =>
        e.col.qualifiers[0] ? `${e.col.qualifiers[0]}.${e.col.name}` : e.col.name,
      ),
      unknownQualifierHint(scope, parts),
    );
  }
  if (found.entries.length > 1) {
    const where = found.entries.map((e) =>
      e.col.qualifiers[0] ? `${e.col.qualifiers[0]}.${e.col.name}` : e.col.name,
    );
    throw new AnalysisError(
      "AMBIGUOUS_REFERENCE",
      `Reference \`${name}\` is ambiguous, could be: [${where.map((w) => `\`${w}\``).join(", ")}].`,
      {
        hint: 'Qualify the column with a DataFrame alias (df.alias("a") then col("a.id")) or use df.col("id").',
        context: { column: name },
      },
    );
  }
  const entry = found.entries[0];
  if (entry === undefined) throw unresolvedColumn(name, []);
  return { entry, fields: found.fields };
}

/** For `t.id` where nothing is aliased `t`: say how to give the alias. */
function unknownQualifierHint(scope: Scope, parts: readonly string[]): string | undefined {
  const [qualifier] = parts;
  if (parts.length < 2 || qualifier === undefined) return undefined;
  const known = scope.entries.some(
    (e) => e.col.qualifiers.some((q) => eqName(q, qualifier)) || eqName(e.col.name, qualifier),
  );
  return known
    ? undefined
    : `Nothing here is aliased \`${qualifier}\`: name it with .alias("${qualifier}") (a DeltaTable too: table.alias("${qualifier}").merge(...)).`;
}

/** Makes SQL names unique (case-insensitively), keeping the Spark name when it is free. */
export class NameAllocator {
  private readonly used = new Set<string>();

  allocate(wanted: string): string {
    // DuckDB cannot name a column "" or with a NUL in it; Spark can, so SQL uses a stand-in.
    const name = wanted === "" ? "__empty" : wanted.replaceAll("\u0000", "__nul__");
    let candidate = name;
    let n = 1;
    while (this.used.has(candidate.toLowerCase())) {
      n += 1;
      candidate = `${name}__${n}`;
    }
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}

/** Throws an AnalysisError naming the missing column among `available`. */
export function requireColumn(name: string, columns: readonly OutCol[]): OutCol {
  const hit = columns.find((c) => c.name === name) ?? columns.find((c) => eqName(c.name, name));
  if (hit === undefined)
    throw unresolvedColumn(
      name,
      columns.map((c) => c.name),
    );
  return hit;
}
