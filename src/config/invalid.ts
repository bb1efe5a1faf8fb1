/**
 * The one error for a configuration value that does not parse: it names the key, the value
 * (hidden when the key is secret) and the forms that are accepted.
 */
import { ConfigError } from "../errors.js";
import { isSecretKey, REDACTION_REPLACEMENT } from "./redaction.js";

/**
 * Builds a `CONFIG_INVALID_VALUE` error.
 *
 * @example
 * ```ts
 * throw invalidValue("spark.sql.adaptive.enabled", "yes", "not a boolean", "true or false");
 * // Invalid value "yes" for spark.sql.adaptive.enabled: not a boolean. Expected true or false.
 * ```
 */
export function invalidValue(
  key: string,
  value: string,
  reason: string,
  accepted: string,
): ConfigError {
  const shown = isSecretKey(key) ? REDACTION_REPLACEMENT : value;
  return new ConfigError(
    "CONFIG_INVALID_VALUE",
    `Invalid value "${shown}" for ${key}: ${reason}. Expected ${accepted}.`,
    {
      hint: `Fix ${key} where it is set: .config() in code, --conf, the environment or spark-defaults.conf.`,
      context: { key, value: shown, accepted },
    },
  );
}
