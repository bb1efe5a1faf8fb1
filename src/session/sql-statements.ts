/** Small facts about spark.sql statements the session needs before parsing them. */

import type { RelationNode } from "../plan/node.js";
import { LocalRelationNode } from "../plan/relation/local-relation.js";
import { newContext } from "../sql-expr/context.js";
import { StructType } from "../types/data-types.js";
import { keywordOf } from "../types/token-cursor.js";

/** Statements about tables by name that Spark's own catalog answers on the Spark engine. */
const TABLE_STATEMENTS = new Set(["CREATE", "REPLACE", "DROP", "SHOW", "INSERT", "ALTER"]);

export function isTableStatement(text: string): boolean {
  return TABLE_STATEMENTS.has(keywordOf(newContext(text).c.peek()));
}

/** `struct<>` with no rows: Spark's answer to CREATE, INSERT, ALTER and DROP. */
export function emptyPlan(): RelationNode {
  return LocalRelationNode.create(new StructType([]), []);
}
