/**
 * Errors the CLI raises itself (a flag, a path, a pipeline file), and the one place that
 * turns any other error into `error [CODE]: message` plus a hint, never a raw stack.
 */
import { ErrorCode, TributaryError } from "../errors.js";

/** A command-line mistake a user can fix: a flag value, a path, a pipeline module. */
export class CliError extends TributaryError {}

/** Node's system errors (`ENOENT`, `EACCES`, ...) carry a code and the path they concern. */
interface SystemError extends Error {
  readonly code: string;
  readonly path?: string;
  readonly syscall?: string;
}

function isSystemError(e: unknown): e is SystemError {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^E[A-Z]+$/.test(code);
}

const SYSTEM_HINTS: Readonly<Record<string, string>> = {
  ENOENT: "Check the path: it does not exist (relative paths start at the current directory).",
  ENOTDIR: "A part of the path is a file, not a directory: choose another path.",
  EISDIR: "The path is a directory where a file is expected: name a file.",
  EACCES: "Check the permissions of the path (or run as a user who may read/write it).",
  EPERM: "Check the permissions of the path (or run as a user who may read/write it).",
  EEXIST: "The path exists already: choose another one or remove it.",
  ENOSPC: "The disk is full: free space or write elsewhere.",
};

/**
 * Any thrown value as a TributaryError: system errors keep their code (`ENOENT`) and get
 * a hint; anything else is `INTERNAL_ERROR`, whose stack is printed with TRIBUTARY_DEBUG=1.
 */
export function asCliError(e: unknown): TributaryError {
  if (e instanceof TributaryError) return e;
  if (isSystemError(e)) {
    const known = Object.hasOwn(SYSTEM_HINTS, e.code) && Object.hasOwn(ErrorCode, e.code);
    return new CliError(known ? (e.code as ErrorCode) : ErrorCode.SYSTEM_ERROR, e.message, {
      cause: e,
      hint: SYSTEM_HINTS[e.code] ?? "Check the path and its permissions.",
      context: { ...(e.path === undefined ? {} : { path: e.path }), systemCode: e.code },
    });
  }
  const message = e instanceof Error ? e.message : String(e);
  return new CliError("INTERNAL_ERROR", message, {
    cause: e,
    hint: "This looks like a bug in tributary: rerun with TRIBUTARY_DEBUG=1 for the stack and report it.",
  });
}
