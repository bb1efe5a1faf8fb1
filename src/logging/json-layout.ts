/**
 * JSON lines: one JSON object per event, for log shippers. It stands in for log4j 2's
 * `JsonTemplateLayout` and `JsonLayout` (their templates are not read; the shape is ours and
 * fixed): `timestamp` (ISO-8601 with the zone's offset), `level`, `logger`, `thread`,
 * `message`, then `error` ({name, message, stack}), `mdc` and `ndc` when present.
 */
import { compileDateFormat } from "./date-format.js";
import type { Layout } from "./event.js";
import { resolveTimeZone, type TimeZone } from "./time-zone.js";

const ISO_WITH_OFFSET = "yyyy-MM-dd'T'HH:mm:ss.SSSxxx";

/**
 * A JSON-lines layout.
 *
 * @example
 * ```ts
 * const layout = jsonLayout({ timeZone: "UTC" });
 * layout(event);
 * // '{"timestamp":"2024-01-31T09:05:03.000+00:00","level":"INFO","logger":"app","thread":"main","message":"hi"}\n'
 * ```
 * @throws ConfigError `LOG_INVALID_TIME_ZONE` for an unknown zone.
 */
export function jsonLayout(options: { readonly timeZone?: string | TimeZone } = {}): Layout {
  const zone =
    typeof options.timeZone === "object" ? options.timeZone : resolveTimeZone(options.timeZone);
  const timestamp = compileDateFormat(ISO_WITH_OFFSET, zone);
  return (event) =>
    `${JSON.stringify({
      timestamp: timestamp(event.timestamp),
      level: event.level,
      logger: event.logger,
      thread: event.thread,
      message: event.message,
      ...(event.error === undefined ? {} : { error: event.error }),
      ...(event.mdc.size === 0 ? {} : { mdc: Object.fromEntries(event.mdc) }),
      ...(event.ndc.length === 0 ? {} : { ndc: event.ndc }),
    })}\n`;
}
