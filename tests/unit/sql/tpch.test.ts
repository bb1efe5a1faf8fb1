/**
 * The TPC-H proof (tests/tpch/suite.ts) on the embedded DuckDB engine.
 */
import { SparkSession } from "../../../src/index.js";
import { tpchSuite } from "../../tpch/suite.js";

tpchSuite("DuckDB", () =>
  SparkSession.builder()
    .master("local[2]")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate(),
);
