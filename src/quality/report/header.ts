/**
 * The page header: what was validated (suite, data asset, run, time, engine), the overall
 * PASS / FAIL badge and the statistics, with a bar of the success share.
 */
import { formatNumber, formatPercent, formatTime, valueText } from "./format.js";
import { type Html, html } from "./html.js";
import { statusOf } from "./status.js";
import type { ValidationResultLike } from "./types.js";

function metaItem(label: string, value: unknown): Html {
  if (value === undefined || value === null || value === "") return html``;
  return html`<div class="meta-item"><dt>${label}</dt><dd>${valueText(value)}</dd></div>`;
}

function tile(label: string, value: string, tone: string, note?: string): Html {
  return html`<div class="tile tile-${tone}"><div class="tile-label">${label}</div><div class="tile-value">${value}</div>${note === undefined ? "" : html`<div class="tile-note">${note}</div>`}</div>`;
}

/**
 * The header of the report.
 *
 * @example
 * ```ts
 * headerSection(result, "Nightly orders check");
 * ```
 */
export function headerSection(result: ValidationResultLike, title: string): Html {
  const stats = result.statistics;
  const meta = result.meta ?? {};
  const errors = result.results.filter((r) => statusOf(r) === "error").length;
  const pct = stats.success_percent;
  const width = pct === null || !Number.isFinite(pct) ? 0 : Math.max(0, Math.min(100, pct));
  const badge = result.success
    ? html`<span class="badge badge-pass" data-testid="badge">PASS</span>`
    : html`<span class="badge badge-fail" data-testid="badge">FAIL</span>`;
  return html`<header class="report-header">
<p class="eyebrow">${title}</p>
<div class="title-row"><h1>${result.suite_name}</h1>${badge}</div>
<dl class="meta">${metaItem("Data asset", meta.data_asset)}${metaItem("Run ID", meta.run_id)}${metaItem("Validated", formatTime(meta.validation_time))}${metaItem("Engine", meta.engine)}${metaItem("Scans", typeof meta.scans === "number" ? formatNumber(meta.scans) : undefined)}</dl>
<div class="tiles">
${tile("Evaluated", formatNumber(stats.evaluated_expectations), "neutral")}
${tile("Successful", formatNumber(stats.successful_expectations), "pass")}
${tile("Failed", formatNumber(stats.unsuccessful_expectations), stats.unsuccessful_expectations > 0 ? "fail" : "neutral", errors > 0 ? `incl. ${formatNumber(errors)} not computed` : undefined)}
${tile("Success", formatPercent(pct), result.success ? "pass" : "fail")}
</div>
<div class="bar" role="img" aria-label="${formatPercent(pct)} of expectations passed"><div class="bar-fill" style="width:${width.toFixed(2)}%"></div></div>
</header>`;
}
