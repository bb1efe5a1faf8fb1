/**
 * A small inline SVG line chart of success % over runs. The y axis starts at the nearest
 * ten below the worst run, so a drop from 100% to 96% is visible rather than a flat line at
 * the top; each point carries a tooltip (`<title>`) with the run id, time and share.
 */
import { formatPercent, formatTime } from "./format.js";
import { type Html, html } from "./html.js";
import type { ValidationRunSummary } from "./types.js";

/** A chart size. Text in an SVG scales with it, so a phone gets its own narrower chart. */
export interface ChartSize {
  readonly name: string;
  readonly width: number;
  readonly height: number;
}

/** The desktop chart (shown from 761px) and the phone chart (up to 760px). */
export const CHART_SIZES: readonly ChartSize[] = [
  { name: "wide", width: 960, height: 220 },
  { name: "compact", width: 360, height: 210 },
];

const PAD = { top: 14, right: 18, bottom: 30, left: 46 };

/**
 * The chart, oldest run on the left; `current` is the index of this run (ringed).
 *
 * @example
 * ```ts
 * historyChart(runs, runs.length - 1, { name: "wide", width: 960, height: 220 });
 * ```
 */
export function historyChart(
  runs: readonly ValidationRunSummary[],
  current: number,
  size: ChartSize,
): Html {
  const W = size.width;
  const H = size.height;
  const values = runs.map((r) => r.success_percent);
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const lowest = known.length === 0 ? 0 : Math.min(...known);
  const yMin = Math.max(0, Math.min(90, Math.floor(lowest / 10) * 10));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left + (runs.length === 1 ? plotW / 2 : (i * plotW) / (runs.length - 1));
  const y = (v: number) => PAD.top + plotH - ((Math.max(yMin, v) - yMin) / (100 - yMin)) * plotH;
  const ticks = [yMin, (yMin + 100) / 2, 100];

  const points = runs.flatMap((r, i) => {
    const v = values[i];
    return v === null || v === undefined || !Number.isFinite(v) ? [] : [{ r, i, v }];
  });
  const path = points
    .map((p, k) => `${k === 0 ? "M" : "L"}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`)
    .join("");
  const first = points[0];
  const last = points[points.length - 1];
  const area =
    first === undefined || last === undefined || points.length < 2
      ? ""
      : `${path}L${x(last.i).toFixed(1)},${PAD.top + plotH}L${x(first.i).toFixed(1)},${PAD.top + plotH}Z`;
  const label = (i: number) => formatTime(runs[i]?.validation_time)?.slice(0, 10) ?? "";

  return html`<svg class="chart chart-${size.name}" viewBox="0 0 ${W} ${H}" role="img" aria-label="Success percent over the last ${runs.length} runs">
${ticks.map((t) => html`<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/><text class="axis" x="${PAD.left - 8}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${formatPercent(t)}</text>`)}
${area === "" ? "" : html`<path class="area" d="${area}"/>`}
${path === "" ? "" : html`<path class="line" d="${path}"/>`}
${points.map(
  (p) =>
    html`<g class="pt ${p.r.success ? "pt-pass" : "pt-fail"}${p.i === current ? " pt-current" : ""}">${p.i === current ? html`<circle class="ring" cx="${x(p.i).toFixed(1)}" cy="${y(p.v).toFixed(1)}" r="9"/>` : ""}<circle cx="${x(p.i).toFixed(1)}" cy="${y(p.v).toFixed(1)}" r="4.5"/><title>${p.r.run_id} · ${formatTime(p.r.validation_time) ?? ""} · ${formatPercent(p.v)}${p.r.success ? "" : " (failed)"}</title></g>`,
)}
<text class="axis" x="${PAD.left}" y="${H - 8}">${label(0)}</text>
${runs.length > 1 ? html`<text class="axis" x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${label(runs.length - 1)}</text>` : ""}
</svg>`;
}
