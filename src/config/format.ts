/** Printing resolved configuration for people: sorted, secrets hidden, origin named. */
import { redactConfig } from "./redaction.js";
import type { ResolvedConfig } from "./resolve.js";
import { describeSource } from "./source.js";

/**
 * One line per key, sorted: `key=value (origin)`, secret values redacted.
 *
 * @example
 * ```ts
 * formatConfig(resolveConfig({ code: [["spark.app.name", "ingest"]] }));
 * // ["spark.app.name=ingest (set in code)", "spark.master=local[*] (built-in default)"]
 * ```
 */
export function formatConfig(config: Pick<ResolvedConfig, "values" | "sources">): string[] {
  const shown = redactConfig(config.values);
  return [...shown.keys()].sort().map((key) => {
    const source = config.sources.get(key);
    const origin = source === undefined ? "" : ` (${describeSource(source)})`;
    return `${key}=${shown.get(key) ?? ""}${origin}`;
  });
}
