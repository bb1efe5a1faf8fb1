/**
 * Parsed properties with their line numbers, and typed readers whose errors name the file,
 * line and key. Both log4j readers work from one of these.
 */
import type { PropertyEntry } from "../config/properties.js";
import { type ConfigLocation, loggingConfigError } from "./config-error.js";
import { LEVEL_NAMES, type LevelName, toLevel } from "./level.js";

const SIZE = /^(\d+(?:[.,]\d+)?)\s*([KMGT]?)B?$/i;
const SIZE_POWERS: Readonly<Record<string, number>> = { "": 0, K: 1, M: 2, G: 3, T: 4 };

/** Key -> value (last one wins, as in Java) with the line each was written on. */
export class PropertyTable {
  readonly #entries = new Map<string, PropertyEntry>();

  constructor(
    entries: readonly PropertyEntry[],
    readonly source: string,
    readonly substitute: (value: string, table: PropertyTable) => string = (v) => v,
  ) {
    for (const entry of entries) this.#entries.set(entry.key, entry);
  }

  /** The raw (unsubstituted) value, for variable lookups. */
  rawValue(key: string): string | undefined {
    return this.#entries.get(key)?.value;
  }

  /** The substituted value, trimmed; `undefined` when absent. */
  get(key: string): string | undefined {
    return this.untrimmed(key)?.trim();
  }

  /** The substituted value as written (patterns keep their trailing blanks, as in log4j). */
  untrimmed(key: string): string | undefined {
    const entry = this.#entries.get(key);
    return entry === undefined ? undefined : this.substitute(entry.value, this);
  }

  where(key: string): ConfigLocation {
    return { file: this.source, line: this.#entries.get(key)?.line, key };
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }

  /**
   * The ids of the components under `prefix`: `appender.` -> `console` for
   * `appender.console.type`. Plain attributes (`appender.x.policies.type`) are not components.
   */
  ids(prefix: string): string[] {
    const ids = new Set<string>();
    for (const key of this.#entries.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const dot = rest.indexOf(".");
      if (dot > 0) ids.add(rest.slice(0, dot));
    }
    return [...ids];
  }

  /** Every distinct next segment after `prefix`, with or without keys below it. */
  segments(prefix: string): string[] {
    const found = this.keys().filter((k) => k.startsWith(prefix));
    return [...new Set(found.map((k) => k.slice(prefix.length).split(".")[0] ?? ""))].filter(
      (s) => s !== "",
    );
  }

  /** Where the first key under `prefix` was written (for a component missing its `.type`). */
  firstWhere(prefix: string): ConfigLocation {
    const lines = [...this.#entries.values()]
      .filter((e) => e.key.startsWith(prefix))
      .map((e) => e.line);
    return {
      file: this.source,
      line: lines.length === 0 ? undefined : Math.min(...lines),
      key: prefix.replace(/\.$/, ""),
    };
  }

  level(key: string): LevelName | undefined {
    const value = this.get(key);
    return value === undefined || value === "" ? undefined : this.toLevel(value, key);
  }

  toLevel(value: string, key: string): LevelName {
    const level = toLevel(value);
    if (level !== undefined) return level;
    throw loggingConfigError(
      "LOG_INVALID_LEVEL",
      this.where(key),
      `unknown level "${value.trim()}"`,
      `Use one of ${LEVEL_NAMES.join(", ")} (any case).`,
    );
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.get(key);
    if (value === undefined || value === "") return fallback;
    if (/^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
    throw this.invalid(key, value, "true or false");
  }

  integer(key: string, fallback: number): number {
    const value = this.get(key);
    if (value === undefined || value === "") return fallback;
    if (/^\d+$/.test(value)) return Number(value);
    throw this.invalid(key, value, "a whole number");
  }

  /** A file size as log4j writes it: `10MB`, `100 KB`, `1GB`, or bytes. */
  size(key: string, fallback: number): number {
    const value = this.get(key);
    if (value === undefined || value === "") return fallback;
    const match = SIZE.exec(value);
    if (match === null) throw this.invalid(key, value, "a size such as 10MB, 512KB or 1GB");
    const power = SIZE_POWERS[(match[2] ?? "").toUpperCase()] ?? 0;
    return Math.floor(Number((match[1] ?? "0").replace(",", ".")) * 1024 ** power);
  }

  invalid(key: string, value: string, accepted: string): Error {
    return loggingConfigError(
      "LOG_INVALID_VALUE",
      this.where(key),
      `invalid value "${value}"`,
      `Expected ${accepted}.`,
    );
  }
}
