/**
 * `df.stat`: Spark's DataFrameStatFunctions. Each one runs an aggregate on the session's engine
 * (so on both engines) and returns plain numbers, or builds a small DataFrame from the result.
 *
 * @example
 * ```ts
 * const r = await df.stat.corr("distance", "delay");
 * const [median, p90] = await df.stat.approxQuantile("delay", [0.5, 0.9], 0);
 * await (await df.stat.crosstab("origin", "carrier")).show();
 * ```
 */
import type { Column } from "../column/column.js";
import * as F from "../column/functions/index.js";
import { IllegalArgumentError } from "../errors.js";
import {
  type DataType,
  isNumeric,
  LongType,
  StringType,
  StructField,
  StructType,
} from "../types/data-types.js";
import { quoteIdentifier } from "../types/sql-string.js";
import type { DataFrame } from "./dataframe.js";
import { freqItems } from "./freq-items.js";

function ref(name: string): Column {
  return F.col(quoteIdentifier(name));
}

/**
 * A column as Spark's corr and cov read it: a double, a null counting as 0 (Spark's
 * StatFunctions reads each row's value with InternalRow.getDouble, which gives 0 for null).
 */
function asSparkStatReads(name: string): Column {
  return F.coalesce(ref(name).cast("double"), F.lit(0.0));
}

function unsupported(what: string, t: DataType): string {
  return `requirement failed: Currently ${what} calculation for columns with dataType ${t.simpleString()} not supported.`;
}

/** Spark's Scala class name of a type, as its messages print it ("StringType"). */
function typeClassName(t: DataType): string {
  const name = t.typeName;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}Type`;
}

/** Spark's corr and cov are NaN where the statistic is undefined (no rows, a constant column). */
function toNumber(v: unknown): number {
  if (v === null || v === undefined) return Number.NaN;
  return Number(v);
}

/** Spark's largest percentile_approx accuracy: with it, a quantile is the exact element. */
const EXACT = 2147483647;

export class DataFrameStatFunctions {
  constructor(private readonly df: DataFrame) {}

  /** Spark's message for a non-numeric column, given the column's name and type. */
  private async requireNumeric(
    cols: readonly string[],
    message: (name: string, type: DataType) => string,
  ): Promise<void> {
    const schema = await this.df.schema;
    for (const name of cols) {
      const field = schema.field(name);
      if (field !== undefined && !isNumeric(field.dataType)) {
        throw new IllegalArgumentError(message(name, field.dataType), {
          hint: `Cast \`${name}\` to a number first.`,
        });
      }
    }
  }

  private async single(agg: Column): Promise<number> {
    const rows = await this.df.agg(agg.alias("v")).collect();
    return toNumber(rows[0]?.v);
  }

  /** Pearson's correlation coefficient of two numeric columns; a null counts as 0, as in Spark. */
  async corr(col1: string, col2: string, method = "pearson"): Promise<number> {
    if (method !== "pearson") {
      throw new IllegalArgumentError(
        `[VALUE_NOT_PEARSON] Value for \`method\` only supports the 'pearson', got '${method}'.`,
      );
    }
    await this.requireNumeric([col1, col2], (_, t) => unsupported("correlation", t));
    return this.single(F.corr(asSparkStatReads(col1), asSparkStatReads(col2)));
  }

  /** The sample covariance of two numeric columns; a null counts as 0, as in Spark. */
  async cov(col1: string, col2: string): Promise<number> {
    await this.requireNumeric([col1, col2], (_, t) => unsupported("covariance", t));
    return this.single(F.covar_samp(asSparkStatReads(col1), asSparkStatReads(col2)));
  }

  /**
   * A contingency table: one row per value of `col1` (as a string, `"null"` for null), in a
   * column named `col1_col2`, then one count column per value of `col2`, sorted as strings.
   * Rows are sorted by their label (Spark leaves them in hash order).
   */
  async crosstab(col1: string, col2: string): Promise<DataFrame> {
    const label = (c: string) => F.coalesce(ref(c).cast("string"), F.lit("null"));
    const counts = await this.df
      .groupBy(label(col1).alias("a"), label(col2).alias("b"))
      .agg(F.count(F.lit(1)).alias("n"))
      .collect();
    const columns = [...new Set(counts.map((r) => String(r.b)))].sort();
    const index = new Map(columns.map((c, i) => [c, i + 1]));
    const table = new Map<string, (string | bigint)[]>();
    for (const r of counts) {
      const key = String(r.a);
      const row = table.get(key) ?? [key, ...columns.map(() => 0n)];
      row[index.get(String(r.b)) ?? 0] = BigInt(r.n as bigint | number);
      table.set(key, row);
    }
    const schema = new StructType([
      new StructField(`${col1}_${col2}`.replaceAll("`", ""), StringType, true),
      ...columns.map((c) => new StructField(c.replaceAll("`", ""), LongType, true)),
    ]);
    const rows = [...table.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return this.df.sparkSession.createDataFrame(
      rows.map(([, r]) => r),
      schema,
    );
  }

  /**
   * Quantiles of numeric columns, nulls and NaN ignored: each is a value of the column whose
   * rank is within `relativeError * count` of the exact rank (0 gives the exact quantile).
   * One column gives an array of numbers, several an array per column; no rows give `[]`.
   */
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
  async approxQuantile(
    cols: string | readonly string[],
    probabilities: readonly number[],
    relativeError: number,
  ): Promise<number[] | number[][]> {
    if (relativeError < 0) {
      throw new IllegalArgumentError(
        `[NEGATIVE_VALUE] Value for \`relativeError\` must be greater than or equal to 0, got '${relativeError}'.`,
      );
    }
    for (const p of probabilities) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentError(
          `requirement failed: percentile should be in the range [0.0, 1.0], but got ${p}.`,
        );
      }
    }
    const names = typeof cols === "string" ? [cols] : cols;
    await this.requireNumeric(
      names,
      (name, t) =>
        `requirement failed: Quantile calculation for column ${name} with data type ${typeClassName(t)} is not supported.`,
    );
    const accuracy = relativeError === 0 ? EXACT : Math.min(EXACT, Math.ceil(1 / relativeError));
    const out = await Promise.all(
      names.map(async (name) => {
        const value = ref(name).cast("double");
        const rows = await this.df
          .filter(value.isNotNull().and(F.isnan(value).not()))
          .agg(F.percentile_approx(value, [...probabilities], accuracy).alias("q"))
          .collect();
        const q = rows[0]?.q;
        return Array.isArray(q) ? q.map((v) => Number(v)) : [];
      }),
    );
    return typeof cols === "string" ? (out[0] ?? []) : out;
  }

  /**
   * Values that may be frequent: each column's values in more than `support` of the rows
   * (default 1%), possibly with false positives, as Spark's one-pass algorithm; one array
   * column `<col>_freqItems` per column, in one row.
   */
  async freqItems(cols: readonly string[], support?: number): Promise<DataFrame> {
    return freqItems(this.df, cols, support);
  }
}
