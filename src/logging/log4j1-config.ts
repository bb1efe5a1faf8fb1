/**
 * Reads log4j 1.x `log4j.properties` as `PropertyConfigurator` does: `log4j.rootLogger` (or
 * Spark's `log4j.rootCategory`) = `LEVEL, appender...`; `log4j.logger.<name>` (or
 * `log4j.category.<name>`) with `INHERITED`/`NULL` for "no level of its own";
 * `log4j.additivity.<name>`; `log4j.threshold`; and, for each *referenced* appender, its class,
 * `Threshold`, layout and filters. Option names are matched with their first letter in either
 * case (`Target` / `target`), as log4j's bean setter does.
 */
import type { ConfigLocation } from "./config-error.js";
import { loggingConfigError } from "./config-error.js";
import type {
  AppenderRef,
  AppenderSpec,
  LayoutSpec,
  LoggerSpec,
  LoggingConfig,
  TargetSpec,
} from "./config-model.js";
import type { FilterSpec } from "./filters.js";
import type { LevelName } from "./level.js";
import type { PropertyTable } from "./property-table.js";

const APPENDERS: Readonly<Record<string, "console" | "file" | "rolling" | "null">> = {
  "org.apache.log4j.ConsoleAppender": "console",
  "org.apache.log4j.FileAppender": "file",
  "org.apache.log4j.RollingFileAppender": "rolling",
  "org.apache.log4j.varia.NullAppender": "null",
};

const LAYOUTS: Readonly<
  Record<string, { readonly pattern?: string; readonly longNames: boolean }>
> = {
  "org.apache.log4j.PatternLayout": { longNames: false },
  "org.apache.log4j.EnhancedPatternLayout": { longNames: true },
  "org.apache.log4j.SimpleLayout": { pattern: "%p - %m%n", longNames: false },
  "org.apache.log4j.TTCCLayout": { pattern: "%r [%t] %p %c %x - %m%n", longNames: false },
};

const TEN_MB = 10 * 1024 * 1024;

/** The key for option `name` of `prefix`, matching log4j's decapitalised bean names. */
function optionKey(table: PropertyTable, prefix: string, name: string): string {
  const lower = `${prefix}.${name[0]?.toLowerCase() ?? ""}${name.slice(1)}`;
  const upper = `${prefix}.${name[0]?.toUpperCase() ?? ""}${name.slice(1)}`;
  if (table.get(upper) === undefined) return lower;
  if (table.get(lower) === undefined) return upper;
  return (table.where(upper).line ?? 0) > (table.where(lower).line ?? 0) ? upper : lower;
}

function readLogger(table: PropertyTable, key: string, name: string): LoggerSpec {
  const [levelText = "", ...refs] = (table.get(key) ?? "").split(",").map((s) => s.trim());
  const inherited = levelText === "" || /^(inherited|null)$/i.test(levelText);
  const level: LevelName | undefined = inherited ? undefined : table.toLevel(levelText, key);
  const appenderRefs: AppenderRef[] = refs
    .filter((r) => r !== "")
    .map((r) => ({ name: r, where: table.where(key) }));
  return { name, level, appenderRefs, additive: true };
}

function readTarget(
  table: PropertyTable,
  key: string,
  kind: "console" | "file" | "rolling" | "null",
): TargetSpec {
  if (kind === "null") return { kind: "null" };
  if (kind === "console") {
    const targetKey = optionKey(table, key, "target");
    const target = table.get(targetKey) ?? "System.out";
    if (/^system\.(out|err)$/i.test(target)) {
      return {
        kind: "console",
        stream: target.toLowerCase() === "system.err" ? "stderr" : "stdout",
      };
    }
    throw table.invalid(targetKey, target, "System.out or System.err");
  }
  const fileKey = optionKey(table, key, "file");
  const path = table.get(fileKey);
  if (path === undefined || path === "") {
    throw loggingConfigError(
      "LOG_MISSING_VALUE",
      table.where(key),
      `the ${kind === "rolling" ? "RollingFileAppender" : "FileAppender"} has no File option`,
      `Add ${fileKey}=<path of the log file>.`,
    );
  }
  const append = table.boolean(optionKey(table, key, "append"), true);
  if (kind === "file") return { kind: "file", path, append };
  const rolling = {
    maxBytes: table.size(optionKey(table, key, "maxFileSize"), TEN_MB),
    maxBackups: table.integer(optionKey(table, key, "maxBackupIndex"), 1),
    filePattern: `${path}.%i`,
    fileIndex: "min" as const,
  };
  return { kind: "file", path, append, rolling };
}

function readLayout(table: PropertyTable, key: string): LayoutSpec {
  const className = table.get(key);
  if (className === undefined || className === "")
    return { kind: "pattern", pattern: "%m%n", longNames: false };
  // No log4j 1 JSON layout ships with log4j; accept the common add-ons by name.
  if (/json/i.test(className.split(".").at(-1) ?? "")) return { kind: "json" };
  const known = Object.hasOwn(LAYOUTS, className) ? LAYOUTS[className] : undefined;
  if (known === undefined) {
    throw loggingConfigError(
      "LOG_UNKNOWN_LAYOUT",
      table.where(key),
      `unknown layout class "${className}"`,
      `Use one of ${Object.keys(LAYOUTS).join(", ")}, or a JSON layout class (JSON lines).`,
    );
  }
  const patternKey = optionKey(table, key, "conversionPattern");
  const pattern = known.pattern ?? table.untrimmed(patternKey) ?? "%m%n";
  return { kind: "pattern", pattern, longNames: known.longNames, where: table.where(patternKey) };
}

function readFilter(table: PropertyTable, key: string): FilterSpec | undefined {
  const className = table.get(key) ?? "";
  const where = table.where(key);
  const accept = (fallback: boolean): boolean =>
    table.boolean(optionKey(table, key, "acceptOnMatch"), fallback);
  switch (className) {
    case "org.apache.log4j.varia.StringMatchFilter": {
      const text = table.untrimmed(optionKey(table, key, "stringToMatch"));
      return text === undefined
        ? undefined
        : { kind: "stringMatch", text, acceptOnMatch: accept(true), where };
    }
    case "org.apache.log4j.varia.LevelMatchFilter": {
      const level = table.level(optionKey(table, key, "levelToMatch"));
      return level === undefined
        ? undefined
        : { kind: "levelMatch", level, acceptOnMatch: accept(true), where };
    }
    case "org.apache.log4j.varia.LevelRangeFilter":
      return {
        kind: "levelRange",
        min: table.level(optionKey(table, key, "levelMin")),
        max: table.level(optionKey(table, key, "levelMax")),
        acceptOnMatch: accept(false),
        where,
      };
    case "org.apache.log4j.varia.DenyAllFilter":
      return { kind: "denyAll", where };
    default:
      throw loggingConfigError(
        "LOG_UNKNOWN_FILTER",
        where,
        className === ""
          ? "the filter has options but no class"
          : `unknown filter class "${className}"`,
        "Use org.apache.log4j.varia.StringMatchFilter, LevelMatchFilter, LevelRangeFilter or DenyAllFilter.",
      );
  }
}

function readAppender(
  table: PropertyTable,
  name: string,
  referencedAt: ConfigLocation | undefined,
): AppenderSpec {
  const key = `log4j.appender.${name}`;
  const className = table.get(key);
  if (className === undefined) {
    throw loggingConfigError(
      "LOG_UNDEFINED_APPENDER",
      referencedAt,
      `appender "${name}" is referenced but not defined`,
      `Define it, e.g. ${key}=org.apache.log4j.ConsoleAppender, or remove it from the logger.`,
    );
  }
  const kind = Object.hasOwn(APPENDERS, className) ? APPENDERS[className] : undefined;
  if (kind === undefined) {
    throw loggingConfigError(
      "LOG_UNKNOWN_APPENDER",
      table.where(key),
      `unknown appender class "${className}"`,
      `Supported classes: ${Object.keys(APPENDERS).join(", ")}. For time-based rolling use RollingFileAppender (size-based) or an external log rotator.`,
    );
  }
  return {
    name,
    target: readTarget(table, key, kind),
    layout: readLayout(table, optionKey(table, key, "layout")),
    threshold: table.level(optionKey(table, key, "threshold")),
    // log4j 1 applies filters in the order of their ids.
    filters: table
      .segments(`${key}.filter.`)
      .sort()
      .flatMap((id) => readFilter(table, `${key}.filter.${id}`) ?? []),
    where: table.where(key),
  };
}

/**
 * Builds a {@link LoggingConfig} from a log4j 1 properties table.
 *
 * @example
 * ```ts
 * readLog4j1(new PropertyTable(parseProperties("log4j.rootCategory=INFO, console\n...", "log4j.properties"), "log4j.properties"));
 * ```
 * @throws ConfigError naming the file, line and key of an unknown class, level or value.
 */
export function readLog4j1(table: PropertyTable): LoggingConfig {
  const rootKey =
    table.get("log4j.rootLogger") !== undefined ? "log4j.rootLogger" : "log4j.rootCategory";
  const rootRead = table.get(rootKey) === undefined ? undefined : readLogger(table, rootKey, "");
  // The root always has a level; log4j 1's default is DEBUG.
  const root: LoggerSpec = {
    ...(rootRead ?? { name: "", appenderRefs: [], additive: true }),
    level: rootRead?.level ?? "DEBUG",
  };
  const loggers = new Map<string, LoggerSpec>();
  for (const key of table.keys()) {
    const match = /^log4j\.(?:logger|category)\.(.+)$/.exec(key);
    if (match?.[1] !== undefined) loggers.set(match[1], readLogger(table, key, match[1]));
  }
  for (const key of table.keys()) {
    const name = /^log4j\.additivity\.(.+)$/.exec(key)?.[1];
    if (name === undefined) continue;
    const existing = loggers.get(name) ?? { name, appenderRefs: [], additive: true };
    loggers.set(name, { ...existing, additive: table.boolean(key, true) });
  }
  // log4j 1 builds only the appenders some logger refers to.
  const referenced = new Map<string, ConfigLocation | undefined>();
  for (const logger of [root, ...loggers.values()]) {
    for (const ref of logger.appenderRefs)
      if (!referenced.has(ref.name)) referenced.set(ref.name, ref.where);
  }
  return {
    dialect: "log4j1",
    source: table.source,
    root,
    loggers: [...loggers.values()],
    appenders: [...referenced].map(([name, where]) => readAppender(table, name, where)),
    threshold: table.level("log4j.threshold"),
    filters: [],
  };
}
