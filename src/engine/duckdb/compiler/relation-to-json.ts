/**
 * `toJSON()`: the row text of the JSON writer (write/json-text.ts), so both give Spark's
 * JacksonGenerator output: nulls left out, dates and timestamps in the writer's default
 * patterns, in the session time zone.
 */
import type { ToJsonNode } from "../../../plan/relation/to-json.js";
import { StringType } from "../../../types/data-types.js";
import { quoteIdent } from "../sql-quote.js";
import { normalizedSelect } from "../write/index.js";
import { jsonLineSql } from "../write/json-text.js";
import type { CompiledRelation } from "./relation-types.js";

const TEXT = {
  dateFormat: "yyyy-MM-dd",
  timestampFormat: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
  partitionBy: [],
} as const;

export function compileToJson(node: ToJsonNode, input: CompiledRelation): CompiledRelation {
  const fields = input.columns.map((c) => {
    const t = c.dataType?.typeName;
    // Top-level dates and timestamps arrive as text in Spark's patterns.
    const type = t === "date" || t === "timestamp" ? undefined : c.dataType;
    return { name: c.name, sql: `"rows".${quoteIdent(c.name)}`, type };
  });
  const value = `${jsonLineSql(fields, true)} AS "value"`;
  return {
    sql: `SELECT ${value} FROM (${normalizedSelect(input, TEXT)}) AS "rows"`,
    columns: [
      {
        name: "value",
        sqlName: "value",
        dataType: StringType,
        qualifiers: [],
        planIds: [node.planId],
      },
    ],
    typesKnown: true,
  };
}
