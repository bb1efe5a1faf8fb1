import { describe, expect, it } from "vitest";
import { parseExpression } from "../../../src/sql-expr/index.js";
import { render } from "./render.js";

const parse = (text: string) => render(parseExpression(text));

describe("operator names", () => {
  it.each([
    ["a + b", "+(a, b)"],
    ["a - b", "-(a, b)"],
    ["a * b", "*(a, b)"],
    ["a / b", "/(a, b)"],
    ["a % b", "%(a, b)"],
    ["a DIV b", "div(a, b)"],
    ["a div b", "div(a, b)"],
    ["-a", "negative(a)"],
    ["+a", "positive(a)"],
    ["~a", "~(a)"],
    ["a = b", "==(a, b)"],
    ["a == b", "==(a, b)"],
    ["a <> b", "!=(a, b)"],
    ["a != b", "!=(a, b)"],
    ["a < b", "<(a, b)"],
    ["a <= b", "<=(a, b)"],
    ["a > b", ">(a, b)"],
    ["a >= b", ">=(a, b)"],
    ["a !< b", ">=(a, b)"],
    ["a !> b", "<=(a, b)"],
    ["a <=> b", "<=>(a, b)"],
    ["a AND b", "and(a, b)"],
    ["a or b", "or(a, b)"],
    ["NOT a", "not(a)"],
    ["!a", "not(a)"],
    ["a || b", "concat(a, b)"],
    ["a & b", "&(a, b)"],
    ["a | b", "|(a, b)"],
    ["a ^ b", "^(a, b)"],
    ["a << 2", "shiftleft(a, 2)"],
    ["a >> 2", "shiftright(a, 2)"],
    ["a >>> 2", "shiftrightunsigned(a, 2)"],
  ])("%s -> %s", (text, tree) => {
    expect(parse(text)).toBe(tree);
  });
});

describe("precedence and associativity (Spark's grammar)", () => {
  it.each([
    ["a OR b AND c", "or(a, and(b, c))"],
    ["a AND b OR c AND d", "or(and(a, b), and(c, d))"],
    ["NOT a AND b", "and(not(a), b)"],
    ["NOT a = b", "not(==(a, b))"],
    ["NOT NOT a", "not(not(a))"],
    ["a = 1 OR b = 2 AND NOT c IS NULL", "or(==(a, 1), and(==(b, 2), not(isnull(c))))"],
    ["a = b | c", "==(a, |(b, c))"],
    ["a | b ^ c", "|(a, ^(b, c))"],
    ["a ^ b & c", "^(a, &(b, c))"],
    ["a & b << 1", "&(a, shiftleft(b, 1))"],
    ["a << b + 1", "shiftleft(a, +(b, 1))"],
    ["a + b * c", "+(a, *(b, c))"],
    ["a || b * c", "concat(a, *(b, c))"],
    ["a * b % c DIV d", "div(%(*(a, b), c), d)"],
    ["a - b - c", "-(-(a, b), c)"],
    ["a / b / c", "/(/(a, b), c)"],
    ["a || b || c", "concat(concat(a, b), c)"],
    ["-a * b", "*(negative(a), b)"],
    ["-a.b", "negative(a.b)"],
    ["~a & b", "&(~(a), b)"],
    ["- -a", "negative(negative(a))"],
    ["a < b < c", "<(<(a, b), c)"],
    ["(a + b) * c", "*(+(a, b), c)"],
    ["a + b > c AND d", "and(>(+(a, b), c), d)"],
    ["a = b IS NULL", "isnull(==(a, b))"],
    ["a + 1 BETWEEN b AND c + 1", "and(>=(+(a, 1), b), <=(+(a, 1), +(c, 1)))"],
    ["a BETWEEN 1 AND 2 AND b", "and(and(>=(a, 1), <=(a, 2)), b)"],
    ["a IN (1, 2) OR b", "or(in(a, 1, 2), b)"],
    ["a::int + 1", "+(cast(a AS int), 1)"],
    ["-a::int", "negative(cast(a AS int))"],
    ["a[0] + b.c[1]", "+(a[0], b.c[1])"],
    ["a-1", "-(a, 1)"],
    ["a - -1", "-(a, -1)"],
  ])("%s -> %s", (text, tree) => {
    expect(parse(text)).toBe(tree);
  });
});
