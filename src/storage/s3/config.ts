/**
 * S3 settings from Spark's own keys, so one `spark-defaults.conf` configures both engines:
 * `spark.hadoop.fs.s3a.<key>`, overridden per bucket by `spark.hadoop.fs.s3a.bucket.<bucket>.<key>`
 * (Hadoop's per-bucket rule). Keys read:
 * - `access.key`, `secret.key`, `session.token`: static credentials (both keys or neither);
 *   without them the standard AWS chain applies (see credentials.ts);
 * - `endpoint` (`host[:port]` or a URL), `connection.ssl.enabled` (scheme of an endpoint
 *   given without one; default true), `endpoint.region`, `path.style.access` (default false);
 * - `retry.limit` (retries after the first attempt; default 7) and `retry.interval` (the
 *   backoff base; default 500ms), `connection.establish.timeout` (default 30s) and
 *   `connection.timeout` (a request's limit; default 200s): Hadoop 3.4.1's defaults.
 * The region falls back to `AWS_REGION`, `AWS_DEFAULT_REGION`, then `us-east-1`.
 */
import { parseBoolean } from "../../config/boolean.js";
import { parseDuration } from "../../config/durations.js";
import { type Env, envValue } from "../../config/env.js";
import { invalidValue } from "../../config/invalid.js";
import { ConfigError } from "../../errors.js";
import { registerSecret } from "../../logging/redactor.js";
import { S3Credentials } from "./credentials.js";

/** Spark-style settings (`spark.hadoop.fs.s3a.*` among others). */
export type S3Settings = Readonly<Record<string, string>>;

/** How often and how patiently to retry a transient failure. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The backoff base: attempt n waits a random time up to base * 2^(n-1), capped. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Everything needed to talk to one bucket. */
export interface S3Config {
  readonly bucket: string;
  /** A full URL (`http://127.0.0.1:9000`), or undefined for AWS's own endpoint. */
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly pathStyle: boolean;
  /** Static credentials, or undefined to use the standard AWS chain. */
  readonly credentials: S3Credentials | undefined;
  readonly retry: RetryPolicy;
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

const PREFIX = "spark.hadoop.fs.s3a.";
const DEFAULT_REGION = "us-east-1";
// Hadoop sleeps at most this long between two attempts of one request; we do the same.
const MAX_DELAY_MS = 20_000;

/** Reads one key for `bucket`: the per-bucket key first, then the global one. */
function reader(bucket: string, settings: S3Settings) {
  return (key: string): { key: string; value: string } | undefined => {
    for (const full of [`${PREFIX}bucket.${bucket}.${key}`, `${PREFIX}${key}`]) {
      const value = Object.hasOwn(settings, full) ? settings[full]?.trim() : undefined;
      if (value !== undefined && value !== "") return { key: full, value };
    }
    return undefined;
  };
}

function endpointUrl(endpoint: string, ssl: boolean, key: string): string {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint)
    ? endpoint
    : `${ssl ? "https" : "http"}://${endpoint}`;
  if (!URL.canParse(url)) throw invalidValue(key, endpoint, "not a host or URL", "host[:port]");
  return url.replace(/\/+$/, "");
}

function credentialsFrom(get: ReturnType<typeof reader>): S3Credentials | undefined {
  const access = get("access.key");
  const secret = get("secret.key");
  const token = get("session.token");
  if (access === undefined && secret === undefined) {
    if (token !== undefined)
      throw new ConfigError("CONFIG_INVALID_VALUE", `${token.key} is set without the keys.`, {
        hint: `Set ${PREFIX}access.key and ${PREFIX}secret.key with it.`,
        context: { key: token.key },
      });
    return undefined;
  }
  if (access === undefined || secret === undefined) {
    const missing = access === undefined ? "access.key" : "secret.key";
    throw new ConfigError("CONFIG_INVALID_VALUE", `${PREFIX}${missing} is not set.`, {
      hint: "Set both S3 keys, or neither to use the AWS credential chain (environment, profile).",
      context: { key: `${PREFIX}${missing}` },
    });
  }
  for (const v of [access.value, secret.value, token?.value])
    if (v !== undefined) registerSecret(v);
  return new S3Credentials(access.value, secret.value, token?.value);
}

function duration(get: ReturnType<typeof reader>, key: string, fallback: number): number {
  const found = get(key);
  return found === undefined ? fallback : parseDuration(found.key, found.value, "ms");
}

/**
 * Resolves the configuration of `bucket`.
 *
 * @example
 * ```ts
 * const config = resolveS3Config("lake", {
 *   "spark.hadoop.fs.s3a.endpoint": "127.0.0.1:9000",
 *   "spark.hadoop.fs.s3a.connection.ssl.enabled": "false",
 * });
 * config.endpoint; // "http://127.0.0.1:9000"
 * ```
 * @throws ConfigError `CONFIG_INVALID_VALUE` naming the key of a malformed value (never the value
 *   of a secret key).
 */
export function resolveS3Config(
  bucket: string,
  settings: S3Settings,
  env: Env = process.env,
): S3Config {
  const get = reader(bucket, settings);
  const ssl = get("connection.ssl.enabled");
  const endpoint = get("endpoint");
  const pathStyle = get("path.style.access");
  const limit = get("retry.limit");
  const retries = limit === undefined ? 7 : Number(limit.value);
  if (limit !== undefined && (!Number.isInteger(retries) || retries < 0))
    throw invalidValue(limit.key, limit.value, "not a whole number", "0 or more");
  return {
    bucket,
    endpoint:
      endpoint === undefined
        ? undefined
        : endpointUrl(
            endpoint.value,
            ssl === undefined ? true : parseBoolean(ssl.key, ssl.value),
            endpoint.key,
          ),
    region:
      get("endpoint.region")?.value ??
      envValue(env, "AWS_REGION") ??
      envValue(env, "AWS_DEFAULT_REGION") ??
      DEFAULT_REGION,
    pathStyle: pathStyle === undefined ? false : parseBoolean(pathStyle.key, pathStyle.value),
    credentials: credentialsFrom(get),
    retry: {
      maxAttempts: retries + 1,
      baseDelayMs: duration(get, "retry.interval", 500),
      maxDelayMs: MAX_DELAY_MS,
    },
    connectTimeoutMs: duration(get, "connection.establish.timeout", 30_000),
    requestTimeoutMs: duration(get, "connection.timeout", 200_000),
  };
}
