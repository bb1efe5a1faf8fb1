/**
 * Hiding credentials inside URLs and connection strings: the password of `user:password@`,
 * and parameters whose name is secret (`;token=...` in Spark Connect's
 * `sc://host:15002/;token=abc`, `?password=...` in a JDBC-style URL).
 */
import { isSecretKey, REDACTION_REPLACEMENT } from "./redaction.js";

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
