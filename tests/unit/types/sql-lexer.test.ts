import { describe, expect, it } from "vitest";
import { tokenize } from "../../../src/types/sql-lexer.js";
import {
  quoteIdentifier,
  quoteIfNeeded,
  quoteSparkString,
  unescapeSparkString,
} from "../../../src/types/sql-string.js";
import { analysisError } from "../sql-expr/render.js";

const kinds = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.value}`);

describe("unescapeSparkString (Spark's unescapeSQLString)", () => {
  it.each([
    ["plain", "plain"],
    ["it\\'s", "it's"],
    ['say \\"hi\\"', 'say "hi"'],
    ["a\\\\b", "a\\b"],
    ["\\n\\r\\t\\b\\0\\Z", "\n\r\t\b\u0000\u001A"],
    ["\\u0041\\u00e9", "Aé"],
    ["\\U0001F600", "😀"],
    ["\\101\\012", "A\n"],
    ["\\%\\_", "\\%\\_"],
    ["\\q\\u12", "qu12"],
    ["\\09", "\u00009"],
  ])("%j -> %j", (body, value) => {
    expect(unescapeSparkString(body)).toBe(value);
  });
});

describe("quoting", () => {
  it("quotes only what Spark's quoteIfNeeded quotes", () => {
    expect(quoteIfNeeded("id_2")).toBe("id_2");
    expect(quoteIfNeeded("2id")).toBe("`2id`");
    expect(quoteIfNeeded("a b")).toBe("`a b`");
    expect(quoteIdentifier("a`b")).toBe("`a``b`");
    expect(quoteSparkString("it's \\ ok")).toBe("'it\\'s \\\\ ok'");
  });
});

describe("tokenize", () => {
  it("splits words, numbers, strings, operators and names", () => {
    expect(kinds("a>=1.5 AND `x y`<>'s'")).toEqual([
      "word:a",
      "op:>=",
      "number:1.5",
      "word:AND",
      "quoted:x y",
      "op:<>",
      "string:s",
      "eof:",
    ]);
  });

  it("follows ANTLR's longest match for numbers and names", () => {
    expect(kinds("12abc 1e3 1e3x 10L 2bd .5 1.")).toEqual([
      "word:12abc",
      "number:1e3",
      "word:1e3x",
      "number:10L",
      "number:2bd",
      "number:.5",
      "number:1.",
      "eof:",
    ]);
  });

  it("skips line, nested block and hint comments and unicode whitespace", () => {
    expect(kinds("a -- c ' \n+ /* x /* y */ ' */ b\u00A0\u3000c")).toEqual([
      "word:a",
      "op:+",
      "word:b",
      "word:c",
      "eof:",
    ]);
  });

  it("reads raw strings without escapes", () => {
    expect(kinds("r'a\\n' R\"b\\\"")).toEqual(["string:a\\n", "string:b\\", "eof:"]);
  });

  it("records source offsets", () => {
    const [a, op, b] = tokenize("ab  <=> c");
    expect([a?.start, a?.end, op?.start, op?.end, b?.start]).toEqual([0, 2, 4, 7, 8]);
  });

  it.each([
    ["'open", "PARSE_SYNTAX_ERROR"],
    ['"open', "PARSE_SYNTAX_ERROR"],
    ["`open", "PARSE_SYNTAX_ERROR"],
    ["a /* open", "UNCLOSED_BRACKETED_COMMENT"],
    ["a $ b", "PARSE_SYNTAX_ERROR"],
    ["a @ b", "PARSE_SYNTAX_ERROR"],
  ])("rejects %j with %s", (text, code) => {
    expect(analysisError(() => tokenize(text)).code).toBe(code);
  });
});
