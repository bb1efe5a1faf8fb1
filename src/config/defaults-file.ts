/**
 * Finding and loading `spark-defaults.conf`, as `spark-submit` does: an explicit path, else
 * `$SPARK_CONF_DIR/spark-defaults.conf`, else `$SPARK_HOME/conf/spark-defaults.conf`. As in
 * Spark, a set `SPARK_CONF_DIR` is the only place looked at (no fall back to `SPARK_HOME`).
 */
import { resolve } from "node:path";
import type { Env } from "./env.js";
import { readConfigFile } from "./read-file.js";
import { parseSparkDefaultsEntries } from "./spark-defaults.js";

/** The file name Spark looks for in its configuration directory. */
export const SPARK_DEFAULTS_FILE = "spark-defaults.conf";

/** Where to look for `spark-defaults.conf`. */
export interface SparkDefaultsOptions {
  /** A file the user named (`--properties-file`); it must exist. */
  readonly path?: string;
  /** Read for `SPARK_CONF_DIR` and `SPARK_HOME`. */
  readonly env: Env;
  /** Base of relative paths; defaults to `process.cwd()`. */
  readonly cwd?: string;
}

/** The loaded defaults: values, the line each key was (last) set on, and the file. */
export interface SparkDefaults {
  /** Absolute path of the file read, or `undefined` when none was found. */
  readonly path: string | undefined;
  readonly values: ReadonlyMap<string, string>;
  readonly lines: ReadonlyMap<string, number>;
}

/**
 * Where `spark-defaults.conf` should be, without touching the disk. Empty variables count as
 * unset.
 *
 * @example
 * ```ts
 * locateSparkDefaults({ env: { SPARK_HOME: "/opt/spark" } });
 * // { path: "/opt/spark/conf/spark-defaults.conf", explicit: false }
 * ```
 */
export function locateSparkDefaults(
  options: SparkDefaultsOptions,
): { readonly path: string; readonly explicit: boolean } | undefined {
  const cwd = options.cwd ?? process.cwd();
  if (options.path !== undefined) return { path: resolve(cwd, options.path), explicit: true };
  const confDir = options.env.SPARK_CONF_DIR;
  if (confDir !== undefined && confDir !== "") {
    return { path: resolve(cwd, confDir, SPARK_DEFAULTS_FILE), explicit: false };
  }
  const home = options.env.SPARK_HOME;
  if (home !== undefined && home !== "") {
    return { path: resolve(cwd, home, "conf", SPARK_DEFAULTS_FILE), explicit: false };
  }
  return undefined;
}

/**
 * Finds and reads `spark-defaults.conf`. No file at a default location gives empty values.
 *
 * @example
 * ```ts
 * const defaults = await loadSparkDefaults({ env: process.env });
 * defaults.values.get("spark.driver.memory"); // "4g"
 * defaults.path; // "/etc/spark/conf/spark-defaults.conf"
 * ```
 * @throws ConfigError `CONFIG_FILE_NOT_FOUND` when an explicit `path` does not exist,
 *   `CONFIG_FILE_UNREADABLE`, or `CONFIG_MALFORMED_ESCAPE` with the file and line.
 */
export async function loadSparkDefaults(options: SparkDefaultsOptions): Promise<SparkDefaults> {
  const located = locateSparkDefaults(options);
  const text =
    located === undefined
      ? undefined
      : await readConfigFile(located.path, located.explicit, "properties file");
  if (located === undefined || text === undefined) {
    return { path: undefined, values: new Map(), lines: new Map() };
  }
  const values = new Map<string, string>();
  const lines = new Map<string, number>();
  for (const entry of parseSparkDefaultsEntries(text, located.path)) {
    values.set(entry.key, entry.value);
    lines.set(entry.key, entry.line);
  }
  return { path: located.path, values, lines };
}
