/**
 * The expectations table, one `<tbody>` per expectation (its row, and below a failing one
 * its details) so a filter hides both at once. The filter is three radio buttons and CSS
 * (`:has`): it needs no script, so it works from file:// under the strictest policy.
 */

import { failureDetails } from "./failure-details.js";
import { formatNumber } from "./format.js";
import { type Html, html } from "./html.js";
import { columnsOf, kwargsView } from "./kwargs-view.js";
import { resultView } from "./result-view.js";
import { statusChip, statusOf } from "./status.js";
import type { ExpectationResultLike, FailingRowSamples } from "./types.js";

/** "expect_column_values_to_be_between" -> "Column values to be between". */
function humanize(type: string): string {
  const words = type.replace(/^expect_/, "").replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Long GE names wrap at their underscores rather than mid-word. */
function breakable(name: string): Html {
  const parts = name.split("_");
  return html`${parts.map((p, i) => (i === 0 ? p : html`_<wbr>${p}`))}`;
}

function describe(result: ExpectationResultLike): Html {
  const config = result.expectation_config;
  const type = typeof config.type === "string" && config.type !== "" ? config.type : "(no type)";
  const meta = (config.meta ?? {}) as Readonly<Record<string, unknown>>;
  const notes = [config.description, meta.notes].filter(
    (n): n is string => typeof n === "string" && n !== "",
  );
  return html`<div class="exp-name">${humanize(type)}</div><code class="exp-type">${breakable(type)}</code>${notes.map((n) => html`<div class="exp-note">${n}</div>`)}`;
}

/**
 * A cell whose content is one block: on narrow screens the cell is a two-column grid (its
 * label from `data-label`, then the content), and loose children would each take a slot.
 */
function cell(cls: string, label: string, content: Html): Html {
  return html`<td class="${cls}" data-label="${label}"><div class="cell">${content}</div></td>`;
}

function row(result: ExpectationResultLike, index: number, samples: FailingRowSamples): Html {
  const status = statusOf(result);
  const config = result.expectation_config;
  const columns = columnsOf(config.type, config.kwargs ?? {});
  const details = status === "pass" ? undefined : failureDetails(result, samples[index], columns);
  const columnCell =
    columns.length === 0
      ? html`<span class="muted">table</span>`
      : html`${columns.map((c) => html`<code class="col">${c}</code>`)}`;
  return html`<tbody class="exp" data-status="${status}" id="exp-${index}">
<tr class="exp-row">
${cell("c-idx", "#", html`${index + 1}`)}
${cell("c-status", "Status", statusChip(status))}
${cell("c-exp", "Expectation", describe(result))}
${cell("c-cols", "Column", columnCell)}
${cell("c-kw", "Expects", kwargsView(config.type, config.kwargs ?? {}))}
${cell("c-res", "Result", resultView(result.result ?? {}, result.success))}
</tr>
${details === undefined ? "" : html`<tr class="exp-detail"><td colspan="6"><div class="details">${details}</div></td></tr>`}
</tbody>`;
}

/**
 * The section with the filter and the table.
 *
 * @example
 * ```ts
 * expectationsSection(result.results, options.samples ?? {});
 * ```
 */
export function expectationsSection(
  results: readonly ExpectationResultLike[],
  samples: FailingRowSamples,
): Html {
  const failing = results.filter((r) => statusOf(r) !== "pass").length;
  const passing = results.length - failing;
  const tab = (id: string, label: string, count: number, checked: boolean) =>
    html`<input type="radio" name="filter" id="filter-${id}" value="${id}"${checked ? html` checked` : ""}><label for="filter-${id}">${label} <span class="count">${formatNumber(count)}</span></label>`;
  return html`<section class="card expectations" aria-labelledby="exp-title">
<div class="section-head"><h2 id="exp-title">Expectations</h2>
<div class="filter" role="radiogroup" aria-label="Show">${tab("all", "All", results.length, true)}${tab("failures", "Failures", failing, false)}${tab("passed", "Passed", passing, false)}</div></div>
${
  results.length === 0
    ? html`<p class="empty">This suite has no expectations.</p>`
    : html`<table class="exp-table"><thead><tr><th class="c-idx">#</th><th>Status</th><th>Expectation</th><th>Column</th><th>Expects</th><th>Result</th></tr></thead>
${results.map((r, i) => row(r, i, samples))}</table>
<p class="empty empty-failures">No failing expectations.</p><p class="empty empty-passed">No passing expectations.</p>`
}
</section>`;
}
