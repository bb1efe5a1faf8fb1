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
    "correlated.non_equality":
      "A scalar subquery correlated by a non-equality (i.id < e.id) is refused (UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY); Spark 4 decorrelates it.",
    "fn.arrays":
      "Spark names lambda variables of parsed text namedlambdavariable(); our column name keeps the parameter name.",
  },
);
