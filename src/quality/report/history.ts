/**
 * The run-history section: this run appended to the earlier ones, a chart of success % and
 * a table (newest first) with the runs' statistics and metrics. Long histories are cut to
 * the latest runs, saying how many were left out.
 */
import { formatNumber, formatPercent, formatTime } from "./format.js";
import { CHART_SIZES, historyChart } from "./history-chart.js";
import { type Html, html } from "./html.js";
import { LIMITS } from "./limits.js";
import { statusChip } from "./status.js";
import type { ValidationResultLike, ValidationRunSummary } from "./types.js";

/**
 * The history summary of a result, to keep for the next report's `history`.
 *
 * @example
 * ```ts
 * const history = [...previous, summarizeValidation(result)];
 * ```
 */
export function summarizeValidation(result: ValidationResultLike): ValidationRunSummary {
  const meta = result.meta ?? {};
  return {
    run_id: meta.run_id ?? meta.validation_time ?? "this run",
    validation_time: meta.validation_time ?? "",
    success: result.success,
    success_percent: result.statistics.success_percent,
    evaluated: result.statistics.evaluated_expectations,
    unsuccessful: result.statistics.unsuccessful_expectations,
  };
}

function metricKeys(runs: readonly ValidationRunSummary[]): string[] {
  const keys = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.metrics ?? {})) keys.add(k);
  return [...keys];
}

function table(runs: readonly ValidationRunSummary[], currentId: string): Html {
  const newest = [...runs].reverse().slice(0, LIMITS.tableRuns);
  const allKeys = metricKeys(runs);
  const keys = allKeys.slice(0, LIMITS.metricColumns);
  const cut = runs.length - newest.length;
  const metric = (r: ValidationRunSummary, k: string) => {
    const v = r.metrics?.[k];
    return typeof v === "number" ? formatNumber(v) : "—";
  };
  return html`<div class="scroll"><table class="runs"><thead><tr><th>Run</th><th>Validated</th><th>Status</th><th class="num">Success</th><th class="num">Evaluated</th><th class="num">Failed</th>${keys.map((k) => html`<th class="num">${k}</th>`)}</tr></thead>
<tbody>${newest.map(
    (r) =>
      html`<tr${r.run_id === currentId ? html` class="current"` : ""}><td><code class="run-id">${r.run_id}</code>${r.run_id === currentId ? html` <span class="tag">this run</span>` : ""}</td><td>${formatTime(r.validation_time) ?? ""}</td><td>${statusChip(r.success ? "pass" : "fail")}</td><td class="num">${formatPercent(r.success_percent)}</td><td class="num">${formatNumber(r.evaluated)}</td><td class="num">${formatNumber(r.unsuccessful)}</td>${keys.map((k) => html`<td class="num">${metric(r, k)}</td>`)}</tr>`,
  )}</tbody></table></div>
${cut > 0 || allKeys.length > keys.length ? html`<p class="more">${[cut > 0 ? `+${formatNumber(cut)} earlier runs not shown` : "", allKeys.length > keys.length ? `+${formatNumber(allKeys.length - keys.length)} more metrics` : ""].filter((s) => s !== "").join(", ")}</p>` : ""}`;
}

/**
 * The history section, or nothing without history.
 *
 * @example
 * ```ts
 * historySection(result, options.history);
 * ```
 */
export function historySection(
  result: ValidationResultLike,
  history: readonly ValidationRunSummary[] | undefined,
): Html {
  if (history === undefined || history.length === 0) return html``;
  const current = summarizeValidation(result);
  const has = history.some((r) => r.run_id === current.run_id);
  const runs = has ? history : [...history, current];
  const charted = runs.slice(-LIMITS.chartRuns);
  const currentIndex = charted.findIndex((r) => r.run_id === current.run_id);
  const earlier = runs.length - charted.length;
  return html`<section class="card history" aria-labelledby="hist-title">
<div class="section-head"><h2 id="hist-title">Run history</h2><span class="sub">${formatNumber(runs.length)} runs${earlier > 0 ? `, chart shows the latest ${formatNumber(charted.length)}` : ""}</span></div>
<figure class="chart-wrap">${CHART_SIZES.map((size) => historyChart(charted, currentIndex, size))}</figure>
${table(runs, current.run_id)}
</section>`;
}
