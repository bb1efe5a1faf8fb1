/**
 * Reading a location string. Object-store keys are taken as written after the bucket (no
 * percent-decoding, as Hadoop's `Path` strings are not encoded); `file://` locations are URLs
 * and are decoded as Node decodes them; anything without a scheme is a local path.
 */
import { fileURLToPath } from "node:url";
import { StorageError } from "./errors.js";

/** A location taken apart. */
export type ParsedLocation =
  | { readonly kind: "local"; readonly path: string; readonly url: boolean }
  | {
      readonly kind: "s3";
      /** `s3` or `s3a`, kept so answers use the caller's spelling. */
      readonly scheme: string;
      readonly bucket: string;
      /** The key, without a leading slash; empty for the bucket itself. */
      readonly key: string;
    };

// A scheme needs two letters, so a Windows drive (`C:\data`) stays a local path.
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]+):/;

/** The location's scheme in lower case (`file`, `s3`, `s3a`), or undefined for a plain path. */
export function schemeOf(location: string): string | undefined {
  return SCHEME.exec(location)?.[1]?.toLowerCase();
}

/**
 * Parses a location.
 *
 * @example
 * ```ts
 * parseLocation("s3a://lake/t/_delta_log"); // { kind: "s3", scheme: "s3a", bucket: "lake", key: "t/_delta_log" }
 * ```
 * @throws StorageError `STORAGE_UNSUPPORTED_SCHEME` for another scheme,
 *   `STORAGE_INVALID_LOCATION` for an S3 location without a bucket.
 */
export function parseLocation(location: string): ParsedLocation {
  const scheme = schemeOf(location);
  if (scheme === undefined) return { kind: "local", path: location, url: false };
  if (scheme === "file") return { kind: "local", path: fileURLToPath(location), url: true };
  if (scheme === "s3" || scheme === "s3a") {
    const rest = location.slice(scheme.length + 1);
    const match = /^\/\/([^/]+)\/?(.*)$/.exec(rest);
    const bucket = match?.[1];
    if (match === null || bucket === undefined)
      throw new StorageError("STORAGE_INVALID_LOCATION", `No bucket in ${location}.`, {
        location,
        hint: `Write ${scheme}://bucket/key.`,
      });
    return { kind: "s3", scheme, bucket, key: match[2] ?? "" };
  }
  throw new StorageError("STORAGE_UNSUPPORTED_SCHEME", `No storage for ${scheme}:// locations.`, {
    location,
    hint: "Use a local path, file://, s3:// or s3a://, or pass your own Storage implementation.",
  });
}

/** The last segment of a slash-separated key or path. */
export function lastSegment(key: string): string {
  const trimmed = key.endsWith("/") ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}
