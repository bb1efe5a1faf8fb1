/**
 * Local copies of object-store text files (CSV, JSON) for one read. Spark-exact CSV and JSON
 * handling reads every byte of every input in Node before DuckDB scans it (the tokenizer's
 * checks and rewrites, header and record sampling, re-reads of malformed records), so one
 * download through `Storage` into the session's scratch directory is the least transfer:
 * each object is fetched once, and everything after reads the copy. Parquet is not copied:
 * DuckDB reads it in place with range requests.
 *
 * The copy of `s3://bucket/key` is `<scratch>/objects/s3/bucket/key`, so the layout below a
 * read path (Hive-style partition directories) is the same; errors and metrics name the
 * original locations again (`restore`).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { InputError, TributaryError } from "../../../errors.js";
import { isObjectStoreLocation, parseLocation } from "../../../storage/location.js";
import type { Storage } from "../../../storage/storage.js";
import { quoteString } from "../sql-quote.js";

export class ObjectMirror {
  readonly #root: string;
  readonly #originals = new Map<string, string>();

  constructor(
    scratchDir: string,
    private readonly storage: Storage,
  ) {
    this.#root = join(scratchDir, "objects");
  }

  /** The local copy's path of a location (itself when local). */
  pathOf(location: string): string {
    const parsed = parseLocation(location);
    if (parsed.kind !== "s3") return location;
    const local = join(this.#root, parsed.scheme, parsed.bucket, ...parsed.key.split("/"));
    this.#originals.set(local, location);
    return local;
  }

  /** Downloads the object-store `files` (local ones are left as they are); returns the paths to read. */
  async fetch(files: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const file of files) {
      if (!isObjectStoreLocation(file)) {
        out.push(file);
        continue;
      }
      const local = this.pathOf(file);
      await mkdir(dirname(local), { recursive: true });
      await writeFile(local, await this.storage.read(file));
      out.push(local);
    }
    return out;
  }

  /** SQL: the original location of the local copy's path `expr` evaluates to. */
  originalSql(expr: string): string {
    if (this.#originals.size === 0) return expr;
    const branches = [...this.#originals].map(
      ([local, original]) => `WHEN ${quoteString(local)} THEN ${quoteString(original)}`,
    );
    return `CASE ${expr} ${branches.join(" ")} ELSE ${expr} END`;
  }

  /** `text` with every local copy's path replaced by its original location. */
  restoreText(text: string): string {
    let out = text;
    for (const [local, original] of this.#originals) out = out.split(local).join(original);
    return out;
  }

  /** The error with original locations in its message and file (the copy's error as cause). */
  restore(error: unknown): unknown {
    if (!(error instanceof TributaryError) || this.#originals.size === 0) return error;
    const message = this.restoreText(error.message);
    const file = error instanceof InputError ? error.file : undefined;
    const restoredFile = file === undefined ? undefined : this.restoreText(file);
    if (message === error.message && restoredFile === file) return error;
    if (error instanceof InputError)
      return new InputError(error.code, message, {
        cause: error,
        ...(restoredFile === undefined ? {} : { file: restoredFile }),
        ...(error.line === undefined ? {} : { line: error.line }),
        ...(error.hint === undefined ? {} : { hint: error.hint }),
        context: error.context,
      });
    return new TributaryError(error.code, message, {
      cause: error,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      context: error.context,
    });
  }
}
