/**
 * `spark.catalog`: the session's temporary views, the application's global temporary
 * views (`global_temp.name`, shared by every session of this process, as Spark shares them
 * across the sessions of one application) and the Delta tables by name (tables.ts: the
 * warehouse directory, and names created with LOCATION). Names compare case-insensitively.
 *
 * @example
 * ```ts
 * df.createOrReplaceTempView("people");
 * spark.catalog.tableExists("people"); // true
 * spark.catalog.listTables().map((t) => t.name); // ["people"]
 * spark.catalog.dropTempView("people"); // true
 * ```
 */
import { AnalysisError } from "../errors.js";
import type { RelationNode } from "../plan/node.js";
import { DEFAULT_DATABASE, TableCatalog } from "./tables.js";

/** The database global temporary views live in, as Spark's `spark.sql.globalTempDatabase`. */
export const GLOBAL_TEMP_DATABASE = "global_temp";

const globalViews = new Map<string, { name: string; plan: RelationNode }>();

/** A table or view as `listTables` describes it (PySpark's `Table`). */
export interface Table {
  readonly name: string;
  readonly catalog: string | null;
  readonly namespace: readonly string[];
  readonly description: string | null;
  readonly tableType: "TEMPORARY" | "MANAGED" | "EXTERNAL";
  readonly isTemporary: boolean;
}

function alreadyExists(name: string): AnalysisError {
  return new AnalysisError(
    "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
    `Cannot create the temporary view \`${name}\` because it already exists.`,
    { hint: "Use createOrReplaceTempView (or createOrReplaceGlobalTempView) to replace it." },
  );
}

export class Catalog {
  private readonly views = new Map<string, { name: string; plan: RelationNode }>();

  /** @param tables the session's Delta tables by name. */
  constructor(readonly tables: TableCatalog = new TableCatalog(() => "spark-warehouse")) {}

  /** @internal DataFrame.createTempView and friends. */
  registerTempView(name: string, plan: RelationNode, replace: boolean): void {
    const key = name.toLowerCase();
    if (!replace && this.views.has(key)) throw alreadyExists(name);
    this.views.set(key, { name, plan });
  }

  /** @internal DataFrame.createGlobalTempView and friends. */
  registerGlobalTempView(name: string, plan: RelationNode, replace: boolean): void {
    const key = name.toLowerCase();
    if (!replace && globalViews.has(key)) throw alreadyExists(`${GLOBAL_TEMP_DATABASE}.${name}`);
    globalViews.set(key, { name, plan });
  }

  /** The view a (possibly `global_temp.`-qualified) name refers to. */
  lookup(parts: readonly string[]): RelationNode | undefined {
    const [first, second] = parts;
    if (parts.length === 1 && first !== undefined) return this.views.get(first.toLowerCase())?.plan;
    if (parts.length === 2 && first?.toLowerCase() === GLOBAL_TEMP_DATABASE && second !== undefined)
      return globalViews.get(second.toLowerCase())?.plan;
    return undefined;
  }

  /** Every temporary view name, then the global ones qualified. */
  names(): string[] {
    return [
      ...[...this.views.values()].map((v) => v.name),
      ...[...globalViews.values()].map((v) => `${GLOBAL_TEMP_DATABASE}.${v.name}`),
    ];
  }

  /** True when the name (`v`, `global_temp.v`, `t`, `default.t`) is a view or a Delta table. */
  tableExists(name: string): boolean {
    const parts = name.split(".");
    if (this.lookup(parts) !== undefined) return true;
    return (
      TableCatalog.tableName(parts) !== undefined && this.tables.exists(this.tables.resolve(parts))
    );
  }

  /**
   * The tables of the default database and the temporary views (for `global_temp`, the
   * global ones too), sorted by name as Spark lists them.
   */
  listTables(dbName?: string): Table[] {
    const db = dbName?.toLowerCase() ?? DEFAULT_DATABASE;
    const tables =
      db === DEFAULT_DATABASE
        ? this.tables.names().map((name) => {
            const managed = this.tables.resolve([name]).managed;
            return Object.freeze({
              name,
              catalog: "spark_catalog",
              namespace: Object.freeze([DEFAULT_DATABASE]),
              description: null,
              tableType: managed ? "MANAGED" : "EXTERNAL",
              isTemporary: false,
            } as const);
          })
        : [];
    const local = [...this.views.values()].map((v) => table(v.name, []));
    const global =
      dbName?.toLowerCase() === GLOBAL_TEMP_DATABASE
        ? [...globalViews.values()].map((v) => table(v.name, [GLOBAL_TEMP_DATABASE]))
        : [];
    return [...tables, ...global, ...local].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Drops a temporary view; false when there was none. */
  dropTempView(name: string): boolean {
    return this.views.delete(name.toLowerCase());
  }

  /** Drops a global temporary view; false when there was none. */
  dropGlobalTempView(name: string): boolean {
    return globalViews.delete(name.toLowerCase());
  }
}

function table(name: string, namespace: string[]): Table {
  return Object.freeze({
    name,
    catalog: null,
    namespace: Object.freeze(namespace),
    description: null,
    tableType: "TEMPORARY",
    isTemporary: true,
  });
}
