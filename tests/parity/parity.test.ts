/** The differential suite on the embedded DuckDB engine (tests/parity/README.md). */
import { beforeAll, describe, inject, it } from "vitest";
import { SparkSession } from "../../src/index.js";
import { expectListedOrAgreed, expectTargets, runParity } from "./lib/engine-suite.js";
import type { Summary } from "./lib/suite.js";

describe("parity with PySpark 4.0.1 on the DuckDB engine", () => {
  let summary: Summary | undefined;
  const get = (): Summary => {
    if (summary === undefined) throw new Error("parity run did not complete");
    return summary;
  };

  beforeAll(async () => {
    await SparkSession.getActiveSession()?.stop();
    const spark = await SparkSession.builder()
      .master("local[2]")
      .config("spark.sql.session.timeZone", "UTC")
      .config("spark.sql.shuffle.partitions", "2")
      .create();
    try {
      summary = await runParity("duckdb", spark, inject("parityOracle"));
    } finally {
      await spark.stop();
    }
  }, 600_000);

  it("agrees with Spark on every case, or lists the difference with its reason", () => {
    expectListedOrAgreed(get());
  });

  it("meets the targets: >= 1,000 cases, >= 99.5% agreed, no read loses or invents rows", () => {
    expectTargets(get());
  });
});
