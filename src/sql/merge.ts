/**
 * `MERGE INTO delta.`/path` [AS t] USING source [AS s] ON cond WHEN ...` as delta-spark
 * writes it: WHEN MATCHED [AND c] THEN UPDATE SET ... | UPDATE SET * | DELETE; WHEN NOT
 * MATCHED [BY TARGET] [AND c] THEN INSERT (cols) VALUES (...) | INSERT *; WHEN NOT MATCHED
 * BY SOURCE [AND c] THEN UPDATE SET ... | DELETE. The source is any FROM relation (a view,
 * a path table, a subquery); conditions and values stay SQL text for the merge builder.
 */
import type { RelationNode } from "../plan/node.js";
import type { ParseContext } from "../sql-expr/context.js";
import type { QueryContext } from "./context.js";
import { parseRelation } from "./from.js";
import { parseOptionalAlias } from "./names.js";

export type MergeWhen = "matched" | "notMatched" | "notMatchedBySource";

export type MergeAction =
  | { readonly kind: "update"; readonly set: Readonly<Record<string, string>> | "*" }
  | { readonly kind: "delete" }
  | { readonly kind: "insert"; readonly values: Readonly<Record<string, string>> | "*" };

export interface MergeClause {
  readonly when: MergeWhen;
  readonly condition: string | undefined;
  readonly action: MergeAction;
}

export interface MergeCommand {
  readonly kind: "merge";
  readonly path: string;
  readonly targetAlias: string | undefined;
  readonly source: RelationNode;
  readonly on: string;
  readonly clauses: readonly MergeClause[];
}

/** Helpers the command parser shares: the path table and SQL text of one expression. */
export interface CommandParts {
  deltaPath(ctx: ParseContext): string;
  exprText(ctx: ParseContext): string;
}

function assignments(ctx: QueryContext, parts: CommandParts): Record<string, string> | "*" {
  const { c } = ctx;
  if (c.acceptOp("*")) return "*";
  const set: Record<string, string> = {};
  do {
    const column = c.identifier("a column name").name;
    c.expectOp("=");
    set[column] = parts.exprText(ctx);
  } while (c.acceptOp(","));
  return set;
}

function insertValues(ctx: QueryContext, parts: CommandParts): Record<string, string> | "*" {
  const { c } = ctx;
  if (c.acceptOp("*")) return "*";
  c.expectOp("(", "Write INSERT (col, ...) VALUES (value, ...) or INSERT *.");
  const columns: string[] = [];
  do columns.push(c.identifier("a column name").name);
  while (c.acceptOp(","));
  c.expectOp(")");
  c.expectWord("VALUES");
  c.expectOp("(");
  const values: Record<string, string> = {};
  for (const [i, column] of columns.entries()) {
    if (i > 0) c.expectOp(",", "Give one value per inserted column.");
    values[column] = parts.exprText(ctx);
  }
  c.expectOp(")", "Give one value per inserted column.");
  return values;
}

function parseClause(ctx: QueryContext, parts: CommandParts): MergeClause {
  const { c } = ctx;
  c.expectWord("WHEN");
  let when: MergeWhen = "matched";
  if (c.acceptWord("NOT")) {
    c.expectWord("MATCHED");
    when = "notMatched";
    if (c.acceptWord("BY")) {
      if (c.acceptWord("SOURCE")) when = "notMatchedBySource";
      else c.expectWord("TARGET", "Write WHEN NOT MATCHED [BY TARGET | BY SOURCE].");
    }
  } else c.expectWord("MATCHED");
  const condition = c.acceptWord("AND") ? parts.exprText(ctx) : undefined;
  c.expectWord("THEN");
  const at = c.peek();
  if (when === "notMatched") {
    c.expectWord(
      "INSERT",
      "A WHEN NOT MATCHED clause inserts: THEN INSERT * or INSERT (...) VALUES (...).",
    );
    return { when, condition, action: { kind: "insert", values: insertValues(ctx, parts) } };
  }
  if (c.acceptWord("DELETE")) return { when, condition, action: { kind: "delete" } };
  if (!c.acceptWord("UPDATE")) return c.fail("UPDATE or DELETE", undefined, at);
  c.expectWord("SET");
  const set = assignments(ctx, parts);
  if (set === "*" && when === "notMatchedBySource") {
    return c.fail(
      "column assignments",
      "WHEN NOT MATCHED BY SOURCE has no source row: name each column.",
      at,
    );
  }
  return { when, condition, action: { kind: "update", set } };
}

/**
 * Parses MERGE after the MERGE keyword.
 *
 * @example
 * ```ts
 * // MERGE INTO delta.`/t` t USING updates s ON t.id = s.id
 * //   WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *
 * ```
 */
export function parseMerge(ctx: QueryContext, parts: CommandParts): MergeCommand {
  const { c } = ctx;
  c.expectWord("INTO");
  const path = parts.deltaPath(ctx);
  const targetAlias = parseOptionalAlias(ctx);
  c.expectWord("USING");
  const source = parseRelation(ctx);
  c.expectWord("ON", "Write MERGE INTO target USING source ON <condition> WHEN ...");
  const on = parts.exprText(ctx);
  const clauses: MergeClause[] = [];
  do clauses.push(parseClause(ctx, parts));
  while (c.isWord("WHEN"));
  return { kind: "merge", path, targetAlias, source, on, clauses };
}
