/**
 * Constraints as delta-spark enforces them (messages and rules checked with delta-spark 4.0.1):
 * a CHECK constraint fails a write whose row makes it false or NULL, naming the row's values;
 * NOT NULL columns fail a write with a null; adding a constraint checks the rows already there
 * and upgrades the protocol (writer version 3); dropping it lifts the check.
 */
import { describe, expect, it } from "vitest";
import { type DeltaError, DeltaTable } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";
import { commit, commitInfo, tmpTable, writeTable } from "./helpers.js";

const spark = useSpark();

async function table(): Promise<{ path: string; t: DeltaTable }> {
  const path = tmpTable();
  await writeTable(spark(), path, [{ id: 1, v: 10 }], "id INT, v INT");
  return { path, t: await DeltaTable.forPath(spark(), path) };
}

async function append(path: string, rows: Record<string, unknown>[]): Promise<unknown> {
  return spark()
    .createDataFrame(rows, "id INT, v INT")
    .write.format("delta")
    .mode("append")
    .save(path)
    .then(
      () => "written",
      (e: unknown) => e,
    );
}

describe("CHECK constraints", () => {
  it("records the constraint and upgrades the protocol as delta-spark does", async () => {
    const { path, t } = await table();
    await t.addConstraint("positive", "v > 0");
    const actions = commit(path, 1);
    expect(actions.find((a) => "protocol" in a)?.protocol).toEqual({
      minReaderVersion: 1,
      minWriterVersion: 3,
    });
    expect(actions.find((a) => "metaData" in a)?.metaData).toMatchObject({
      configuration: { "delta.constraints.positive": "v > 0" },
    });
    expect(commitInfo(path, 1)).toMatchObject({
      operation: "ADD CONSTRAINT",
      operationParameters: { name: "positive", expr: "v > 0" },
    });
  });

  it("fails a write whose row makes the check false or NULL, and commits nothing", async () => {
    const { path, t } = await table();
    await t.addConstraint("positive", "v > 0");
    const negative = (await append(path, [{ id: 2, v: -5 }])) as DeltaError;
    expect(negative.code).toBe("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
    expect(negative.message).toBe(
      "CHECK constraint positive (v > 0) violated by row with values:\n - v : -5",
    );
    const empty = (await append(path, [{ id: 3, v: null }])) as DeltaError;
    expect(empty.message).toContain(" - v : null");
    expect(await t.toDF().count()).toBe(1);
    expect(await append(path, [{ id: 4, v: 7 }])).toBe("written");
    expect(await t.toDF().count()).toBe(2);
  });

  it("checks the rows an UPDATE writes", async () => {
    const { t } = await table();
    await t.addConstraint("positive", "v > 0");
    const err = (await t.update({ v: "v - 100" }).catch((e: unknown) => e)) as DeltaError;
    expect(err.code).toBe("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
    expect(err.message).toContain(" - v : -90");
  });

  it("refuses a constraint the existing rows break, and a duplicate name", async () => {
    const { t } = await table();
    const broken = (await t.addConstraint("big", "v > 100").catch((e: unknown) => e)) as DeltaError;
    expect(broken.code).toBe("DELTA_NEW_CHECK_CONSTRAINT_VIOLATION");
    await t.addConstraint("positive", "v > 0");
    const dup = (await t.addConstraint("POSITIVE", "v > 1").catch((e: unknown) => e)) as DeltaError;
    expect(dup.code).toBe("DELTA_CONSTRAINT_ALREADY_EXISTS");
  });

  it("stops checking once dropped", async () => {
    const { path, t } = await table();
    await t.addConstraint("positive", "v > 0");
    await t.dropConstraint("positive");
    expect(commitInfo(path, 2)).toMatchObject({ operation: "DROP CONSTRAINT" });
    expect(await append(path, [{ id: 2, v: -5 }])).toBe("written");
    const missing = (await t.dropConstraint("nope").catch((e: unknown) => e)) as DeltaError;
    expect(missing.code).toBe("DELTA_CONSTRAINT_DOES_NOT_EXIST");
  });
});
