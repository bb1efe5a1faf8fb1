import { describe, expect, it } from "vitest";
import { parseProperties } from "../../../src/config/index.js";
import { configError } from "./helpers.js";

/** Key -> value, last one winning, as java.util.Properties keeps them. */
const load = (text: string): Record<string, string> =>
  Object.fromEntries(parseProperties(text, "test.conf").map((e) => [e.key, e.value]));

// Expected values below were checked against java.util.Properties.load on OpenJDK 17.
describe("parseProperties: separators", () => {
  it.each([
    ["key=value", "key", "value"],
    ["key:value", "key", "value"],
    ["key value", "key", "value"],
    ["key\tvalue", "key", "value"],
    ["key\fvalue", "key", "value"],
    ["key = value", "key", "value"],
    ["key  :  value", "key", "value"],
    ["   key=value", "key", "value"],
    ["key==value", "key", "=value"],
    ["key = = value", "key", "= value"],
    ["key:=value", "key", "=value"],
    ["key value=with=equals", "key", "value=with=equals"],
    ["key", "key", ""],
    ["key=", "key", ""],
    ["key   ", "key", ""],
    ["=value", "", "value"],
    [":value", "", "value"],
  ])("%j -> %j = %j", (text, key, value) => {
    expect(load(text)).toEqual({ [key]: value });
  });

  it("keeps the value's trailing blanks (trimming is Spark's job, not Java's)", () => {
    expect(load("key = value  \t")).toEqual({ key: "value  \t" });
  });

  it("ends the key at the first unescaped separator only", () => {
    expect(load("a\\=b=c")).toEqual({ "a=b": "c" });
    expect(load("a\\:b:c")).toEqual({ "a:b": "c" });
    expect(load("a\\ b c")).toEqual({ "a b": "c" });
    expect(load("a\\\\=b")).toEqual({ "a\\": "b" });
  });
});

describe("parseProperties: comments and blank lines", () => {
  it("skips # and ! comment lines, also indented, and blank lines", () => {
    const text = "# comment\n! bang\n   # indented\n\n \t \nkey=value\n";
    expect(load(text)).toEqual({ key: "value" });
  });

  it("keeps # inside a value (no trailing comments in properties files)", () => {
    expect(load("key=value # not a comment")).toEqual({ key: "value # not a comment" });
  });

  it("never continues a comment with a trailing backslash", () => {
    expect(load("# comment \\\nkey=value")).toEqual({ key: "value" });
  });

  it("reads an escaped # at the start of a line as a key", () => {
    expect(load("\\#key=value")).toEqual({ "#key": "value" });
  });
});

describe("parseProperties: continuation lines", () => {
  it("joins a line ending in one backslash with the next, dropping its leading blanks", () => {
    expect(load("key=one,\\\n     two,\\\n\tthree")).toEqual({ key: "one,two,three" });
  });

  it("does not join on an even number of backslashes (an escaped backslash)", () => {
    expect(load("a=b\\\\\nc=d")).toEqual({ a: "b\\", c: "d" });
  });

  it("joins on an odd number of backslashes", () => {
    expect(load("a=b\\\\\\\n   c")).toEqual({ a: "b\\c" });
  });

  it("treats a continued line starting with # as content, not a comment", () => {
    expect(load("a=b\\\n#c")).toEqual({ a: "b#c" });
  });

  it("ends the logical line at a blank continuation line", () => {
    expect(load("a=b\\\n\nc=d")).toEqual({ a: "b", c: "d" });
  });

  it("drops a backslash at the very end of the file", () => {
    expect(load("a=b\\")).toEqual({ a: "b" });
    expect(load("a=b\\\n")).toEqual({ a: "b" });
  });

  it("starts afresh after a line holding only a backslash (Java 9+)", () => {
    expect(load("\\\n# comment\nkey=value")).toEqual({ key: "value" });
    expect(load("\\\n\n  key=value")).toEqual({ key: "value" });
  });

  it("accepts \\n, \\r and \\r\\n line endings, mixed", () => {
    expect(load("a=1\r\nb=2\rc=3\nd=\\\r\n  4")).toEqual({ a: "1", b: "2", c: "3", d: "4" });
  });
});

describe("parseProperties: escapes", () => {
  it("decodes \\t \\n \\r \\f \\uXXXX and \\\\", () => {
    expect(load("k=a\\tb\\nc\\rd\\fe\\u0041\\u00e9\\\\")).toEqual({ k: "a\tb\nc\rd\feAé\\" });
  });

  it("reads any other escaped character as itself", () => {
    expect(load('k=\\q\\"\\=\\:\\ \\#')).toEqual({ k: 'q"=: #' });
  });

  it("keeps an escaped leading blank in a value", () => {
    expect(load("k=\\  value")).toEqual({ k: "  value" });
  });

  it("decodes escapes in keys too", () => {
    expect(load("sp\\u0061rk.master=local")).toEqual({ "spark.master": "local" });
  });

  it("keeps non-ASCII text as is", () => {
    expect(load("ключ=значение ✓")).toEqual({ ключ: "значение ✓" });
  });

  it("rejects a malformed \\uXXXX escape, naming the file and the line", () => {
    const e = configError(() => parseProperties("a=1\nb=2\nbad=\\u00G1", "/etc/spark.conf"));
    expect(e.code).toBe("CONFIG_MALFORMED_ESCAPE");
    expect(e.message).toBe('/etc/spark.conf:3: malformed \\uXXXX escape "\\u00G1".');
    expect(e.context).toEqual({ file: "/etc/spark.conf", line: 3 });
    expect(e.hint).toMatch(/four hex digits/);
  });

  it("rejects a truncated \\u escape at the end of a value", () => {
    expect(configError(() => parseProperties("k=\\u12", "f")).message).toBe(
      'f:1: malformed \\uXXXX escape "\\u12".',
    );
  });
});

describe("parseProperties: entries", () => {
  it("keeps file order, repeats, and the first line of each logical line", () => {
    const text = "# header\na=1\nb=x\\\n  y\n\nc=3\na=4";
    expect(parseProperties(text, "f")).toEqual([
      { key: "a", value: "1", line: 2 },
      { key: "b", value: "xy", line: 3 },
      { key: "c", value: "3", line: 6 },
      { key: "a", value: "4", line: 7 },
    ]);
    expect(load(text).a).toBe("4");
  });

  it("returns nothing for empty text", () => {
    expect(parseProperties("", "f")).toEqual([]);
    expect(parseProperties("\n\n# only comments\n", "f")).toEqual([]);
  });
});
