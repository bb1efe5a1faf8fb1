/**
 * Appender filters from both log4j versions. Each answers ACCEPT, DENY or NEUTRAL; the first
 * non-neutral answer decides and all-neutral lets the event through. log4j 1:
 * `StringMatchFilter`, `LevelMatchFilter`, `LevelRangeFilter`, `DenyAllFilter`. log4j 2:
 * `ThresholdFilter`, `RegexFilter` (Spark's template uses it to drop a Thrift warning).
 */
import { javaRegex } from "../config/redaction.js";
import type { ConfigLocation } from "./config-error.js";
import type { LogEvent } from "./event.js";
import { type LevelName, levelEnables } from "./level.js";

/** A filter's answer. */
export type FilterResult = "ACCEPT" | "DENY" | "NEUTRAL";

/** A filter as configured. */
export type FilterSpec = (
  | { readonly kind: "stringMatch"; readonly text: string; readonly acceptOnMatch: boolean }
  | { readonly kind: "levelMatch"; readonly level: LevelName; readonly acceptOnMatch: boolean }
  | {
      readonly kind: "levelRange";
      readonly min?: LevelName;
      readonly max?: LevelName;
      readonly acceptOnMatch: boolean;
    }
  | { readonly kind: "denyAll" }
  | {
      readonly kind: "threshold";
      readonly level: LevelName;
      readonly onMatch: FilterResult;
      readonly onMismatch: FilterResult;
    }
  | {
      readonly kind: "regex";
      readonly regex: string;
      readonly onMatch: FilterResult;
      readonly onMismatch: FilterResult;
    }
) & { readonly where?: ConfigLocation };

/** A compiled filter. */
export type Filter = (event: LogEvent) => FilterResult;

/**
 * Compiles one filter.
 *
 * @example
 * ```ts
 * const deny = compileFilter({ kind: "regex", regex: ".*Thrift error.*", onMatch: "DENY", onMismatch: "NEUTRAL" });
 * deny(event); // "DENY" when the message matches
 * ```
 * @throws ConfigError `CONFIG_INVALID_VALUE` for a regex that does not compile.
 */
export function compileFilter(spec: FilterSpec): Filter {
  switch (spec.kind) {
    case "stringMatch":
      return (e) =>
        !e.message.includes(spec.text) ? "NEUTRAL" : spec.acceptOnMatch ? "ACCEPT" : "DENY";
    case "levelMatch":
      return (e) => (e.level !== spec.level ? "NEUTRAL" : spec.acceptOnMatch ? "ACCEPT" : "DENY");
    case "levelRange":
      return (e) => {
        // levelEnables(t, l): l is at least as severe as t. min is the least severe bound.
        if (spec.min !== undefined && !levelEnables(spec.min, e.level)) return "DENY";
        if (spec.max !== undefined && !levelEnables(e.level, spec.max)) return "DENY";
        return spec.acceptOnMatch ? "ACCEPT" : "NEUTRAL";
      };
    case "denyAll":
      return () => "DENY";
    case "threshold":
      return (e) => (levelEnables(spec.level, e.level) ? spec.onMatch : spec.onMismatch);
    case "regex": {
      // Java's Matcher.matches(): the whole message must match.
      const inner = javaRegex(spec.regex, spec.where?.key);
      const whole = new RegExp(`^(?:${inner.source})$`, inner.flags);
      return (e) => (whole.test(e.message) ? spec.onMatch : spec.onMismatch);
    }
  }
}

/**
 * Whether a chain of filters lets `event` through.
 *
 * @example
 * ```ts
 * passes([compileFilter({ kind: "denyAll" })], event); // false
 * ```
 */
export function passes(filters: readonly Filter[], event: LogEvent): boolean {
  for (const filter of filters) {
    const result = filter(event);
    if (result !== "NEUTRAL") return result === "ACCEPT";
  }
  return true;
}
