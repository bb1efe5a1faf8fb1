/**
 * Every error tributary throws is a {@link TributaryError}: a stable `code` that scripts can
 * match on, a message a user can act on, an optional `hint` saying what to do, and the
 * underlying `cause`. Families below follow DESIGN.md section 8.
 *
 * @example
 * ```ts
 * try {
 *   await df.select("nope").collect();
 * } catch (e) {
 *   if (e instanceof AnalysisError && e.code === ErrorCode.UNRESOLVED_COLUMN) console.error(e.hint);
 * }
 * ```
 */

import type { ErrorCode } from "./error-codes.js";

export { ErrorCode } from "./error-codes.js";

/** Options shared by every error constructor. */
export interface ErrorOptions {
  readonly hint?: string;
  readonly cause?: unknown;
  /** Extra structured context (file, line, column, version...) kept in `toJSON()`. */
  readonly context?: Readonly<Record<string, unknown>>;
}

/** Base class of every error raised by tributary. */
export class TributaryError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.context = options.context ?? {};
  }

  /** A plain, secret-free object for `--json` output and structured logs. */
  toJSON(): Record<string, unknown> {
    const cause = this.cause;
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(Object.keys(this.context).length === 0 ? {} : { context: this.context }),
      ...(cause === undefined
        ? {}
        : {
            cause:
              cause instanceof TributaryError
                ? cause.toJSON()
                : cause instanceof Error
                  ? { name: cause.name, message: cause.message }
                  : String(cause),
          }),
    };
  }
}

/** A plan refers to something that does not exist or does not fit (columns, types). */
export class AnalysisError extends TributaryError {}

/** The engine in use cannot run this operation. */
export class UnsupportedOperationError extends TributaryError {
  readonly engine: string;
  readonly operation: string;

  constructor(engine: string, operation: string, message?: string, options: ErrorOptions = {}) {
    super(
      "UNSUPPORTED_OPERATION",
      message ?? `The ${engine} engine does not support ${operation}.`,
      options,
    );
    this.engine = engine;
    this.operation = operation;
  }
}

/** The engine failed while running a plan; keeps the engine's own error class and SQL state. */
export class EngineError extends TributaryError {
  readonly engine: string;
  readonly sqlState: string | undefined;
  readonly errorClass: string | undefined;

  constructor(
    engine: string,
    message: string,
    options: ErrorOptions & { sqlState?: string; errorClass?: string; code?: ErrorCode } = {},
  ) {
    super(options.code ?? "ENGINE_ERROR", message, options);
    this.engine = engine;
    this.sqlState = options.sqlState;
    this.errorClass = options.errorClass;
  }
}

/** Input data that cannot be read: names the file, the line and the reason. */
export class InputError extends TributaryError {
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: ErrorOptions & { file?: string; line?: number } = {},
  ) {
    super(code, message, {
      ...options,
      context: { ...options.context, file: options.file, line: options.line },
    });
    this.file = options.file;
    this.line = options.line;
  }
}

/** A configuration key or value is wrong. */
export class ConfigError extends TributaryError {}

/** A Delta Lake protocol or table error (`DELTA_*` codes). */
export class DeltaError extends TributaryError {}

/** An argument passed to the API is not valid (wrong type, out of range, unknown option). */
export class IllegalArgumentError extends TributaryError {
  constructor(message: string, options: ErrorOptions = {}) {
    super("ILLEGAL_ARGUMENT", message, options);
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(above + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = above;
    }
  }
  return prev[b.length] ?? 0;
}

/** The candidate closest to `name` (case-insensitive), if any is reasonably close. */
export function closestMatch(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.max(2, Math.floor(name.length / 2)) ? best : undefined;
}

/**
 * Columns tributary adds for its own bookkeeping (`__tributary_file`, `__tributary_row`,
 * merge's `__tributary_source_present`): a user never wrote them and never sees them.
 */
const INTERNAL_COLUMN = /(^|\.)__tributary_/;

/**
 * The error for a column name that does not resolve, naming the available ones (qualified
 * as `alias.name` where the caller knows the alias; internal columns left out).
 */
export function unresolvedColumn(
  name: string,
  candidates: readonly string[],
  hint?: string,
): AnalysisError {
  const available = [...new Set(candidates.filter((c) => !INTERNAL_COLUMN.test(c)))];
  const suggestion = closestMatch(name, available);
  const list = available.map((c) => `\`${c}\``).join(", ");
  return new AnalysisError(
    "UNRESOLVED_COLUMN",
    `A column or function parameter with name \`${name}\` cannot be resolved. Available columns: [${list}].`,
    {
      hint:
        hint ??
        (suggestion === undefined
          ? "Check the column name and the columns of the DataFrame (df.columns)."
          : `Did you mean \`${suggestion}\`?`),
      context: { column: name, available, ...(suggestion ? { suggestion } : {}) },
    },
  );
}
