/**
 * Putting a logging configuration in force: from a file, from text, or found in the usual
 * places, then overrides from code, secrets to hide, and test seams (clock, streams, appenders).
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { readConfigFile } from "../config/read-file.js";
import type { Appender, TextSink } from "./appenders.js";
import type { LoggingConfig } from "./config-model.js";
import { LogContext } from "./context.js";
import type { Dialect } from "./date-format.js";
import { DEFAULT_LOGGING_CONFIG } from "./defaults.js";
import { installRepository } from "./logger.js";
import { applyOverrides, type LoggingOverrides } from "./overrides.js";
import { parseLoggingProperties } from "./properties-config.js";
import { clearSecrets, registerSecretsFrom } from "./redactor.js";
import { Repository } from "./repository.js";
import { resolveTimeZone } from "./time-zone.js";

type Env = Readonly<Record<string, string | undefined>>;

/** Where to look for a logging file, and how to read it. */
export interface LoadLoggingOptions {
  /** Default `process.env` (for `SPARK_CONF_DIR` and `${env:...}`). */
  readonly env?: Env;
  /** The directory `./config/` and `./conf/` are relative to; default `process.cwd()`. */
  readonly cwd?: string;
  /** Java system properties for `${name}` (log4j 1) and `${sys:name}` (log4j 2). */
  readonly variables?: Readonly<Record<string, string>>;
}

/** Options for {@link configureLogging}. */
export interface ConfigureLoggingOptions extends LoadLoggingOptions {
  /** A `log4j.properties` or `log4j2.properties` file; it must exist. */
  readonly file?: string;
  /** Properties text, used instead of reading `file` (`file` then only names it). */
  readonly text?: string;
  /** Force the dialect instead of guessing it from the file name or keys. */
  readonly syntax?: Dialect;
  readonly overrides?: LoggingOverrides;
  /** Replace the root logger's appenders (e.g. a `MemoryAppender` in tests). */
  readonly appenders?: readonly Appender[];
  /** A Spark-style config whose secret values must never be logged. */
  readonly secrets?: ReadonlyMap<string, string>;
  /** Milliseconds since the epoch for each event; default `Date.now`. */
  readonly clock?: () => number;
  /** What `%r` counts from; default the process start. */
  readonly startTime?: number;
  /** Where console appenders write, instead of `process.stdout` / `process.stderr`. */
  readonly streams?: { readonly stdout?: TextSink; readonly stderr?: TextSink };
}

const FILE_NAMES = ["log4j2.properties", "log4j.properties"];

/**
 * Finds and parses the logging file, looking in this order and taking the first that exists:
 * 1. `$SPARK_CONF_DIR/log4j2.properties`, then `$SPARK_CONF_DIR/log4j.properties`;
 * 2. `./config/log4j2.properties`, then `./config/log4j.properties` (the seed's layout);
 * 3. `./conf/log4j2.properties`, then `./conf/log4j.properties` (Spark's layout).
 * Resolves to `undefined` when there is none.
 *
 * @example
 * ```ts
 * const config = await loadLoggingConfig();
 * console.log(config?.source ?? "defaults"); // e.g. "config/log4j.properties"
 * ```
 * @throws ConfigError for a file that exists but cannot be read or parsed (names file and line).
 */
export async function loadLoggingConfig(
  options: LoadLoggingOptions = {},
): Promise<LoggingConfig | undefined> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const confDir = env.SPARK_CONF_DIR;
  const dirs = [
    ...(confDir === undefined || confDir === "" ? [] : [confDir]),
    join(cwd, "config"),
    join(cwd, "conf"),
  ];
  for (const dir of dirs) {
    for (const name of FILE_NAMES) {
      const file = join(dir, name);
      const text = await readConfigFile(file, false, "logging configuration file");
      if (text !== undefined)
        return parseLoggingProperties(text, { source: file, env, variables: options.variables });
    }
  }
  return undefined;
}

async function baseConfig(options: ConfigureLoggingOptions): Promise<LoggingConfig> {
  const { file, text, syntax, variables } = options;
  const env = options.env ?? process.env;
  if (text !== undefined)
    return parseLoggingProperties(text, { source: file ?? "<text>", syntax, variables, env });
  if (file !== undefined) {
    const read = (await readConfigFile(file, true, "logging configuration file")) ?? "";
    return parseLoggingProperties(read, { source: file, syntax, variables, env });
  }
  return (await loadLoggingConfig(options)) ?? DEFAULT_LOGGING_CONFIG;
}

/**
 * Configures logging and resolves to the configuration now in force. With neither `file` nor
 * `text` it uses {@link loadLoggingConfig}, and with nothing found the defaults (INFO and above
 * to stderr as `%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n`). If anything is wrong, the previous
 * configuration stays in force.
 *
 * @example
 * ```ts
 * await configureLogging({ file: "config/log4j.properties", overrides: { levels: { "org.apache.spark": "WARN" } } });
 * await configureLogging({ overrides: { format: "json", timeZone: "UTC" }, secrets: conf });
 * ```
 * @throws ConfigError for a missing `file`, or a setting that is wrong (file, line and key).
 */
export async function configureLogging(
  options: ConfigureLoggingOptions = {},
): Promise<LoggingConfig> {
  const config = applyOverrides(await baseConfig(options), options.overrides);
  if (options.secrets !== undefined) registerSecretsFrom(options.secrets);
  const repository = new Repository(config, {
    clock: options.clock ?? Date.now,
    startTime: options.startTime ?? performance.timeOrigin,
    timeZone: resolveTimeZone(config.timeZone),
    streams: options.streams,
    rootAppenders: options.appenders,
  });
  installRepository(repository);
  return config;
}

/**
 * Back to the defaults: closes files, forgets registered secrets and clears the context
 * outside any `LogContext.run`. Meant for tests and for shutdown.
 *
 * @example
 * ```ts
 * afterEach(() => resetLogging());
 * ```
 */
export function resetLogging(): void {
  installRepository(undefined);
  clearSecrets();
  LogContext.clear();
}
