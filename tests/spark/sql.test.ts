/**
 * spark.sql differential suite (tests/unit/sql/differential-suite.ts) on the Spark Connect
 * engine: tributary parses the same queries into the same plans, which Spark runs.
 */
import { inject } from "vitest";
import { SparkSession } from "../../src/index.js";
import { sqlDifferentialSuite } from "../unit/sql/differential-suite.js";

sqlDifferentialSuite(
  "Spark Connect",
  () =>
    SparkSession.builder()
      .remote(inject("sparkConnectUrl"))
      .config("spark.sql.session.timeZone", "UTC")
      .config("spark.sql.shuffle.partitions", "1")
      .create(),
  {
    "correlated.non_equality":
      "A scalar subquery correlated by a non-equality (i.id < e.id) is refused (UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY); Spark 4 decorrelates it.",
    "fn.arrays":
      "Spark names lambda variables of parsed text namedlambdavariable(); the plan we send names them by parameter.",
  },
);
