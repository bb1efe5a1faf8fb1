/** `--conf key=value` arguments, split as `spark-submit` splits them (at the first `=`). */
import { ConfigError } from "../errors.js";
import { isSecretKey, REDACTION_REPLACEMENT } from "./redaction.js";

/**
 * Splits one `--conf` argument. Nothing is trimmed: `spark-submit` keeps blanks too.
 *
 * @example
 * ```ts
 * parseConfArg("spark.sql.shuffle.partitions=8"); // ["spark.sql.shuffle.partitions", "8"]
 * parseConfArg("spark.x=a=b");                    // ["spark.x", "a=b"]
 * ```
 * @throws ConfigError `CONFIG_CONF_WITHOUT_EQUALS` when there is no `=`.
 */
export function parseConfArg(pair: string): readonly [key: string, value: string] {
  const at = pair.indexOf("=");
  if (at >= 0) return [pair.slice(0, at), pair.slice(at + 1)];
  // The argument may be "key secret" typed without "=": do not echo a secret back.
  const shown = isSecretKey(pair) ? REDACTION_REPLACEMENT : pair;
  throw new ConfigError("CONFIG_CONF_WITHOUT_EQUALS", `Spark config without '=': "${shown}".`, {
    hint: "Write --conf key=value, for example --conf spark.sql.shuffle.partitions=8.",
    context: { argument: shown },
  });
}

/**
 * Splits many `--conf` arguments; a repeated key keeps its last value.
 *
 * @example
 * ```ts
 * parseConfArgs(["spark.master=local[2]", "spark.master=local[4]"]).get("spark.master"); // "local[4]"
 * ```
 */
export function parseConfArgs(pairs: Iterable<string>): Map<string, string> {
  return new Map([...pairs].map(parseConfArg));
}
