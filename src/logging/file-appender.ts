/**
 * Writes to a file, creating its directory, with synchronous writes as log4j's blocking
 * appenders do: a line is on disk when the call returns, and nothing is lost when the process
 * exits. With a {@link RollingSpec}, the file rolls once it reaches `maxBytes`: log4j 1 keeps
 * `<file>.1` (newest) .. `<file>.N`; log4j 2's default `max` index makes the highest index the
 * newest. Backup names come from the file pattern (`%i`, `%d{...}`); `.gz` compresses them.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { gzipSync } from "node:zlib";
import type { Appender, AppenderOptions } from "./appenders.js";
import { loggingConfigError } from "./config-error.js";
import type { RollingSpec } from "./config-model.js";
import { compileDateFormat } from "./date-format.js";
import type { Layout, LogEvent } from "./event.js";
import { compilePattern, SEED_PATTERN } from "./pattern-layout.js";
import { resolveTimeZone, type TimeZone } from "./time-zone.js";

/** Options of a {@link FileAppender}. */
export interface FileAppenderOptions extends AppenderOptions {
  readonly path: string;
  /** Append to an existing file (default) or truncate it. */
  readonly append?: boolean;
  readonly rolling?: RollingSpec;
  /** The zone for `%d{...}` in backup names. */
  readonly timeZone?: TimeZone;
  /** The clock for `%d{...}` in backup names. */
  readonly clock?: () => number;
}

function open(path: string, flags: "a" | "w"): number {
  try {
    mkdirSync(dirname(path), { recursive: true });
    return openSync(path, flags);
  } catch (e) {
    throw loggingConfigError(
      "LOG_FILE_UNWRITABLE",
      { file: path },
      `cannot open the log file: ${e instanceof Error ? e.message : String(e)}`,
      "Check that the directory exists or can be created, and that this user may write to it.",
      e,
    );
  }
}

/**
 * A file appender.
 *
 * @example
 * ```ts
 * const file = new FileAppender({ path: "logs/app.log", rolling: { maxBytes: 10 * 1024 * 1024,
 *   maxBackups: 5, filePattern: "logs/app.log.%i", fileIndex: "min" } });
 * ```
 * @throws ConfigError `LOG_FILE_UNWRITABLE` when the file cannot be opened.
 */
export class FileAppender implements Appender {
  readonly name: string;
  readonly path: string;
  readonly #layout: Layout;
  readonly #rolling: RollingSpec | undefined;
  readonly #backupName: (index: number) => string;
  #fd: number | undefined;
  #size: number;

  constructor(options: FileAppenderOptions) {
    this.name = options.name ?? "file";
    this.path = options.path;
    this.#layout = options.layout ?? compilePattern(SEED_PATTERN);
    this.#rolling = options.rolling;
    this.#backupName = backupNamer(
      options.rolling?.filePattern ?? `${options.path}.%i`,
      options.timeZone ?? resolveTimeZone(),
      options.clock ?? Date.now,
    );
    this.#fd = open(this.path, options.append === false ? "w" : "a");
    this.#size = fstatSync(this.#fd).size;
  }

  append(event: LogEvent): void {
    const text = this.#layout(event);
    this.#fd ??= open(this.path, "a");
    writeSync(this.#fd, text);
    this.#size += Buffer.byteLength(text);
    if (this.#rolling !== undefined && this.#size >= this.#rolling.maxBytes)
      this.#roll(this.#rolling);
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }

  #roll(rolling: RollingSpec): void {
    this.close();
    if (rolling.maxBackups > 0) {
      const target =
        rolling.fileIndex === "min"
          ? this.#shiftUp(rolling.maxBackups)
          : this.#nextHighest(rolling.maxBackups);
      if (target.endsWith(".gz")) {
        writeFileSync(target, gzipSync(readFileSync(this.path)));
        rmSync(this.path);
      } else renameSync(this.path, target);
    }
    this.#fd = open(this.path, "w");
    this.#size = 0;
  }

  /** log4j 1: drop the oldest, move i to i+1, and the file becomes backup 1. */
  #shiftUp(max: number): string {
    rmSync(this.#backupName(max), { force: true });
    for (let i = max - 1; i >= 1; i--) {
      if (existsSync(this.#backupName(i))) renameSync(this.#backupName(i), this.#backupName(i + 1));
    }
    return this.#backupName(1);
  }

  /** log4j 2's `max`: fill 1..max, then drop 1 and move i to i-1. */
  #nextHighest(max: number): string {
    let highest = 0;
    for (let i = max; i >= 1 && highest === 0; i--)
      if (existsSync(this.#backupName(i))) highest = i;
    if (highest < max) return this.#backupName(highest + 1);
    rmSync(this.#backupName(1), { force: true });
    for (let i = 2; i <= max; i++) {
      if (existsSync(this.#backupName(i))) renameSync(this.#backupName(i), this.#backupName(i - 1));
    }
    return this.#backupName(max);
  }
}

function backupNamer(
  pattern: string,
  zone: TimeZone,
  clock: () => number,
): (index: number) => string {
  const dates = new Map<string, (ms: number) => string>();
  for (const match of pattern.matchAll(/%d\{([^}]*)\}/g)) {
    dates.set(match[0], compileDateFormat(match[1] ?? "yyyy-MM-dd", zone));
  }
  // A bare %d is log4j 2's yyyy-MM-dd.
  const day = compileDateFormat("yyyy-MM-dd", zone);
  return (index) =>
    pattern
      .replace(/%d\{[^}]*\}/g, (token) => dates.get(token)?.(clock()) ?? token)
      .replace(/%d(?!\{)/g, () => day(clock()))
      .replace(/%i/g, String(index));
}
