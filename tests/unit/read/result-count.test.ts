/**
 * When a plan keeps every row of its read (projections only), the read's row count comes
 * from the action's result instead of a profiled scan: the accounting must be the same.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

function csv(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "trib-count-"));
  const path = join(dir, "in.csv");
  writeFileSync(path, text);
  return path;
}

describe("rows read from the result", () => {
  const body = "id,v\n1,10\n2,x\n3,30\n4,40\n";

  it.each(["PERMISSIVE", "DROPMALFORMED"])(
    "projection-only writes count rows read and rejected in %s",
    async (mode) => {
      const df = spark()
        .read.option("header", true)
        .schema("id INT, v INT")
        .option("mode", mode)
        .csv(csv(body));
      const out = join(mkdtempSync(join(tmpdir(), "trib-out-")), "t");
      const result = await df.withColumn("w", F.col("v").multiply(2)).write.parquet(out);
      const [m] = result.readMetrics;
      expect(m?.rowsRead).toBe(4);
      expect(m?.rowsRejected).toBe(1);
      expect(result.rowsWritten).toBe(mode === "PERMISSIVE" ? 4 : 3);
    },
  );

  it("a filtered plan still counts every row read", async () => {
    const df = spark()
      .read.option("header", true)
      .schema("id INT, v INT")
      .option("mode", "DROPMALFORMED")
      .csv(csv(body));
    const rows = await df.filter("id > 2").collect();
    expect(rows.length).toBe(2);
    expect(df.inputMetrics()[0]).toMatchObject({ rowsRead: 4, rowsRejected: 1 });
    const all = await df.select("id").collect();
    expect(all.length).toBe(3);
    expect(df.inputMetrics()[0]).toMatchObject({ rowsRead: 4, rowsRejected: 1 });
  });
});
