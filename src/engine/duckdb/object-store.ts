/**
 * DuckDB's own access to object storage: the `httpfs` extension, loaded on the first s3://
 * location (a program that only touches local files never loads it), and one S3 SECRET per
 * bucket, resolved from the same `spark.hadoop.fs.s3a.*` settings as `S3Storage`, so DuckDB and
 * the storage layer always talk to the same store with the same identity.
 *
 * Where httpfs comes from: `spark.tributary.duckdb.extensionDirectory` (or the environment
 * variable `TRIBUTARY_DUCKDB_EXTENSION_DIR`) names a local extension directory, for offline
 * hosts (`bash scripts/storage/setup.sh` fills one from PyPI's `duckdb-extension-httpfs`);
 * otherwise DuckDB installs it from its repository as it normally does.
 *
 * Secrets go into DuckDB only: the CREATE SECRET text is never put in an error, a log or an
 * explain output (DuckDB itself shows them redacted in `duckdb_secrets()`).
 */
import { type Env, envValue } from "../../config/env.js";
import { EngineError } from "../../errors.js";
import { redactSecrets } from "../../logging/redactor.js";
import { StorageError } from "../../storage/errors.js";
import { isObjectStoreLocation, parseLocation } from "../../storage/location.js";
import { resolveS3Config, type S3Config, type S3Settings } from "../../storage/s3/config.js";
import { credentialsProvider } from "../../storage/s3/credentials.js";
import type { DuckDBSession } from "./connection.js";
import { quoteIdent, quoteString } from "./sql-quote.js";

/** The conf key and environment variable naming a local DuckDB extension directory. */
export const EXTENSION_DIRECTORY_KEY = "spark.tributary.duckdb.extensionDirectory";
export const EXTENSION_DIRECTORY_ENV = "TRIBUTARY_DUCKDB_EXTENSION_DIR";

/** Whether a conf key changes how object storage is reached. */
export function isStorageKey(key: string): boolean {
  return key.startsWith("spark.hadoop.fs.s3a.") || key === EXTENSION_DIRECTORY_KEY;
}

/** Object-store buckets named inside a SQL text (`SELECT * FROM 's3://b/k.parquet'`). */
export function objectLocationsIn(sql: string): string[] {
  return sql.match(/\bs3a?:\/\/[^\s'"/]+/gi) ?? [];
}

/** What the object store needs from the session: the S3 settings and where extensions live. */
export interface ObjectStoreSettings {
  /** Session settings (`spark.hadoop.fs.s3a.*` among others). */
  readonly s3: S3Settings;
  readonly env: Env;
}

/** The extension directory the settings name, if any (conf first, then the environment). */
export function extensionDirectory(settings: ObjectStoreSettings): string | undefined {
  const fromConf = settings.s3[EXTENSION_DIRECTORY_KEY]?.trim();
  if (fromConf !== undefined && fromConf !== "") return fromConf;
  const fromEnv = envValue(settings.env, EXTENSION_DIRECTORY_ENV)?.trim();
  return fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
}

function httpfsUnavailable(directory: string | undefined, cause: unknown): EngineError {
  const where =
    directory === undefined
      ? "DuckDB could not install it from its extension repository"
      : `it is not installed in the extension directory ${directory}`;
  return new EngineError(
    "duckdb",
    `Reading or writing s3:// locations needs DuckDB's httpfs extension, and ${where}.`,
    {
      code: "DUCKDB_HTTPFS_UNAVAILABLE",
      cause,
      hint:
        "On an offline host run `bash scripts/storage/setup.sh` (it fills .tributary/storage/duckdb-extensions " +
        "from PyPI's duckdb-extension-httpfs==1.5.5), then set " +
        `${EXTENSION_DIRECTORY_KEY} (or ${EXTENSION_DIRECTORY_ENV}) to that directory; ` +
        "or allow DuckDB to reach extensions.duckdb.org.",
    },
  );
}

/** `http://127.0.0.1:9000/` -> host (and path) and scheme, as DuckDB's secret wants them. */
function endpointParts(config: S3Config): { endpoint?: string; useSsl: boolean } {
  if (config.endpoint === undefined) return { useSsl: true };
  const url = new URL(config.endpoint);
  const path = url.pathname.replace(/\/+$/, "");
  return { endpoint: `${url.host}${path}`, useSsl: url.protocol === "https:" };
}

/** Loads httpfs and keeps one S3 secret per bucket in a DuckDB session. */
export class DuckDBObjectStore {
  #httpfs: Promise<void> | undefined;
  #buckets = new Map<string, Promise<void>>();

  constructor(
    private readonly db: DuckDBSession,
    private settings: ObjectStoreSettings,
  ) {}

  /** New settings: every bucket's secret is made again on its next use. */
  update(settings: ObjectStoreSettings): void {
    this.settings = settings;
    this.#buckets = new Map();
  }

  /** Makes every object-store location in `locations` readable and writable by DuckDB. */
  async prepare(locations: Iterable<string>): Promise<void> {
    for (const location of locations) {
      // Other locations are DuckDB's own business (local paths; anything else fails there).
      if (!isObjectStoreLocation(location)) continue;
      const parsed = parseLocation(location);
      if (parsed.kind !== "s3") continue;
      let ready = this.#buckets.get(parsed.bucket);
      if (ready === undefined) {
        ready = this.#secret(parsed.bucket);
        this.#buckets.set(parsed.bucket, ready);
        // A failed attempt (no httpfs, no credentials) is tried again on the next use.
        ready.catch(() => this.#buckets.delete(parsed.bucket));
      }
      await ready;
    }
  }

  #loadHttpfs(): Promise<void> {
    if (this.#httpfs === undefined) {
      const directory = extensionDirectory(this.settings);
      this.#httpfs = (async () => {
        if (directory !== undefined)
          await this.db.execute(`SET extension_directory = ${quoteString(directory)}`);
        try {
          await this.db.execute("LOAD httpfs");
          return;
        } catch (first) {
          if (directory !== undefined) throw httpfsUnavailable(directory, first);
        }
        try {
          await this.db.execute("INSTALL httpfs");
          await this.db.execute("LOAD httpfs");
        } catch (e) {
          throw httpfsUnavailable(undefined, e);
        }
      })();
      this.#httpfs.catch(() => {
        this.#httpfs = undefined;
      });
    }
    return this.#httpfs;
  }

  async #secret(bucket: string): Promise<void> {
    await this.#loadHttpfs();
    const config = resolveS3Config(bucket, this.settings.s3, this.settings.env);
    let keys: Awaited<ReturnType<ReturnType<typeof credentialsProvider>>>;
    try {
      keys = await credentialsProvider(config.credentials)();
    } catch (e) {
      throw new StorageError(
        "STORAGE_ACCESS_DENIED",
        redactSecrets(
          `No S3 credentials for bucket ${bucket}: ${e instanceof Error ? e.message : String(e)}`,
        ),
        {
          cause: e,
          location: `s3://${bucket}`,
          hint: "Set spark.hadoop.fs.s3a.access.key and secret.key, or credentials the AWS chain finds (AWS_ACCESS_KEY_ID, a profile, an instance role).",
        },
      );
    }
    const { endpoint, useSsl } = endpointParts(config);
    const options = [
      "TYPE s3",
      `KEY_ID ${quoteString(keys.accessKeyId)}`,
      `SECRET ${quoteString(keys.secretAccessKey)}`,
      ...(keys.sessionToken === undefined
        ? []
        : [`SESSION_TOKEN ${quoteString(keys.sessionToken)}`]),
      `REGION ${quoteString(config.region)}`,
      ...(endpoint === undefined ? [] : [`ENDPOINT ${quoteString(endpoint)}`]),
      `URL_STYLE ${quoteString(config.pathStyle ? "path" : "vhost")}`,
      `USE_SSL ${useSsl}`,
      // DuckDB reads s3a:// itself; one secret covers both spellings of the bucket.
      `SCOPE [${quoteString(`s3://${bucket}`)}, ${quoteString(`s3a://${bucket}`)}]`,
    ];
    const name = quoteIdent(`tributary_s3_${bucket}`);
    try {
      await this.db.execute(`CREATE OR REPLACE SECRET ${name} (${options.join(", ")})`);
    } catch (e) {
      // The statement holds the keys: only DuckDB's message (redacted) goes on.
      const reason = redactSecrets(
        e instanceof Error ? (e.message.split("\n")[0] ?? "") : String(e),
      );
      throw new EngineError(
        "duckdb",
        `Configuring S3 access to bucket ${bucket} failed: ${reason}`,
        {
          code: "DUCKDB_ERROR",
          hint: "Check the spark.hadoop.fs.s3a.* settings of this bucket.",
        },
      );
    }
  }
}
