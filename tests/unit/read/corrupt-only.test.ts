/**
 * A JSON read whose only column from the file is the corrupt-record column: Spark 4.0.1
 * refuses queries that use it (UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN) and
 * still counts the records.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

function jsonFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "trib-corrupt-only-")), "data.json");
  writeFileSync(path, text);
  return path;
}

async function errorClass(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (e) {
    return (e as { errorClass?: string }).errorClass;
  }
  return undefined;
}

const REFUSED = "UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN";

describe("a query of only the corrupt-record column", () => {
  it("is refused when the column is used, and counted when it is not", async () => {
    const df = spark().read.json(jsonFile("{a:1, b_c:2}\n"));
    expect((await df.schema).simpleString()).toBe("struct<_corrupt_record:string>");
    expect(await df.count()).toBe(1);
    expect(await errorClass(() => df.collect())).toBe(REFUSED);
    expect(await errorClass(() => df.selectExpr("length(_corrupt_record)").collect())).toBe(
      REFUSED,
    );
    expect(await errorClass(() => df.filter("_corrupt_record IS NOT NULL").count())).toBe(REFUSED);
  });

  it("is answered when the schema has data columns too", async () => {
    const rows = await spark()
      .read.schema("a INT, _corrupt_record STRING")
      .json(jsonFile("{a:1}\n"))
      .collect();
    expect(rows).toEqual([{ a: null, _corrupt_record: "{a:1}" }]);
  });
});
