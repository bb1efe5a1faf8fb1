/**
 * What a failing expectation shows under its row: the unexpected values with their counts,
 * sample failing rows (the expectation's columns highlighted), and the exception of one that
 * could not be computed. Everything is cut to the limits in `limits.ts`, saying how much.
 */
import { formatNumber, formatValue, listWithMore, truncateText } from "./format.js";
import { type Html, html } from "./html.js";
import { LIMITS } from "./limits.js";
import type { ExpectationResultLike } from "./types.js";

type Row = Readonly<Record<string, unknown>>;

function unexpectedValues(result: ExpectationResultLike): Html | undefined {
  const body = result.result;
  const counts = body.partial_unexpected_counts;
  const chip = (value: unknown, count?: number) =>
    html`<span class="uv">${formatValue(value)}${count === undefined ? "" : html`<span class="uv-n">×${formatNumber(count)}</span>`}</span>`;
  let chips: Html | undefined;
  if (counts !== undefined && counts.length > 0) {
    chips = listWithMore(counts, LIMITS.unexpectedValues, (c) => chip(c.value, c.count));
  } else {
    // Without counts, GE's partial list (first unexpected values in row order), else the full one.
    const list = body.partial_unexpected_list ?? body.unexpected_list;
    if (list !== undefined && list.length > 0) {
      chips = listWithMore(list, LIMITS.unexpectedValues, (v) => chip(v));
    }
  }
  if (chips === undefined) return undefined;
  return html`<div class="detail-block"><h4>Unexpected values</h4><div class="uvs">${chips}</div></div>`;
}

/** Columns of the sample rows in first-seen order, the checked columns first. */
function sampleColumns(rows: readonly Row[], checked: readonly string[]): string[] {
  const seen = new Set<string>(checked.filter((c) => rows.some((r) => Object.hasOwn(r, c))));
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

function sampleRows(rows: readonly Row[], checked: readonly string[]): Html | undefined {
  if (rows.length === 0) return undefined;
  const all = sampleColumns(rows, checked);
  const cols = all.slice(0, LIMITS.sampleColumns);
  const shown = rows.slice(0, LIMITS.sampleRows);
  const hot = new Set(checked);
  // The checked columns are tinted: the eye goes to the value that failed first.
  const cls = (c: string) => (hot.has(c) ? html` class="hot"` : "");
  const notes: string[] = [];
  if (rows.length > shown.length)
    notes.push(`+${formatNumber(rows.length - shown.length)} more rows`);
  if (all.length > cols.length)
    notes.push(`+${formatNumber(all.length - cols.length)} more columns`);
  return html`<div class="detail-block"><h4>Sample failing rows <span class="count">${formatNumber(rows.length)}</span></h4>
<div class="scroll"><table class="samples"><thead><tr>${cols.map((c) => html`<th${cls(c)}>${c}</th>`)}</tr></thead>
<tbody>${shown.map((r) => html`<tr>${cols.map((c) => html`<td${cls(c)}>${Object.hasOwn(r, c) ? formatValue(r[c], 40) : ""}</td>`)}</tr>`)}</tbody></table></div>
${notes.length > 0 ? html`<p class="more">${notes.join(", ")}</p>` : ""}</div>`;
}

function exception(result: ExpectationResultLike): Html | undefined {
  const info = result.exception_info;
  if (info === undefined || (!info.raised_exception && !info.exception_message)) return undefined;
  const message = truncateText(info.exception_message ?? "(no message)", LIMITS.exceptionChars);
  const trace = info.exception_traceback;
  return html`<div class="detail-block exception" role="alert"><h4>Exception</h4><p class="exc-msg">${message}</p>
${trace ? html`<details><summary>Traceback</summary><pre>${truncateText(trace, LIMITS.tracebackChars)}</pre></details>` : ""}</div>`;
}

/**
 * The detail blocks of one result; undefined when there is nothing to show.
 *
 * @example
 * ```ts
 * failureDetails(results[2], samples[2], ["age"]); // unexpected values, rows, exception
 * ```
 */
export function failureDetails(
  result: ExpectationResultLike,
  rows: readonly Row[] | undefined,
  checked: readonly string[],
): Html | undefined {
  const blocks = [exception(result), unexpectedValues(result), sampleRows(rows ?? [], checked)];
  const present = blocks.filter((b): b is Html => b !== undefined);
  return present.length === 0 ? undefined : html`${present}`;
}
