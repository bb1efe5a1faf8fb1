/**
 * Secret redaction as Spark does it (`Utils.redact`): a value is hidden when
 * `spark.redaction.regex` matches its key or the value itself, and printed as
 * `*********(redacted)`. We also treat keys that mention credentials, private keys or API
 * keys as secret, whatever the regex says: leaking one costs more than hiding a harmless one.
 */
import { ConfigError } from "../errors.js";
import { FrozenMap } from "./frozen-map.js";

/** What Spark prints instead of a secret value. */
export const REDACTION_REPLACEMENT = "*********(redacted)";

/** Spark's default `spark.redaction.regex` (Java syntax). */
export const DEFAULT_REDACTION_REGEX = "(?i)secret|password|token|access[.]key";

const REDACTION_KEY = "spark.redaction.regex";
const EXTRA_SECRET_KEY = /credential|private[._-]?key|api[._-]?key/i;
const JS_FLAGS: Readonly<Record<string, string>> = { i: "i", m: "m", s: "s" };

/**
 * Compiles a Java regex as Spark would use it. JavaScript has no leading `(?i)`, so leading
 * inline flags (`i`, `m`, `s`) become RegExp flags.
 *
 * @example
 * ```ts
 * javaRegex("(?i)secret").test("spark.authenticate.SECRET"); // true
 * ```
 * @throws ConfigError `CONFIG_INVALID_VALUE` naming `spark.redaction.regex` for a bad pattern.
 */
export function javaRegex(pattern: string, key = REDACTION_KEY): RegExp {
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
  const letters = [...(inline?.[1] ?? "")];
  const flags = letters.map((l) => JS_FLAGS[l]);
  try {
    if (flags.some((f) => f === undefined)) throw new SyntaxError("unsupported inline flag");
    return new RegExp(pattern.slice(inline?.[0].length ?? 0), flags.join(""));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new ConfigError(
      "CONFIG_INVALID_VALUE",
      `Invalid value "${pattern}" for ${key}: ${reason}.`,
      {
        hint: "Use a regular expression valid in both Java and JavaScript; only the leading inline flags (?i), (?m) and (?s) are translated.",
        context: { key, value: pattern },
        cause: e,
      },
    );
  }
}

/**
 * The redaction pattern in force: `spark.redaction.regex` from `config`, else Spark's default.
 *
 * @example
 * ```ts
 * redactionPattern(new Map([["spark.redaction.regex", "(?i)pwd"]])).test("db.PWD"); // true
 * ```
 */
export function redactionPattern(config?: ReadonlyMap<string, string>): RegExp {
  return javaRegex(config?.get(REDACTION_KEY) ?? DEFAULT_REDACTION_REGEX);
}

const DEFAULT_PATTERN = javaRegex(DEFAULT_REDACTION_REGEX);

/**
 * Whether a key names a secret.
 *
 * @example
 * ```ts
 * isSecretKey("spark.hadoop.fs.s3a.access.key"); // true
 * isSecretKey("spark.master");                   // false
 * ```
 */
export function isSecretKey(key: string, pattern: RegExp = DEFAULT_PATTERN): boolean {
  return pattern.test(key) || EXTRA_SECRET_KEY.test(key);
}

function isRedacted(key: string, value: string, pattern: RegExp): boolean {
  return isSecretKey(key, pattern) || pattern.test(value);
}

/**
 * A copy of `config` with secret values replaced by {@link REDACTION_REPLACEMENT}. A value is
 * secret when its key is, or when the pattern matches the value itself (Spark's rule, for
 * values such as `--conf spark.x.PASSWORD=...` embedded in a command line).
 *
 * @example
 * ```ts
 * redactConfig(new Map([["spark.authenticate.secret", "s3cr3t"]]));
 * // Map { "spark.authenticate.secret" => "*********(redacted)" }
 * ```
 */
export function redactConfig(config: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const pattern = redactionPattern(config);
  return new FrozenMap(
    [...config].map(([k, v]) => [k, isRedacted(k, v, pattern) ? REDACTION_REPLACEMENT : v]),
  );
}

/**
 * The values {@link redactConfig} would hide, for {@link redactText}.
 *
 * @example
 * ```ts
 * secretValues(new Map([["spark.ssl.keyPassword", "hunter2"]])); // ["hunter2"]
 * ```
 */
export function secretValues(config: ReadonlyMap<string, string>): string[] {
  const pattern = redactionPattern(config);
  return [...config].filter(([k, v]) => v !== "" && isRedacted(k, v, pattern)).map(([, v]) => v);
}

/**
 * Replaces every occurrence of each secret in `text` (longest first, so a secret that
 * contains another is hidden whole). Meant for error messages and logs.
 *
 * @example
 * ```ts
 * redactText("auth failed for hunter2", ["hunter2"]); // "auth failed for *********(redacted)"
 * ```
 */
export function redactText(text: string, secrets: Iterable<string>): string {
  const sorted = [...new Set(secrets)].filter((s) => s !== "").sort((a, b) => b.length - a.length);
  return sorted.reduce((out, secret) => out.split(secret).join(REDACTION_REPLACEMENT), text);
}
