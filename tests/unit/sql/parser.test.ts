/**
 * The Spark SQL query parser: the plan nodes it builds (the DataFrame API's), and errors
 * that name the construct, the token, the line and the position.
 */
import { describe, expect, it } from "vitest";
import type { AnalysisError } from "../../../src/errors.js";
import { childrenOf, type RelationNode } from "../../../src/plan/node.js";
import { LocalRelationNode } from "../../../src/plan/relation/local-relation.js";
import { parseSql, type SqlCatalog } from "../../../src/sql/index.js";
import { parseDDLSchema } from "../../../src/types/ddl.js";

const t = LocalRelationNode.create(parseDDLSchema("a INT, b STRING"), [[1, "x"]]);
const catalog: SqlCatalog = {
  view: (parts) => (parts.length === 1 && parts[0]?.toLowerCase() === "t" ? t : undefined),
  viewNames: () => ["t"],
  dataPath: (p) => p,
};

/** The relation kinds, outermost first, children in parentheses. */
function shape(n: RelationNode): string {
  const kids = n === t ? [] : childrenOf(n);
  const name = n === t ? "t" : n.kind === "join" ? `join:${n.joinType}` : n.kind;
  return kids.length === 0 ? name : `${name}(${kids.map(shape).join(", ")})`;
}

function failure(text: string): AnalysisError {
  try {
    parseSql(text, catalog);
  } catch (e) {
    return e as AnalysisError;
  }
  throw new Error(`expected ${text} to fail`);
}

describe("parseSql plans", () => {
  it.each([
    ["SELECT a FROM t WHERE a > 1", "project(filter(subqueryAlias(t)))"],
    ["SELECT DISTINCT b FROM t", "deduplicate(project(subqueryAlias(t)))"],
    ["SELECT b, count(*) FROM t GROUP BY b", "project(aggregate(subqueryAlias(t)))"],
    [
      "SELECT b FROM t GROUP BY b HAVING count(*) > 1",
      "project(filter(aggregate(subqueryAlias(t))))",
    ],
    ["SELECT b FROM t ORDER BY b LIMIT 2", "limit(sort(project(subqueryAlias(t))))"],
    ["SELECT b FROM t ORDER BY a", "drop(sort(project(subqueryAlias(t))))"],
    ["SELECT a FROM t LIMIT 2 OFFSET 1", "limit(offset(project(subqueryAlias(t))))"],
    [
      "SELECT * FROM t x LEFT SEMI JOIN t y ON x.a = y.a",
      "project(join:left_semi(subqueryAlias(subqueryAlias(t)), subqueryAlias(subqueryAlias(t))))",
    ],
    [
      "SELECT a FROM t UNION ALL SELECT a FROM t",
      "setOp(project(subqueryAlias(t)), project(subqueryAlias(t)))",
    ],
    [
      "SELECT a FROM t UNION SELECT a FROM t",
      "deduplicate(setOp(project(subqueryAlias(t)), project(subqueryAlias(t))))",
    ],
    [
      "WITH c AS (SELECT a FROM t) SELECT * FROM c",
      "project(subqueryAlias(subqueryAlias(project(subqueryAlias(t)))))",
    ],
    ["SELECT * FROM range(3)", "project(range)"],
    ["SELECT * FROM delta.`/data/events` VERSION AS OF 3", "project(read)"],
    ["TABLE t", "subqueryAlias(t)"],
    [
      "SELECT a FROM t x WHERE a > 0 AND b IN (SELECT b FROM t)",
      "project(join:left_semi(filter(subqueryAlias(subqueryAlias(t))), toDF(project(subqueryAlias(t)))))",
    ],
    [
      "SELECT a FROM t x WHERE NOT EXISTS (SELECT 1 FROM t y WHERE y.a = x.a)",
      "project(join:left_anti(subqueryAlias(subqueryAlias(t)), subqueryAlias(subqueryAlias(t))))",
    ],
  ])("%s", (sql, expected) => {
    expect(shape(parseSql(sql, catalog))).toBe(expected);
  });

  it.each([
    ["JOIN", "inner"],
    ["INNER JOIN", "inner"],
    ["LEFT JOIN", "left"],
    ["LEFT OUTER JOIN", "left"],
    ["RIGHT OUTER JOIN", "right"],
    ["FULL JOIN", "full"],
    ["FULL OUTER JOIN", "full"],
    ["LEFT SEMI JOIN", "left_semi"],
    ["SEMI JOIN", "left_semi"],
    ["LEFT ANTI JOIN", "left_anti"],
    ["ANTI JOIN", "left_anti"],
  ])("%s is a %s join", (words, type) => {
    const plan = parseSql(`SELECT * FROM t x ${words} t y ON x.a = y.a`, catalog);
    const join = plan.kind === "project" ? plan.input : plan;
    expect(join.kind === "join" && join.joinType).toBe(type);
  });

  it("reads a delta path table with time travel as a delta read", () => {
    const plan = parseSql("SELECT * FROM delta.`/lake/x` VERSION AS OF 2", catalog);
    const read = plan.kind === "project" ? plan.input : plan;
    expect(read.kind === "read" && [read.format, read.paths, read.options]).toEqual([
      "delta",
      ["/lake/x"],
      { versionAsOf: "2" },
    ]);
  });
});

describe("parseSql errors", () => {
  it("names the token, line and position of a syntax error, as Spark does", () => {
    const e = failure("SELECT a\nFROM t\nWHERE a > > 1");
    expect(e.code).toBe("PARSE_SYNTAX_ERROR");
    expect(e.message).toMatch(/^Syntax error at or near '>' \(line 3, pos 10\)/);
    expect(e.context).toMatchObject({ line: 3, pos: 10, near: ">" });
  });

  it("says end of input when the text stops early", () => {
    const e = failure("SELECT a FROM t WHERE a >");
    expect(e.code).toBe("PARSE_SYNTAX_ERROR");
    expect(e.context).toMatchObject({ line: 1, pos: 25, near: null });
  });

  it("names a trailing comma before FROM, as Spark does", () => {
    const e = failure("SELECT a,\nFROM t");
    expect(e.code).toBe("TRAILING_COMMA_IN_SELECT");
    expect(e.context).toMatchObject({ line: 2, pos: 0 });
  });

  it("refuses a second statement", () => {
    const e = failure("SELECT 1; SELECT 2");
    expect(e.code).toBe("PARSE_SYNTAX_ERROR");
    expect(e.context).toMatchObject({ near: "SELECT", pos: 10 });
  });

  it("accepts trailing semicolons", () => {
    expect(shape(parseSql("SELECT a FROM t;;", catalog))).toBe("project(subqueryAlias(t))");
  });

  it("names a missing view at its position, with the known ones", () => {
    const e = failure("SELECT * FROM nope");
    expect(e.code).toBe("TABLE_OR_VIEW_NOT_FOUND");
    expect(e.message).toContain("`nope`");
    expect(e.context).toMatchObject({ line: 1, pos: 14 });
    expect(e.hint).toContain("Known views: t");
  });

  it("refuses NATURAL with CROSS as Spark's parser does, and with SEMI/ANTI as its analyzer does", () => {
    const e = failure("SELECT * FROM t NATURAL CROSS JOIN t");
    expect(e.code).toBe("INCOMPATIBLE_JOIN_TYPES");
    expect(e.context).toMatchObject({ line: 1, pos: 16 });
    expect(failure("SELECT * FROM t NATURAL LEFT SEMI JOIN t").code).toBe(
      "INCOMPATIBLE_JOIN_TYPES",
    );
  });

  it.each([
    ["GROUPING SETS ((a, b), (a), ())", "grouping_sets", ["a,b", "a", ""]],
    ["a, ROLLUP(b)", "grouping_sets", ["a,b", "a"]],
    ["CUBE(a), GROUPING SETS ((b), ())", "grouping_sets", ["a,b", "a", "b", ""]],
    ["a, b GROUPING SETS ((a), (b, a))", "grouping_sets", ["a", "b,a"]],
    ["ROLLUP(a, b)", "rollup", []],
  ])("plans GROUP BY %s with Spark's grouping sets", (group, type, sets) => {
    let plan = parseSql(`SELECT a, b, count(*) FROM t GROUP BY ${group}`, catalog);
    while (plan.kind !== "aggregate") plan = childrenOf(plan)[0] ?? plan;
    expect(plan.groupType).toBe(type);
    expect(plan.grouping.map((k) => (k.kind === "column" ? k.name : k.kind))).toEqual(["a", "b"]);
    const names = plan.groupingSets.map((s) =>
      s.map((k) => (k.kind === "column" ? k.name : "")).join(","),
    );
    expect(names).toEqual(sets);
  });

  it("refuses DuckDB's own syntax with a parse error", () => {
    expect(failure("SELECT * EXCLUDE (a) FROM t").code).toBe("PARSE_SYNTAX_ERROR");
  });

  it.each([
    ["SELECT a FROM t UNPIVOT ((v, w) FOR n IN ((a, b)))", "UNPIVOT of several value columns"],
    ["SELECT count(*) + (SELECT max(a) FROM t) FROM t", "A scalar subquery in the select list"],
    ["SELECT a IN (SELECT a FROM t) FROM t", "A subquery in the select list"],
    [
      "SELECT a FROM t WHERE a = 1 OR EXISTS (SELECT a FROM t)",
      "A subquery in this position of WHERE",
    ],
    ["WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r", "WITH RECURSIVE"],
    ["DESCRIBE HISTORY t", "DESCRIBE statement"],
    ["MERGE INTO t USING t ON true WHEN MATCHED THEN DELETE", "MERGE statement"],
    ["SELECT * FROM explode(array(1))", "table-valued function explode()"],
    ["SELECT * EXCEPT (a) FROM t", "SELECT * EXCEPT (columns)"],
    ["SELECT a FROM t TABLESAMPLE (BUCKET 1 OUT OF 4)", "TABLESAMPLE (BUCKET x OUT OF y)"],
  ])("refuses %j by name", (sql, what) => {
    const e = failure(sql);
    expect(e.code).toBe("UNSUPPORTED_SQL_SYNTAX");
    expect(e.message).toContain(what);
    expect(e.hint).toBeTruthy();
  });

  it("refuses ORDER BY combined with CLUSTER, DISTRIBUTE or SORT BY, as Spark does", () => {
    for (const sql of [
      "SELECT a FROM t ORDER BY a DISTRIBUTE BY a",
      "SELECT a FROM t CLUSTER BY a SORT BY a",
    ]) {
      expect(failure(sql).code).toBe("UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES");
    }
  });

  it("refuses an undefined named window", () => {
    const e = failure("SELECT sum(a) OVER w FROM t");
    expect(e.code).toBe("MISSING_WINDOW_SPECIFICATION");
  });

  it("refuses an ORDER BY position outside the select list", () => {
    expect(failure("SELECT a FROM t ORDER BY 2").code).toBe("ORDER_BY_POS_OUT_OF_RANGE");
  });
});
