/**
 * The TPC-H proof (tests/tpch/suite.ts) on the Spark Connect engine: tributary parses the
 * 22 queries into the same plans, which Spark runs.
 */
import { inject } from "vitest";
import { SparkSession } from "../../src/index.js";
import { tpchSuite } from "../tpch/suite.js";

tpchSuite("Spark Connect", () =>
  SparkSession.builder()
    .remote(inject("sparkConnectUrl"))
    .config("spark.sql.session.timeZone", "UTC")
    .create(),
);
