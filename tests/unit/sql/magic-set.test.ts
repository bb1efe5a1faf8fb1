/**
 * Decorrelated scalar subqueries restricted to the outer keys (src/sql/magic-set.ts): the
 * inner aggregate reads only rows whose keys the outer relation holding them can give,
 * and the answers stay PySpark 4.0.1's (each expected row below is what it returned for
 * the same query over the same views).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkSession } from "../../../src/index.js";

let spark: SparkSession;

beforeAll(async () => {
  spark = await SparkSession.builder()
    .master("local[1]")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate();
  spark
    .createDataFrame(
      [
        [1, "Ann", "eng", 120, null],
        [2, "Bob", "eng", 100, 1],
        [3, "Cid", "ops", 90, 1],
        [4, "Dee", "ops", 95, 3],
        [5, "Eve", "sales", 80, 1],
        [6, "Fay", null, 70, 5],
      ],
      "id INT, name STRING, dept STRING, salary INT, mgr INT",
    )
    .createOrReplaceTempView("emp");
  spark
    .createDataFrame(
      [
        ["eng", "Paris", 1000],
        ["ops", "Lyon", 500],
        ["hr", "Nice", 200],
        [null, "Nowhere", 0],
      ],
      "dept STRING, city STRING, budget INT",
    )
    .createOrReplaceTempView("dept");
  spark
    .createDataFrame(
      [
        ["1", "a"],
        ["07", "b"],
        ["6", "c"],
        ["3", "d"],
      ],
      "label STRING, tag STRING",
    )
    .createOrReplaceTempView("labels");
});

afterAll(async () => {
  await spark.stop();
});

async function run(sql: string): Promise<{ rows: unknown[][]; generated: string }> {
  const df = spark.sql(sql);
  const rows = (await df.collect()).map((r) => Object.values(r));
  const explained = await df.explainString("simple");
  const generated = explained.split("== Physical Plan ==")[0] ?? "";
  return { rows, generated };
}

const semiJoins = (sql: string) => sql.split("SEMI JOIN").length - 1;

describe("a correlated scalar subquery over a filtered outer relation", () => {
  it("aggregates only the looked-up keys, count over no rows still 0 (null key too)", async () => {
    const { rows, generated } = await run(
      "SELECT d.dept, (SELECT count(*) FROM emp WHERE emp.dept = d.dept) AS n FROM dept d WHERE d.city IN ('Lyon', 'Nice', 'Nowhere') ORDER BY d.city",
    );
    expect(rows).toEqual([
      ["ops", 2n],
      ["hr", 0n],
      [null, 0n],
    ]);
    expect(semiJoins(generated)).toBe(1);
  });

  it("takes the keys from the one joined relation that holds them, filtered by its own conditions (TPC-H q17's shape)", async () => {
    const { rows, generated } = await run(
      "SELECT e.id FROM emp e, dept d WHERE e.dept = d.dept AND d.city LIKE 'L%' AND e.salary < (SELECT 1.1 * avg(salary) FROM emp i WHERE i.dept = d.dept) ORDER BY e.id",
    );
    expect(rows).toEqual([[3], [4]]);
    expect(semiJoins(generated)).toBe(1);
    expect(generated).toMatch(/SEMI JOIN \(SELECT .* WHERE .*"city".*'L%'/);
  });

  it("restricts on every key of a multi-column correlation, beside the subquery's own filter", async () => {
    const { rows, generated } = await run(
      "SELECT e.id FROM emp e WHERE e.mgr IN (1, 3) AND e.salary = (SELECT max(i.salary) FROM emp i WHERE i.dept = e.dept AND i.mgr = e.mgr AND i.id < 6) ORDER BY e.id",
    );
    expect(rows).toEqual([[2], [3], [4], [5]]);
    expect(semiJoins(generated)).toBe(1);
  });

  it("keeps an inner column that shares the outer key's name unambiguous", async () => {
    const { rows, generated } = await run(
      "SELECT id FROM emp e WHERE (dept = 'eng' OR dept = 'ops') AND salary >= (SELECT avg(salary) FROM emp WHERE dept = e.dept) ORDER BY id",
    );
    expect(rows).toEqual([[1], [4]]);
    expect(semiJoins(generated)).toBe(1);
  });

  it("leaves a nondeterministic outer condition out of the key set", async () => {
    const { rows, generated } = await run(
      "SELECT d.city, (SELECT count_if(salary > 90) FROM emp WHERE emp.dept = d.dept) AS n FROM dept d WHERE rand() >= 0 AND d.city IN ('Lyon', 'Nice', 'Nowhere') ORDER BY d.city",
    );
    expect(rows).toEqual([
      ["Lyon", 1n],
      ["Nice", 0n],
      ["Nowhere", 0n],
    ]);
    expect(semiJoins(generated)).toBe(1);
    expect(generated.split("random()").length - 1).toBe(1);
  });

  it("restricts each of two subqueries over the same outer relation", async () => {
    const { rows, generated } = await run(
      "SELECT d.city, (SELECT sum(salary) FROM emp WHERE emp.dept = d.dept) AS s, (SELECT count(*) FROM emp WHERE emp.dept = d.dept AND salary > 90) AS n FROM dept d WHERE d.city IN ('Lyon', 'Paris') ORDER BY d.city",
    );
    expect(rows).toEqual([
      ["Lyon", 185n, 1n],
      ["Paris", 220n, 2n],
    ]);
    expect(semiJoins(generated)).toBe(2);
  });

  it("compares keys of different types as the lookup does (string outer key, integer inner key)", async () => {
    const first = await run(
      "SELECT t.label, (SELECT max(salary) FROM emp WHERE emp.id = t.label) AS top FROM labels t WHERE t.tag IN ('a', 'b', 'c') ORDER BY t.label",
    );
    expect(first.rows).toEqual([
      ["07", null],
      ["1", 120],
      ["6", 70],
    ]);
    expect(semiJoins(first.generated)).toBe(1);
    const second = await run(
      "SELECT t.label, (SELECT count(*) FROM emp WHERE emp.mgr = t.label) AS n FROM labels t WHERE t.tag <=> 'a' OR t.tag = 'b' ORDER BY t.label",
    );
    expect(second.rows).toEqual([
      ["07", 0n],
      ["1", 3n],
    ]);
    expect(semiJoins(second.generated)).toBe(1);
  });

  it("narrows the keys by an IN subquery that is a selective filter of one source (TPC-H q20's shape)", async () => {
    const { rows, generated } = await run(
      "SELECT e.id FROM emp e WHERE e.dept IN (SELECT d.dept FROM dept d WHERE d.city LIKE 'L%') AND e.salary >= (SELECT avg(i.salary) FROM emp i WHERE i.dept = e.dept) ORDER BY e.id",
    );
    expect(rows).toEqual([[4]]);
    // the IN itself, the restriction to the keys, and the IN again inside the key set
    expect(semiJoins(generated)).toBe(3);
  });

  it("narrows the keys of a relation used three times (outer, IN subquery, aggregate)", async () => {
    const { rows, generated } = await run(
      "SELECT e.id, (SELECT count(*) FROM emp i WHERE i.mgr = e.id) AS reports FROM emp e WHERE e.id IN (SELECT m.mgr FROM emp m WHERE m.dept = 'ops') ORDER BY e.id",
    );
    expect(rows).toEqual([
      [1, 3n],
      [3, 1n],
    ]);
    expect(semiJoins(generated)).toBe(3);
  });

  it("does not narrow by an IN subquery that gives other rows each time (rand)", async () => {
    const { rows, generated } = await run(
      "SELECT e.id FROM emp e WHERE e.dept IN (SELECT d.dept FROM dept d WHERE d.city LIKE 'L%' AND rand() >= 0) AND e.salary >= (SELECT avg(i.salary) FROM emp i WHERE i.dept = e.dept) ORDER BY e.id",
    );
    expect(rows).toEqual([[4]]);
    expect(semiJoins(generated)).toBe(1);
  });

  it("does not narrow by an IN subquery without a selective filter", async () => {
    const { rows, generated } = await run(
      "SELECT e.id FROM emp e WHERE e.dept IN (SELECT d.dept FROM dept d) AND e.salary >= (SELECT avg(i.salary) FROM emp i WHERE i.dept = e.dept) ORDER BY e.id",
    );
    expect(rows).toEqual([[1], [4]]);
    expect(semiJoins(generated)).toBe(1);
  });

  it("is left out when only a range restricts the keys (it may keep nearly every row)", async () => {
    const { rows, generated } = await run(
      "SELECT d.dept, (SELECT max(salary) FROM emp WHERE emp.dept = d.dept) AS top FROM dept d WHERE d.budget < 900 ORDER BY d.city",
    );
    expect(rows).toEqual([
      ["ops", 95],
      ["hr", null],
      [null, null],
    ]);
    expect(semiJoins(generated)).toBe(0);
  });

  it("is left out when no outer condition restricts the keys", async () => {
    const { rows, generated } = await run(
      "SELECT d.dept, (SELECT max(salary) FROM emp WHERE emp.dept = d.dept) AS top FROM dept d ORDER BY d.city",
    );
    expect(rows).toEqual([
      ["ops", 95],
      ["hr", null],
      [null, null],
      ["eng", 120],
    ]);
    expect(semiJoins(generated)).toBe(0);
  });
});
