/**
 * `DeltaTable.create(spark)` and friends: delta-spark's DeltaTableBuilder. Each method
 * returns a new builder; `execute()` creates (or replaces) the table in one commit, through
 * the same operation as `CREATE TABLE` in spark.sql, and resolves to the DeltaTable.
 *
 * @example
 * ```ts
 * const events = await DeltaTable.create(spark)
 *   .tableName("events")
 *   .addColumn("ts", "TIMESTAMP", { nullable: false })
 *   .addColumn("day", "DATE", { generatedAlwaysAs: "CAST(ts AS DATE)", comment: "from ts" })
 *   .partitionedBy("day")
 *   .property("delta.appendOnly", "true")
 *   .execute();
 * ```
 */
import { GENERATION_EXPRESSION_KEY } from "../delta/operations/generated-columns.js";
import { IllegalArgumentError } from "../errors.js";
import type { SparkSession } from "../session/session.js";
import type { CreateMode } from "../sql/ddl.js";
import { type DataType, StructField, StructType } from "../types/data-types.js";
import { parseDataType, parseDDLSchema } from "../types/ddl.js";
import { createTable } from "./create-table.js";
import type { DeltaTable } from "./delta-table.js";

export interface ColumnOptions {
  /** Default true. */
  readonly nullable?: boolean;
  /** A Spark SQL expression over the other columns: the column is generated. */
  readonly generatedAlwaysAs?: string;
  readonly comment?: string;
}

interface BuilderState {
  readonly name: string | undefined;
  readonly location: string | undefined;
  readonly columns: readonly StructField[];
  readonly partitionBy: readonly string[];
  readonly properties: Readonly<Record<string, string>>;
  readonly comment: string | undefined;
}

export class DeltaTableBuilder {
  /** @internal use DeltaTable.create / createIfNotExists / replace / createOrReplace. */
  constructor(
    private readonly spark: SparkSession,
    private readonly mode: CreateMode,
    private readonly open: (spark: SparkSession, path: string) => Promise<DeltaTable>,
    private readonly state: BuilderState = {
      name: undefined,
      location: undefined,
      columns: [],
      partitionBy: [],
      properties: {},
      comment: undefined,
    },
  ) {
    Object.freeze(this);
  }

  private with(change: Partial<BuilderState>): DeltaTableBuilder {
    return new DeltaTableBuilder(this.spark, this.mode, this.open, { ...this.state, ...change });
  }

  /** The table's name (`t` or `default.t`), found again by spark.table / spark.sql. */
  tableName(name: string): DeltaTableBuilder {
    return this.with({ name });
  }

  /** The table's directory; with a name too, the table is external. */
  location(path: string): DeltaTableBuilder {
    return this.with({ location: path });
  }

  /** One column: a type (`"BIGINT"` or a DataType) and its options. */
  addColumn(name: string, type: string | DataType, options: ColumnOptions = {}): DeltaTableBuilder {
    const metadata: Record<string, unknown> = {};
    if (options.comment !== undefined) metadata.comment = options.comment;
    if (options.generatedAlwaysAs !== undefined)
      metadata[GENERATION_EXPRESSION_KEY] = options.generatedAlwaysAs;
    const dataType = typeof type === "string" ? parseDataType(type) : type;
    const field = new StructField(name, dataType, options.nullable ?? true, metadata);
    return this.with({ columns: [...this.state.columns, field] });
  }

  /** Several columns: a StructType or a DDL string (`"id BIGINT NOT NULL, name STRING"`). */
  addColumns(schema: StructType | string): DeltaTableBuilder {
    const fields = (typeof schema === "string" ? parseDDLSchema(schema) : schema).fields;
    return this.with({ columns: [...this.state.columns, ...fields] });
  }

  partitionedBy(...columns: string[]): DeltaTableBuilder {
    return this.with({ partitionBy: columns });
  }

  property(key: string, value: string): DeltaTableBuilder {
    return this.with({ properties: { ...this.state.properties, [key]: value } });
  }

  comment(text: string): DeltaTableBuilder {
    return this.with({ comment: text });
  }

  /** Creates the table; resolves to it (to the existing one for createIfNotExists). */
  async execute(): Promise<DeltaTable> {
    const { name, location, columns } = this.state;
    if (name === undefined && location === undefined)
      throw new IllegalArgumentError("The table needs a tableName(...) or a location(...).", {
        hint: 'DeltaTable.create(spark).tableName("events")...execute()',
      });
    const tables = this.spark.catalog.tables;
    const ref = name === undefined ? undefined : tables.resolve(name.split("."));
    const path = location ?? ref?.location ?? "";
    await createTable(this.spark, {
      mode: this.mode,
      displayName: ref === undefined ? `delta.\`${path}\`` : `\`default\`.\`${ref.name}\``,
      location: path,
      columns: columns.length === 0 ? undefined : new StructType(columns),
      partitionBy: this.state.partitionBy,
      properties: this.state.properties,
      comment: this.state.comment,
      query: undefined,
      managed: ref !== undefined && location === undefined,
    });
    if (ref !== undefined && location !== undefined) tables.registerExternal(ref.name, location);
    return this.open(this.spark, path);
  }
}
