/**
 * The Delta table a statement acts on: a path table (`` delta.`/lake/t` ``) or a table name
 * (`t`, `default.t`) that the session's table catalog maps to a directory.
 */
import type { QueryContext, SqlTable } from "./context.js";
import { parseMultipartName } from "./names.js";

export interface TableTarget {
  /** The table's directory, as written (DeltaTable.forPath maps it for the engine). */
  readonly path: string;
  /** The name, for a named table; undefined for a path table. */
  readonly name: string | undefined;
  readonly managed: boolean;
  readonly exists: boolean;
}

/**
 * Parses a table reference. With `mustExist`, a name that holds no table fails as Spark's
 * TABLE_OR_VIEW_NOT_FOUND (a path table is checked when its command opens it).
 */
export function parseTableTarget(ctx: QueryContext, mustExist: boolean): TableTarget {
  const { c } = ctx;
  const start = c.peek();
  const parts = parseMultipartName(ctx, "a table name, or a Delta table such as delta.`/path`");
  const [format, path] = parts;
  if (parts.length === 2 && path?.quoted && format?.name.toLowerCase() === "delta")
    return { path: path.name, name: undefined, managed: false, exists: true };
  const name = parts.map((p) => p.name).join(".");
  const lookup = ctx.catalog.table;
  if (lookup === undefined)
    return c.failAt(
      start,
      "UNSUPPORTED_SQL_SYNTAX",
      `The table name ${name} cannot be resolved here`,
      "Name a path table: delta.`/path/to/table`.",
    );
  const table: SqlTable = lookup(parts.map((p) => p.name));
  if (mustExist && !table.exists)
    return c.failAt(
      start,
      "TABLE_OR_VIEW_NOT_FOUND",
      `[TABLE_OR_VIEW_NOT_FOUND] The table or view \`${name}\` cannot be found`,
      `Create it first (CREATE TABLE ${name} (...) USING delta), or name a path table delta.\`/path\`.`,
    );
  return {
    path: table.location,
    name: table.name,
    managed: table.managed,
    exists: table.exists,
  };
}
