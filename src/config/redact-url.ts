/**
 * Hiding credentials inside URLs and connection strings: the password of `user:password@`,
 * and parameters whose name is secret (`;token=...` in Spark Connect's
 * `sc://host:15002/;token=abc`, `?password=...` in a JDBC-style URL).
 */
import { isSecretKey, REDACTION_REPLACEMENT, redactText } from "./redaction.js";

const USER_INFO = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/@:;?#]*):([^/?#@]*)@/;
const PARAMETER = /([;?&])([^=;?&#]+)=([^;&#]*)/g;

/**
 * A copy of `url` safe to print.
 *
 * @example
 * ```ts
 * redactUrl("sc://host:15002/;token=abc;user_id=me");
 * // "sc://host:15002/;token=*********(redacted);user_id=me"
 * redactUrl("postgres://me:pw@db:5432/x"); // "postgres://me:*********(redacted)@db:5432/x"
 * ```
 */
export function redactUrl(url: string, pattern?: RegExp): string {
  return url
    .replace(USER_INFO, (_all, head: string) => `${head}:${REDACTION_REPLACEMENT}@`)
    .replace(PARAMETER, (all, separator: string, name: string) =>
      isSecretKey(name, pattern) ? `${separator}${name}=${REDACTION_REPLACEMENT}` : all,
    );
}

/**
 * The secret parts of `url` (the password of `user:password@`, secret parameter values), for
 * hiding them in any text that quotes a piece of the URL.
 *
 * @example
 * ```ts
 * urlSecrets("sc://me:pw1@h/;token=t1"); // ["pw1", "t1"]
 * ```
 */
export function urlSecrets(url: string, pattern?: RegExp): string[] {
  const out: string[] = [];
  const password = USER_INFO.exec(url)?.[2];
  if (password !== undefined && password !== "") out.push(password);
  for (const m of url.matchAll(PARAMETER)) {
    const value = m[3] ?? "";
    if (value !== "" && isSecretKey(m[2] ?? "", pattern)) out.push(value);
  }
  return out;
}

/**
 * `text` (an error message quoting parts of `url`) with every secret of `url` hidden.
 *
 * @example
 * ```ts
 * redactUrlSecrets("port 'pw1@h' is bad", "sc://me:pw1@h"); // "port '*********(redacted)@h' is bad"
 * ```
 */
export function redactUrlSecrets(text: string, url: string, pattern?: RegExp): string {
  return redactText(text, urlSecrets(url, pattern));
}
