/**
 * What logging does when nothing configures it: INFO and above to standard error with the
 * seed's (and Spark's) pattern, like Spark's own `log4j2-defaults.properties`.
 */
import type { LoggingConfig } from "./config-model.js";
import { SEED_PATTERN } from "./pattern-layout.js";

/** The configuration in force until `configureLogging` runs. */
export const DEFAULT_LOGGING_CONFIG: LoggingConfig = {
  dialect: "log4j2",
  source: "<default>",
  root: { name: "", level: "INFO", appenderRefs: [{ name: "console" }], additive: true },
  loggers: [],
  appenders: [
    {
      name: "console",
      target: { kind: "console", stream: "stderr" },
      layout: { kind: "pattern", pattern: SEED_PATTERN, longNames: true },
      filters: [],
    },
  ],
  filters: [],
};
