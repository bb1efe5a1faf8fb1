import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SparkSession } from "../../../src/index.js";
import { runCli } from "../../helpers/cli.js";

const run = (...argv: string[]) => runCli(argv);

function files() {
  const dir = mkdtempSync(join(tmpdir(), "trib-validate-"));
  const csv = join(dir, "orders.csv");
  writeFileSync(csv, "id,status,amount\n1,paid,10\n2,lost,20\n3,paid,\n");
  const suite = (expectations: unknown[]) => {
    const file = join(dir, `suite-${expectations.length}.json`);
    writeFileSync(file, JSON.stringify({ name: "orders", expectations }));
    return file;
  };
  return { dir, csv, suite };
}

describe("tributary validate", () => {
  it("exit 0 when the suite passes, 1 when it fails, with GE's JSON and an HTML report", async () => {
    const { dir, csv, suite } = files();
    const passing = suite([
      { type: "expect_column_values_to_not_be_null", kwargs: { column: "id" } },
    ]);
    const ok = await run("validate", csv, "--format", "csv", "--suite", passing);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^PASSED orders on .*: 1\/1 expectations \(100\.0%\)/);

    const failing = suite([
      { type: "expect_column_values_to_not_be_null", kwargs: { column: "id" } },
      {
        type: "expect_column_values_to_be_in_set",
        kwargs: { column: "status", value_set: ["paid"] },
      },
    ]);
    const report = join(dir, "report.html");
    const bad = await run(
      "validate",
      csv,
      "--format",
      "csv",
      "--suite",
      failing,
      "--json",
      "--report",
      report,
    );
    expect(bad.code).toBe(1);
    const result = JSON.parse(bad.out);
    expect(result).toMatchObject({
      success: false,
      suite_name: "orders",
      statistics: {
        evaluated_expectations: 2,
        successful_expectations: 1,
        unsuccessful_expectations: 1,
      },
    });
    expect(result.results[1].result).toMatchObject({
      element_count: 3,
      unexpected_count: 1,
      partial_unexpected_list: ["lost"],
    });
    expect(existsSync(report)).toBe(true);
    const html = readFileSync(report, "utf8");
    expect(html).toContain("Unexpected values");
    expect(html).toContain('<code class="v">lost</code>');
  });

  it("validates a Delta table (detected by its log)", async () => {
    const { dir, suite } = files();
    const table = join(dir, "t");
    const spark = await SparkSession.builder().master("local[1]").create();
    await spark
      .createDataFrame([{ id: 1n }, { id: 2n }], "id BIGINT")
      .write.format("delta")
      .save(table);
    await spark.stop();
    const r = await run(
      "validate",
      table,
      "--suite",
      suite([
        { type: "expect_table_row_count_to_be_between", kwargs: { min_value: 2, max_value: 2 } },
      ]),
    );
    expect(r.code, r.err).toBe(0);
  });

  it("exit 2 on a suite it cannot read, naming the problem", async () => {
    const { csv, suite } = files();
    const typo = await run(
      "validate",
      csv,
      "--format",
      "csv",
      "--suite",
      suite([{ type: "expect_column_values_to_not_be_nul", kwargs: { column: "id" } }]),
    );
    expect(typo.code).toBe(2);
    expect(typo.err).toContain("expect_column_values_to_not_be_null");
    const missing = await run("validate", csv, "--suite", "/nonexistent/suite.json");
    expect(missing.code).toBe(2);
  });
});
