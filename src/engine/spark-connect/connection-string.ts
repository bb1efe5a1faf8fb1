/**
 * Spark Connect connection strings, read as Spark 4's clients read them:
 * `sc://host[:port]/;param=value;...` with the port 15002 by default, the parameters
 * `token`, `use_ssl`, `user_id`, `user_agent` and `session_id`, and every other parameter
 * sent to the server as gRPC metadata. Values are percent-decoded. Secrets never reach a
 * message: errors and `toString()` show the string through {@link redactUrl}.
 */
import { redactUrl, redactUrlSecrets } from "../../config/redact-url.js";
import { ConfigError } from "../../errors.js";

/** Spark's default Spark Connect port. */
export const DEFAULT_PORT = 15002;

const KNOWN = new Set(["token", "use_ssl", "user_id", "user_agent", "session_id"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const METADATA_KEY = /^[0-9a-z_.-]+$/;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1)$/i;
const FORMAT = "sc://host:port/;token=...;use_ssl=true;user_id=...;session_id=<uuid>";

/** A parsed connection string. The token is kept out of `toString`, JSON and inspection. */
export class ConnectionString {
  readonly host: string;
  readonly port: number;
  readonly useSsl: boolean;
  readonly userId: string | undefined;
  readonly userAgent: string | undefined;
  readonly sessionId: string | undefined;
  /** Parameters that are not Spark's own: sent as gRPC metadata on every call. */
  readonly headers: Readonly<Record<string, string>>;
  /** The string as given, secrets redacted. */
  readonly redacted: string;
  readonly #token: string | undefined;

  constructor(fields: {
    host: string;
    port: number;
    token: string | undefined;
    useSsl: boolean;
    userId: string | undefined;
    userAgent: string | undefined;
    sessionId: string | undefined;
    headers: Record<string, string>;
    redacted: string;
  }) {
    this.host = fields.host;
    this.port = fields.port;
    this.#token = fields.token;
    this.useSsl = fields.useSsl;
    this.userId = fields.userId;
    this.userAgent = fields.userAgent;
    this.sessionId = fields.sessionId;
    this.headers = Object.freeze({ ...fields.headers });
    this.redacted = fields.redacted;
    Object.freeze(this);
  }

  /** The bearer token (`;token=` or `SPARK_CONNECT_AUTHENTICATE_TOKEN`), if any. */
  get token(): string | undefined {
    return this.#token;
  }

  /**
   * Whether the channel uses TLS. Spark's rule: `use_ssl=true`, or a token. A token to a
   * loopback host without `use_ssl` travels in plain text, as PySpark's local channel
   * credentials allow for `localhost` (we also count 127.0.0.0/8 and ::1 as local).
   */
  get secure(): boolean {
    return this.useSsl || (this.#token !== undefined && !this.isLoopback);
  }

  /** Whether the server is on this machine (a loopback host), sharing its file system. */
  get isLoopback(): boolean {
    return LOOPBACK.test(this.host);
  }

  /** `host:port` as gRPC wants it (IPv6 in brackets). */
  get endpoint(): string {
    return `${this.host.includes(":") ? `[${this.host}]` : this.host}:${this.port}`;
  }

  toString(): string {
    return this.redacted;
  }

  toJSON(): string {
    return this.redacted;
  }
}

/** Options of {@link parseConnectionString}. */
export interface ParseConnectionOptions {
  /** Where `SPARK_CONNECT_AUTHENTICATE_TOKEN` is read; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Parses a Spark Connect connection string.
 *
 * @example
 * ```ts
 * const c = parseConnectionString("sc://spark.example.com/;token=abc;user_id=etl");
 * c.endpoint;   // "spark.example.com:15002"
 * c.secure;     // true (a token implies TLS)
 * String(c);    // "sc://spark.example.com/;token=*********(redacted);user_id=etl"
 * ```
 * @throws ConfigError `SPARK_CONNECT_INVALID_URL` naming what is wrong (secrets redacted).
 */
export function parseConnectionString(
  url: string,
  options: ParseConnectionOptions = {},
): ConnectionString {
  const redacted = redactUrl(url);
  const fail = (reason: string) =>
    new ConfigError(
      "SPARK_CONNECT_INVALID_URL",
      // The reason may quote a piece of the URL (the authority, a parameter): hide its secrets too.
      `Invalid Spark Connect URL ${redacted}: ${redactUrlSecrets(reason, url)}.`,
      {
        hint: `Write it as ${FORMAT} (port 15002 by default).`,
        context: { url: redacted },
      },
    );
  if (!url.startsWith("sc://")) throw fail("it must start with sc://");
  const rest = url.slice("sc://".length);
  if (/[?#]/.test(rest)) throw fail("a query (?) or fragment (#) is not allowed");
  const slash = rest.indexOf("/");
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const tail = slash < 0 ? "" : rest.slice(slash + 1);
  if (authority.includes(";")) throw fail("parameters must follow a slash, as in sc://host/;k=v");
  if (authority.includes("@"))
    throw fail("user:password@ is not supported; authenticate with sc://host:port/;token=<token>");
  if (tail !== "" && !tail.startsWith(";")) {
    throw fail(`the path '/${tail.split(";")[0]}' must be empty`);
  }
  const { host, port } = hostAndPort(authority, fail);
  const params = parameters(tail.slice(1), fail);

  const useSsl = params.get("use_ssl");
  if (useSsl !== undefined && !/^(true|false)$/i.test(useSsl)) {
    throw fail(`use_ssl must be true or false, not '${useSsl}'`);
  }
  const sessionId = params.get("session_id");
  if (sessionId !== undefined && !UUID.test(sessionId)) {
    throw fail(`session_id must be a UUID, not '${sessionId}'`);
  }
  const userAgent = params.get("user_agent");
  if (userAgent !== undefined && encodeURIComponent(userAgent).length > 2048) {
    throw fail("user_agent must not exceed 2048 characters");
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of params) {
    if (KNOWN.has(key)) continue;
    if (!METADATA_KEY.test(key) || key.endsWith("-bin")) {
      throw fail(`parameter '${key}' is not a valid gRPC metadata key (lower-case a-z, 0-9, _.-)`);
    }
    headers[key] = value;
  }
  const envToken = (options.env ?? process.env).SPARK_CONNECT_AUTHENTICATE_TOKEN;
  return new ConnectionString({
    host,
    port,
    token: params.get("token") ?? (envToken === "" ? undefined : envToken),
    useSsl: useSsl?.toLowerCase() === "true",
    userId: params.get("user_id"),
    userAgent,
    sessionId: sessionId?.toLowerCase(),
    headers,
    redacted,
  });
}

function hostAndPort(
  authority: string,
  fail: (reason: string) => ConfigError,
): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]@]+))(?::([^:]*))?$/.exec(authority);
  if (m === null) throw fail(`'${authority}' is not host or host:port`);
  const host = m[1] ?? m[2] ?? "";
  const portText = m[3];
  if (portText === undefined) return { host, port: DEFAULT_PORT };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw fail(`port '${portText}' is not a number in 1-65535`);
  return { host, port };
}

function parameters(text: string, fail: (reason: string) => ConfigError): Map<string, string> {
  const out = new Map<string, string>();
  if (text === "") return out;
  for (const part of text.split(";")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq);
    if (eq <= 0 || part.indexOf("=", eq + 1) >= 0) {
      throw fail(`parameter '${redactUrl(`;${part}`).slice(1)}' must be key=value`);
    }
    if (out.has(key)) throw fail(`parameter '${key}' is given twice`);
    try {
      out.set(key, decodeURIComponent(part.slice(eq + 1)));
    } catch {
      throw fail(`parameter '${key}' has invalid percent-encoding`);
    }
  }
  return out;
}
