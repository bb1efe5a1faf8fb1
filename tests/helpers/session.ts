/** One local session per test file, on the embedded engine, in UTC. */
import { afterAll, beforeAll } from "vitest";
import { SparkSession } from "../../src/index.js";

export function useSpark(config: Record<string, string> = {}): () => SparkSession {
  let spark: SparkSession | undefined;
  beforeAll(async () => {
    await SparkSession.getActiveSession()?.stop();
    spark = await SparkSession.builder()
      .master("local[2]")
      .config("spark.sql.session.timeZone", "UTC")
      .config(config)
      .getOrCreate();
  });
  afterAll(async () => {
    await spark?.stop();
  });
  return () => {
    if (spark === undefined) throw new Error("session not started");
    return spark;
  };
}
