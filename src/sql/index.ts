/**
 * Our Spark SQL query parser: `spark.sql(text)` -> the same plan nodes the DataFrame API
 * builds, so a query means the same on every engine and is compiled with the Spark
 * semantics the DataFrame API already has.
 *
 * Contract: the grammar is Spark's (SqlBaseParser.g4, non-ANSI keywords) for queries —
 * SELECT with every clause, joins, set operations, CTEs, VALUES, LATERAL VIEW, named
 * windows; expressions go through `sql-expr/`. Names resolve here against the session's
 * views (`TABLE_OR_VIEW_NOT_FOUND` at parse time); columns resolve when the engine
 * compiles the plan. Anything valid in Spark that we do not plan is refused by name
 * (`UNSUPPORTED_SQL_SYNTAX`), never handed to an engine as raw text.
 */
import type { RelationNode } from "../plan/node.js";
import { newContext } from "../sql-expr/context.js";
import { keywordOf } from "../types/token-cursor.js";
import type { QueryContext, SqlCatalog } from "./context.js";
import { parseQuery, queryAhead } from "./query.js";
import { parseSubquery } from "./subquery.js";

export type { SqlCatalog } from "./context.js";

/** Statements Spark SQL has that spark.sql does not run yet (anything else is a typo). */
const STATEMENTS = new Set(
  "ADD ALTER ANALYZE CACHE CALL CLEAR COMMENT CONVERT CREATE DECLARE DELETE DESC DESCRIBE DROP EXECUTE EXPLAIN FSCK GENERATE INSERT LIST LOAD MERGE MSCK OPTIMIZE REFRESH REORG REPAIR REPLACE RESET RESTORE REVOKE GRANT SET SHOW TRUNCATE UNCACHE UPDATE USE VACUUM".split(
    " ",
  ),
);

/**
 * Parses one Spark SQL statement (trailing semicolons allowed) into a plan.
 *
 * @example
 * ```ts
 * const plan = parseSql("SELECT a, count(*) AS n FROM t GROUP BY a", catalog);
 * ```
 */
export function parseSql(text: string, catalog: SqlCatalog): RelationNode {
  const ctx: QueryContext = {
    ...newContext(text),
    catalog,
    ctes: [],
    subquery: (kind, value) => parseSubquery(ctx, kind, value),
  };
  const { c } = ctx;
  if (!queryAhead(ctx) && !c.isWord("FROM")) {
    const t = c.peek();
    const word = keywordOf(t);
    if (!STATEMENTS.has(word)) return c.fail("a statement such as SELECT");
    return c.failAt(
      t,
      "UNSUPPORTED_SQL_SYNTAX",
      `The ${word} statement is not supported by spark.sql yet`,
      'spark.sql runs queries (SELECT, WITH, VALUES) and, awaited, CREATE / REPLACE / DROP TABLE, SHOW TABLES, INSERT, ALTER TABLE ... CONSTRAINT, MERGE INTO, DELETE FROM, UPDATE, DESCRIBE HISTORY|DETAIL, OPTIMIZE, VACUUM and RESTORE. Use the DataFrame or DeltaTable API for the rest, or spark.sql(text, { dialect: "duckdb" }) for DuckDB\'s own SQL on the embedded engine.',
    );
  }
  const { plan } = parseQuery(ctx);
  while (c.acceptOp(";"));
  if (!c.atEnd) c.fail("end of input");
  return plan;
}
