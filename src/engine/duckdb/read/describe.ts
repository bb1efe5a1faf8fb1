/**
 * A source's columns from DuckDB, then — when the user gave a schema — projected and cast to
 * it, so that the DataFrame has exactly the user's schema.
 */
import type { ReadNode } from "../../../plan/relation/read.js";
import type { CompiledRelation } from "../compiler/relation-types.js";
import { NameAllocator, type OutCol } from "../compiler/scope.js";
import { quoteIdent } from "../sql-quote.js";
import type { ReadContext } from "./source.js";

export async function describeSource(
  ctx: ReadContext,
  node: ReadNode,
  sql: string,
): Promise<CompiledRelation> {
  const described = await ctx.db.describe(sql);
  const names = new NameAllocator();
  const columns: OutCol[] = described.map((c) => ({
    name: c.name,
    sqlName: names.allocate(c.name),
    dataType: c.dataType,
    qualifiers: [],
    planIds: [node.planId],
  }));
  const renamed = columns.some((c, i) => c.sqlName !== described[i]?.name);
  if (!renamed) return { sql, columns };
  const list = described
    .map((c, i) => `#${i + 1} AS ${quoteIdent(columns[i]?.sqlName ?? c.name)}`)
    .join(", ");
  return { sql: `SELECT ${list} FROM (${sql})`, columns };
}
