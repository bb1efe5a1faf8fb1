/**
 * Progress on long work: plain lines on stderr when piped (stdout keeps only the result),
 * a bar redrawn in place on a terminal. The data is generated large enough, and the
 * interval short enough (10 ms), for DuckDB to report progress several times even since the
 * quality pass got faster.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";

let dir: string;
let csv: string;
let suite: string;
const before = process.env.TRIBUTARY_PROGRESS_MS;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "trib-progress-"));
  csv = join(dir, "big.csv");
  const lines = ["id,k,s"];
  for (let i = 0; i < 2_000_000; i++) lines.push(`${i},${i % 97},row-${(i * 7919) % 1_000_003}`);
  writeFileSync(csv, `${lines.join("\n")}\n`);
  suite = join(dir, "suite.json");
  writeFileSync(
    suite,
    JSON.stringify({
      name: "big",
      expectations: [
        { type: "expect_column_values_to_not_be_null", kwargs: { column: "s" } },
        {
          type: "expect_column_values_to_be_between",
          kwargs: { column: "k", min_value: 0, max_value: 96 },
        },
      ],
    }),
  );
  process.env.TRIBUTARY_PROGRESS_MS = "10";
});

afterAll(() => {
  if (before === undefined) delete process.env.TRIBUTARY_PROGRESS_MS;
  else process.env.TRIBUTARY_PROGRESS_MS = before;
});

describe("progress", () => {
  it("prints periodic lines to stderr when piped, and nothing of it on stdout", async () => {
    const r = await runCli(["validate", csv, "--suite", suite, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).success).toBe(true);
    const lines = r.err.split("\n").filter((l) => l.startsWith("progress: "));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines)
      expect(line).toMatch(
        /^progress: query \d+: \d+\.\d%, \d+\.\d MB of \d+\.\d MB, \d+\.\d MB\/s, \d+\.\ds$/,
      );
    expect(r.err).not.toContain("\r");
  });

  it("draws a bar in place on a terminal and clears it before the result", async () => {
    const r = await runCli(["validate", csv, "--suite", suite], true);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PASSED big on /);
    // Each frame: carriage return, erase line (ESC [2K), the bar.
    const clear = `\r${String.fromCharCode(27)}[2K`;
    expect(r.err.split(clear).some((f) => /^\[Query \d+:=*>? *\] \d+\.\d%, /.test(f))).toBe(true);
    expect(r.err.endsWith(clear)).toBe(true);
  });

  it("is off with TRIBUTARY_PROGRESS_MS=0", async () => {
    process.env.TRIBUTARY_PROGRESS_MS = "0";
    try {
      const r = await runCli(["validate", csv, "--suite", suite, "--json"]);
      expect(r.err).toBe("");
    } finally {
      process.env.TRIBUTARY_PROGRESS_MS = "10";
    }
  });
});
