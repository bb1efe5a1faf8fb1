/**
 * A session for one CLI command: the running one when a caller (a pipeline, a test) already
 * has one, else a new local session stopped when the command ends.
 */
import { SparkSession } from "../../session/session.js";

export async function withSession<T>(
  appName: string,
  body: (spark: SparkSession) => Promise<T>,
): Promise<T> {
  const existing = SparkSession.getActiveSession();
  const spark = existing ?? (await SparkSession.builder().appName(appName).getOrCreate());
  try {
    return await body(spark);
  } finally {
    if (existing === undefined) await spark.stop();
  }
}
