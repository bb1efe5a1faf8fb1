/**
 * A configuration brought to life: appenders opened, levels resolved per logger name (the
 * nearest configured ancestor's level, then the root's), and the event path. Every event is
 * redacted before the global filters and appenders see it; an appender that fails is reported
 * once on stderr and never makes a log call throw.
 */
import { isMainThread, threadId } from "node:worker_threads";
import { type Appender, ConsoleAppender, NullAppender, type TextSink } from "./appenders.js";
import type { AppenderSpec, LayoutSpec, LoggerSpec, LoggingConfig } from "./config-model.js";
import { contextSnapshot } from "./context.js";
import { describeError, type ErrorInfo, type Layout, type LogEvent } from "./event.js";
import { FileAppender } from "./file-appender.js";
import { compileFilter, type Filter, passes } from "./filters.js";
import { jsonLayout } from "./json-layout.js";
import { type LevelName, levelEnables } from "./level.js";
import { ancestry } from "./logger-name.js";
import { compilePattern } from "./pattern-layout.js";
import { redactSecrets } from "./redactor.js";
import type { TimeZone } from "./time-zone.js";

/** What a configuration needs from its surroundings. */
export interface RuntimeOptions {
  readonly clock: () => number;
  readonly startTime: number;
  readonly timeZone: TimeZone;
  readonly streams?: { readonly stdout?: TextSink; readonly stderr?: TextSink };
  /** When set, the root logger writes to these instead of its configured appenders. */
  readonly rootAppenders?: readonly Appender[];
}

interface Gate {
  readonly appender: Appender;
  readonly threshold?: LevelName;
  readonly filters: readonly Filter[];
  failed: boolean;
}

interface Resolved {
  readonly level: LevelName;
  readonly targets: readonly { readonly gate: Gate; readonly level?: LevelName }[];
}

const THREAD = isMainThread ? "main" : `worker-${threadId}`;

function buildLayout(spec: LayoutSpec, config: LoggingConfig, runtime: RuntimeOptions): Layout {
  if (spec.kind === "json" || config.format === "json")
    return jsonLayout({ timeZone: runtime.timeZone });
  const { pattern, longNames, where } = spec;
  return compilePattern(pattern, {
    dialect: config.dialect,
    longNames,
    where,
    timeZone: runtime.timeZone,
    startTime: runtime.startTime,
  });
}

function buildAppender(
  spec: AppenderSpec,
  config: LoggingConfig,
  runtime: RuntimeOptions,
): Appender {
  const layout = buildLayout(spec.layout, config, runtime);
  const { name, target } = spec;
  if (target.kind === "console")
    return new ConsoleAppender({
      name,
      layout,
      stream: runtime.streams?.[target.stream] ?? target.stream,
    });
  if (target.kind === "null") return new NullAppender(name);
  const { path, append, rolling } = target;
  return new FileAppender({
    name,
    layout,
    path,
    append,
    rolling,
    timeZone: runtime.timeZone,
    clock: runtime.clock,
  });
}

const redactError = (e: ErrorInfo): ErrorInfo => ({
  name: redactSecrets(e.name),
  message: redactSecrets(e.message),
  stack: redactSecrets(e.stack),
});

/** The live logging configuration. */
export class Repository {
  readonly #config: LoggingConfig;
  readonly #runtime: RuntimeOptions;
  readonly #gates = new Map<string, Gate>();
  readonly #loggers: ReadonlyMap<string, LoggerSpec>;
  readonly #filters: readonly Filter[];
  readonly #resolved = new Map<string, Resolved>();
  readonly #rootOverride: Gate[] | undefined;

  /** @throws ConfigError when an appender cannot be built (e.g. `LOG_FILE_UNWRITABLE`). */
  constructor(config: LoggingConfig, runtime: RuntimeOptions) {
    this.#config = config;
    this.#runtime = runtime;
    this.#loggers = new Map([
      ["", config.root],
      ...config.loggers.map((l): [string, LoggerSpec] => [l.name, l]),
    ]);
    this.#filters = config.filters.map(compileFilter);
    this.#rootOverride = runtime.rootAppenders?.map((appender) => ({
      appender,
      filters: [],
      failed: false,
    }));
    try {
      for (const spec of config.appenders) {
        const appender = buildAppender(spec, config, runtime);
        this.#gates.set(spec.name, {
          appender,
          threshold: spec.threshold,
          filters: spec.filters.map(compileFilter),
          failed: false,
        });
      }
    } catch (e) {
      this.close();
      throw e;
    }
  }

  isEnabled(logger: string, level: LevelName): boolean {
    const threshold = this.#config.threshold;
    return (
      levelEnables(this.#resolve(logger).level, level) &&
      (threshold === undefined || levelEnables(threshold, level))
    );
  }

  log(logger: string, level: LevelName, message: string, error?: unknown): void {
    if (!this.isEnabled(logger, level)) return;
    const context = contextSnapshot();
    const event: LogEvent = {
      timestamp: this.#runtime.clock(),
      level,
      logger,
      thread: THREAD,
      message: redactSecrets(message),
      ...(error === undefined ? {} : { error: redactError(describeError(error)) }),
      mdc: new Map([...context.mdc].map(([k, v]) => [k, redactSecrets(v)])),
      ndc: context.ndc.map(redactSecrets),
    };
    if (!passes(this.#filters, event)) return;
    for (const { gate, level: refLevel } of this.#resolve(logger).targets) {
      if (refLevel !== undefined && !levelEnables(refLevel, level)) continue;
      if (gate.threshold !== undefined && !levelEnables(gate.threshold, level)) continue;
      if (passes(gate.filters, event)) this.#deliver(gate, event);
    }
  }

  close(): void {
    // Appenders passed in by the caller (rootAppenders) stay the caller's to close.
    for (const gate of this.#gates.values()) gate.appender.close?.();
  }

  #deliver(gate: Gate, event: LogEvent): void {
    try {
      gate.appender.append(event);
    } catch (e) {
      // log4j's OnlyOnceErrorHandler: say it once, keep the application running.
      if (gate.failed) return;
      gate.failed = true;
      const reason = redactSecrets(e instanceof Error ? e.message : String(e));
      process.stderr.write(
        `tributary logging: appender "${gate.appender.name}" failed: ${reason}\n`,
      );
    }
  }

  #resolve(name: string): Resolved {
    const cached = this.#resolved.get(name);
    if (cached !== undefined) return cached;
    let level: LevelName | undefined;
    let additive = true;
    const targets: { gate: Gate; level?: LevelName }[] = [];
    for (const ancestor of ancestry(name)) {
      const spec = this.#loggers.get(ancestor);
      if (spec === undefined) continue;
      level ??= spec.level;
      if (additive) targets.push(...this.#targetsOf(spec));
      additive &&= spec.additive;
    }
    const resolved = { level: level ?? "DEBUG", targets };
    this.#resolved.set(name, resolved);
    return resolved;
  }

  #targetsOf(spec: LoggerSpec): { gate: Gate; level?: LevelName }[] {
    const override = spec.name === "" ? this.#rootOverride : undefined;
    if (override !== undefined) return override.map((gate) => ({ gate }));
    return spec.appenderRefs.flatMap((ref) => {
      const gate = this.#gates.get(ref.name);
      return gate === undefined ? [] : [{ gate, level: ref.level }];
    });
  }
}
