import { describe, expect, it } from "vitest";
import { parseExpression } from "../../../src/sql-expr/index.js";
import { render } from "./render.js";

const parse = (text: string) => render(parseExpression(text));

describe("predicates", () => {
  it.each([
    ["a IS NULL", "isnull(a)"],
    ["a IS NOT NULL", "isnotnull(a)"],
    ["a is not null", "isnotnull(a)"],
    ["a IS UNKNOWN", "isnull(a)"],
    ["a IS TRUE", "<=>(a, true)"],
    ["a IS NOT TRUE", "not(<=>(a, true))"],
    ["a IS FALSE", "<=>(a, false)"],
    ["a IS NOT FALSE", "not(<=>(a, false))"],
    ["a IS DISTINCT FROM b", "not(<=>(a, b))"],
    ["a IS NOT DISTINCT FROM b", "<=>(a, b)"],
    ["a IN (1, 'x', b)", "in(a, 1, 'x', b)"],
    ["a NOT IN (1, 2)", "not(in(a, 1, 2))"],
    ["a BETWEEN 1 AND 10", "and(>=(a, 1), <=(a, 10))"],
    ["a NOT BETWEEN 1 AND 10", "not(and(>=(a, 1), <=(a, 10)))"],
    ["name LIKE 'A%'", "like(name, 'A%')"],
    ["name NOT LIKE 'A%'", "not(like(name, 'A%'))"],
    ["name ILIKE 'a%'", "ilike(name, 'a%')"],
    ["name NOT ILIKE 'a%'", "not(ilike(name, 'a%'))"],
    ["name LIKE 'a!%' ESCAPE '!'", "like(name, 'a!%', '!')"],
    ["name RLIKE '^a.*'", "rlike(name, '^a.*')"],
    ["name REGEXP '^a'", "rlike(name, '^a')"],
    ["name NOT RLIKE '^a'", "not(rlike(name, '^a'))"],
    ["name LIKE ANY ('a%', 'b%')", "or(like(name, 'a%'), like(name, 'b%'))"],
    ["name LIKE SOME ('a%')", "like(name, 'a%')"],
    ["name LIKE ALL ('a%', '%z')", "and(like(name, 'a%'), like(name, '%z'))"],
    ["name NOT LIKE ANY ('a%', 'b%')", "or(not(like(name, 'a%')), not(like(name, 'b%')))"],
    ["name NOT LIKE ALL ('a%', 'b%')", "and(not(like(name, 'a%')), not(like(name, 'b%')))"],
    ["delay > 10 AND origin = 'SFO'", "and(>(delay, 10), ==(origin, 'SFO'))"],
    ["delay IS NOT NULL", "isnotnull(delay)"],
  ])("%s -> %s", (text, tree) => {
    expect(parse(text)).toBe(tree);
  });
});
