/**
 * What the query parser carries besides the expression parser's state: the names a FROM
 * clause can reach (temporary views, global_temp views, path tables) and the CTEs in scope.
 */
import type { RelationNode } from "../plan/node.js";
import type { ParseContext } from "../sql-expr/context.js";
import type { Token } from "../types/sql-lexer.js";

/** The relations `spark.sql` can name, as the session knows them. */
export interface SqlCatalog {
  /** A temporary view by its name parts (`v`, `global_temp.v`), or undefined. */
  view(parts: readonly string[]): RelationNode | undefined;
  /** The names a user could have meant, for the error hint. */
  viewNames(): string[];
  /** The engine's spelling of a data path (`delta.\`/p\``), as DataFrameReader.load does. */
  dataPath(path: string): string;
  /** A table name (`t`, `default.t`) -> its Delta table; absent: statements name paths only. */
  table?(parts: readonly string[]): SqlTable;
}

/** A named table as the session's table catalog resolves it (src/session/tables.ts). */
export interface SqlTable {
  readonly name: string;
  /** The table's directory, as the user's paths are written. */
  readonly location: string;
  /** In the warehouse (dropping it deletes its files) or external (created with LOCATION). */
  readonly managed: boolean;
  readonly exists: boolean;
}

export interface QueryContext extends ParseContext {
  readonly catalog: SqlCatalog;
  /** WITH clauses in scope, innermost last; names keyed lower-case. */
  readonly ctes: Map<string, RelationNode>[];
}

/**
 * Words that end a select item, a table reference or a clause, so they are never taken
 * as an implicit alias (`SELECT a b FROM t` aliases `b`; `SELECT a FROM t WHERE` does not).
 */
export const CLAUSE_WORDS = new Set([
  "FROM",
  "WHERE",
  "GROUP",
  "HAVING",
  "ORDER",
  "SORT",
  "CLUSTER",
  "DISTRIBUTE",
  "LIMIT",
  "OFFSET",
  "UNION",
  "INTERSECT",
  "EXCEPT",
  "MINUS",
  "WINDOW",
  "LATERAL",
  "JOIN",
  "INNER",
  "LEFT",
  "RIGHT",
  "FULL",
  "CROSS",
  "NATURAL",
  "SEMI",
  "ANTI",
  "ON",
  "USING",
  "PIVOT",
  "UNPIVOT",
  "TABLESAMPLE",
  "AS",
  "SELECT",
  "WITH",
  "VERSION",
  "TIMESTAMP",
  "FOR",
]);

/** Valid Spark SQL that spark.sql does not plan yet: refused by name, never run as raw text. */
export function refuse(ctx: QueryContext, token: Token, what: string, hint: string): never {
  return ctx.c.failAt(
    token,
    "UNSUPPORTED_SQL_SYNTAX",
    `${what} is not supported by spark.sql yet`,
    hint,
  );
}
