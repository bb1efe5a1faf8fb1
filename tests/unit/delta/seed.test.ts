import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataReader, DataWriter } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";
import { tmpTable } from "./helpers.js";

const spark = useSpark();

describe("the seed's DataReader / DataWriter", () => {
  it("readCsv infers a schema with a header, or takes one", async () => {
    const path = join(tmpTable(), "..", "in.csv");
    writeFileSync(path, "id,name\n1,a\n2,b\n");
    const reader = new DataReader(spark());
    expect(await reader.readCsv(path).dtypes).toEqual([
      ["id", "int"],
      ["name", "string"],
    ]);
    expect(
      await reader.readCsv(path, { schema: "id STRING, name STRING" }).orderBy("id").collect(),
    ).toEqual([
      { id: "1", name: "a" },
      { id: "2", name: "b" },
    ]);
  });

  it("writeDelta overwrites by default; readDelta time travels to version 0 (not ignored)", async () => {
    const path = tmpTable();
    const reader = new DataReader(spark());
    await DataWriter.writeDelta(
      spark().createDataFrame([{ id: 1, p: "x" }], "id INT, p STRING"),
      path,
      { partitionBy: ["p"] },
    );
    const second = await DataWriter.writeDelta(
      spark().createDataFrame([{ id: 2, p: "y" }], "id INT, p STRING"),
      path,
    );
    expect(second.version).toBe(1);
    expect(await reader.readDelta(path).collect()).toEqual([{ id: 2, p: "y" }]);
    expect(await reader.readDelta(path, { version: 0 }).collect()).toEqual([{ id: 1, p: "x" }]);
    await DataWriter.writeDelta(
      spark().createDataFrame([{ id: 3, p: "y" }], "id INT, p STRING"),
      path,
      { mode: "append", options: { userMetadata: "batch-3" } },
    );
    expect(await reader.readDelta(path).count()).toBe(2);
  });
});
