/** Reader options: Spark compares option names case-insensitively and takes values as strings. */
import { IllegalArgumentError } from "../../../errors.js";

export class ReaderOptions {
  private readonly map: Map<string, string>;

  constructor(options: Readonly<Record<string, string>>) {
    this.map = new Map(Object.entries(options).map(([k, v]) => [k.toLowerCase(), v]));
  }

  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase());
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
    if (!Number.isInteger(n)) throw new IllegalArgumentError(`Option ${name} must be an integer, got '${v}'.`);
    return n;
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
}
