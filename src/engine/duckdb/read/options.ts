/**
 * Reader options: Spark compares option names case-insensitively and takes values as strings.
 * A bad value is an error naming the option and the value; an unknown option is ignored, as
 * Spark ignores it.
 */
import { IllegalArgumentError } from "../../../errors.js";

export class ReaderOptions {
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

  bool(name: string, fallback: boolean): boolean {
    const v = this.get(name);
    if (v === undefined) return fallback;
    const lower = v.trim().toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    throw new IllegalArgumentError(`Option ${name} must be true or false, got '${v}'.`);
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
