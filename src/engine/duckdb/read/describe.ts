/**
 * A source's columns as DuckDB describes them, with unique SQL names (DuckDB may return
 * duplicate or case-colliding names; positional references rename them).
 */
import type { ReadNode } from "../../../plan/relation/read.js";
import type { CompiledRelation } from "../compiler/relation-types.js";
import { NameAllocator, type OutCol } from "../compiler/scope.js";
import type { DuckDBSession } from "../connection.js";
import { quoteIdent } from "../sql-quote.js";
import type { ReadContext } from "./source.js";

export async function describeSource(
  ctx: ReadContext,
  node: ReadNode,
  sql: string,
): Promise<CompiledRelation> {
  return describeRelation(ctx.db, node.planId, sql);
}

/** Any SQL (a source, `spark.sql`) as a compiled relation owned by `planId`. */
export async function describeRelation(
  db: DuckDBSession,
  planId: number,
  sql: string,
): Promise<CompiledRelation> {
  const described = await db.describe(sql);
  const names = new NameAllocator();
  const columns: OutCol[] = described.map((c) => ({
    name: c.name,
    sqlName: names.allocate(c.name),
    dataType: c.dataType,
    qualifiers: [],
    planIds: [planId],
  }));
  const renamed = columns.some((c, i) => c.sqlName !== described[i]?.name);
  if (!renamed) return { sql, columns };
  const list = described
    .map((c, i) => `#${i + 1} AS ${quoteIdent(columns[i]?.sqlName ?? c.name)}`)
    .join(", ");
  return { sql: `SELECT ${list} FROM (${sql})`, columns };
}
