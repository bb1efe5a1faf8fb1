/**
 * Reads log4j 2 `log4j2.properties` (Spark 3.3+'s format): `rootLogger.level`,
 * `rootLogger.appenderRef.<id>.ref`, `logger.<id>.name/level/additivity/appenderRef...`, the
 * 2.17.2 shorthand `rootLogger = INFO, console` / `logger.<id> = WARN, file`, and
 * `appender.<id>.type = Console | File | RandomAccessFile | RollingFile |
 * RollingRandomAccessFile | Null` with their layouts, filters and size-based rolling.
 * Loggers refer to appenders by `name` (default: the id). The root's default level is ERROR.
 */
import { loggingConfigError } from "./config-error.js";
import type {
  AppenderRef,
  AppenderSpec,
  LoggerSpec,
  LoggingConfig,
  TargetSpec,
} from "./config-model.js";
import type { LevelName } from "./level.js";
import {
  components,
  readFilters,
  readLayout,
  readRolling,
  rollingRole,
} from "./log4j2-components.js";
import type { PropertyTable } from "./property-table.js";

const TYPES: Readonly<Record<string, "console" | "file" | "rolling" | "null">> = {
  console: "console",
  file: "file",
  randomaccessfile: "file",
  rollingfile: "rolling",
  rollingrandomaccessfile: "rolling",
  null: "null",
};

function readTarget(
  table: PropertyTable,
  prefix: string,
  kind: string,
  rolling: () => TargetSpec,
): TargetSpec {
  if (kind === "null") return { kind: "null" };
  if (kind === "console") {
    const target = table.get(`${prefix}.target`) ?? "SYSTEM_OUT";
    if (/^system_(out|err)$/i.test(target)) {
      return {
        kind: "console",
        stream: target.toUpperCase() === "SYSTEM_ERR" ? "stderr" : "stdout",
      };
    }
    throw table.invalid(`${prefix}.target`, target, "SYSTEM_OUT or SYSTEM_ERR");
  }
  if (kind === "rolling") return rolling();
  return {
    kind: "file",
    path: fileName(table, prefix),
    append: table.boolean(`${prefix}.append`, true),
  };
}

function fileName(table: PropertyTable, prefix: string): string {
  const path = table.get(`${prefix}.fileName`);
  if (path !== undefined && path !== "") return path;
  throw loggingConfigError(
    "LOG_MISSING_VALUE",
    table.where(`${prefix}.type`),
    "the file appender has no fileName",
    `Add ${prefix}.fileName = logs/app.log.`,
  );
}

function readAppender(table: PropertyTable, id: string): AppenderSpec {
  const prefix = `appender.${id}`;
  const typeKey = `${prefix}.type`;
  const type = table.get(typeKey);
  if (type === undefined) {
    throw loggingConfigError(
      "LOG_MISSING_VALUE",
      table.firstWhere(`${prefix}.`),
      `appender "${id}" has no type`,
      `Add ${typeKey} = Console (or File, RollingFile).`,
    );
  }
  const kind = Object.hasOwn(TYPES, type.toLowerCase()) ? TYPES[type.toLowerCase()] : undefined;
  if (kind === undefined) {
    throw loggingConfigError(
      "LOG_UNKNOWN_APPENDER",
      table.where(typeKey),
      `unknown appender type "${type}"`,
      "Supported types: Console, File, RandomAccessFile, RollingFile, RollingRandomAccessFile, Null.",
    );
  }
  const parts = components(table, prefix).filter((c) => c.prefix !== `${prefix}.layout`);
  for (const part of parts) rollingRole(table, part);
  const filters = components(table, `${prefix}.filter`).flatMap((c) => readFilters(table, c));
  const rolling = (): TargetSpec => {
    const path = fileName(table, prefix);
    const spec = readRolling(table, prefix, parts);
    const append = table.boolean(`${prefix}.append`, true);
    return spec === undefined
      ? { kind: "file", path, append }
      : { kind: "file", path, append, rolling: spec };
  };
  return {
    name: table.get(`${prefix}.name`) || id,
    target: readTarget(table, prefix, kind, rolling),
    layout: readLayout(table, prefix),
    filters,
    where: table.where(typeKey),
  };
}

function refsOf(table: PropertyTable, prefix: string): AppenderRef[] {
  return table.ids(`${prefix}.appenderRef.`).map((rid) => {
    const key = `${prefix}.appenderRef.${rid}.ref`;
    const name = table.get(key);
    if (name === undefined || name === "") {
      throw loggingConfigError(
        "LOG_MISSING_VALUE",
        table.firstWhere(`${prefix}.appenderRef.${rid}.`),
        "the appender reference has no ref",
        `Add ${key} = <appender name>.`,
      );
    }
    return {
      name,
      level: table.level(`${prefix}.appenderRef.${rid}.level`),
      where: table.where(key),
    };
  });
}

function readLogger(
  table: PropertyTable,
  prefix: string,
  name: string,
  fallbackLevel?: LevelName,
): LoggerSpec {
  if (table.ids(`${prefix}.filter.`).length > 0) {
    throw loggingConfigError(
      "LOG_UNSUPPORTED",
      table.firstWhere(`${prefix}.filter.`),
      "filters on loggers are not supported",
      "Put the filter on the appender (appender.<id>.filter.<id>.type = ...) instead.",
    );
  }
  // The 2.17.2 shorthand: "<prefix> = LEVEL, ref, ref".
  const [short = "", ...shortRefs] = (table.get(prefix) ?? "").split(",").map((s) => s.trim());
  const level =
    table.level(`${prefix}.level`) ?? (short === "" ? fallbackLevel : table.toLevel(short, prefix));
  const appenderRefs = [
    ...refsOf(table, prefix),
    ...shortRefs.filter((r) => r !== "").map((r) => ({ name: r, where: table.where(prefix) })),
  ];
  return { name, level, appenderRefs, additive: table.boolean(`${prefix}.additivity`, true) };
}

/**
 * Builds a {@link LoggingConfig} from a log4j 2 properties table.
 *
 * @example
 * ```ts
 * readLog4j2(new PropertyTable(parseProperties("rootLogger.level = info\n...", "log4j2.properties"), "log4j2.properties"));
 * ```
 * @throws ConfigError naming the file, line and key of an unknown type, level or reference.
 */
export function readLog4j2(table: PropertyTable): LoggingConfig {
  const appenders = table.ids("appender.").map((id) => readAppender(table, id));
  const root = readLogger(table, "rootLogger", "", "ERROR");
  const loggers = table.segments("logger.").map((id) => {
    const name = table.get(`logger.${id}.name`);
    if (name === undefined || name === "") {
      throw loggingConfigError(
        "LOG_MISSING_VALUE",
        table.firstWhere(`logger.${id}`),
        `logger "${id}" has no name`,
        `Add logger.${id}.name = <logger name, e.g. org.apache.spark>.`,
      );
    }
    return readLogger(table, `logger.${id}`, name);
  });
  const names = new Set(appenders.map((a) => a.name));
  for (const ref of [root, ...loggers].flatMap((l) => l.appenderRefs)) {
    if (!names.has(ref.name)) {
      throw loggingConfigError(
        "LOG_UNDEFINED_APPENDER",
        ref.where,
        `no appender is named "${ref.name}"`,
        `Define it (appender.<id>.type = Console, appender.<id>.name = ${ref.name}) or use one of: ${[...names].join(", ") || "(none defined)"}.`,
      );
    }
  }
  const filters = components(table, "filter").flatMap((c) => readFilters(table, c));
  return { dialect: "log4j2", source: table.source, root, loggers, appenders, filters };
}
