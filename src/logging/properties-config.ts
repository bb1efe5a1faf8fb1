/**
 * Reads `log4j.properties` (log4j 1) or `log4j2.properties` (log4j 2) text into a
 * {@link LoggingConfig}. Java properties syntax is `parseProperties`'s job; this file picks the
 * dialect, resolves `${...}`, reads tributary's own keys (`tributary.log.format = json`,
 * `tributary.log.timeZone = UTC`) and compiles every pattern and filter once, so a mistake is
 * reported with its file, line and key before any logger runs.
 */
import { basename } from "node:path";
import { parseProperties } from "../config/properties.js";
import { loggingConfigError } from "./config-error.js";
import type { LoggingConfig } from "./config-model.js";
import type { Dialect } from "./date-format.js";
import { compileFilter } from "./filters.js";
import { readLog4j1 } from "./log4j1-config.js";
import { readLog4j2 } from "./log4j2-config.js";
import { compilePattern } from "./pattern-layout.js";
import { PropertyTable } from "./property-table.js";
import { resolveTimeZone } from "./time-zone.js";
import { substituteLog4j1, substituteLog4j2 } from "./variables.js";

/** Options for {@link parseLoggingProperties}. */
export interface ParseLoggingOptions {
  /** The file name, for messages and to pick the dialect; default `<text>`. */
  readonly source?: string;
  /** Force a dialect; default from the file name, else from the keys (`log4j.*` is log4j 1). */
  readonly syntax?: Dialect;
  /** Java system properties: `${name}` in log4j 1, `${sys:name}` in log4j 2. */
  readonly variables?: Readonly<Record<string, string>>;
  /** The environment for log4j 2's `${env:NAME}`; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The dialect of a file: by name (`log4j2.properties`, `log4j.properties`), else by its keys.
 *
 * @example
 * ```ts
 * detectSyntax("conf/log4j2.properties", []); // "log4j2"
 * detectSyntax("<text>", ["log4j.rootLogger"]); // "log4j1"
 * ```
 */
export function detectSyntax(source: string, keys: readonly string[]): Dialect {
  const name = basename(source).toLowerCase();
  if (name.startsWith("log4j2")) return "log4j2";
  if (name.startsWith("log4j.")) return "log4j1";
  return keys.some((k) => k.startsWith("log4j.")) ? "log4j1" : "log4j2";
}

function readFormat(table: PropertyTable): "pattern" | "json" | undefined {
  const key = "tributary.log.format";
  const value = table.get(key)?.toLowerCase();
  if (value === undefined || value === "") return undefined;
  if (value === "json" || value === "pattern") return value;
  throw table.invalid(key, value, "json or pattern");
}

/** Compiles what can fail late (patterns, zones, regexes), so errors carry the line now. */
function check(config: LoggingConfig, table: PropertyTable): void {
  const zoneKey = "tributary.log.timeZone";
  if (config.timeZone !== undefined) resolveTimeZone(config.timeZone, table.where(zoneKey));
  for (const appender of config.appenders) {
    if (appender.layout.kind !== "pattern") continue;
    const { pattern, longNames, where } = appender.layout;
    compilePattern(pattern, { dialect: config.dialect, longNames, timeZone: "UTC", where });
  }
  for (const filter of [...config.appenders.flatMap((a) => a.filters), ...config.filters]) {
    try {
      compileFilter(filter);
    } catch (e) {
      throw loggingConfigError(
        "LOG_INVALID_VALUE",
        filter.where,
        "invalid regular expression",
        "Write a regular expression valid in both Java and JavaScript.",
        e,
      );
    }
  }
}

/**
 * Parses logging properties text.
 *
 * @example
 * ```ts
 * const config = parseLoggingProperties(
 *   "log4j.rootCategory=INFO, console\n" +
 *   "log4j.appender.console=org.apache.log4j.ConsoleAppender\n" +
 *   "log4j.appender.console.target=System.err\n" +
 *   "log4j.appender.console.layout=org.apache.log4j.PatternLayout\n" +
 *   "log4j.appender.console.layout.ConversionPattern=%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n\n",
 *   { source: "config/log4j.properties" },
 * );
 * config.root.level; // "INFO"
 * ```
 * @throws ConfigError naming the file, line and key: unknown appender class or type, layout,
 *   filter, level, bad pattern, missing file name, undefined appender reference.
 */
export function parseLoggingProperties(
  text: string,
  options: ParseLoggingOptions = {},
): LoggingConfig {
  const source = options.source ?? "<text>";
  const entries = parseProperties(text, source);
  const dialect =
    options.syntax ??
    detectSyntax(
      source,
      entries.map((e) => e.key),
    );
  const variables = options.variables ?? {};
  const env = options.env ?? process.env;
  const own = (name: string): string | undefined =>
    Object.hasOwn(variables, name) ? variables[name] : undefined;
  const substitute =
    dialect === "log4j1"
      ? (v: string, t: PropertyTable) =>
          substituteLog4j1(v, (name) => own(name) ?? t.rawValue(name))
      : (v: string, t: PropertyTable) =>
          substituteLog4j2(v, (prefix, name) => {
            if (prefix === undefined) return t.rawValue(`property.${name}`);
            if (prefix === "sys") return own(name);
            return prefix === "env" ? env[name] : undefined;
          });
  const table = new PropertyTable(entries, source, substitute);
  const base = dialect === "log4j1" ? readLog4j1(table) : readLog4j2(table);
  const timeZone = table.get("tributary.log.timeZone");
  const config: LoggingConfig = {
    ...base,
    format: readFormat(table),
    timeZone: timeZone === "" ? undefined : timeZone,
  };
  check(config, table);
  return config;
}
