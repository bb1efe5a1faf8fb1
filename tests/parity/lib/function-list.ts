/**
 * The function names of docs/functions.md's "The list" table, and how a parity case shows
 * that it exercises one: a SQL call `name(`, or for names that are DataFrame API only, the
 * SQL form the API compiles to.
 */
import { readFileSync } from "node:fs";
import { DOC } from "./differences.js";
import { isAgg, isSelect, type ParityCase } from "./format.js";

export function listedFunctions(markdown: string = readFileSync(DOC, "utf8")): string[] {
  const start = markdown.indexOf("## The list");
  const end = markdown.indexOf("\n## ", start + 1);
  const names = new Set<string>();
  const rows = markdown
    .slice(start, end)
    .split("\n")
    .filter((l) => l.startsWith("|"));
  for (const row of rows)
    for (const m of row.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)/g))
      if (m[1] !== undefined) names.add(m[1]);
  return [...names].sort();
}

/** API names with no SQL function of the same name: the SQL text a case shows them by. */
const SQL_FORMS: Readonly<Record<string, RegExp>> = {
  col: /^`?[A-Za-z_]\w*`?$/,
  column: /^`?[A-Za-z_]\w*`?$/,
  expr: /[-+*/%|]/,
  lit: /^(?:'|\d|X'|DATE'|TIMESTAMP'|NULL|true|false)/i,
  typedLit: /^(?:array|map|named_struct)\(/i,
  when: /\bCASE\s+WHEN\b/i,
  otherwise: /\bCASE\b[\s\S]*\bELSE\b/i,
  not: /^(?:NOT\b|!)/i,
  asc: /\bASC\b/i,
  desc: /\bDESC\b/i,
  asc_nulls_last: /\bASC NULLS LAST\b/i,
  desc_nulls_first: /\bDESC NULLS FIRST\b/i,
  countDistinct: /\bcount\(\s*DISTINCT\b/i,
  sumDistinct: /\bsum\(\s*DISTINCT\b/i,
  bitwise_not: /~/,
  create_map: /\bmap\(/i,
};

/** DataFrame-level names that no expression can show, with the reason. */
export const NOT_EXPRESSIBLE: Readonly<Record<string, string>> = {
  broadcast: "a join hint on a DataFrame, not an expression (tested in tests/unit/dataframe)",
};

function texts(c: ParityCase): string[] {
  if (isSelect(c)) return [...c.select, ...(c.orderBy ?? []), ...(c.where ? [c.where] : [])];
  if (isAgg(c))
    return [...c.agg, ...(c.groupBy ?? []), ...(c.orderBy ?? []), ...(c.where ? [c.where] : [])];
  return [];
}

export function uncovered(names: readonly string[], cases: readonly ParityCase[]): string[] {
  const all = cases.flatMap(texts);
  return names.filter((name) => {
    if (name in NOT_EXPRESSIBLE) return false;
    const form = SQL_FORMS[name] ?? new RegExp(`\\b${name}\\s*\\(`, "i");
    return !all.some((t) => form.test(t));
  });
}
