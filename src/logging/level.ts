/**
 * Log levels with log4j 2's ordering: a logger set to a level lets through that level and
 * every more severe one. `OFF` silences everything and `ALL` lets everything through.
 */

/** A level as log4j spells it. Events are logged at `FATAL` .. `TRACE`. */
export type LevelName = "OFF" | "FATAL" | "ERROR" | "WARN" | "INFO" | "DEBUG" | "TRACE" | "ALL";

// log4j 2's intLevel values: smaller is more severe.
const SEVERITY: Readonly<Record<LevelName, number>> = {
  OFF: 0,
  FATAL: 100,
  ERROR: 200,
  WARN: 300,
  INFO: 400,
  DEBUG: 500,
  TRACE: 600,
  ALL: Number.MAX_SAFE_INTEGER,
};

/** Every level name, most severe first. */
export const LEVEL_NAMES: readonly LevelName[] = Object.keys(SEVERITY) as LevelName[];

/**
 * The level `text` names, ignoring case and surrounding blanks, or `undefined`.
 *
 * @example
 * ```ts
 * toLevel(" warn "); // "WARN"
 * toLevel("loud");   // undefined
 * ```
 */
export function toLevel(text: string): LevelName | undefined {
  const upper = text.trim().toUpperCase();
  return Object.hasOwn(SEVERITY, upper) ? (upper as LevelName) : undefined;
}

/**
 * Whether a logger (or appender threshold) set to `threshold` lets an event at `level` through.
 *
 * @example
 * ```ts
 * levelEnables("INFO", "WARN");  // true
 * levelEnables("INFO", "DEBUG"); // false
 * ```
 */
export function levelEnables(threshold: LevelName, level: LevelName): boolean {
  return SEVERITY[level] <= SEVERITY[threshold] && level !== "OFF";
}
