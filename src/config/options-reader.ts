/**
 * Options as Spark's data sources and Delta take them: names compared case-insensitively,
 * values as strings, read through typed getters. A bad value is an IllegalArgumentError
 * naming the option and the value; an unknown option is ignored, as Spark ignores it.
 *
 * @example
 * ```ts
 * const o = new OptionsReader({ Header: "TRUE", sep: "|" });
 * o.bool("header", false); // true
 * o.first("delimiter", "sep"); // "|"
 * ```
 */
import { IllegalArgumentError } from "../errors.js";
import { sparkBoolean } from "./boolean.js";

export class OptionsReader {
  private readonly map: Map<string, string>;

  constructor(options: Readonly<Record<string, string>>) {
    this.map = new Map(Object.entries(options).map(([k, v]) => [k.toLowerCase(), v]));
  }

  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase());
  }

  /** The first of several alias names that is set (`sep` / `delimiter`, `encoding` / `charset`). */
  first(...names: string[]): string | undefined {
    for (const n of names) {
      const v = this.get(n);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  string(name: string, fallback: string): string {
    return this.get(name) ?? fallback;
  }

  /** `true` / `false` in any case; blanks are not trimmed, as Spark's option readers. */
  bool(name: string, fallback: boolean): boolean {
    const v = this.get(name);
    if (v === undefined) return fallback;
    const parsed = sparkBoolean(v);
    if (parsed === undefined) {
      throw new IllegalArgumentError(`Option ${name} must be true or false, got '${v}'.`);
    }
    return parsed;
  }

  int(name: string, fallback: number): number {
    const v = this.get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (v.trim() === "" || !Number.isInteger(n)) {
      throw new IllegalArgumentError(`Option ${name} must be an integer, got '${v}'.`);
    }
    return n;
  }

  /** A number, or undefined when the option is not set. */
  number(name: string): number | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n)) {
      throw new IllegalArgumentError(`Option ${name} must be a number, got '${v}'.`);
    }
    return n;
  }

  /** One of `allowed` (compared case-insensitively), returned in its canonical spelling. */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const v = this.get(name);
    if (v === undefined) return fallback;
    const hit = allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase());
    if (hit === undefined) {
      throw new IllegalArgumentError(
        `Option ${name} must be one of ${allowed.join(", ")}, got '${v}'.`,
      );
    }
    return hit;
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
}
