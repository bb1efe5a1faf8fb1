/**
 * `DataFrame`: an immutable, lazy table. Transformations return a new DataFrame over a new
 * plan node and run nothing; actions (`collect`, `count`, `show`, `write...save`) are async
 * and run the plan on the session's engine.
 *
 * @example
 * ```ts
 * const late = flights
 *   .filter("delay > 15")
 *   .withColumn("day", F.to_date(F.col("date")))
 *   .groupBy("day", "origin")
 *   .agg(F.count("*").alias("flights"), F.avg("delay").alias("avg_delay"))
 *   .orderBy(F.col("flights").desc());
 * await late.show(5);
 * ```
 */
import { nameToExpr, toExpr } from "../coerce/coerce.js";
import { Column, type ColumnOrName } from "../column/column.js";
import type { ReadMetrics, Row } from "../engine/engine.js";
import { AnalysisError, IllegalArgumentError } from "../errors.js";
import { declaredNullability } from "../plan/declared-nullability.js";
import { AliasNode } from "../plan/expression/alias.js";
import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { LiteralNode } from "../plan/expression/literal.js";
import { SortOrderNode } from "../plan/expression/sort-order.js";
import { checkStatistic, DEFAULT_STATISTICS, DESCRIBE_STATISTICS } from "../plan/lower/summary.js";
import { childrenOf as childrenOfRelation, type RelationNode } from "../plan/node.js";
import { DeduplicateNode } from "../plan/relation/deduplicate.js";
import { DropNode } from "../plan/relation/drop.js";
import { FilterNode } from "../plan/relation/filter.js";
import { HintNode } from "../plan/relation/hint.js";
import { JoinNode } from "../plan/relation/join.js";
import { LimitNode } from "../plan/relation/limit.js";
import { OffsetNode } from "../plan/relation/offset.js";
import { ProjectNode } from "../plan/relation/project.js";
import type { ReadNode } from "../plan/relation/read.js";
import { RepartitionNode } from "../plan/relation/repartition.js";
import { SampleNode } from "../plan/relation/sample.js";
import { SetOpNode } from "../plan/relation/set-op.js";
import { SortNode } from "../plan/relation/sort.js";
import { StatSummaryNode } from "../plan/relation/stat-summary.js";
import { SubqueryAliasNode } from "../plan/relation/subquery-alias.js";
import { ToDFNode } from "../plan/relation/to-df.js";
import { ToJsonNode } from "../plan/relation/to-json.js";
import { UnpivotNode } from "../plan/relation/unpivot.js";
import { WithColumnsNode } from "../plan/relation/with-columns.js";
import { WithColumnsRenamedNode } from "../plan/relation/with-columns-renamed.js";
import type { SparkSession } from "../session/session.js";
import { resolvingEngine } from "../sql/resolving-engine.js";
import { parseExpression, parseSelectItem, parseSortItem } from "../sql-expr/index.js";
import { isStreamingPlan, schemaPlan } from "../streaming/plan.js";
import { DataStreamWriter } from "../streaming/writer.js";
import { StructField, StructType } from "../types/data-types.js";
import { treeString } from "../types/tree-string.js";
import { GroupedData } from "./grouped-data.js";
import { parseJoinType } from "./join-type.js";
import { DataFrameNaFunctions, type FillValue, type ReplaceValue } from "./na-functions.js";
import { randomSplit } from "./random-split.js";
import { showString } from "./show.js";
import { DataFrameStatFunctions } from "./stat-functions.js";
import { StorageLevel, setStorageLevel, storageLevelOf } from "./storage-level.js";
import { DataFrameWriter } from "./writer.js";

type Cols = (ColumnOrName | readonly ColumnOrName[])[];

function flat(cols: Cols): ColumnOrName[] {
  return cols.flatMap((c) =>
    Array.isArray(c) ? [...(c as readonly ColumnOrName[])] : [c as ColumnOrName],
  );
}

/** Spark's check on a partition count. */
function positivePartitions(n: number): number {
  if (!Number.isInteger(n) || n <= 0) {
    throw new IllegalArgumentError(
      `requirement failed: Number of partitions (${n}) must be positive.`,
      { hint: "Pass a positive whole number of partitions." },
    );
  }
  return n;
}

function sortKey(c: ColumnOrName): SortOrderNode {
  const e = typeof c === "string" ? parseSortItem(c) : toExpr(c);
  return e.kind === "sortOrder" ? e : SortOrderNode.create(e, "asc");
}

export class DataFrame {
  readonly sparkSession: SparkSession;
  readonly plan: RelationNode;

  constructor(session: SparkSession, plan: RelationNode) {
    this.sparkSession = session;
    this.plan = plan;
    Object.freeze(this);
  }

  private next(plan: RelationNode): DataFrame {
    return new DataFrame(this.sparkSession, plan);
  }

  private get engine() {
    return resolvingEngine(this.sparkSession.engine);
  }

  // ---------------------------------------------------------------- transformations

  /** Projects columns: names, `"*"`, Columns, or arrays of them. */
  select(...cols: Cols): DataFrame {
    return this.next(ProjectNode.create(this.plan, flat(cols).map(toExpr)));
  }

  /** Projects SQL expression text: `selectExpr("upper(name) AS n", "delay * 2")`. */
  selectExpr(...exprs: string[]): DataFrame {
    return this.next(ProjectNode.create(this.plan, exprs.map(parseSelectItem)));
  }

  /** Keeps rows where the condition (a Column or SQL expression text) is true. */
  filter(condition: Column | string): DataFrame {
    const e = typeof condition === "string" ? parseExpression(condition) : condition.expr;
    return this.next(FilterNode.create(this.plan, e));
  }

  /** Alias of {@link filter}. */
  where(condition: Column | string): DataFrame {
    return this.filter(condition);
  }

  /** Adds a column, or replaces the one with this name in place. */
  withColumn(name: string, col: Column): DataFrame {
    return this.withColumns({ [name]: col });
  }

  withColumns(cols: Readonly<Record<string, Column>>): DataFrame {
    const aliases = Object.entries(cols).map(([name, c]) => AliasNode.create(c.expr, name));
    return this.next(WithColumnsNode.create(this.plan, aliases));
  }

  /** Renames a column; a name that does not exist is a no-op, as in Spark. */
  withColumnRenamed(existing: string, newName: string): DataFrame {
    return this.next(WithColumnsRenamedNode.create(this.plan, [[existing, newName]]));
  }

  withColumnsRenamed(renames: Readonly<Record<string, string>>): DataFrame {
    return this.next(WithColumnsRenamedNode.create(this.plan, Object.entries(renames)));
  }

  /** Drops columns by name (names that do not exist are ignored). */
  drop(...cols: ColumnOrName[]): DataFrame {
    const names = cols.map((c) => {
      if (typeof c === "string") return c;
      if (c.expr.kind === "column") return c.expr.name;
      throw new IllegalArgumentError("drop() takes column names or col(...) references.");
    });
    return this.next(DropNode.create(this.plan, names));
  }

  /** Renames every column by position. */
  toDF(...names: string[]): DataFrame {
    return this.next(ToDFNode.create(this.plan, names));
  }

  distinct(): DataFrame {
    return this.next(DeduplicateNode.create(this.plan));
  }

  /** Drops duplicate rows, comparing only `subset` when given (one row per key is kept). */
  dropDuplicates(subset?: readonly string[]): DataFrame {
    return this.next(DeduplicateNode.create(this.plan, subset));
  }

  drop_duplicates(subset?: readonly string[]): DataFrame {
    return this.dropDuplicates(subset);
  }

  groupBy(...cols: Cols): GroupedData<DataFrame> {
    return new GroupedData(this.plan, flat(cols).map(toExpr), "groupby", (p) => this.next(p));
  }

  groupby(...cols: Cols): GroupedData<DataFrame> {
    return this.groupBy(...cols);
  }

  rollup(...cols: Cols): GroupedData<DataFrame> {
    return new GroupedData(this.plan, flat(cols).map(toExpr), "rollup", (p) => this.next(p));
  }

  cube(...cols: Cols): GroupedData<DataFrame> {
    return new GroupedData(this.plan, flat(cols).map(toExpr), "cube", (p) => this.next(p));
  }

  /**
   * Aggregates over several groupings in one pass (Spark 4's `groupingSets`): each set's rows,
   * with the columns outside it null; `cols` are the output key columns (every column a set
   * names must be among them).
   *
   * @example
   * ```ts
   * df.groupingSets([["origin"], ["destination"], []], "origin", "destination").count();
   * ```
   */
  groupingSets(sets: readonly (readonly ColumnOrName[])[], ...cols: Cols): GroupedData<DataFrame> {
    const keys = flat(cols).map(toExpr);
    const ids = new Set(keys.map((k) => JSON.stringify(k)));
    const nodes = sets.map((set) => set.map(toExpr));
    for (const set of nodes) {
      for (const e of set) {
        if (!ids.has(JSON.stringify(e))) {
          throw new IllegalArgumentError(
            "groupingSets: every column of a grouping set must also be one of the grouping columns.",
            { hint: "Pass each column named in a set as a grouping column too." },
          );
        }
      }
    }
    return new GroupedData(this.plan, keys, "grouping_sets", (p) => this.next(p), nodes);
  }

  /** Aggregates the whole DataFrame: `df.agg(F.max("delay"))`. */
  agg(...exprs: (Column | Readonly<Record<string, string>>)[]): DataFrame {
    return this.groupBy().agg(...exprs);
  }

  /**
   * Joins with another DataFrame: `on` is a column name, a list of names (the keys appear
   * once) or a condition; `how` is any of Spark's join type names (default inner).
   */
  join(other: DataFrame, on?: string | readonly string[] | Column, how = "inner"): DataFrame {
    const joinType = parseJoinType(how);
    if (on === undefined)
      return this.next(
        JoinNode.create(this.plan, other.plan, joinType === "inner" ? "cross" : joinType),
      );
    if (typeof on === "string")
      return this.next(JoinNode.create(this.plan, other.plan, joinType, undefined, [on]));
    if (on instanceof Column)
      return this.next(JoinNode.create(this.plan, other.plan, joinType, on.expr));
    return this.next(JoinNode.create(this.plan, other.plan, joinType, undefined, on));
  }

  crossJoin(other: DataFrame): DataFrame {
    return this.next(JoinNode.create(this.plan, other.plan, "cross"));
  }

  /** Sorts by columns (ascending, nulls first, unless the Column says otherwise). */
  orderBy(...cols: Cols): DataFrame {
    return this.next(SortNode.create(this.plan, flat(cols).map(sortKey)));
  }

  sort(...cols: Cols): DataFrame {
    return this.orderBy(...cols);
  }

  limit(n: number): DataFrame {
    return this.next(LimitNode.create(this.plan, n));
  }

  offset(n: number): DataFrame {
    return this.next(OffsetNode.create(this.plan, n));
  }

  /** Rows of both, by column position, duplicates kept (Spark's `union` is SQL's UNION ALL). */
  union(other: DataFrame): DataFrame {
    return this.next(SetOpNode.create(this.plan, other.plan, "union", { isAll: true }));
  }

  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }

  /** Rows of both, matching columns by name; missing columns become nulls when allowed. */
  unionByName(other: DataFrame, allowMissingColumns = false): DataFrame {
    return this.next(
      SetOpNode.create(this.plan, other.plan, "union", {
        isAll: true,
        byName: true,
        allowMissingColumns,
      }),
    );
  }

  intersect(other: DataFrame): DataFrame {
    return this.next(SetOpNode.create(this.plan, other.plan, "intersect", { isAll: false }));
  }

  intersectAll(other: DataFrame): DataFrame {
    return this.next(SetOpNode.create(this.plan, other.plan, "intersect", { isAll: true }));
  }

  /** Distinct rows of this DataFrame not in `other` (SQL EXCEPT DISTINCT). */
  subtract(other: DataFrame): DataFrame {
    return this.next(SetOpNode.create(this.plan, other.plan, "except", { isAll: false }));
  }

  /** Rows of this DataFrame not in `other`, keeping duplicates (SQL EXCEPT ALL). */
  exceptAll(other: DataFrame): DataFrame {
    return this.next(SetOpNode.create(this.plan, other.plan, "except", { isAll: true }));
  }

  /**
   * Spreads the rows over `numPartitions` partitions, by a hash of `cols` when given. Rows are
   * unchanged; on the embedded engine only a write sees it (`repartition(1)` writes one file).
   *
   * @example
   * ```ts
   * df.repartition(8); df.repartition(8, "day"); df.repartition("day");
   * ```
   */
  repartition(numPartitions?: number | ColumnOrName, ...cols: ColumnOrName[]): DataFrame {
    if (typeof numPartitions === "number") {
      const n = positivePartitions(numPartitions);
      return this.next(
        cols.length === 0
          ? RepartitionNode.create(this.plan, "roundRobin", n)
          : RepartitionNode.create(this.plan, "hash", n, cols.map(toExpr)),
      );
    }
    const all = numPartitions === undefined ? cols : [numPartitions, ...cols];
    return this.next(RepartitionNode.create(this.plan, "hash", undefined, all.map(toExpr)));
  }

  /** Partitions by ranges of the sort keys (ascending unless a Column says otherwise). */
  repartitionByRange(numPartitions: number | ColumnOrName, ...cols: ColumnOrName[]): DataFrame {
    const n = typeof numPartitions === "number" ? positivePartitions(numPartitions) : undefined;
    const keys = typeof numPartitions === "number" ? cols : [numPartitions, ...cols];
    if (keys.length === 0) {
      throw new IllegalArgumentError(
        "[CANNOT_BE_EMPTY] At least one partition-by expression must be specified.",
        { hint: "Name the column(s) to range-partition by." },
      );
    }
    return this.next(RepartitionNode.create(this.plan, "range", n, keys.map(sortKey)));
  }

  /**
   * Merges into at most `numPartitions` partitions without a shuffle. Rows are unchanged;
   * `coalesce(1)` before a write gives one file (per partition directory), as in Spark.
   */
  coalesce(numPartitions: number): DataFrame {
    return this.next(
      RepartitionNode.create(this.plan, "coalesce", positivePartitions(numPartitions)),
    );
  }

  /**
   * Sorts each partition on its own (Spark's `sortWithinPartitions`); the embedded engine
   * has one partition, so its rows come out fully sorted.
   */
  sortWithinPartitions(...cols: Cols): DataFrame {
    return this.next(SortNode.create(this.plan, flat(cols).map(sortKey), false));
  }

  /**
   * Advice to the planner (`"broadcast"`, `"merge"`, `"coalesce"`, `"rebalance"`...): Spark
   * uses it, the embedded engine plans on its own; rows are unchanged.
   *
   * @example
   * ```ts
   * people.join(depts.hint("broadcast"), "dept");
   * ```
   */
  hint(name: string, ...parameters: (Column | string | number | boolean)[]): DataFrame {
    const params = parameters.map((p) => (p instanceof Column ? p.expr : LiteralNode.create(p)));
    return this.next(HintNode.create(this.plan, name, params));
  }

  /**
   * Turns columns into rows: per input row, one row per value column with the `ids`, the
   * column's name (in `variableColumnName`) and its value (in `valueColumnName`, of the
   * values' common type). `values` undefined takes every column that is not an id.
   *
   * @example
   * ```ts
   * df.unpivot("name", ["q1", "q2"], "quarter", "sales");
   * ```
   */
  unpivot(
    ids: ColumnOrName | readonly ColumnOrName[],
    values: ColumnOrName | readonly ColumnOrName[] | undefined,
    variableColumnName: string,
    valueColumnName: string,
  ): DataFrame {
    const list = (c: ColumnOrName | readonly ColumnOrName[]) => flat([c]).map(toExpr);
    return this.next(
      UnpivotNode.create(
        this.plan,
        list(ids),
        values === undefined ? undefined : list(values),
        variableColumnName,
        valueColumnName,
      ),
    );
  }

  /** Alias of {@link unpivot}. */
  melt(
    ids: ColumnOrName | readonly ColumnOrName[],
    values: ColumnOrName | readonly ColumnOrName[] | undefined,
    variableColumnName: string,
    valueColumnName: string,
  ): DataFrame {
    return this.unpivot(ids, values, variableColumnName, valueColumnName);
  }

  /** Applies a function `(df) => df`: chains custom transformations as the seed does. */
  transform<A extends unknown[]>(
    fn: (df: DataFrame, ...args: A) => DataFrame,
    ...args: A
  ): DataFrame {
    return fn(this, ...args);
  }

  /** Names this DataFrame so expressions can say `alias.column`. */
  alias(name: string): DataFrame {
    return this.next(SubqueryAliasNode.create(this.plan, name));
  }

  /** A random sample of about `fraction` of the rows. */
  sample(fraction: number, seed?: number): DataFrame {
    return this.next(SampleNode.create(this.plan, fraction, false, seed));
  }

  /**
   * Splits the rows at random by `weights` (normalized to sum 1) as Spark does: the same seed
   * gives Spark's rows for a one-partition input. Async, as it reads the schema (Spark sorts
   * each partition by every orderable column first).
   *
   * @example
   * ```ts
   * const [train, test] = await df.randomSplit([0.8, 0.2], 42);
   * ```
   */
  async randomSplit(
    weights: readonly number[],
    seed: number = Math.floor(Math.random() * 2 ** 31),
  ): Promise<DataFrame[]> {
    return randomSplit(this, weights, seed);
  }

  /** Null handling: `df.na.fill(...)`, `df.na.drop(...)`. */
  get na(): DataFrameNaFunctions<DataFrame> {
    return new DataFrameNaFunctions(this.plan, (p) => this.next(p));
  }

  fillna(
    value: FillValue | Readonly<Record<string, FillValue>>,
    subset?: readonly string[],
  ): DataFrame {
    return this.na.fill(value, subset);
  }

  dropna(how: "any" | "all" = "any", thresh?: number, subset?: readonly string[]): DataFrame {
    return this.na.drop(how, thresh, subset);
  }

  /**
   * Basic statistics (count, mean, stddev, min, max) of the given columns, or of every numeric
   * and string column: a `summary` column, then one string column per input column, as Spark.
   *
   * @example
   * ```ts
   * await df.describe("delay", "origin").show();
   * ```
   */
  describe(...cols: (string | readonly string[])[]): DataFrame {
    const names = cols.flat();
    return this.next(
      StatSummaryNode.create(
        this.plan,
        DESCRIBE_STATISTICS,
        names.length === 0 ? undefined : names,
      ),
    );
  }

  /**
   * Statistics of every numeric and string column: by default count, mean, stddev, min, 25%,
   * 50%, 75%, max; also `count_distinct`, `approx_count_distinct` and any percentile ("33%").
   *
   * @example
   * ```ts
   * await df.summary("count", "min", "33%", "max").show();
   * ```
   */
  summary(...statistics: string[]): DataFrame {
    const chosen = statistics.length === 0 ? DEFAULT_STATISTICS : statistics;
    for (const s of chosen) checkStatistic(s);
    return this.next(StatSummaryNode.create(this.plan, chosen));
  }

  /** Statistics: `await df.stat.corr("a", "b")`, `approxQuantile`, `crosstab`, `cov`. */
  get stat(): DataFrameStatFunctions {
    return new DataFrameStatFunctions(this);
  }

  /** Pearson's correlation of two numeric columns: `await df.corr("distance", "delay")`. */
  async corr(col1: string, col2: string, method = "pearson"): Promise<number> {
    return this.stat.corr(col1, col2, method);
  }

  /** The sample covariance of two numeric columns. */
  async cov(col1: string, col2: string): Promise<number> {
    return this.stat.cov(col1, col2);
  }

  /** A contingency table of two columns (see {@link DataFrameStatFunctions.crosstab}). */
  async crosstab(col1: string, col2: string): Promise<DataFrame> {
    return this.stat.crosstab(col1, col2);
  }

  /** Possibly frequent values of columns (see {@link DataFrameStatFunctions.freqItems}). */
  async freqItems(cols: readonly string[], support?: number): Promise<DataFrame> {
    return this.stat.freqItems(cols, support);
  }

  /** Quantiles of numeric columns: `await df.approxQuantile("delay", [0.5, 0.9], 0)`. */
  approxQuantile(
    col: string,
    probabilities: readonly number[],
    relativeError: number,
  ): Promise<number[]>;
  approxQuantile(
    cols: readonly string[],
    probabilities: readonly number[],
    relativeError: number,
  ): Promise<number[][]>;
  approxQuantile(
    cols: string | readonly string[],
    probabilities: readonly number[],
    relativeError: number,
  ): Promise<number[] | number[][]> {
    return typeof cols === "string"
      ? this.stat.approxQuantile(cols, probabilities, relativeError)
      : this.stat.approxQuantile(cols, probabilities, relativeError);
  }

  /** Replaces values (see {@link DataFrameNaFunctions.replace}): `df.replace("a", "A")`. */
  replace(
    toReplace:
      | ReplaceValue
      | readonly ReplaceValue[]
      | ReadonlyMap<ReplaceValue, ReplaceValue | null>
      | Readonly<Record<string, ReplaceValue | null>>,
    value?: ReplaceValue | null | readonly (ReplaceValue | null)[],
    subset?: string | readonly string[],
  ): DataFrame {
    return this.na.replace(toReplace, value, subset);
  }

  /**
   * Each row as a JSON object in one string column `value` (Scala's `Dataset.toJSON`; PySpark
   * gives the same strings as an RDD): null fields left out, as Spark's JSON writer.
   *
   * @example
   * ```ts
   * const lines = (await df.toJSON().collect()).map((r) => r.value);
   * ```
   */
  toJSON(): DataFrame {
    return this.next(ToJsonNode.create(this.plan));
  }

  /** A column of this DataFrame, pinned to it (disambiguates self-joins). */
  col(name: string): Column {
    const e = nameToExpr(name);
    return new Column(e.kind === "column" ? ColumnRefNode.create(e.name, this.plan.planId) : e);
  }

  // ---------------------------------------------------------------- actions

  /** Every row, as plain objects keyed by column name. */
  async collect(options?: { signal?: AbortSignal }): Promise<Row[]> {
    return this.engine.collect(this.plan, options);
  }

  /** The number of rows. */
  async count(): Promise<number> {
    const rows = await this.engine.collect(this.groupBy().count().plan);
    return Number(rows[0]?.count ?? 0);
  }

  async isEmpty(): Promise<boolean> {
    return (await this.engine.collect(this.limit(1).plan)).length === 0;
  }

  /** The first row, or undefined for an empty DataFrame. */
  async first(): Promise<Row | undefined> {
    return (await this.head(1))[0];
  }

  async head(n = 1): Promise<Row[]> {
    return this.engine.collect(this.limit(n).plan);
  }

  async take(n: number): Promise<Row[]> {
    return this.head(n);
  }

  /** The last `n` rows. */
  async tail(n: number): Promise<Row[]> {
    const rows = await this.collect();
    return rows.slice(Math.max(0, rows.length - n));
  }

  /** Streams rows chunk by chunk, for results larger than memory. */
  async *toLocalIterator(options?: { signal?: AbortSignal }): AsyncGenerator<Row> {
    for await (const chunk of this.engine.stream(this.plan, options)) yield* chunk;
  }

  [Symbol.asyncIterator](): AsyncGenerator<Row> {
    return this.toLocalIterator();
  }

  /** The schema, resolved by the engine, with the nullability a given schema declared. */
  get schema(): Promise<StructType> {
    const declared = declaredNullability(this.plan);
    return this.engine.schema(schemaPlan(this.plan)).then((schema) =>
      declared.size === 0
        ? schema
        : new StructType(
            schema.fields.map((f) => {
              const nullable = declared.get(f.name);
              return nullable === undefined || nullable === f.nullable
                ? f
                : new StructField(f.name, f.dataType, nullable, f.metadata);
            }),
          ),
    );
  }

  get columns(): Promise<string[]> {
    return this.schema.then((s) => s.fieldNames());
  }

  /** `[name, simpleString]` pairs, as PySpark's `dtypes`. */
  get dtypes(): Promise<[string, string][]> {
    return this.schema.then((s) =>
      s.fields.map((f) => [f.name, f.dataType.simpleString()] as [string, string]),
    );
  }

  /** Spark's schema tree, as text. */
  async schemaString(): Promise<string> {
    return treeString(await this.schema);
  }

  async printSchema(): Promise<void> {
    process.stdout.write(await this.schemaString());
  }

  /** The text `show()` prints. */
  async showString(n = 20, truncate: boolean | number = true, vertical = false): Promise<string> {
    const [schema, rows] = await Promise.all([
      this.schema,
      this.engine.collect(this.limit(n + 1).plan),
    ]);
    return showString(schema, rows, {
      numRows: n,
      truncate,
      vertical,
      timeZone: this.sparkSession.timeZone,
    });
  }

  /** Prints the first `n` rows in Spark's table format. */
  async show(n = 20, truncate: boolean | number = true, vertical = false): Promise<void> {
    process.stdout.write(await this.showString(n, truncate, vertical));
  }

  /** The plan and the SQL the engine runs, as text. */
  async explainString(
    mode: "simple" | "extended" | "formatted" | "cost" | "codegen" = "simple",
  ): Promise<string> {
    return this.engine.explain(this.plan, mode);
  }

  async explain(
    mode: "simple" | "extended" | "formatted" | "cost" | "codegen" = "simple",
  ): Promise<void> {
    process.stdout.write(`${await this.explainString(mode)}\n`);
  }

  /** What each read of this DataFrame did in the last action: rows read and rejected. */
  inputMetrics(): ReadMetrics[] {
    const out: ReadMetrics[] = [];
    const visit = (n: RelationNode): void => {
      if (n.kind === "read") {
        const m = this.engine.readMetrics(n as ReadNode);
        if (m !== undefined) out.push(m);
      }
      for (const c of childrenOfRelation(n)) visit(c);
    };
    visit(this.plan);
    return out;
  }

  // ---------------------------------------------------------------- caching

  /**
   * Marks this DataFrame cached (`MEMORY_AND_DISK_DESER`, as Spark) and returns it. Results
   * do not change: the embedded engine recomputes the plan on every action (so `rand()`
   * values are not frozen; {@link localCheckpoint} freezes them), and Spark Connect's
   * persist call is not sent. `storageLevel` and `is_cached` report the mark.
   *
   * @example
   * ```ts
   * const hot = df.cache();
   * hot.is_cached; // true
   * ```
   */
  cache(): DataFrame {
    return this.persist(StorageLevel.MEMORY_AND_DISK_DESER);
  }

  /** {@link cache} with a chosen level (default `MEMORY_AND_DISK_DESER`). */
  persist(level: StorageLevel = StorageLevel.MEMORY_AND_DISK_DESER): DataFrame {
    setStorageLevel(this.plan, level);
    return this;
  }

  /** Removes the {@link cache} mark. */
  unpersist(_blocking = false): DataFrame {
    setStorageLevel(this.plan, undefined);
    return this;
  }

  /** The level {@link cache} / {@link persist} set (`NONE` otherwise). */
  get storageLevel(): StorageLevel {
    return storageLevelOf(this.plan);
  }

  get is_cached(): boolean {
    return !this.storageLevel.equals(StorageLevel.NONE);
  }

  /**
   * Runs the plan once and returns a DataFrame over its rows, held in memory: later actions
   * do not recompute it (`rand()` values stay as they were). Spark truncates the lineage the
   * same way; here the rows live in this process, so use it on data that fits in memory.
   *
   * @example
   * ```ts
   * const frozen = await df.withColumn("r", F.rand()).localCheckpoint();
   * ```
   */
  async localCheckpoint(): Promise<DataFrame> {
    const [schema, rows] = await Promise.all([this.schema, this.collect()]);
    return this.sparkSession.createDataFrame(rows, schema);
  }

  /** {@link localCheckpoint}: no checkpoint directory is written (rows stay in memory). */
  async checkpoint(): Promise<DataFrame> {
    return this.localCheckpoint();
  }

  /** Registers this DataFrame as a temporary view for `spark.sql`. */
  createOrReplaceTempView(name: string): void {
    this.sparkSession.registerTempView(name, this.plan, true);
  }

  createTempView(name: string): void {
    this.sparkSession.registerTempView(name, this.plan, false);
  }

  /** Registers this DataFrame as a global temporary view: `spark.sql("... FROM global_temp.name")`. */
  createGlobalTempView(name: string): void {
    this.sparkSession.catalog.registerGlobalTempView(name, this.plan, false);
  }

  createOrReplaceGlobalTempView(name: string): void {
    this.sparkSession.catalog.registerGlobalTempView(name, this.plan, true);
  }

  /** The writer: `df.write.format("parquet").mode("overwrite").save(path)`. */
  get write(): DataFrameWriter {
    if (this.isStreaming) {
      throw new AnalysisError(
        "CALL_ON_STREAMING_DATASET_UNSUPPORTED",
        "[CALL_ON_STREAMING_DATASET_UNSUPPORTED] The method `write` can not be called on streaming Dataset/DataFrame. SQLSTATE: 42KDE",
        { hint: "Use df.writeStream...start() for a streaming DataFrame." },
      );
    }
    return DataFrameWriter.of(this);
  }

  /** True when this DataFrame reads a `spark.readStream` source. */
  get isStreaming(): boolean {
    return isStreamingPlan(this.plan);
  }

  /** The streaming writer: `df.writeStream.format("delta").option("checkpointLocation", cp).start(path)`. */
  get writeStream(): DataStreamWriter {
    if (!this.isStreaming) {
      throw new AnalysisError(
        "WRITE_STREAM_NOT_ALLOWED",
        "[WRITE_STREAM_NOT_ALLOWED] `writeStream` can be called only on streaming Dataset/DataFrame. SQLSTATE: 42601",
        { hint: "Use df.write for a batch DataFrame; build streaming ones with spark.readStream." },
      );
    }
    return DataStreamWriter.of(this);
  }

  toString(): string {
    return `DataFrame[plan #${this.plan.planId} ${this.plan.kind}]`;
  }
}
