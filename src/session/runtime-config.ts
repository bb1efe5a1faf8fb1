/**
 * `spark.conf`: the session's configuration, readable and settable at run time. Printing
 * it (console.log, util.inspect, `describe()`) always redacts secrets.
 *
 * @example
 * ```ts
 * spark.conf.set("spark.sql.session.timeZone", "UTC");
 * spark.conf.get("spark.app.name"); // "DataIngestionPipeline"
 * console.log(spark.conf.describe().join("\n")); // secrets show as *********(redacted)
 * ```
 */
import { inspect } from "node:util";
import { type ConfigSource, formatConfig, redactConfig } from "../config/index.js";

export type ConfigListener = (key: string, value: string) => Promise<void>;

export class RuntimeConfig {
  readonly #values: Map<string, string>;
  readonly #sources: Map<string, ConfigSource>;
  readonly #listener: ConfigListener;

  constructor(
    values: ReadonlyMap<string, string>,
    sources: ReadonlyMap<string, ConfigSource>,
    listener: ConfigListener,
  ) {
    this.#values = new Map(values);
    this.#sources = new Map(sources);
    this.#listener = listener;
  }

  /** The value of a key, or `fallback` (undefined) when it is not set. */
  get(key: string): string | undefined;
  get(key: string, fallback: string): string;
  get(key: string, fallback?: string): string | undefined {
    return this.#values.get(key) ?? fallback;
  }

  /** Sets a key for this session; the engine applies what it understands at once. */
  async set(key: string, value: string | number | boolean): Promise<void> {
    const text = String(value);
    this.#values.set(key, text);
    this.#sources.set(key, { kind: "code" });
    await this.#listener(key, text);
  }

  unset(key: string): void {
    this.#values.delete(key);
    this.#sources.delete(key);
  }

  isModifiable(key: string): boolean {
    return key.startsWith("spark.sql.") || key.startsWith("tributary.");
  }

  /** Every key and its real value (not redacted: do not print it; use describe()). */
  getAll(): Record<string, string> {
    return Object.fromEntries([...this.#values].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Every key with secrets redacted, for printing. */
  redacted(): Record<string, string> {
    return Object.fromEntries(redactConfig(this.#values));
  }

  /** `key=value (from <source>)` lines, secrets redacted. */
  describe(): string[] {
    return formatConfig({ values: this.#values, sources: this.#sources });
  }

  toString(): string {
    return `RuntimeConfig(${JSON.stringify(this.redacted())})`;
  }

  toJSON(): Record<string, string> {
    return this.redacted();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
