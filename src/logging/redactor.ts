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
const URL_PASSWORD_VALUE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/@:;?#]*:([^\s/?#@]*)@/gi;
const BEARER_VALUE = /\bBearer\s+([A-Za-z0-9._~+/=-]+)/g;

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
 * Hides the secrets an environment holds: the values of variables whose name is secret
 * (`AWS_SECRET_ACCESS_KEY`, `SPARK_CONNECT_AUTHENTICATE_TOKEN`, `DB_PASSWORD`) and credentials
 * inside values (`SPARK_REMOTE=sc://h/;token=...`, `http://user:pw@host`).
 *
 * @example
 * ```ts
 * registerSecretsFromEnv(process.env);
 * ```
 */
export function registerSecretsFromEnv(env: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (isSecretKey(name, keyPattern)) remember(value);
    else harvest(value);
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

// Placeholders (`token=...`, `password=<pw>`, `${TOKEN}`, `"$(cat file)"`) hold no secret.
const PLACEHOLDER = /^(?:\.{3}|<[^>]*>|\$\{[^}]*\}|\$\([^)]*\)|\*+\(redacted\)[.,:;)]*)$/;

// "TokenError: invalid input" is an error class and its message, not a key and a value.
const ERROR_CLASS = /(?:Error|Exception)$/;

/**
 * Secrets spelled in a recognisable context (`user:pw@`, `token=...`, `Bearer ...`) are
 * remembered, so a later mention of the same value without its context (an error quoting
 * `'pw@host'`) is hidden as well.
 */
function harvest(text: string): void {
  for (const m of text.matchAll(URL_PASSWORD_VALUE)) remember(m[1]);
  for (const m of text.matchAll(BEARER_VALUE)) remember(m[1]);
  for (const m of text.matchAll(KEY_VALUE)) {
    const key = m[1] ?? "";
    if (isSecretKey(key, keyPattern) && !ERROR_CLASS.test(key)) remember(m[4] ?? m[5] ?? m[6]);
  }
}

function remember(value: string | undefined): void {
  if (
    value !== undefined &&
    value.length >= MIN_CONFIG_SECRET_LENGTH &&
    !/^(true|false)$/i.test(value) &&
    !PLACEHOLDER.test(value) &&
    !value.includes(REDACTION_REPLACEMENT)
  )
    rememberSecret(value);
}

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
      if (isSecretKey(key, keyPattern) && !ERROR_CLASS.test(key) && !PLACEHOLDER.test(value)) {
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
  harvest(text);
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
