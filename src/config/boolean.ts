/** Boolean settings, read as Spark reads them: `true` or `false`, any case, blanks trimmed. */
import { invalidValue } from "./invalid.js";

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
  const text = value.trim().toLowerCase();
  if (text === "true") return true;
  if (text === "false") return false;
  throw invalidValue(key, value, "not a boolean", "true or false (in any case)");
}
