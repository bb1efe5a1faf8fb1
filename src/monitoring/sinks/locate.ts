/**
 * Which `metrics.properties` a Spark application reports to: `spark.metrics.conf` when set
 * (the file must exist), else `metrics.properties` on the classpath, which for a Spark
 * installation is its configuration directory: `$SPARK_CONF_DIR`, else `$SPARK_HOME/conf`
 * (used only when the file is there).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Env } from "../../config/env.js";

export const METRICS_PROPERTIES_FILE = "metrics.properties";

/**
 * The file to read, or `undefined` when none is configured or present.
 *
 * @example
 * ```ts
 * locateMetricsProperties(undefined, { SPARK_CONF_DIR: "/etc/spark/conf" });
 * // "/etc/spark/conf/metrics.properties" when that file exists
 * ```
 */
export function locateMetricsProperties(
  metricsConf: string | undefined,
  env: Env,
  cwd: string = process.cwd(),
): string | undefined {
  if (metricsConf !== undefined && metricsConf !== "") return metricsConf;
  const confDir = env.SPARK_CONF_DIR;
  const home = env.SPARK_HOME;
  const dir =
    confDir !== undefined && confDir !== ""
      ? resolve(cwd, confDir)
      : home !== undefined && home !== ""
        ? resolve(cwd, home, "conf")
        : undefined;
  if (dir === undefined) return undefined;
  const file = resolve(dir, METRICS_PROPERTIES_FILE);
  return existsSync(file) ? file : undefined;
}
