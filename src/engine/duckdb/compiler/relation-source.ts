/** In-memory rows (`createDataFrame`) and `spark.range`. */
import type { LocalRelationNode } from "../../../plan/relation/local-relation.js";
import type { RangeNode } from "../../../plan/relation/range.js";
import { LongType } from "../../../types/data-types.js";
import { quoteIdent } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
import { literalSql } from "./literal.js";
import type { CompiledRelation } from "./relation-types.js";
import { NameAllocator, type OutCol } from "./scope.js";

export function compileLocalRelation(node: LocalRelationNode): CompiledRelation {
  const names = new NameAllocator();
  const columns: OutCol[] = node.schema.fields.map((f) => ({
    name: f.name,
    sqlName: names.allocate(f.name),
    dataType: f.dataType,
    qualifiers: [],
    planIds: [node.planId],
  }));
  const casts = node.schema.fields.map(
    (f, i) =>
      `CAST(${quoteIdent(`c${i}`)} AS ${toDuckDBType(f.dataType)}) AS ${quoteIdent(columns[i]?.sqlName ?? f.name)}`,
  );
  if (node.rows.length === 0) {
    const nulls = node.schema.fields.map(
      (f, i) =>
        `CAST(NULL AS ${toDuckDBType(f.dataType)}) AS ${quoteIdent(columns[i]?.sqlName ?? f.name)}`,
    );
    return { sql: `SELECT ${nulls.join(", ") || "NULL AS __no_columns"} WHERE FALSE`, columns };
  }
  const values = node.rows.map(
    (row) =>
      `(${node.schema.fields.map((f, i) => literalSql(row[i] ?? null, f.dataType)).join(", ")})`,
  );
  const colNames = node.schema.fields.map((_, i) => quoteIdent(`c${i}`)).join(", ");
  return {
    sql: `SELECT ${casts.join(", ")} FROM (VALUES ${values.join(", ")}) AS ${quoteIdent(`v${node.planId}`)}(${colNames})`,
    columns,
  };
}

export function compileRange(node: RangeNode): CompiledRelation {
  return {
    sql: `SELECT range AS "id" FROM range(${node.start}, ${node.end}, ${node.step})`,
    columns: [
      { name: "id", sqlName: "id", dataType: LongType, qualifiers: [], planIds: [node.planId] },
    ],
  };
}
