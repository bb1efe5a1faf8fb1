import { describe, expect, it } from "vitest";
import { splitAttribute } from "../../../src/plan/expression/name.js";
import { parseExpression, parseSelectItem, parseSortItem } from "../../../src/sql-expr/index.js";
import { analysisError, render } from "./render.js";

const parse = (text: string) => render(parseExpression(text));
const item = (text: string) => render(parseSelectItem(text));

describe("names", () => {
  it.each([
    ["delay", "delay"],
    ["t.delay", "t.delay"],
    ["a.b.c", "a.b.c"],
    ["`weird col`", "`weird col`"],
    ["`id`", "id"],
    ["t.`a.b`", "t.`a.b`"],
    ["`a``b`", "`a``b`"],
    ["date", "date"],
    ["year + order", "+(year, order)"],
    ["日付", "日付"],
    ["ın = 1", "==(ın, 1)"],
    ["_x1", "_x1"],
    ["1a", "1a"],
  ])("%s -> %s", (text, tree) => {
    expect(parse(text)).toBe(tree);
  });

  it("writes names so Spark's attribute parser splits them back", () => {
    const node = parseExpression("`a.b`.`c``d`.e");
    expect(node.kind === "column" && splitAttribute(node.name)).toEqual(["a.b", "c`d", "e"]);
  });

  it.each([
    ["a[0]", "a[0]"],
    ["m['key']", "m['key']"],
    ["a.b[0].c", "a.b[0]['c']"],
    ["f(x).y", "f(x)['y']"],
    ["(s).f", "s['f']"],
    ["a[b[0]]", "a[b[0]]"],
    ["a::bigint", "cast(a AS bigint)"],
    ["a::array<string>[0]", "cast(a AS array<string>)[0]"],
  ])("postfix %s -> %s", (text, tree) => {
    expect(parse(text)).toBe(tree);
  });
});

describe("function calls", () => {
  it.each([
    ["upper(name)", "upper(name)"],
    ["UPPER(name)", "upper(name)"],
    ["coalesce(a, b, 0)", "coalesce(a, b, 0)"],
    ["current_timestamp()", "current_timestamp()"],
    ["count(*)", "count(*)"],
    ["count(1)", "count(1)"],
    ["count(DISTINCT a)", "count(DISTINCT a)"],
    ["count(distinct a, b)", "count(DISTINCT a, b)"],
    ["count(ALL a)", "count(a)"],
    ["struct(t.*)", "struct(t.*)"],
    ["struct(a AS x, b)", "struct(a AS x, b)"],
    ["(a, b AS y)", "struct(a, b AS y)"],
    ["db.fn(a)", "db.fn(a)"],
    ["`my fn`(a)", "`my fn`(a)"],
    ["if(a > 0, 'pos', 'neg')", "if(>(a, 0), 'pos', 'neg')"],
    ["left(s, 2)", "left(s, 2)"],
    ["like(name, 'a%')", "like(name, 'a%')"],
    ["regexp_like(name, '^a')", "regexp_like(name, '^a')"],
    ["not(a)", "not(a)"],
    ["current_date", "current_date()"],
    ["CURRENT_TIMESTAMP", "current_timestamp()"],
    ["first(x IGNORE NULLS)", "first(x, true)"],
    ["last(x) IGNORE NULLS", "last(x, true)"],
    ["first_value(x) RESPECT NULLS", "first_value(x)"],
    ["nth_value(x, 2) IGNORE NULLS", "nth_value(x, 2, true)"],
  ])("%s -> %s", (text, tree) => {
    expect(parse(text)).toBe(tree);
  });
});

describe("keyword forms", () => {
  it.each([
    [
      "CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END",
      "when(>(a, 1), 'big', >(a, 0), 'small', 'none')",
    ],
    ["case when a then 1 end", "when(a, 1)"],
    ["CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", "when(==(x, 1), 'one', ==(x, 2), 'two')"],
    ["CASE x + 1 WHEN 1 THEN 0 ELSE 1 END", "when(==(+(x, 1), 1), 0, 1)"],
    ["CAST(a AS INT)", "cast(a AS int)"],
    ["cast(a as decimal(10,2))", "cast(a AS decimal(10,2))"],
    ["CAST(a AS varchar(5))", "cast(a AS string)"],
    ["CAST(a AS map<string, array<int>>)", "cast(a AS map<string,array<int>>)"],
    ["TRY_CAST(a AS DATE)", "try_cast(a AS date)"],
    ["EXTRACT(YEAR FROM ts)", "extract('YEAR', ts)"],
    ["SUBSTRING(s FROM 2 FOR 3)", "substring(s, 2, 3)"],
    ["substring(s, 2, 3)", "substring(s, 2, 3)"],
    ["substr(s FROM 2)", "substr(s, 2)"],
    ["TRIM(s)", "trim(s)"],
    ["TRIM(BOTH 'x' FROM s)", "trim('x', s)"],
    ["TRIM(LEADING FROM s)", "ltrim(s)"],
    ["trim(trailing '.' from s)", "rtrim('.', s)"],
    ["POSITION('a' IN s)", "position('a', s)"],
    ["position('a', s, 2)", "position('a', s, 2)"],
    ["OVERLAY(s PLACING 'ab' FROM 2 FOR 1)", "overlay(s, 'ab', 2, 1)"],
  ])("%s -> %s", (text, tree) => {
    expect(parse(text)).toBe(tree);
  });
});

describe("lambdas", () => {
  it.each([
    ["transform(arr, x -> x + 1)", "transform(arr, (x) -> +($x, 1))"],
    ["aggregate(arr, 0, (acc, x) -> acc + x)", "aggregate(arr, 0, (acc, x) -> +($acc, $x))"],
    ["filter(arr, x -> x.price > limit)", "filter(arr, (x) -> >($x['price'], limit))"],
    [
      "transform(a, x -> transform(x, y -> x + y))",
      "transform(a, (x) -> transform($x, (y) -> +($x, $y)))",
    ],
    ["exists(arr, X -> x IS NULL)", "exists(arr, (X) -> isnull($X))"],
    ["transform(arr, x -> x) + x", "+(transform(arr, (x) -> $x), x)"],
  ])("%s -> %s", (text, tree) => {
    expect(parse(text)).toBe(tree);
  });
});

describe("windows", () => {
  it.each([
    ["row_number() OVER (ORDER BY a)", "row_number() over(partition[] order[a asc nulls first])"],
    [
      "rank() OVER (PARTITION BY a, b ORDER BY c DESC)",
      "rank() over(partition[a, b] order[c desc nulls last])",
    ],
    ["sum(x) OVER ()", "sum(x) over(partition[] order[])"],
    [
      "sum(x) OVER (PARTITION BY a ORDER BY b DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
      "sum(x) over(partition[a] order[b desc nulls last] rows(unboundedPreceding, currentRow))",
    ],
    [
      "avg(x) OVER (ORDER BY t RANGE BETWEEN 3 PRECEDING AND 2 FOLLOWING)",
      "avg(x) over(partition[] order[t asc nulls first] range(-3, 2))",
    ],
    [
      "sum(x) OVER (ORDER BY t ROWS 2 PRECEDING)",
      "sum(x) over(partition[] order[t asc nulls first] rows(-2, currentRow))",
    ],
    [
      "max(x) OVER (DISTRIBUTE BY a SORT BY b NULLS LAST)",
      "max(x) over(partition[a] order[b asc nulls last])",
    ],
    ["max(x) OVER (CLUSTER BY a)", "max(x) over(partition[a] order[a asc nulls first])"],
    [
      "lag(x) IGNORE NULLS OVER (ORDER BY t)",
      "lag(x, 1, NULL, true) over(partition[] order[t asc nulls first])",
    ],
    ["count(DISTINCT a) OVER (PARTITION BY b)", "count(DISTINCT a) over(partition[b] order[])"],
    ["x - lag(x) OVER (ORDER BY t)", "-(x, lag(x) over(partition[] order[t asc nulls first]))"],
  ])("%s -> %s", (text, tree) => {
    expect(parse(text)).toBe(tree);
  });
});

describe("parseSelectItem", () => {
  it.each([
    ["upper(name) AS n", "upper(name) AS n"],
    ["upper(name) n", "upper(name) AS n"],
    ["delay * 2 AS `double delay`", "*(delay, 2) AS double delay"],
    ["a AS select", "a AS select"],
    ["*", "*"],
    ["t.*", "t.*"],
    ["a.b.*", "a.b.*"],
    ["`my t`.*", "`my t`.*"],
    ["count(*) AS n", "count(*) AS n"],
  ])("%s -> %s", (text, tree) => {
    expect(item(text)).toBe(tree);
  });

  it("rejects an alias on a star and a multi-name alias", () => {
    expect(analysisError(() => parseSelectItem("* AS x")).message).toContain(
      "A star (*) cannot have an alias",
    );
    expect(analysisError(() => parseSelectItem("explode(m) AS (k, v)")).code).toBe(
      "UNSUPPORTED_SQL_SYNTAX",
    );
  });

  it("does not accept an alias in parseExpression", () => {
    expect(analysisError(() => parseExpression("a AS b")).code).toBe("PARSE_SYNTAX_ERROR");
  });
});

describe("parseSortItem", () => {
  it.each([
    ["delay", "delay asc nulls first"],
    ["delay ASC", "delay asc nulls first"],
    ["delay DESC", "delay desc nulls last"],
    ["delay DESC NULLS FIRST", "delay desc nulls first"],
    ["delay asc nulls last", "delay asc nulls last"],
    ["a + b DESC", "+(a, b) desc nulls last"],
  ])("%s -> %s", (text, tree) => {
    expect(render(parseSortItem(text))).toBe(tree);
  });

  it("rejects NULLS without FIRST or LAST", () => {
    expect(analysisError(() => parseSortItem("a NULLS")).message).toContain("expected LAST");
  });
});
