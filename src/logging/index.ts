/**
 * Logging, log4j-compatible.
 *
 * Contract: `getLogger(name)` logs through the configuration in force; until
 * `configureLogging` runs, that is INFO and above to stderr with Spark's pattern
 * `%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n`. Configuration comes from `log4j.properties`
 * (log4j 1, as in Spark <= 3.2 and the seed) or `log4j2.properties` (Spark 3.3+), parsed purely
 * (`parseLoggingProperties`) with every mistake reported as a `ConfigError` naming file, line
 * and key. Levels are hierarchical with additivity; appenders are console, file (with
 * size-based rolling), null and memory; layouts are log4j's PatternLayout, printed as log4j
 * prints it, or JSON lines. Every message, error and context value is redacted before any
 * appender sees it. A log call never throws.
 *
 * @example
 * ```ts
 * await configureLogging({ file: "config/log4j.properties" });
 * const log = getLogger("DataIngestionPipeline");
 * log.info("Starting"); // 24/01/31 09:05:03 INFO DataIngestionPipeline: Starting
 * ```
 */
export {
  type Appender,
  type AppenderOptions,
  ConsoleAppender,
  MemoryAppender,
  NullAppender,
  type TextSink,
} from "./appenders.js";
export type { ConfigLocation } from "./config-error.js";
export type {
  AppenderRef,
  AppenderSpec,
  LayoutSpec,
  LoggerSpec,
  LoggingConfig,
  RollingSpec,
  TargetSpec,
} from "./config-model.js";
export {
  type ConfigureLoggingOptions,
  configureLogging,
  type LoadLoggingOptions,
  loadLoggingConfig,
  resetLogging,
} from "./configure.js";
export { LogContext } from "./context.js";
export type { Dialect } from "./date-format.js";
export { DEFAULT_LOGGING_CONFIG } from "./defaults.js";
export { describeError, type ErrorInfo, type Layout, type LogEvent } from "./event.js";
export { FileAppender, type FileAppenderOptions } from "./file-appender.js";
export type { FilterResult, FilterSpec } from "./filters.js";
export { jsonLayout } from "./json-layout.js";
export { LEVEL_NAMES, type LevelName, levelEnables, toLevel } from "./level.js";
export { getLogger, type Logger, type LogMessage } from "./logger.js";
export type { LoggingOverrides } from "./overrides.js";
export { compilePattern, type PatternLayoutOptions, SEED_PATTERN } from "./pattern-layout.js";
export {
  detectSyntax,
  type ParseLoggingOptions,
  parseLoggingProperties,
} from "./properties-config.js";
export { redactingWriter } from "./redacting-writer.js";
export {
  clearSecrets,
  redactSecrets,
  registerSecret,
  registerSecretsFrom,
  registerSecretsFromEnv,
} from "./redactor.js";
