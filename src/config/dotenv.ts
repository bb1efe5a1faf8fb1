/**
 * `.env` files, parsed by dotenv (which already accepts a leading `export `, as in
 * `export AWS_ACCESS_KEY_ID=...`). A value from the file never replaces a variable already
 * in the environment, even an empty one: dotenv's rule, so the real environment can always
 * override a checked-in file. `process.env` is left alone unless `setProcessEnv` is given.
 */
import { resolve } from "node:path";
import { parse } from "dotenv";
import { type Env, envValue } from "./env.js";
import { readConfigFile } from "./read-file.js";

/**
 * Parses `.env` text (no variable expansion).
 *
 * @example
 * ```ts
 * parseDotEnv('export REGION=eu-west-1\nNAME="a b" # comment');
 * // { REGION: "eu-west-1", NAME: "a b" }
 * ```
 */
export function parseDotEnv(text: string): Record<string, string> {
  return parse(text);
}

/** Options of {@link loadDotEnv}. */
export interface DotEnvOptions {
  /** A file the user named; it must exist. Default: `.env` in `cwd`, which may be absent. */
  readonly path?: string;
  /** The real environment, never overridden. Default: `process.env`. */
  readonly env?: Env;
  /** Base of relative paths; defaults to `process.cwd()`. */
  readonly cwd?: string;
  /** Also copy the added variables into `process.env` (only those it does not have). */
  readonly setProcessEnv?: boolean;
}

/** The merged environment, the file read (if any) and the variables it added. */
export interface DotEnvResult {
  readonly env: Readonly<Record<string, string>>;
  readonly path: string | undefined;
  readonly added: readonly string[];
}

/**
 * Loads a `.env` file under an environment: the file fills only the gaps.
 *
 * @example
 * ```ts
 * const { env } = await loadDotEnv({ env: process.env });
 * const remote = env.SPARK_REMOTE;
 * ```
 * @throws ConfigError `CONFIG_FILE_NOT_FOUND` when an explicit `path` does not exist.
 */
export async function loadDotEnv(options: DotEnvOptions = {}): Promise<DotEnvResult> {
  const base = options.env ?? process.env;
  const explicit = options.path !== undefined;
  const path = resolve(options.cwd ?? process.cwd(), options.path ?? ".env");
  const text = await readConfigFile(path, explicit, ".env file");
  // Built through a Map and fromEntries so a key such as `__proto__` stays a plain key.
  const merged = new Map<string, string>();
  for (const [name, value] of Object.entries(base))
    if (value !== undefined) merged.set(name, value);
  if (text === undefined) return { env: Object.fromEntries(merged), path: undefined, added: [] };
  const added: string[] = [];
  for (const [name, value] of Object.entries(parseDotEnv(text))) {
    if (envValue(base, name) !== undefined) continue;
    merged.set(name, value);
    added.push(name);
    if (options.setProcessEnv === true && envValue(process.env, name) === undefined) {
      process.env[name] = value;
    }
  }
  const env = Object.fromEntries(merged);
  return { env, path, added };
}
