/**
 * The differential suite (tests/parity/README.md) on the Spark Connect engine: the same
 * cases and the same oracle answers (computed here too when the parity project has not).
 */
import { beforeAll, describe, inject, it } from "vitest";
import { SparkSession } from "../../src/index.js";
import { expectListedOrAgreed, expectTargets, runParity } from "../parity/lib/engine-suite.js";
import { ensureOracle } from "../parity/lib/oracle.js";
import type { Summary } from "../parity/lib/suite.js";

describe("parity with PySpark 4.0.1 on the Spark Connect engine", () => {
  let summary: Summary | undefined;
  const get = (): Summary => {
    if (summary === undefined) throw new Error("parity run did not complete");
    return summary;
  };

  beforeAll(async () => {
    const oracle = await ensureOracle();
    const spark = await SparkSession.builder()
      .remote(inject("sparkConnectUrl"))
      .config("spark.sql.session.timeZone", "UTC")
      .config("spark.sql.shuffle.partitions", "2")
      .create();
    try {
      summary = await runParity("spark", spark, oracle);
    } finally {
      await spark.stop();
    }
  }, 900_000);

  it("agrees with Spark on every case, or lists the difference with its reason", () => {
    expectListedOrAgreed(get());
  });

  it("meets the targets: >= 1,000 cases, >= 99.5% agreed, no read loses or invents rows", () => {
    expectTargets(get());
  });
});
