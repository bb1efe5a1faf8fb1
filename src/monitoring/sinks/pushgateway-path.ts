/**
 * The pushgateway's URL for a group: `/metrics/job/<job>{/<label>/<value>}`. A value with a
 * `/` (which would read as a path separator) or an empty one (which path cleaning would
 * drop) is written `<label>@base64/<value in URL-safe base64>`, an empty value as `=`, as the
 * pushgateway's README specifies; anything else is percent-encoded.
 */
import type { Labels } from "../metrics/snapshot.js";

/** One `<name>/<value>` pair of the path, base64-encoded when it must be. */
export function groupingSegment(name: string, value: string): string {
  if (value === "") return `${name}@base64/=`;
  if (value.includes("/")) return `${name}@base64/${Buffer.from(value).toString("base64url")}`;
  return `${name}/${encodeURIComponent(value)}`;
}

/**
 * The push URL for `job` and the grouping labels, under the pushgateway at `address`
 * (`http://host:9091`, or `host:9091` for plain HTTP).
 *
 * @example
 * ```ts
 * pushgatewayUrl("http://127.0.0.1:9091", "ingest", { table: "lake/flights" });
 * // "http://127.0.0.1:9091/metrics/job/ingest/table@base64/bGFrZS9mbGlnaHRz"
 * ```
 */
export function pushgatewayUrl(address: string, job: string, grouping: Labels = {}): string {
  const base = (/^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? address : `http://${address}`).replace(
    /\/+$/,
    "",
  );
  const segments = [groupingSegment("job", job)];
  for (const [name, value] of Object.entries(grouping)) segments.push(groupingSegment(name, value));
  return `${base}/metrics/${segments.join("/")}`;
}
