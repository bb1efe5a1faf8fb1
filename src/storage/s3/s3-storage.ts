/**
 * S3 (and S3-compatible stores) through `@aws-sdk/client-s3`. Chosen over aws4fetch, a bare
 * SigV4 signer, because the SDK is AWS's maintained client: it parses S3's XML (listings,
 * batch-delete reports, errors), computes the checksum DeleteObjects requires, and its sibling
 * provides the standard credential chain. The SDK's own retries are off (one attempt per
 * call), so the retry policy, its attempt count and the ambiguity of a write are ours alone.
 * The SDK is imported on first use: a program that never touches s3:// never loads it.
 */
import type { S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { ErrorCode } from "../../error-codes.js";
import { redactSecrets } from "../../logging/redactor.js";
import { StorageError, type StorageOperation } from "../errors.js";
import { lastSegment, parseLocation } from "../location.js";
import {
  type ByteRange,
  compareLocations,
  type ListOptions,
  type PutIfAbsentResult,
  type Storage,
  type StorageData,
  type StorageEntry,
} from "../storage.js";
import { resolveS3Config, type S3Config, type S3Settings } from "./config.js";
import { credentialsProvider } from "./credentials.js";
import { type Attempted, type Failure, retrying } from "./retry.js";

type Sdk = typeof import("@aws-sdk/client-s3");

/** S3 accepts at most this many keys in one DeleteObjects call. */
const DELETE_BATCH = 1000;

interface S3Location {
  readonly scheme: string;
  readonly bucket: string;
  readonly key: string;
}

function s3Location(location: string): S3Location {
  const parsed = parseLocation(location);
  if (parsed.kind !== "s3")
    throw new StorageError("STORAGE_INVALID_LOCATION", `Not an S3 location: ${location}`, {
      location,
    });
  return parsed;
}

function codeFor(failure: Failure): ErrorCode {
  if (failure.status === 403) return "STORAGE_ACCESS_DENIED";
  if (failure.name === "NoSuchBucket") return "STORAGE_NO_SUCH_BUCKET";
  if (failure.status === 404 || failure.name === "NoSuchKey") return "STORAGE_NOT_FOUND";
  return "STORAGE_REQUEST_FAILED";
}

function failed(
  operation: StorageOperation,
  location: string,
  outcome: Extract<Attempted<unknown>, { ok: false }>,
  code: ErrorCode = codeFor(outcome.failure),
): StorageError {
  const { failure, attempts } = outcome;
  const http = failure.status === undefined ? "" : ` (HTTP ${failure.status})`;
  const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;
  return new StorageError(
    code,
    redactSecrets(
      `S3 ${operation} of ${location} failed after ${tries}: ${failure.name}${http}: ${failure.message}`,
    ),
    {
      operation,
      location,
      attempts,
      ...(failure.status === undefined ? {} : { status: failure.status }),
      cause: outcome.error,
      hint: failure.retryable
        ? "The store kept failing; raise spark.hadoop.fs.s3a.retry.limit or check the endpoint."
        : "Check the bucket, the credentials and spark.hadoop.fs.s3a.* settings.",
    },
  );
}

/** The {@link Storage} of S3 and S3-compatible servers, for `s3://` and `s3a://` locations. */
export class S3Storage implements Storage {
  readonly #settings: S3Settings;
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly #clients = new Map<string, Promise<{ sdk: Sdk; client: S3Client; config: S3Config }>>();

  /**
   * @param settings Spark-style settings (`spark.hadoop.fs.s3a.*`), see config.ts.
   * @param env The environment for the region and the credential chain.
   */
  constructor(
    settings: S3Settings = {},
    env: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.#settings = settings;
    this.#env = env;
  }

  /** One client per bucket, since settings may differ per bucket. */
  #client(bucket: string): Promise<{ sdk: Sdk; client: S3Client; config: S3Config }> {
    let found = this.#clients.get(bucket);
    if (found === undefined) {
      const config = resolveS3Config(bucket, this.#settings, this.#env);
      found = import("@aws-sdk/client-s3").then((sdk) => ({
        sdk,
        config,
        client: new sdk.S3Client({
          region: config.region,
          ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
          forcePathStyle: config.pathStyle,
          credentials: credentialsProvider(config.credentials),
          maxAttempts: 1,
          requestChecksumCalculation: "WHEN_REQUIRED",
          responseChecksumValidation: "WHEN_REQUIRED",
          requestHandler: {
            connectionTimeout: config.connectTimeoutMs,
            requestTimeout: config.requestTimeoutMs,
            throwOnRequestTimeout: true,
          },
        }),
      }));
      this.#clients.set(bucket, found);
    }
    return found;
  }

  async list(location: string, options: ListOptions = {}): Promise<StorageEntry[]> {
    const at = s3Location(location);
    const { sdk, client, config } = await this.#client(at.bucket);
    const prefix = at.key === "" || at.key.endsWith("/") ? at.key : `${at.key}/`;
    const startAfter =
      options.startAfter === undefined ? undefined : s3Location(options.startAfter).key;
    const out: StorageEntry[] = [];
    let token: string | undefined;
    do {
      const page = await retrying(config.retry, () =>
        client.send(
          new sdk.ListObjectsV2Command({
            Bucket: at.bucket,
            Prefix: prefix,
            ...(options.recursive === true ? {} : { Delimiter: "/" }),
            ...(startAfter === undefined ? {} : { StartAfter: startAfter }),
            ...(token === undefined ? {} : { ContinuationToken: token }),
          }),
        ),
      );
      if (!page.ok) throw failed("list", location, page);
      for (const o of page.value.Contents ?? []) {
        if (o.Key === undefined || o.Key.endsWith("/")) continue;
        out.push({
          location: `${at.scheme}://${at.bucket}/${o.Key}`,
          name: lastSegment(o.Key),
          size: o.Size ?? 0,
          modificationTime: o.LastModified?.getTime() ?? 0,
        });
      }
      token = page.value.IsTruncated === true ? page.value.NextContinuationToken : undefined;
    } while (token !== undefined);
    return out.sort((a, b) => compareLocations(a.location, b.location));
  }

  async read(location: string, range?: ByteRange): Promise<Buffer> {
    if (range !== undefined && range.length <= 0) return Buffer.alloc(0);
    const at = s3Location(location);
    const { sdk, client, config } = await this.#client(at.bucket);
    const outcome = await retrying(config.retry, async () => {
      const res = await client.send(
        new sdk.GetObjectCommand({
          Bucket: at.bucket,
          Key: at.key,
          ...(range === undefined
            ? {}
            : { Range: `bytes=${range.offset}-${range.offset + range.length - 1}` }),
        }),
      );
      // The body is read inside the attempt: a connection dropped mid-body is retried too.
      return Buffer.from((await res.Body?.transformToByteArray()) ?? new Uint8Array());
    });
    if (outcome.ok) return outcome.value;
    // A range starting past the end reads nothing, as a local file read does.
    if (range !== undefined && outcome.failure.status === 416) return Buffer.alloc(0);
    throw failed("read", location, outcome);
  }

  async readIfExists(location: string): Promise<Buffer | undefined> {
    try {
      return await this.read(location);
    } catch (e) {
      if (e instanceof StorageError && e.code === ErrorCode.STORAGE_NOT_FOUND) return undefined;
      throw e;
    }
  }

  async put(location: string, data: StorageData): Promise<void> {
    const at = s3Location(location);
    const { sdk, client, config } = await this.#client(at.bucket);
    const outcome = await retrying(config.retry, () =>
      client.send(new sdk.PutObjectCommand({ Bucket: at.bucket, Key: at.key, Body: data })),
    );
    if (!outcome.ok) throw failed("put", location, outcome);
  }

  async putIfAbsent(location: string, data: StorageData): Promise<PutIfAbsentResult> {
    const at = s3Location(location);
    const { sdk, client, config } = await this.#client(at.bucket);
    let existsAfterAmbiguous = false;
    const outcome = await retrying(config.retry, async (_attempt, ambiguousBefore) => {
      try {
        await client.send(
          new sdk.PutObjectCommand({
            Bucket: at.bucket,
            Key: at.key,
            Body: data,
            IfNoneMatch: "*",
          }),
        );
        return "written" as const;
      } catch (e) {
        if ((e as Partial<S3ServiceException>).$metadata?.httpStatusCode !== 412) throw e;
        // After an attempt that may have landed, the object found may be our own.
        existsAfterAmbiguous = ambiguousBefore;
        return "exists" as const;
      }
    });
    if (outcome.ok) {
      if (outcome.value === "written") return { status: "written" };
      if (!existsAfterAmbiguous) return { status: "exists" };
      return {
        status: "unknown",
        cause: new StorageError(
          "STORAGE_AMBIGUOUS_WRITE",
          `S3 putIfAbsent of ${location}: an attempt broke after it was sent and a retry found the object; it may be ours.`,
          { operation: "putIfAbsent", location, attempts: outcome.attempts },
        ),
      };
    }
    if (outcome.ambiguous)
      return {
        status: "unknown",
        cause: failed("putIfAbsent", location, outcome, "STORAGE_AMBIGUOUS_WRITE"),
      };
    throw failed("putIfAbsent", location, outcome);
  }

  async delete(locations: readonly string[]): Promise<void> {
    const byBucket = new Map<string, string[]>();
    for (const l of locations) {
      const at = s3Location(l);
      byBucket.set(at.bucket, [...(byBucket.get(at.bucket) ?? []), at.key]);
    }
    for (const [bucket, keys] of byBucket) {
      const { sdk, client, config } = await this.#client(bucket);
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const batch = keys.slice(i, i + DELETE_BATCH);
        const where = `s3://${bucket}/${batch[0] ?? ""}`;
        const outcome = await retrying(config.retry, () =>
          client.send(
            new sdk.DeleteObjectsCommand({
              Bucket: bucket,
              Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
            }),
          ),
        );
        if (!outcome.ok) throw failed("delete", where, outcome);
        const errors = outcome.value.Errors ?? [];
        if (errors.length > 0) {
          const first = errors
            .slice(0, 3)
            .map((e) => `${e.Key}: ${e.Code}`)
            .join(", ");
          throw new StorageError(
            "STORAGE_REQUEST_FAILED",
            `S3 delete in ${bucket}: ${errors.length} of ${batch.length} keys not deleted (${first}).`,
            { operation: "delete", location: where, attempts: outcome.attempts },
          );
        }
      }
    }
  }

  async stat(location: string): Promise<StorageEntry | undefined> {
    const at = s3Location(location);
    if (at.key === "" || at.key.endsWith("/")) return undefined;
    const { sdk, client, config } = await this.#client(at.bucket);
    const outcome = await retrying(config.retry, () =>
      client.send(new sdk.HeadObjectCommand({ Bucket: at.bucket, Key: at.key })),
    );
    if (!outcome.ok) {
      if (outcome.failure.status === 404) return undefined;
      throw failed("stat", location, outcome);
    }
    return {
      location,
      name: lastSegment(at.key),
      size: outcome.value.ContentLength ?? 0,
      modificationTime: outcome.value.LastModified?.getTime() ?? 0,
    };
  }
}
