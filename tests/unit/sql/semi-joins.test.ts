/**
 * WHERE's IN / EXISTS subqueries over a comma FROM: their semi / anti joins go directly on
 * the ordered inner joins, so the engine gets one join graph (DuckDB then moves a
 * selective one down to the relation it reads). Rows are what PySpark 4.0.1 gives.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkSession } from "../../../src/index.js";
import { generatedSql, maxJoinsInOneFrom } from "../../helpers/join-shape.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder().master("local[1]").getOrCreate();
  const view = (rows: unknown[][], schema: string, name: string) =>
    spark.createDataFrame(rows, schema).createOrReplaceTempView(name);
  view(
    [
      [1n, "a"],
      [2n, "b"],
      [3n, "c"],
      [4n, "d"],
    ],
    "ck bigint, name string",
    "c",
  );
  view(
    [
      [10n, 1n, "F"],
      [11n, 1n, "O"],
      [12n, 2n, "F"],
      [13n, 3n, "F"],
      [14n, null, "F"],
    ],
    "ok bigint, ck bigint, st string",
    "o",
  );
  view(
    [
      [10n, 100n, 5],
      [10n, 101n, 7],
      [11n, 100n, 1],
      [12n, 102n, 50],
      [13n, 103n, 2],
      [13n, 103n, 3],
      [14n, 100n, 1],
      [null, 100n, 1],
    ],
    "ok bigint, sk bigint, q int",
    "l",
  );
  view(
    [
      [100n, "x"],
      [101n, "y"],
      [102n, "z"],
      [103n, "w"],
    ],
    "sk bigint, nm string",
    "s",
  );
});
afterAll(async () => {
  await spark.stop();
});

async function run(sql: string): Promise<{ joins: number; rows: unknown[][] }> {
  const df = spark.sql(sql);
  const joins = maxJoinsInOneFrom(generatedSql(await df.explainString("simple")));
  return { joins, rows: (await df.collect()).map((r) => Object.values(r)) };
}

describe("spark.sql semi / anti joins over a comma FROM", () => {
  it("joins an IN subquery with the inner joins (TPC-H q18's shape)", async () => {
    const { joins, rows } = await run(
      "SELECT c.name, o.ok, sum(l.q) AS total FROM c, o, l WHERE o.ok IN (SELECT ok FROM l GROUP BY ok HAVING sum(q) > 10) AND c.ck = o.ck AND o.ok = l.ok GROUP BY c.name, o.ok ORDER BY o.ok",
    );
    expect(joins).toBe(3);
    // PySpark: [('a', 10, 12), ('b', 12, 50)]
    expect(rows).toEqual([
      ["a", 10n, 12n],
      ["b", 12n, 50n],
    ]);
  });

  it("puts correlated EXISTS and NOT EXISTS with a non-equality above the inner joins (TPC-H q21's shape)", async () => {
    const { joins, rows } = await run(
      "SELECT s.nm, count(*) AS n FROM s, l l1, o WHERE s.sk = l1.sk AND o.ok = l1.ok AND o.st = 'F' AND EXISTS (SELECT * FROM l l2 WHERE l2.ok = l1.ok AND l2.sk <> l1.sk) AND NOT EXISTS (SELECT * FROM l l3 WHERE l3.ok = l1.ok AND l3.sk <> l1.sk AND l3.q > 6) GROUP BY s.nm ORDER BY s.nm",
    );
    // The three inner joins' relations share one FROM; each subquery's join (its condition has
    // `<>`) sits above it, after every inner join, as DuckDB's own plan of the text runs them.
    expect(joins).toBe(2);
    // PySpark: [('y', 1)]
    expect(rows).toEqual([["y", 1n]]);
  });

  it("orders two relations when WHERE has a subquery, keeping NOT IN's null rule", async () => {
    const notIn = (where: string) =>
      `SELECT c.name, o.ok FROM c, o WHERE c.ck = o.ck AND o.ok NOT IN (SELECT ok FROM l WHERE ${where}) ORDER BY o.ok`;
    // A null in the subquery makes NOT IN unknown for every row. PySpark: []
    const withNull = await run(notIn("q < 2"));
    // NOT IN's null-aware condition is more than an equality: its anti join stays above.
    expect(withNull.joins).toBe(1);
    expect(withNull.rows).toEqual([]);
    // PySpark: [('a', 10), ('b', 12), ('c', 13)]
    expect((await run(notIn("q < 2 AND ok IS NOT NULL"))).rows).toEqual([
      ["a", 10n],
      ["b", 12n],
      ["c", 13n],
    ]);
  });

  it("keeps SELECT *'s columns in FROM order", async () => {
    const df = spark.sql(
      "SELECT * FROM c, o WHERE c.ck = o.ck AND o.st = 'F' AND c.ck IN (SELECT ck FROM o WHERE st = 'O') ORDER BY o.ok",
    );
    // PySpark: columns ['ck', 'name', 'ok', 'ck', 'st'], rows [(1, 'a', 10, 1, 'F')]
    expect(await df.columns).toEqual(["ck", "name", "ok", "ck", "st"]);
    expect((await df.collect()).map((r) => [r.name, r.ok, r.st])).toEqual([["a", 10n, "F"]]);
  });
});
