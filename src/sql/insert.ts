/**
 * `INSERT INTO [TABLE] t [(cols) | BY NAME] query`, `INSERT OVERWRITE [TABLE] t [(cols)] query`
 * and delta-spark's `INSERT INTO t REPLACE WHERE pred query`, where the query is a SELECT,
 * a VALUES list or any other query. Columns match by position (or by the column list, or
 * BY NAME); the write goes through the same Delta write as `df.write.format("delta")`.
 */
import type { RelationNode } from "../plan/node.js";
import { parseExpr } from "../sql-expr/boolean.js";
import { type QueryContext, refuse } from "./context.js";
import { parseNameList } from "./names.js";
import { parseQuery } from "./query.js";
import { parseTableTarget, type TableTarget } from "./table-target.js";

export interface InsertCommand {
  readonly kind: "insert";
  readonly target: TableTarget;
  readonly overwrite: boolean;
  /** `REPLACE WHERE` condition text: only the rows matching it are replaced. */
  readonly replaceWhere: string | undefined;
  /** The listed target columns; undefined: every column, by position (or by name). */
  readonly columns: readonly string[] | undefined;
  readonly byName: boolean;
  readonly query: RelationNode;
}

/** Parses an INSERT statement, the cursor after INSERT. */
export function parseInsert(ctx: QueryContext): InsertCommand {
  const { c } = ctx;
  const overwrite = c.acceptWord("OVERWRITE");
  if (!overwrite) c.expectWord("INTO", "Write INSERT INTO t ... or INSERT OVERWRITE t ...");
  c.acceptWord("TABLE");
  const target = parseTableTarget(ctx, true);
  if (c.isWord("PARTITION") || c.isWord("IF"))
    refuse(
      ctx,
      c.peek(),
      "A PARTITION spec in INSERT",
      "Select the partition columns' values in the query instead, or use INSERT INTO t REPLACE WHERE part = value SELECT ...",
    );
  let replaceWhere: string | undefined;
  let columns: string[] | undefined;
  let byName = false;
  if (!overwrite && c.isWord("REPLACE") && c.isWord("WHERE", 1)) {
    c.next();
    c.next();
    const first = c.peek();
    parseExpr(ctx);
    replaceWhere = c.text.slice(first.start, c.peek().start).trim();
  } else if (c.isWord("BY") && c.isWord("NAME", 1)) {
    c.next();
    c.next();
    byName = true;
  } else if (c.isOp("(") && !c.isWord(["SELECT", "VALUES", "WITH", "FROM", "TABLE"], 1)) {
    columns = parseNameList(ctx, "a column name");
  }
  return {
    kind: "insert",
    target,
    overwrite: overwrite || replaceWhere !== undefined,
    replaceWhere,
    columns,
    byName,
    query: parseQuery(ctx).plan,
  };
}
