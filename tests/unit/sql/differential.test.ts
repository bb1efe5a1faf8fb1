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
    "select.no_from":
      "A bare NULL is typed int on DuckDB; Spark's type is void (the DuckDB compiler's literal typing).",
    "fn.arrays":
      "Spark names lambda variables of parsed text namedlambdavariable(); our column name keeps the parameter name.",
  },
);
