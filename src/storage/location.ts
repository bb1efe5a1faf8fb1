/**
 * Reading a location string. Object-store keys are taken as written after the bucket (no
 * percent-decoding, as Hadoop's `Path` strings are not encoded); `file://` locations are URLs
 * and are decoded as Node decodes them; anything without a scheme is a local path.
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
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

/** Whether a location is in an object store (s3://, s3a://) rather than on local disk. */
export function isObjectStoreLocation(location: string): boolean {
  const scheme = schemeOf(location);
  return scheme === "s3" || scheme === "s3a";
}

/**
 * `base` joined with slash-separated `segments`. Local paths join as `node:path` joins them
 * (normalised, platform separators); URLs keep their scheme and `//` and join with `/`.
 *
 * @example
 * ```ts
 * joinLocation("s3://lake/t/", "_delta_log", "00000000000000000000.json"); // "s3://lake/t/_delta_log/00000000000000000000.json"
 * ```
 */
export function joinLocation(base: string, ...segments: string[]): string {
  if (schemeOf(base) === undefined) return join(base, ...segments);
  const parts = segments.flatMap((s) => s.split("/")).filter((s) => s !== "" && s !== ".");
  const root = base.replace(/\/+$/, "");
  return parts.length === 0 ? root : `${root}/${parts.join("/")}`;
}

/**
 * The part of `location` below `base`, with `/` separators (`a/b/c.parquet`); a location
 * outside `base` gives a path starting with `..` for local paths, and the location itself
 * for URLs.
 */
export function relativeLocation(base: string, location: string): string {
  if (schemeOf(base) === undefined) return relative(base, location).split(sep).join("/");
  const root = `${base.replace(/\/+$/, "")}/`;
  return location.startsWith(root) ? location.slice(root.length) : location;
}

/** The location one level up (`s3://b/t/x.parquet` -> `s3://b/t`). */
export function parentLocation(location: string): string {
  if (schemeOf(location) === undefined) return dirname(location);
  const trimmed = location.replace(/\/+$/, "");
  const cut = trimmed.lastIndexOf("/");
  return cut <= trimmed.indexOf("//") + 1 ? trimmed : trimmed.slice(0, cut);
}

/** Whether a plain local path is absolute (URLs never are "local absolute" paths). */
export function isAbsoluteLocalPath(location: string): boolean {
  return schemeOf(location) === undefined && isAbsolute(location);
}

/** A location as users see it in DESCRIBE DETAIL: local paths made absolute, URLs as given. */
export function absoluteLocation(location: string): string {
  return schemeOf(location) === undefined ? resolve(location) : location;
}
