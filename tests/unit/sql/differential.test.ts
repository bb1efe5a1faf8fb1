/**
 * spark.sql differential suite (differential-suite.ts) on the embedded DuckDB engine.
 */
import { SparkSession } from "../../../src/index.js";
import { sqlDifferentialSuite } from "./differential-suite.js";

sqlDifferentialSuite(
  "DuckDB",
  () =>
    SparkSession.builder()
      .master("local[1]")
      .config("spark.sql.session.timeZone", "UTC")
      .getOrCreate(),
  {
    "fn.arrays":
      "Spark names lambda variables of parsed text namedlambdavariable(); our column name keeps the parameter name.",
  },
);
