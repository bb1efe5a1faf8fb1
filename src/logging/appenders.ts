/**
 * Where formatted events go. An appender owns its layout; thresholds, filters and redaction are
 * applied before it is called, so an appender only writes. Console output is looked up at each
 * write (`process.stderr` may be replaced, as test runners do).
 */
import type { Layout, LogEvent } from "./event.js";
import { compilePattern, SEED_PATTERN } from "./pattern-layout.js";

/** Receives events that passed every level check, filter and redaction. */
export interface Appender {
  readonly name: string;
  append(event: LogEvent): void;
  /** Releases files; called when logging is reconfigured or reset. */
  close?(): void;
}

/** Anything with `write(text)`: a stream, or a test double. */
export interface TextSink {
  write(text: string): unknown;
}

/** Options shared by the appenders below. */
export interface AppenderOptions {
  readonly name?: string;
  /** Default: the seed pattern in the process's zone. */
  readonly layout?: Layout;
}

/**
 * Writes to standard output or standard error (log4j 2's `Console`, log4j 1's `ConsoleAppender`).
 *
 * @example
 * ```ts
 * new ConsoleAppender({ stream: "stderr", layout: jsonLayout() }).append(event);
 * ```
 */
export class ConsoleAppender implements Appender {
  readonly name: string;
  readonly #layout: Layout;
  readonly #sink: () => TextSink;

  constructor(
    options: AppenderOptions & { readonly stream?: "stdout" | "stderr" | TextSink } = {},
  ) {
    const stream = options.stream ?? "stderr";
    this.name = options.name ?? "console";
    this.#layout = options.layout ?? compilePattern(SEED_PATTERN);
    this.#sink = typeof stream === "object" ? () => stream : () => process[stream];
  }

  append(event: LogEvent): void {
    this.#sink().write(this.#layout(event));
  }
}

/**
 * Keeps events and their formatted lines in memory, for tests.
 *
 * @example
 * ```ts
 * const memory = new MemoryAppender({ layout: compilePattern("%p %m%n") });
 * await configureLogging({ appenders: [memory] });
 * getLogger("app").warn("low disk");
 * memory.text(); // "WARN low disk\n"
 * ```
 */
export class MemoryAppender implements Appender {
  readonly name: string;
  readonly events: LogEvent[] = [];
  readonly lines: string[] = [];
  readonly #layout: Layout;

  constructor(options: AppenderOptions = {}) {
    this.name = options.name ?? "memory";
    this.#layout = options.layout ?? compilePattern(SEED_PATTERN);
  }

  append(event: LogEvent): void {
    this.events.push(event);
    this.lines.push(this.#layout(event));
  }

  /** Everything written so far, as one string. */
  text(): string {
    return this.lines.join("");
  }

  clear(): void {
    this.events.length = 0;
    this.lines.length = 0;
  }
}

/**
 * Discards everything (log4j 1's `NullAppender`, log4j 2's `Null`).
 *
 * @example
 * ```ts
 * await configureLogging({ appenders: [new NullAppender()] }); // silence the root logger
 * ```
 */
export class NullAppender implements Appender {
  constructor(readonly name = "null") {}
  append(): void {}
}
