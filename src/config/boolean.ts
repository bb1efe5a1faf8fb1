/**
 * Booleans as Spark reads them: `true` or `false` in any case. Configuration values have
 * their blanks trimmed first (Spark's `booleanConf`); data-source and Delta options do not
 * (Spark's option readers refuse `" true"`).
 */
import { invalidValue } from "./invalid.js";

/**
 * The one boolean rule: `true` / `false` in any case, anything else undefined.
 *
 * @example
 * ```ts
 * sparkBoolean("FALSE"); // false
 * sparkBoolean("yes");   // undefined
 * ```
 */
export function sparkBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  return undefined;
}

/**
 * Parses a boolean setting.
 *
 * @example
 * ```ts
 * parseBoolean("spark.sql.adaptive.enabled", " TRUE "); // true
 * ```
 * @throws ConfigError `CONFIG_INVALID_VALUE` naming the key and the value.
 */
export function parseBoolean(key: string, value: string): boolean {
  const parsed = sparkBoolean(value.trim());
  if (parsed === undefined)
    throw invalidValue(key, value, "not a boolean", "true or false (in any case)");
  return parsed;
}

/**
 * A boolean setting from a configuration map, or `fallback` when it is not set.
 *
 * @example
 * ```ts
 * confBoolean({ "spark.sql.ansi.enabled": "TRUE" }, "spark.sql.ansi.enabled", false); // true
 * ```
 * @throws ConfigError `CONFIG_INVALID_VALUE` when it is set to something else.
 */
export function confBoolean(
  conf: Readonly<Record<string, string>>,
  key: string,
  fallback: boolean,
): boolean {
  const value = conf[key];
  return value === undefined ? fallback : parseBoolean(key, value);
}
