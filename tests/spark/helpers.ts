/** Shared bits of the tests against a real Spark Connect server. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { create } from "@bufbuild/protobuf";
import { inject } from "vitest";
import { type Plan, PlanSchema } from "../../src/proto/gen/spark/connect/base_pb.js";

/** The server of this run: from the global setup, else SPARK_REMOTE; undefined skips. */
export function sparkUrl(): string | undefined {
  const injected = inject("sparkConnectUrl");
  if (typeof injected === "string" && injected !== "") return injected;
  const remote = process.env.SPARK_REMOTE;
  return remote === undefined || remote === "" ? undefined : remote;
}

/** The PySpark version pinned in scripts/spark/versions.env. */
export function pinnedSparkVersion(): string {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const text = readFileSync(join(root, "scripts", "spark", "versions.env"), "utf8");
  const m = /^PYSPARK_VERSION=(\S+)$/m.exec(text);
  if (m?.[1] === undefined) throw new Error("PYSPARK_VERSION missing from versions.env");
  return m[1];
}

let nextPlanId = 1n;

/** A plan whose root is a SQL relation. */
export function sqlPlan(query: string): Plan {
  return create(PlanSchema, {
    opType: {
      case: "root",
      value: { common: { planId: nextPlanId++ }, relType: { case: "sql", value: { query } } },
    },
  });
}

/** A plan that runs a SQL command (DDL, DML) through `SqlCommand`. */
export function sqlCommand(sql: string): Plan {
  return create(PlanSchema, {
    opType: { case: "command", value: { commandType: { case: "sqlCommand", value: { sql } } } },
  });
}
