/**
 * Delta table commands in Spark SQL, parsed into typed commands the session runs through
 * the DeltaTable operations: `DESCRIBE HISTORY|DETAIL t`, `DELETE FROM t [WHERE ...]`,
 * `UPDATE t SET c = v, ... [WHERE ...]`, `MERGE INTO t ...` (merge.ts), `OPTIMIZE t
 * [WHERE ...]`, `VACUUM t [RETAIN n HOURS] [DRY RUN]`, `RESTORE [TABLE] t TO VERSION|TIMESTAMP
 * AS OF ...`, `ALTER TABLE t ...` (alter.ts), where `t` is a path table (`` delta.`/path` ``). Paths are kept as written: DeltaTable.forPath maps them.
 * Conditions and values stay Spark SQL text, which the DeltaTable API parses itself.
 */

import { parseExpr } from "../sql-expr/boolean.js";
import { newContext, type ParseContext } from "../sql-expr/context.js";
import type { Token } from "../types/sql-lexer.js";
import { keywordOf } from "../types/token-cursor.js";
import { type AlterCommand, parseAlter } from "./alter.js";
import { type QueryContext, refuse, type SqlCatalog } from "./context.js";
import { type DdlCommand, parseDdl } from "./ddl.js";
import { type InsertCommand, parseInsert } from "./insert.js";
import { type MergeCommand, parseMerge } from "./merge.js";
import { parseTableTarget } from "./table-target.js";

export type SqlCommand =
  | DdlCommand
  | InsertCommand
  | AlterCommand
  | MergeCommand
  | { readonly kind: "describeHistory"; readonly path: string; readonly limit: number | undefined }
  | { readonly kind: "describeDetail"; readonly path: string }
  | { readonly kind: "delete"; readonly path: string; readonly condition: string | undefined }
  | {
      readonly kind: "update";
      readonly path: string;
      readonly set: Readonly<Record<string, string>>;
      readonly condition: string | undefined;
    }
  | { readonly kind: "optimize"; readonly path: string; readonly where: string | undefined }
  | {
      readonly kind: "vacuum";
      readonly path: string;
      readonly retainHours: number | undefined;
      readonly dryRun: boolean;
    }
  | { readonly kind: "restore"; readonly path: string; readonly version: number }
  | { readonly kind: "restore"; readonly path: string; readonly timestamp: string };

/** Is this text a command statement (not a query)? */
export function isCommand(text: string): boolean {
  const first = keywordOf(newContext(text).c.peek());
  return [
    "DESCRIBE",
    "DESC",
    "DELETE",
    "UPDATE",
    "MERGE",
    "OPTIMIZE",
    "VACUUM",
    "RESTORE",
    "CREATE",
    "REPLACE",
    "DROP",
    "SHOW",
    "INSERT",
    "ALTER",
  ].includes(first);
}

/** The directory of the existing table a command names (a path table or a table name). */
function deltaPath(ctx: QueryContext): string {
  return parseTableTarget(ctx, true).path;
}

/** The source text of one expression at the cursor (validated by parsing it). */
function exprText(ctx: ParseContext): string {
  const first: Token = ctx.c.peek();
  parseExpr(ctx);
  const last = ctx.c.peek();
  return ctx.c.text.slice(first.start, last.kind === "eof" ? ctx.c.text.length : last.start).trim();
}

function optionalWhere(ctx: ParseContext): string | undefined {
  return ctx.c.acceptWord("WHERE") ? exprText(ctx) : undefined;
}

function parseDescribe(ctx: QueryContext): SqlCommand {
  const { c } = ctx;
  if (c.acceptWord("HISTORY")) {
    const path = deltaPath(ctx);
    if (!c.acceptWord("LIMIT")) return { kind: "describeHistory", path, limit: undefined };
    const n = c.next();
    if (n.kind !== "number" || !/^\d+$/.test(n.text)) return c.fail("a row count", undefined, n);
    return { kind: "describeHistory", path, limit: Number(n.text) };
  }
  if (!c.acceptWord("DETAIL")) {
    return c.failAt(
      c.peek(),
      "UNSUPPORTED_SQL_SYNTAX",
      "Only DESCRIBE HISTORY and DESCRIBE DETAIL are supported by spark.sql yet",
      "Describe a view's columns with spark.table(name).printSchema().",
    );
  }
  return { kind: "describeDetail", path: deltaPath(ctx) };
}

function parseUpdate(ctx: ParseContext, path: string): SqlCommand {
  const { c } = ctx;
  c.expectWord("SET", "Write UPDATE delta.`/path` SET col = value [WHERE ...].");
  const set: Record<string, string> = {};
  do {
    const column = c.identifier("a column name").name;
    c.expectOp("=");
    set[column] = exprText(ctx);
  } while (c.acceptOp(","));
  return { kind: "update", path, set, condition: optionalWhere(ctx) };
}

function parseOptimize(ctx: ParseContext, path: string): SqlCommand {
  const { c } = ctx;
  const where = optionalWhere(ctx);
  if (c.isWord("ZORDER")) {
    c.failAt(
      c.peek(),
      "UNSUPPORTED_SQL_SYNTAX",
      "OPTIMIZE ... ZORDER BY is not supported yet",
      "Run OPTIMIZE without ZORDER BY (bin-packing compaction).",
    );
  }
  return { kind: "optimize", path, where };
}

function parseVacuum(ctx: ParseContext, path: string): SqlCommand {
  const { c } = ctx;
  let retainHours: number | undefined;
  if (c.acceptWord("RETAIN")) {
    const n = c.next();
    if (n.kind !== "number") return c.fail("a number of hours", undefined, n);
    retainHours = Number(n.text.replace(/[a-z]+$/i, ""));
    c.expectWord("HOURS", "Write VACUUM t RETAIN 168 HOURS.");
  }
  const dryRun = c.acceptWord("DRY");
  if (dryRun) c.expectWord("RUN");
  return { kind: "vacuum", path, retainHours, dryRun };
}

function parseRestore(ctx: QueryContext): SqlCommand {
  const { c } = ctx;
  c.acceptWord("TABLE");
  const path = deltaPath(ctx);
  c.expectWord("TO");
  const byVersion = c.acceptWord("VERSION");
  if (!byVersion) c.expectWord("TIMESTAMP", "Write RESTORE TABLE t TO VERSION AS OF n.");
  c.expectWord("AS");
  c.expectWord("OF");
  const t = c.next();
  if (byVersion && t.kind === "number" && /^\d+$/.test(t.text))
    return { kind: "restore", path, version: Number(t.text) };
  if (!byVersion && t.kind === "string") return { kind: "restore", path, timestamp: t.value };
  return c.fail(byVersion ? "a version number" : "a timestamp string", undefined, t);
}

/**
 * Parses one command statement.
 *
 * @example
 * ```ts
 * parseCommand("DELETE FROM delta.`/lake/t` WHERE day < '2024-01-01'", catalog);
 * // { kind: "delete", path: "/lake/t", condition: "day < '2024-01-01'" }
 * ```
 */
export function parseCommand(text: string, catalog: SqlCatalog): SqlCommand {
  const ctx: QueryContext = { ...newContext(text), catalog, ctes: [] };
  const { c } = ctx;
  let command: SqlCommand;
  const ddl = parseDdl(ctx);
  if (ddl !== undefined) command = ddl;
  else if (c.acceptWord("INSERT")) command = parseInsert(ctx);
  else if (c.acceptWord("ALTER"))
    command = parseAlter(ctx, { deltaPath: () => deltaPath(ctx), exprText });
  else if (c.acceptWord("MERGE")) {
    command = parseMerge(ctx, { deltaPath: () => deltaPath(ctx), exprText });
  } else if (c.acceptWord("OPTIMIZE")) command = parseOptimize(ctx, deltaPath(ctx));
  else if (c.acceptWord("VACUUM")) command = parseVacuum(ctx, deltaPath(ctx));
  else if (c.acceptWord("RESTORE")) command = parseRestore(ctx);
  else if (c.acceptWord("DESCRIBE") || c.acceptWord("DESC")) command = parseDescribe(ctx);
  else if (c.acceptWord("DELETE")) {
    c.expectWord("FROM");
    const path = deltaPath(ctx);
    command = { kind: "delete", path, condition: optionalWhere(ctx) };
  } else if (c.acceptWord("UPDATE")) command = parseUpdate(ctx, deltaPath(ctx));
  else {
    const t = c.peek();
    const words = [t, c.peek(1)].map((x) => x.text.toUpperCase()).join(" ");
    return refuse(
      ctx,
      t,
      `The ${words} statement`,
      "spark.sql runs queries, CREATE / REPLACE / DROP TABLE, SHOW TABLES, INSERT, ALTER TABLE ... CONSTRAINT and the Delta commands (MERGE, DELETE, UPDATE, DESCRIBE HISTORY|DETAIL, OPTIMIZE, VACUUM, RESTORE).",
    );
  }
  while (c.acceptOp(";"));
  if (!c.atEnd) c.fail("end of input");
  return command;
}
