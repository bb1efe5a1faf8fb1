/**
 * Tables by name, without a metastore. A name `t` (also `default.t` or
 * `spark_catalog.default.t`) is the Delta table at `<spark.sql.warehouse.dir>/t`, Spark's
 * layout for a managed table (`spark-warehouse/t` by default), so any later session finds
 * it again by its directory. A table created with `LOCATION` is external: its name maps to
 * that location in this session only, as Spark's in-memory catalog keeps it no longer.
 * Names compare case-insensitively; the directory of a managed table is the lower-cased name.
 *
 * @example
 * ```ts
 * await spark.sql("CREATE TABLE events (id BIGINT, day DATE) USING delta");
 * spark.catalog.tableExists("events"); // true: spark-warehouse/events holds a Delta log
 * ```
 */
import { existsSync, readdirSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { AnalysisError } from "../errors.js";
import { joinLocation, schemeOf } from "../storage/location.js";

/** The only database tributary has, as Spark's default one. */
export const DEFAULT_DATABASE = "default";
const SESSION_CATALOG = "spark_catalog";

/** A table name resolved to where its Delta table lives. */
export interface TableRef {
  /** The table name as the user wrote it (unqualified). */
  readonly name: string;
  readonly location: string;
  /** Managed (in the warehouse) or external (created with LOCATION). */
  readonly managed: boolean;
}

function isLocal(location: string): boolean {
  return schemeOf(location) === undefined || schemeOf(location) === "file";
}

function localPath(location: string): string {
  return location.startsWith("file:") ? new URL(location).pathname : location;
}

export class TableCatalog {
  private readonly external = new Map<string, TableRef>();

  /** @param warehouse the session's `spark.sql.warehouse.dir`, read at each use. */
  constructor(private readonly warehouse: () => string) {}

  /** The unqualified name of `parts`, or undefined when they name another catalog or database. */
  static tableName(parts: readonly string[]): string | undefined {
    const lower = parts.map((p) => p.toLowerCase());
    if (parts.length === 1) return parts[0];
    if (parts.length === 2 && lower[0] === DEFAULT_DATABASE) return parts[1];
    if (parts.length === 3 && lower[0] === SESSION_CATALOG && lower[1] === DEFAULT_DATABASE)
      return parts[2];
    return undefined;
  }

  /** Where the table `parts` lives (whether or not it exists yet). */
  resolve(parts: readonly string[]): TableRef {
    const name = TableCatalog.tableName(parts);
    if (name === undefined) {
      throw new AnalysisError(
        "SCHEMA_NOT_FOUND",
        `[SCHEMA_NOT_FOUND] The schema \`${parts.slice(0, -1).join(".")}\` cannot be found.`,
        {
          hint: `tributary has one database, \`${DEFAULT_DATABASE}\`: write the table name alone, or name a path table delta.\`/path\`.`,
          context: { name: parts.join(".") },
        },
      );
    }
    const known = this.external.get(name.toLowerCase());
    if (known !== undefined) return known;
    const root = this.warehouse();
    const base = isLocal(root) && !isAbsolute(localPath(root)) ? resolve(root) : root;
    return { name, location: joinLocation(base, name.toLowerCase()), managed: true };
  }

  /**
   * Whether the table exists: for a local warehouse, a `_delta_log` directory at its location;
   * a table on object storage is taken to exist (its first read says otherwise).
   */
  exists(ref: TableRef): boolean {
    if (!isLocal(ref.location)) return true;
    return existsSync(join(localPath(ref.location), "_delta_log"));
  }

  /** @internal CREATE TABLE ... LOCATION: the name maps to the location for this session. */
  registerExternal(name: string, location: string): void {
    this.external.set(name.toLowerCase(), { name, location, managed: false });
  }

  /** @internal DROP TABLE: forgets an external name (its files stay, as in Spark). */
  forget(name: string): void {
    this.external.delete(name.toLowerCase());
  }

  /** The tables of the session: the external names, then every Delta table in a local warehouse. */
  names(): string[] {
    const names = new Map([...this.external.values()].map((t) => [t.name.toLowerCase(), t.name]));
    const root = this.warehouse();
    const dir = localPath(isLocal(root) ? resolve(localPath(root)) : root);
    if (isLocal(root) && existsSync(dir)) {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && existsSync(join(dir, entry.name, "_delta_log")))
          names.set(entry.name.toLowerCase(), entry.name);
      }
    }
    return [...names.values()].sort();
  }
}
