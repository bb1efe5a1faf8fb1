/**
 * The "Result" cell of an expectation: what it measured. Row-level checks show how many
 * rows were unexpected out of how many (and missing ones); aggregates and schema checks
 * show their observed value.
 */
import { formatNumber, formatPercent, formatValue, listWithMore } from "./format.js";
import { type Html, html } from "./html.js";
import { LIMITS } from "./limits.js";
import type { ExpectationResultBodyLike } from "./types.js";

function observed(value: unknown): Html {
  if (Array.isArray(value)) {
    return html`<span class="set">${listWithMore(value, LIMITS.setValues, (v) => formatValue(v))}</span>`;
  }
  return typeof value === "number"
    ? html`<b class="num">${formatNumber(value)}</b>`
    : formatValue(value);
}

/**
 * The result cell's content.
 *
 * @example
 * ```ts
 * resultView({ element_count: 1000, unexpected_count: 12, unexpected_percent: 1.2 }, false);
 * // "12 unexpected" over "of 1,000 rows · 1.2%"
 * ```
 */
export function resultView(body: ExpectationResultBodyLike, success: boolean): Html {
  const parts: Html[] = [];
  if (body.unexpected_count !== undefined) {
    const total =
      body.element_count === undefined ? "" : ` of ${formatNumber(body.element_count)} rows`;
    const pct =
      body.unexpected_percent === undefined ? "" : ` · ${formatPercent(body.unexpected_percent)}`;
    const tone = body.unexpected_count === 0 ? "ok" : success ? "warn" : "bad";
    parts.push(
      html`<div class="metric"><b class="num tone-${tone}">${formatNumber(body.unexpected_count)}</b> unexpected<span class="sub">${total}${pct}</span></div>`,
    );
  }
  if (body.missing_count !== undefined && body.missing_count > 0) {
    parts.push(
      html`<div class="metric sub">${formatNumber(body.missing_count)} missing (${formatPercent(body.missing_percent)})</div>`,
    );
  }
  if (body.observed_value !== undefined) {
    parts.push(
      html`<div class="metric"><span class="lbl">observed</span> ${observed(body.observed_value)}</div>`,
    );
  }
  if (parts.length === 0 && body.element_count !== undefined) {
    parts.push(html`<div class="metric sub">${formatNumber(body.element_count)} rows</div>`);
  }
  return parts.length === 0 ? html`<span class="muted">—</span>` : html`${parts}`;
}
