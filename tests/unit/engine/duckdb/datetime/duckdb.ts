/** One in-memory DuckDB per test file, to run generated SQL and read one value back. */
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll } from "vitest";

export interface Db {
  /** The single value of `select <expr>`, as text (NULL as null). */
  text(expr: string): Promise<string | null>;
  /** `<expr>` over a column `s` holding `values`, in order, as text. */
  column(expr: string, values: readonly (string | null)[]): Promise<(string | null)[]>;
  /** `SET TimeZone`: Spark's `spark.sql.session.timeZone`. */
  zone(name: string): Promise<void>;
}

export function useDuckDB(): Db {
  let connection: DuckDBConnection | undefined;
  let instance: DuckDBInstance | undefined;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:");
    connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
  });
  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
  });
  const conn = (): DuckDBConnection => {
    if (connection === undefined) throw new Error("DuckDB not open");
    return connection;
  };
  return {
    async text(expr) {
      const reader = await conn().runAndReadAll(`SELECT CAST(${expr} AS VARCHAR) AS v`);
      const value = reader.getRowsJS()[0]?.[0];
      return value === null || value === undefined ? null : String(value);
    },
    async column(expr, values) {
      const rows = values.map((v, i) => `(${i}, ${v === null ? "NULL" : lit(v)})`).join(", ");
      const reader = await conn().runAndReadAll(
        `SELECT CAST(${expr} AS VARCHAR) AS v FROM (VALUES ${rows}) t(i, s) ORDER BY i`,
      );
      return reader.getRowsJS().map(([v]) => (v === null || v === undefined ? null : String(v)));
    },
    async zone(name) {
      await conn().run(`SET TimeZone = '${name}'`);
    },
  };
}

/** A SQL string literal for test inputs. */
export const lit = (text: string): string => `'${text.replaceAll("'", "''")}'`;
