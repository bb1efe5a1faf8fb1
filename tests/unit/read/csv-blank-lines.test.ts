import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OptionsReader } from "../../../src/config/options-reader.js";
import type { DuckDBEngine } from "../../../src/engine/duckdb/engine.js";
import { hasBlankLine } from "../../../src/engine/duckdb/read/csv-check.js";
import { prepareCsv } from "../../../src/engine/duckdb/read/csv-normalize.js";
import { parseCsvOptions } from "../../../src/engine/duckdb/read/csv-options.js";
import { collect, plain, readNode, schemaOf, startEngine, tempDir } from "./helpers.js";

const blank = (text: string, first = true): boolean =>
  hasBlankLine(Buffer.from(text, "latin1"), first);

/** The rule, byte by byte: a line break with nothing above a space since the last break. */
function byteByByte(bytes: Uint8Array, first: boolean): boolean {
  let content = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 10 || b === 13) {
      if (!content && !(b === 10 && i > 0 && bytes[i - 1] === 13)) return true;
      content = false;
    } else if (b > 32 && !(first && i < 3 && (b === 0xef || b === 0xbb || b === 0xbf)))
      content = true;
  }
  return false;
}

describe("hasBlankLine (which CSV files are rewritten before DuckDB reads them)", () => {
  it("finds empty and whitespace-only lines with any line break", () => {
    expect(blank("a,b\n1,2\n")).toBe(false);
    expect(blank("a,b\n\n1,2\n")).toBe(true);
    expect(blank("a,b\r\n1,2\r\n")).toBe(false);
    expect(blank("a,b\r\n\r\n1,2")).toBe(true);
    expect(blank("a,b\r1,2\r")).toBe(false);
    expect(blank("a,b\r\r1,2")).toBe(true);
    expect(blank("a,b\n \t\n1,2")).toBe(true);
    expect(blank("a,b\n x\n")).toBe(false);
    expect(blank("\na,b")).toBe(true);
    expect(blank("a,b\n   ")).toBe(false);
  });

  it("skips a byte-order mark only at the start of the file", () => {
    expect(blank("\xef\xbb\xbfa,b\n1,2\n")).toBe(false);
    expect(blank("\xef\xbb\xbf\na,b\n")).toBe(true);
    expect(blank("\xef\xbb\xbf\na,b\n", false)).toBe(false);
  });

  it("agrees with a byte-by-byte reading on random short files", () => {
    const alphabet = ["a", ",", " ", "\t", "\n", "\r", "\x01", "\xef", "\xbb", "\xbf"];
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let k = 0; k < 5000; k++) {
      const text = Array.from(
        { length: next() % 12 },
        () => alphabet[next() % alphabet.length],
      ).join("");
      const bytes = Buffer.from(text, "latin1");
      for (const first of [true, false])
        expect([text, first, hasBlankLine(bytes, first)]).toEqual([
          text,
          first,
          byteByByte(bytes, first),
        ]);
    }
  });
});

/** The check reads files in steps of 4 MiB (64 MiB with multiLine); these cross that mark. */
const STEP = 4 * 1024 * 1024;

/** `text` with `12345,abcdefghij` lines added until it has at least `size` bytes. */
function upTo(text: string, size: number): string {
  const line = "12345,abcdefghij\n";
  return text + line.repeat(Math.max(0, Math.ceil((size - text.length) / line.length)));
}
const lines = (size: number): string => upTo("a,b\n", size);

describe("the CSV check on files larger than one step", () => {
  const tmp = tempDir();
  let engine: DuckDBEngine;
  beforeAll(async () => {
    engine = await startEngine("UTC");
  });
  afterAll(async () => {
    await engine.stop();
    tmp.cleanup();
  });
  const rewritten = (name: string, content: string | Buffer, options = {}): boolean =>
    prepareCsv(
      [tmp.file(name, content)],
      parseCsvOptions(new OptionsReader({ header: "true", ...options })),
      tmp.dir,
      1,
      () => undefined,
    ).normalized;

  it("finds a blank line at any place around the step's end", () => {
    expect(rewritten("clean.csv", lines(STEP + 1000))).toBe(false);
    // Cut anywhere after its first byte, a line like these would look blank.
    expect(rewritten("spaces.csv", `a,b\n${`1,${" ".repeat(31)}\n`.repeat(STEP / 20)}`)).toBe(
      false,
    );
    // The blank line starts from 40 bytes before the step's end to 20 after it.
    const body = lines(STEP - 60);
    for (let pad = STEP - 40 - body.length; pad < STEP + 20 - body.length; pad += 5) {
      const text = `${body}7,${"x".repeat(pad - 3)}\n\n${lines(1000)}`;
      expect([pad, rewritten(`blank-${pad}.csv`, text)]).toEqual([pad, true]);
    }
  });

  it("reads a line longer than a step whole, blank lines after it included", () => {
    const long = `a,b\n1,x${" ".repeat(STEP + 10)}\n2,y\n`;
    expect(rewritten("long.csv", long)).toBe(false);
    expect(rewritten("long-blank.csv", `${long}\n3,z\n`)).toBe(true);
    expect(rewritten("long-multiline.csv", `${long}\n3,z\n`, { multiLine: "true" })).toBe(true);
  });

  it("gives Spark's rows for a blank line and invalid UTF-8 after the first step", async () => {
    // Spark 4.0.1: 258,489 rows (two blank lines skipped), the last (7, end); and 246,784
    // rows, the last (8, "caf\uFFFD").
    const blank = tmp.file(
      "big-blank.csv",
      `${upTo(`${lines(STEP - 3)}\n \t\n`, STEP + 200000)}7,end\n`,
    );
    const node = readNode("csv", blank, { header: "true", inferSchema: "true" });
    expect(await schemaOf(engine, node)).toBe("struct<a:int,b:string>");
    const read = await collect(engine, node);
    expect([read.rows.length, plain(read.rows).at(-1)]).toEqual([258489, { a: 7, b: "end" }]);
    const utf8 = tmp.file(
      "big-utf8.csv",
      Buffer.concat([Buffer.from(lines(STEP + 1000)), Buffer.from("8,caf\xe9\n", "latin1")]),
    );
    const bad = await collect(
      engine,
      readNode("csv", utf8, { header: "true", inferSchema: "true" }),
    );
    expect([bad.rows.length, plain(bad.rows).at(-1)]).toEqual([246784, { a: 8, b: "caf\uFFFD" }]);
  });
});
