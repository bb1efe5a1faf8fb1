/**
 * log4j 2 properties components under an appender, as log4j 2's properties builder reads them:
 * `layout.type`, `filter.<id>.type` (ids in sorted order, which fixes the order of filters), and
 * any other `<id>.type` is a rolling component (`Policies`, `SizeBasedTriggeringPolicy`,
 * `DefaultRolloverStrategy`) whose role its type decides.
 */
import { loggingConfigError } from "./config-error.js";
import type { LayoutSpec, RollingSpec } from "./config-model.js";
import type { FilterResult, FilterSpec } from "./filters.js";
import type { PropertyTable } from "./property-table.js";

const JSON_LAYOUTS = new Set(["jsontemplatelayout", "jsonlayout", "ecslayout"]);
const POLICIES = new Set([
  "policies",
  "sizebasedtriggeringpolicy",
  "timebasedtriggeringpolicy",
  "onstartuptriggeringpolicy",
  "crontriggeringpolicy",
]);
const STRATEGIES = new Set(["defaultrolloverstrategy", "directwriterolloverstrategy"]);
const TEN_MB = 10 * 1024 * 1024;

/** A component under `prefix`: its full key prefix and lower-cased type. */
export interface Component {
  readonly prefix: string;
  readonly type: string;
}

/** The typed components directly under `prefix` (`appender.console`), ids sorted. */
export function components(table: PropertyTable, prefix: string): Component[] {
  return table
    .ids(`${prefix}.`)
    .sort()
    .flatMap((id) => {
      const type = table.get(`${prefix}.${id}.type`);
      return type === undefined ? [] : [{ prefix: `${prefix}.${id}`, type: type.toLowerCase() }];
    });
}

/** Whether a component configures rolling (a policy or a strategy); anything else is an error. */
export function rollingRole(table: PropertyTable, c: Component): "policy" | "strategy" {
  if (POLICIES.has(c.type)) return "policy";
  if (STRATEGIES.has(c.type)) return "strategy";
  throw loggingConfigError(
    "LOG_UNKNOWN_COMPONENT",
    table.where(`${c.prefix}.type`),
    `unknown component type "${table.get(`${c.prefix}.type`)}"`,
    "Under an appender, use layout.type, filter.<id>.type, and for RollingFile: Policies, SizeBasedTriggeringPolicy, DefaultRolloverStrategy.",
  );
}

/** The layout at `<prefix>.layout` (log4j 2's default: PatternLayout with `%m%n`). */
export function readLayout(table: PropertyTable, prefix: string): LayoutSpec {
  const typeKey = `${prefix}.layout.type`;
  const type = table.get(typeKey)?.toLowerCase();
  if (type === undefined) return { kind: "pattern", pattern: "%m%n", longNames: true };
  if (JSON_LAYOUTS.has(type)) return { kind: "json" };
  if (type !== "patternlayout") {
    throw loggingConfigError(
      "LOG_UNKNOWN_LAYOUT",
      table.where(typeKey),
      `unknown layout type "${table.get(typeKey)}"`,
      "Use PatternLayout, or JsonTemplateLayout / JsonLayout for JSON lines.",
    );
  }
  const key = `${prefix}.layout.pattern`;
  return {
    kind: "pattern",
    pattern: table.untrimmed(key) ?? "%m%n",
    longNames: true,
    where: table.where(key),
  };
}

function result(table: PropertyTable, key: string, fallback: FilterResult): FilterResult {
  const value = table.get(key);
  if (value === undefined || value === "") return fallback;
  const upper = value.toUpperCase();
  if (upper === "ACCEPT" || upper === "DENY" || upper === "NEUTRAL") return upper;
  throw table.invalid(key, value, "ACCEPT, DENY or NEUTRAL");
}

/** A filter component (a `Filters` container yields its children in order). */
export function readFilters(table: PropertyTable, c: Component): FilterSpec[] {
  if (c.type === "filters")
    return components(table, c.prefix).flatMap((child) => readFilters(table, child));
  const where = table.where(`${c.prefix}.type`);
  const onMatch = result(table, `${c.prefix}.onMatch`, "NEUTRAL");
  const onMismatch = result(table, `${c.prefix}.onMismatch`, "DENY");
  if (c.type === "thresholdfilter") {
    return [
      {
        kind: "threshold",
        level: table.level(`${c.prefix}.level`) ?? "ERROR",
        onMatch,
        onMismatch,
        where,
      },
    ];
  }
  if (c.type === "regexfilter") {
    const regex = table.untrimmed(`${c.prefix}.regex`);
    if (regex === undefined) {
      throw loggingConfigError(
        "LOG_MISSING_VALUE",
        where,
        "the RegexFilter has no regex",
        `Add ${c.prefix}.regex = <Java regex>.`,
      );
    }
    return [{ kind: "regex", regex, onMatch, onMismatch, where: table.where(`${c.prefix}.regex`) }];
  }
  throw loggingConfigError(
    "LOG_UNKNOWN_FILTER",
    where,
    `unknown filter type "${table.get(`${c.prefix}.type`)}"`,
    "Use ThresholdFilter, RegexFilter or a Filters container of them.",
  );
}

/** The size limit of a policy component (a `Policies` container: of its children). */
function maxBytes(table: PropertyTable, c: Component): number | undefined {
  if (c.type === "policies") {
    const sizes = components(table, c.prefix).map((child) => maxBytes(table, child));
    return sizes.find((s) => s !== undefined);
  }
  if (c.type === "sizebasedtriggeringpolicy") return table.size(`${c.prefix}.size`, TEN_MB);
  throw loggingConfigError(
    "LOG_UNSUPPORTED",
    table.where(`${c.prefix}.type`),
    `the triggering policy "${table.get(`${c.prefix}.type`)}" is not supported`,
    "Use SizeBasedTriggeringPolicy (size = 100MB), or rotate by time with an external tool such as logrotate.",
  );
}

/** Size-based rolling from a RollingFile appender's policies and strategy. */
export function readRolling(
  table: PropertyTable,
  prefix: string,
  parts: readonly Component[],
): RollingSpec | undefined {
  const patternKey = `${prefix}.filePattern`;
  const filePattern = table.get(patternKey);
  if (filePattern === undefined || filePattern === "") {
    throw loggingConfigError(
      "LOG_MISSING_VALUE",
      table.where(`${prefix}.type`),
      "the RollingFile appender has no filePattern",
      `Add ${patternKey} = logs/app-%i.log.gz.`,
    );
  }
  if (/\.(zip|bz2|xz|7z|zst|deflate|pack200)$/i.test(filePattern)) {
    throw loggingConfigError(
      "LOG_UNSUPPORTED",
      table.where(patternKey),
      "only .gz compression of rolled files is supported",
      "End the filePattern with .gz, or with no compression suffix.",
    );
  }
  const strategy = parts.find((c) => STRATEGIES.has(c.type));
  const index =
    strategy === undefined
      ? "max"
      : (table.get(`${strategy.prefix}.fileIndex`) ?? "max").toLowerCase();
  if (index !== "max" && index !== "min") {
    throw table.invalid(`${strategy?.prefix}.fileIndex`, index, "min or max");
  }
  const limits = parts.filter((c) => POLICIES.has(c.type)).map((c) => maxBytes(table, c));
  const bytes = limits.find((s) => s !== undefined);
  if (bytes === undefined) return undefined;
  const maxBackups = strategy === undefined ? 7 : table.integer(`${strategy.prefix}.max`, 7);
  return { maxBytes: bytes, maxBackups, filePattern, fileIndex: index };
}
