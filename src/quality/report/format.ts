/**
 * Values and numbers as the report shows them. Output depends only on the input (no local
 * time zone, no locale of the machine), so two renders of one result are byte-identical.
 */
import { type Html, html } from "./html.js";
import { LIMITS } from "./limits.js";

const INTEGER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

/** A count or measure: grouped digits, at most 4 decimals; non-finite numbers as words. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Number.isInteger(n) ? INTEGER.format(n) : DECIMAL.format(n);
}

/**
 * A percent (0..100) with at most two decimals; a tiny non-zero share stays visible as
 * "<0.01%" instead of rounding to a misleading "0%".
 */
export function formatPercent(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  if (p > 0 && p < 0.01) return "<0.01%";
  if (p < 100 && p > 99.99) return ">99.99%";
  return `${Number(p.toFixed(2))}%`;
}

/** ISO 8601 instants in UTC ("2024-05-01 12:00:00 UTC"); other text as given. */
export function formatTime(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // Only full ISO date-times: Date.parse accepts (and guesses at) too many other shapes.
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(text)) return text;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return text;
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** Text cut to `max` characters, saying how much was cut. */
export function truncateText(text: string, max: number = LIMITS.valueChars): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (+${formatNumber(text.length - max)} chars)`;
}

function jsonText(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ??
      String(value)
    );
  } catch {
    // Cycles: still show something rather than fail the whole report.
    return String(value);
  }
}

/** A data value as plain text: strings unquoted, the rest as JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  return jsonText(value);
}

/**
 * A data value as a chip. Null and the empty string are styled apart, because telling them
 * from "null" and " " text is the point of a data-quality report; long values are cut and
 * keep their full text (also cut, but much later) in the tooltip.
 */
export function formatValue(value: unknown, max: number = LIMITS.valueChars): Html {
  if (value === null || value === undefined) return html`<code class="v v-null">null</code>`;
  if (value === "") return html`<code class="v v-null">empty string</code>`;
  const text = valueText(value);
  const shown = truncateText(text, max);
  const title = shown === text ? undefined : truncateText(text, LIMITS.tooltipChars);
  const kind = typeof value === "string" ? "v" : "v v-lit";
  return title === undefined
    ? html`<code class="${kind}">${shown}</code>`
    : html`<code class="${kind}" title="${title}">${shown}</code>`;
}

/** Items up to `max`, then a "+N more" note. */
export function listWithMore<T>(items: readonly T[], max: number, each: (item: T) => Html): Html {
  const shown = items.slice(0, max).map(each);
  const rest = items.length - shown.length;
  return html`${shown}${rest > 0 ? html`<span class="more">+${formatNumber(rest)} more</span>` : ""}`;
}
