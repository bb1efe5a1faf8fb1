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

/** These option names are understood by the engines' Delta readers (internal, not user options). */
export const FILES_OPTION = "__tributary_files";
export const WITH_FILE_OPTION = "__tributary_with_file";
/** Internal reader option: add a column `__tributary_row` holding each row's position in its file. */
export const WITH_ROW_INDEX_OPTION = "__tributary_with_row_index";
export const ROW_INDEX_COLUMN = "__tributary_row";
export const FILE_COLUMN = "__tributary_file";

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

/** A scan of some files of a snapshot, optionally with each row's file path. */
export function scanFiles(
  snapshot: Snapshot,
  files: readonly AddFile[],
  withFile: boolean,
  withRowIndex = false,
): RelationNode {
  return ReadNode.create("delta", [snapshot.tablePath], {
    versionAsOf: String(snapshot.version),
    [FILES_OPTION]: JSON.stringify(files.map((f) => f.path)),
    ...(withFile ? { [WITH_FILE_OPTION]: "true" } : {}),
    ...(withRowIndex ? { [WITH_ROW_INDEX_OPTION]: "true" } : {}),
  });
}
