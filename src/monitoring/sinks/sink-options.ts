/**
 * Typed reading of one sink's options from `metrics.properties`, with errors that name the
 * file, the line, the key as written and a line the user can paste to fix it.
 */
import { ConfigError, closestMatch } from "../../errors.js";

/** One option of a sink, with the full key and line it came from. */
export interface SinkOption {
  /** The key as written, e.g. `*.sink.graphite.port`. */
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

// java.util.concurrent.TimeUnit names, which Spark's `unit` option takes (case-insensitive).
const TIME_UNITS_MS: Readonly<Record<string, number>> = {
  NANOSECONDS: 1e-6,
  MICROSECONDS: 1e-3,
  MILLISECONDS: 1,
  SECONDS: 1_000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
};
// Spark's MetricsSystem refuses polling periods below one second.
const MIN_PERIOD_MS = 1_000;

/** Reads the options of the sink `name` (`*.sink.<name>.<option>`). */
export class SinkOptions {
  constructor(
    readonly file: string,
    readonly name: string,
    /** The instance prefix the sink's class was declared under: `*` or `driver`. */
    readonly instance: string,
    private readonly options: ReadonlyMap<string, SinkOption>,
  ) {}

  /** The key a user would write for `option`. */
  keyOf(option: string): string {
    return this.options.get(option)?.key ?? `${this.instance}.sink.${this.name}.${option}`;
  }

  optional(option: string): string | undefined {
    return this.options.get(option)?.value.trim();
  }

  /** @throws ConfigError `METRICS_SINK_MISSING_OPTION` showing a line to add. */
  required(option: string, example: string): string {
    const value = this.optional(option);
    if (value !== undefined && value !== "") return value;
    const key = this.keyOf(option);
    throw new ConfigError(
      "METRICS_SINK_MISSING_OPTION",
      `${this.file}: the metrics sink "${this.name}" needs ${key}.`,
      {
        hint: `Add a line such as ${key}=${example} to ${this.file}.`,
        context: this.#context(key),
      },
    );
  }

  /** A TCP/UDP port; 0 (any free port) only where `allowZero`. */
  port(option: string, example: string, allowZero = false): number {
    const text = this.required(option, example);
    const port = /^[0-9]{1,5}$/.test(text) ? Number(text) : Number.NaN;
    if (port >= (allowZero ? 0 : 1) && port <= 65535) return port;
    throw this.invalid(option, `a port number from ${allowZero ? 0 : 1} to 65535`);
  }

  /**
   * Spark's `period` times `unit` (default seconds), in milliseconds; `defaultPeriod` when
   * `period` is absent (Spark's sinks default to 10), or undefined if that is undefined too.
   */
  periodMs(defaultPeriod: number | undefined): number | undefined {
    const text = this.optional("period");
    let period = defaultPeriod;
    if (text !== undefined) {
      period = /^[0-9]+$/.test(text) ? Number(text) : 0;
      if (period <= 0) throw this.invalid("period", "a whole number greater than 0");
    }
    if (period === undefined) return undefined;
    const unit = (this.optional("unit") ?? "SECONDS").toUpperCase();
    const unitMs = TIME_UNITS_MS[unit];
    if (unitMs === undefined) {
      throw this.invalid("unit", `one of ${Object.keys(TIME_UNITS_MS).join(", ").toLowerCase()}`);
    }
    const ms = period * unitMs;
    if (ms < MIN_PERIOD_MS) throw this.invalid("period", "a period of at least 1 second");
    return ms;
  }

  /** One of `choices` (case-insensitive), or `fallback` when absent. */
  choice<T extends string>(option: string, choices: readonly T[], fallback: T): T {
    const text = this.optional(option)?.toLowerCase();
    if (text === undefined) return fallback;
    const found = choices.find((c) => c === text);
    if (found !== undefined) return found;
    throw this.invalid(option, `one of ${choices.join(", ")}`);
  }

  /** Options under `<group>.`, e.g. `groupingKey.<label>`, keyed by the rest. */
  group(group: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [option, entry] of this.options) {
      if (option.startsWith(`${group}.`)) out[option.slice(group.length + 1)] = entry.value.trim();
    }
    return out;
  }

  /** @throws ConfigError `METRICS_SINK_UNKNOWN_OPTION` for an option outside `known`. */
  checkKnown(known: readonly string[], groups: readonly string[] = []): void {
    for (const [option, entry] of this.options) {
      if (known.includes(option) || groups.some((g) => option.startsWith(`${g}.`))) continue;
      const suggestion = closestMatch(option, known);
      throw new ConfigError(
        "METRICS_SINK_UNKNOWN_OPTION",
        `${this.file}:${entry.line}: unknown option ${entry.key} for the metrics sink "${this.name}".`,
        {
          hint:
            suggestion === undefined
              ? `Options of this sink: ${[...known, ...groups.map((g) => `${g}.<name>`)].join(", ")}.`
              : `Did you mean ${this.keyOf(suggestion)}?`,
          context: { ...this.#context(entry.key), line: entry.line },
        },
      );
    }
  }

  /** A `METRICS_SINK_INVALID_VALUE` error for `option`. */
  invalid(option: string, expected: string): ConfigError {
    const entry = this.options.get(option);
    const where = entry === undefined ? this.file : `${this.file}:${entry.line}`;
    const key = this.keyOf(option);
    return new ConfigError(
      "METRICS_SINK_INVALID_VALUE",
      `${where}: invalid value "${entry?.value ?? ""}" for ${key}. Expected ${expected}.`,
      { hint: `Fix ${key} in ${this.file}.`, context: { ...this.#context(key), expected } },
    );
  }

  #context(key: string): Record<string, unknown> {
    return { file: this.file, key, sink: this.name };
  }
}
