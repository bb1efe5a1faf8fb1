/**
 * The one shape of a bad logging setting: a `ConfigError` whose message starts with
 * `file:line: key:` so a user can jump to the line, and whose context keeps the three apart.
 */
import { ConfigError, type ErrorCode } from "../errors.js";

/** Where a setting was written. Everything but `file` may be unknown (programmatic setup). */
export interface ConfigLocation {
  readonly file: string;
  readonly line?: number;
  readonly key?: string;
}

/**
 * Builds a logging `ConfigError`.
 *
 * @example
 * ```ts
 * throw loggingConfigError("LOG_INVALID_LEVEL", { file: "log4j.properties", line: 3, key: "log4j.rootLogger" },
 *   'unknown level "LOUD"', "Use one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL.");
 * // log4j.properties:3: log4j.rootLogger: unknown level "LOUD".
 * ```
 */
export function loggingConfigError(
  code: ErrorCode,
  where: ConfigLocation | undefined,
  problem: string,
  hint: string,
  cause?: unknown,
): ConfigError {
  const place =
    where === undefined
      ? ""
      : where.line === undefined
        ? where.file
        : `${where.file}:${where.line}`;
  const prefix = [place, where?.key].filter((p) => p !== undefined && p !== "").join(": ");
  return new ConfigError(code, `${prefix === "" ? "" : `${prefix}: `}${problem}.`, {
    hint,
    cause,
    context: { file: where?.file, line: where?.line, key: where?.key },
  });
}
