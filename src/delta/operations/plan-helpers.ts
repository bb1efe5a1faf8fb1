/** Small plan builders the table operations share. */

import { AliasNode } from "../../plan/expression/alias.js";
import { CallNode } from "../../plan/expression/call.js";
import { CastNode } from "../../plan/expression/cast.js";
import { ColumnRefNode } from "../../plan/expression/column-ref.js";
import { LiteralNode } from "../../plan/expression/literal.js";
import type { ExprNode, RelationNode } from "../../plan/node.js";
import { ReadNode } from "../../plan/relation/read.js";
import type { DataType } from "../../types/data-types.js";
import { quoteIdentifier } from "../../types/sql-string.js";
import type { AddFile } from "../actions/types.js";
import type { Snapshot } from "../snapshot/snapshot.js";

export { FILE_COLUMN, ROW_INDEX_COLUMN } from "../../plan/relation/read.js";

/** A column reference to an exact name (back-quoted, so dots stay part of the name). */
export function colRef(name: string): ColumnRefNode {
  return ColumnRefNode.create(quoteIdentifier(name));
}

export function call(name: string, ...args: ExprNode[]): CallNode {
  return CallNode.create(name, args);
}

export function lit(value: boolean | number | string | null): LiteralNode {
  return LiteralNode.create(value);
}

/**
 * `predicate <=> true`: SQL's unknown counts as "does not match". (Null-safe equality rather
 * than `coalesce`, which not every engine's function table has.)
 */
export function matches(predicate: ExprNode): ExprNode {
  return call("<=>", predicate, lit(true));
}

export function typedNull(type: DataType, name: string): AliasNode {
  return AliasNode.create(CastNode.create(lit(null), type), name);
}

/** A scan of some files of a snapshot, optionally with each row's file path and position. */
export function scanFiles(
  snapshot: Snapshot,
  files: readonly AddFile[],
  withFile: boolean,
  withRowIndex = false,
): RelationNode {
  return ReadNode.deltaFiles(snapshot.tablePath, snapshot.version, {
    files: files.map((f) => f.path),
    withFile,
    withRowIndex,
  });
}
