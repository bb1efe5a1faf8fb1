/**
 * Which master a resolved configuration selects: `spark.remote` when set, else
 * `spark.master`. Like PySpark (`CANNOT_CONFIGURE_SPARK_CONNECT_MASTER`), setting both is an
 * error, unless the master is only the built-in default.
 */
import { ConfigError } from "../errors.js";
import { type Master, parseMaster } from "./master.js";
import { redactUrl } from "./redact-url.js";
import { BUILTIN_DEFAULTS, type ResolvedConfig } from "./resolve.js";
import { describeSource } from "./source.js";

/**
 * The master in force.
 *
 * @example
 * ```ts
 * masterOf(resolveConfig({ env: { SPARK_REMOTE: "sc://localhost:15002" } }));
 * // { kind: "remote", url: "sc://localhost:15002" }
 * ```
 * @throws ConfigError `CONFIG_MASTER_AND_REMOTE` when both are set, or `CONFIG_INVALID_VALUE`.
 */
export function masterOf(
  config: Pick<ResolvedConfig, "values" | "sources">,
  options: { readonly cores?: number } = {},
): Master {
  const remote = config.values.get("spark.remote");
  const master = config.values.get("spark.master");
  const masterSource = config.sources.get("spark.master");
  if (remote === undefined) {
    const value = master ?? BUILTIN_DEFAULTS.get("spark.master") ?? "local[*]";
    return parseMaster(value, { key: "spark.master", ...options });
  }
  if (master !== undefined && masterSource?.kind !== "builtin") {
    const where = (key: string) => {
      const source = config.sources.get(key);
      return source === undefined ? "" : ` (${describeSource(source)})`;
    };
    throw new ConfigError(
      "CONFIG_MASTER_AND_REMOTE",
      `Spark Connect and a Spark master cannot be configured together: spark.master=${redactUrl(master)}${where("spark.master")}, spark.remote=${redactUrl(remote)}${where("spark.remote")}.`,
      {
        hint: "Keep spark.remote to use a Spark Connect server, or spark.master to run elsewhere; remove the other.",
        context: { master: redactUrl(master), remote: redactUrl(remote) },
      },
    );
  }
  return parseMaster(remote, { key: "spark.remote", ...options });
}
