import { describe, expect, it } from "vitest";
import { hasBlankLine } from "../../../src/engine/duckdb/read/csv-normalize.js";

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
