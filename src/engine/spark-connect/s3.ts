/**
 * S3 on the Spark engine: Hadoop's S3A connector (hadoop-aws, attached by
 * `tributary spark start-local` and `submit-server`) reads and writes `s3a://` locations.
 *
 * - Paths: `s3://` is the same store for tributary, but Hadoop has no file system for the
 *   `s3` scheme unless a distribution adds one, so it is sent as `s3a://`.
 * - Settings: the server's Hadoop configuration comes from its start (`spark.hadoop.*` in its
 *   spark-defaults.conf). A session's `spark.hadoop.fs.s3a.*` set at runtime over Spark
 *   Connect stays a SQL setting that S3A never reads; the same key without the
 *   `spark.hadoop.` prefix does reach S3A (Spark copies session settings into the Hadoop
 *   configuration of each read and write), for every file system the server opens after it:
 *   Hadoop caches one per bucket, so a bucket the server has already opened keeps the
 *   settings it was opened with.
 */

const HADOOP_PREFIX = "spark.hadoop.";
const S3A_PREFIX = `${HADOOP_PREFIX}fs.s3a.`;

/**
 * `path` with an `s3://` scheme spelled `s3a://`; anything else unchanged.
 *
 * @example
 * ```ts
 * s3aPath("s3://lake/flights"); // "s3a://lake/flights"
 * s3aPath("s3a://lake/flights"); // "s3a://lake/flights"
 * ```
 */
export function s3aPath(path: string): string {
  return /^s3:\/\//i.test(path) ? `s3a://${path.slice("s3://".length)}` : path;
}

/**
 * The session settings that configure S3A, as the runtime keys S3A reads: each
 * `spark.hadoop.fs.s3a.<key>` becomes `fs.s3a.<key>`.
 *
 * @example
 * ```ts
 * s3aSessionSettings(new Map([["spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000"]]));
 * // { "fs.s3a.endpoint": "http://127.0.0.1:9000" }
 * ```
 */
export function s3aSessionSettings(conf: ReadonlyMap<string, string>): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [key, value] of conf)
    if (key.startsWith(S3A_PREFIX)) settings[key.slice(HADOOP_PREFIX.length)] = value;
  return settings;
}
