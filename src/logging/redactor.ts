/**
 * Secrets never reach an appender: every message, error and context value passes through
 * {@link redactSecrets} first. It hides, as Spark prints them (`*********(redacted)`):
 * values registered at runtime (`registerSecret`, `registerSecretsFrom`); values written as
 * `key=value`, `key: value`, `key -> value` or `"key": "value"` whose key is secret by
 * Spark's rule (`isSecretKey`: secret, password, token, access.key, credentials, ...);
 * `Authorization:` headers and `Bearer` tokens; and the password in `scheme://user:pw@host`.
 */
import {
  isSecretKey,
  REDACTION_REPLACEMENT,
  redactionPattern,
  secretValues,
} from "../config/redaction.js";

// key, closing quote, separator, then a quoted value or everything up to a blank, ; & or quote.
// A key never starts inside a word or a path ("file:///app/secret.js:10:5" has no secret).
const KEY_VALUE =
  /(?<![\w./\\])([A-Za-z_][\w.-]*)(["']?)(\s*(?:=|:|->)\s*)(?:"([^"]*)"|'([^']*)'|([^\s;&"']+))/g;
const AUTHORIZATION =
  /\b((?:Proxy-)?Authorization["']?\s*[:=]\s*["']?)(?:(Bearer|Basic|Digest|Token)\s+)?[^\s"',;]+/gi;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/g;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/@:;?#]*):[^\s/?#@]*@/gi;

// Values from a config map shorter than this are not hidden as free text ("true", "10"):
// they would mangle every message, and `key=value` spellings are still caught by key.
const MIN_CONFIG_SECRET_LENGTH = 4;

const secrets = new Set<string>();
let sorted: string[] = [];
let keyPattern = redactionPattern();

function rememberSecret(value: string): void {
  if (value === "" || secrets.has(value)) return;
  secrets.add(value);
  // Longest first, so a secret that contains another is hidden whole.
  sorted = [...secrets].sort((a, b) => b.length - a.length);
}

/**
 * Hides `value` wherever it appears in later log output.
 *
 * @example
 * ```ts
 * registerSecret(process.env.DB_PASSWORD ?? "");
 * getLogger("db").info(`connecting with ${process.env.DB_PASSWORD}`); // "... *********(redacted)"
 * ```
 */
export function registerSecret(value: string): void {
  rememberSecret(value);
}

/**
 * Hides the secret values of a Spark-style config map (those `redactConfig` would hide) and
 * adopts its `spark.redaction.regex` for recognising secret keys in messages.
 *
 * @example
 * ```ts
 * registerSecretsFrom(new Map([["spark.hadoop.fs.s3a.secret.key", "wJalrXUtnFEMI"]]));
 * ```
 * @throws ConfigError `CONFIG_INVALID_VALUE` when `spark.redaction.regex` is not a valid regex.
 */
export function registerSecretsFrom(config: ReadonlyMap<string, string>): void {
  keyPattern = redactionPattern(config);
  for (const value of secretValues(config)) {
    if (value.length >= MIN_CONFIG_SECRET_LENGTH && !/^(true|false)$/i.test(value))
      rememberSecret(value);
  }
}

/**
 * Forgets registered secrets and the custom key pattern (for tests and reconfiguration).
 *
 * @example
 * ```ts
 * afterEach(() => clearSecrets());
 * ```
 */
export function clearSecrets(): void {
  secrets.clear();
  sorted = [];
  keyPattern = redactionPattern();
}

// "TokenError: invalid input" is an error class and its message, not a key and a value.
const ERROR_CLASS = /(?:Error|Exception)$/;

function redactKeyValues(text: string): string {
  return text.replace(
    KEY_VALUE,
    (
      all,
      key: string,
      close: string,
      separator: string,
      dq?: string,
      sq?: string,
      bare?: string,
    ) => {
      const open = dq !== undefined ? '"' : sq !== undefined ? "'" : "";
      const value = dq ?? sq ?? bare ?? "";
      if (isSecretKey(key, keyPattern) && !ERROR_CLASS.test(key)) {
        return `${key}${close}${separator}${open}${REDACTION_REPLACEMENT}${open}`;
      }
      // Not secret, but its value may hold one ("a=token=xyz"): look inside it.
      const inner = redactKeyValues(value);
      return inner === value ? all : `${key}${close}${separator}${open}${inner}${open}`;
    },
  );
}

/**
 * The text with every secret hidden.
 *
 * @example
 * ```ts
 * redactSecrets("connect sc://h:15002/;token=abc123;user_id=me");
 * // "connect sc://h:15002/;token=*********(redacted);user_id=me"
 * redactSecrets("Authorization: Bearer eyJhbGciOi"); // "Authorization: Bearer *********(redacted)"
 * ```
 */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of sorted) out = out.split(secret).join(REDACTION_REPLACEMENT);
  return redactKeyValues(out)
    .replace(
      AUTHORIZATION,
      (_all, head: string, scheme?: string) =>
        `${head}${scheme === undefined ? "" : `${scheme} `}${REDACTION_REPLACEMENT}`,
    )
    .replace(BEARER, `$1 ${REDACTION_REPLACEMENT}`)
    .replace(URL_PASSWORD, `$1:${REDACTION_REPLACEMENT}@`);
}
