/**
 * Settings given in code that win over the file: the root level, per-logger levels, JSON
 * output, one pattern for every pattern layout, and the time zone.
 */
import { loggingConfigError } from "./config-error.js";
import type { LoggerSpec, LoggingConfig } from "./config-model.js";
import { LEVEL_NAMES, type LevelName, toLevel } from "./level.js";
import { compilePattern } from "./pattern-layout.js";
import { resolveTimeZone } from "./time-zone.js";

/** Settings that override a logging file. */
export interface LoggingOverrides {
  /** The root logger's level. */
  readonly level?: LevelName | string;
  /** Levels per logger name, e.g. `{ "org.apache.spark": "WARN" }`. */
  readonly levels?: Readonly<Record<string, LevelName | string>>;
  /** `json` turns every appender's layout into JSON lines. */
  readonly format?: "pattern" | "json";
  /** A conversion pattern for every appender that uses a pattern layout. */
  readonly pattern?: string;
  /** The zone for dates (an IANA name or a fixed offset); default the process's. */
  readonly timeZone?: string;
}

const WHERE = "<overrides>";

function level(text: string, key: string): LevelName {
  const found = toLevel(text);
  if (found !== undefined) return found;
  throw loggingConfigError(
    "LOG_INVALID_LEVEL",
    { file: WHERE, key },
    `unknown level "${text}"`,
    `Use one of ${LEVEL_NAMES.join(", ")} (any case).`,
  );
}

/**
 * The configuration with `overrides` applied.
 *
 * @example
 * ```ts
 * applyOverrides(config, { level: "DEBUG", levels: { "org.apache.spark": "WARN" }, format: "json" });
 * ```
 * @throws ConfigError `LOG_INVALID_LEVEL`, `LOG_INVALID_PATTERN` or `LOG_INVALID_TIME_ZONE`.
 */
export function applyOverrides(
  config: LoggingConfig,
  overrides: LoggingOverrides = {},
): LoggingConfig {
  const root: LoggerSpec =
    overrides.level === undefined
      ? config.root
      : { ...config.root, level: level(overrides.level, "level") };
  const loggers = new Map(config.loggers.map((l) => [l.name, l]));
  for (const [name, text] of Object.entries(overrides.levels ?? {})) {
    const existing = loggers.get(name) ?? { name, appenderRefs: [], additive: true };
    loggers.set(name, { ...existing, level: level(text, `levels.${name}`) });
  }
  const { pattern, timeZone } = overrides;
  if (pattern !== undefined)
    compilePattern(pattern, {
      dialect: config.dialect,
      longNames: true,
      where: { file: WHERE, key: "pattern" },
    });
  if (timeZone !== undefined) resolveTimeZone(timeZone, { file: WHERE, key: "timeZone" });
  return {
    ...config,
    root,
    loggers: [...loggers.values()],
    appenders:
      pattern === undefined
        ? config.appenders
        : config.appenders.map((a) =>
            a.layout.kind === "pattern"
              ? { ...a, layout: { kind: "pattern", pattern, longNames: true } }
              : a,
          ),
    format: overrides.format ?? config.format,
    timeZone: timeZone ?? config.timeZone,
  };
}
