/**
 * `spark-defaults.conf` text as Spark reads it: Java properties (see `properties.ts`) with
 * each value trimmed the way Spark's `Utils.trimExceptCRLF` does. Pure: no file access here.
 */
import { type PropertyEntry, parseProperties } from "./properties.js";

/**
 * Trims characters up to U+0020 from both ends, like Java's `String.trim`, but keeps `\r`
 * and `\n`: a line break left in a value was escaped on purpose by the user.
 *
 * @example
 * ```ts
 * trimExceptCRLF(" 4g\t"); // "4g"
 * trimExceptCRLF("a\n");   // "a\n"
 * ```
 */
export function trimExceptCRLF(text: string): string {
  const keep = (c: string): boolean => c > " " || c === "\r" || c === "\n";
  const chars = [...text];
  const first = chars.findIndex(keep);
  if (first < 0) return "";
  const last = chars.findLastIndex(keep);
  return chars.slice(first, last + 1).join("");
}

/**
 * Parses `spark-defaults.conf` text into entries in file order, values trimmed as Spark trims
 * them. A leading byte-order mark is dropped (Java would keep it in the first key, which would
 * then silently fail to match).
 *
 * @example
 * ```ts
 * parseSparkDefaultsEntries("spark.driver.memory   4g  ", "spark-defaults.conf");
 * // [{ key: "spark.driver.memory", value: "4g", line: 1 }]
 * ```
 */
export function parseSparkDefaultsEntries(text: string, source: string): PropertyEntry[] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  return parseProperties(body, source).map((e) => ({ ...e, value: trimExceptCRLF(e.value) }));
}

/**
 * Parses `spark-defaults.conf` text into a map (a repeated key: the last one wins). Keys are
 * kept exactly as written; filtering to `spark.*` keys happens when layers are merged.
 *
 * @example
 * ```ts
 * const conf = parseSparkDefaults("spark.master local[4]\nspark.app.name: demo", "conf");
 * conf.get("spark.app.name"); // "demo"
 * ```
 * @throws ConfigError `CONFIG_MALFORMED_ESCAPE` naming `source` and the line.
 */
export function parseSparkDefaults(text: string, source: string): Map<string, string> {
  return new Map(parseSparkDefaultsEntries(text, source).map((e) => [e.key, e.value]));
}
