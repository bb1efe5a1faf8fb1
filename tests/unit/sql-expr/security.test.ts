/**
 * Property tests: any string escaped into Spark SQL literal text parses back to exactly that
 * string, and can never end the literal early or smuggle in another expression.
 */
import { describe, expect, it } from "vitest";
import { splitAttribute } from "../../../src/plan/expression/name.js";
import type { ExprNode } from "../../../src/plan/node.js";
import { parseExpression, parseSelectItem } from "../../../src/sql-expr/index.js";
import { quoteIdentifier, quoteSparkString } from "../../../src/types/sql-string.js";
import { nastyString, random, render } from "./render.js";

/** Double-quoted form: only `\` and `"` need escaping. */
function doubleQuoted(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function stringValue(node: ExprNode): string {
  if (node.kind !== "literal" || typeof node.value !== "string")
    throw new Error(`not a string literal: ${render(node)}`);
  return node.value;
}

describe("string literals are exact (property)", () => {
  const next = random(20240601);
  const samples = Array.from({ length: 500 }, () => nastyString(next, 16));

  it("single-quoted values round-trip", () => {
    for (const value of samples) {
      expect(stringValue(parseExpression(quoteSparkString(value))), JSON.stringify(value)).toBe(
        value,
      );
    }
  });

  it("double-quoted values round-trip", () => {
    for (const value of samples) {
      expect(stringValue(parseExpression(doubleQuoted(value))), JSON.stringify(value)).toBe(value);
    }
  });

  it("values stay inside their comparison, whatever they contain", () => {
    for (const value of samples) {
      const node = parseExpression(`origin = ${quoteSparkString(value)} AND delay > 1`);
      expect(node.kind === "call" && node.name).toBe("and");
      const left = node.kind === "call" ? node.args[0] : undefined;
      expect(left?.kind === "call" && left.name).toBe("==");
      expect(left?.kind === "call" && stringValue(left.args[1] as ExprNode)).toBe(value);
    }
  });

  it("adjacent literals concatenate exactly", () => {
    for (let i = 0; i + 1 < samples.length; i += 2) {
      const [a = "", b = ""] = [samples[i], samples[i + 1]];
      expect(stringValue(parseExpression(`${quoteSparkString(a)} ${doubleQuoted(b)}`))).toBe(a + b);
    }
  });

  it("values in IN lists and function arguments stay separate", () => {
    for (let i = 0; i + 2 < samples.length; i += 3) {
      const values = samples.slice(i, i + 3);
      const node = parseExpression(
        `concat(${values.map(quoteSparkString).join(", ")}) IN (${quoteSparkString("x")})`,
      );
      const args = node.kind === "call" && node.args[0]?.kind === "call" ? node.args[0].args : [];
      expect(args.map(stringValue)).toEqual(values);
    }
  });
});

describe("back-quoted names are exact (property)", () => {
  it("any name quoted with quoteIdentifier is one column part with that name", () => {
    const next = random(99);
    for (let i = 0; i < 300; i++) {
      const name = nastyString(next, 8) || "x";
      const node = parseSelectItem(`${quoteIdentifier(name)} AS ${quoteIdentifier(`${name}!`)}`);
      expect(node.kind).toBe("alias");
      if (node.kind !== "alias" || node.expr.kind !== "column") throw new Error(render(node));
      expect(splitAttribute(node.expr.name)).toEqual([name]);
      expect(node.name).toBe(`${name}!`);
    }
  });
});

describe("injection attempts fail loudly", () => {
  it.each([
    "a = 'x'; DROP TABLE t",
    "a = 'x' OR 1=1; --",
    "a = 1) OR (1 = 1",
    "a = 'x'' OR ''1''=''1",
    "a = 1 UNION SELECT * FROM secrets",
    "a = `x` `y`",
  ])("%j does not parse to anything", (text) => {
    expect(() => parseExpression(text)).toThrow();
  });

  it("a comment cannot hide the rest of a quoted value", () => {
    expect(stringValue(parseExpression("'a -- b /* c */ d'"))).toBe("a -- b /* c */ d");
  });
});
