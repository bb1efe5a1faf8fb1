/**
 * An expectation's kwargs as the report shows them: the column(s) it checks in their own
 * cell, and the parameters that say what it expects in short readable form (a range as
 * `0 ≤ value ≤ 100`, `mostly` as a percent, sets as chips). Bookkeeping kwargs are left out.
 */
import { formatNumber, formatValue, listWithMore, valueText } from "./format.js";
import { type Html, html } from "./html.js";
import { LIMITS } from "./limits.js";

/** Kwargs that steer how a result is computed or stored, not what is expected. */
const HIDDEN = new Set(["result_format", "catch_exceptions", "batch_id", "include_config"]);
const RANGE = new Set(["min_value", "max_value", "strict_min", "strict_max"]);
/** Kwargs shown as code (patterns and type names read better in monospace). */
const CODE = new Set(["regex", "strftime_format", "type_", "like_pattern", "row_condition"]);

/** The kwargs as plain entries (`object` because typed kwargs have no index signature). */
export function kwargEntries(kwargs: object): [string, unknown][] {
  return Object.entries(kwargs);
}

/** Table-level types name columns as parameters (`column_list` to match), not as subjects. */
function isTableLevel(type: string): boolean {
  return type.startsWith("expect_table_");
}

/**
 * The columns an expectation checks, in kwargs order.
 *
 * @example
 * ```ts
 * columnsOf("expect_column_pair_values_a_to_be_greater_than_b", { column_A: "a", column_B: "b" });
 * // ["a", "b"]
 * ```
 */
export function columnsOf(type: string, kwargs: object): string[] {
  if (isTableLevel(type)) return [];
  const out: string[] = [];
  for (const [key, value] of kwargEntries(kwargs)) {
    if ((key === "column" || key === "column_A" || key === "column_B") && value != null) {
      out.push(valueText(value));
    } else if (key === "column_list" && Array.isArray(value)) {
      out.push(...value.map(valueText));
    }
  }
  return out;
}

/** What a range bounds, from the type: "value", "length", "mean", "row count"... */
function rangeSubject(type: string): string {
  if (type === "expect_table_row_count_to_be_between") return "row count";
  const m = /^expect_column_(\w+?)_to_be_between$/.exec(type);
  const what = m?.[1];
  if (what === undefined || what === "values") return "value";
  if (what === "value_lengths") return "length";
  return what.replaceAll("_", " ");
}

function bound(value: unknown): Html {
  return typeof value === "number" ? html`<b>${formatNumber(value)}</b>` : formatValue(value);
}

/** `0 ≤ value ≤ 100`, `value > 3`, ... (strict bounds use < and >). */
function rangeView(type: string, kwargs: Readonly<Record<string, unknown>>): Html | undefined {
  const min = kwargs.min_value ?? null;
  const max = kwargs.max_value ?? null;
  if (min === null && max === null) return undefined;
  const lt = (strict: unknown) => (strict === true ? "<" : "≤");
  const subject = html`<span class="subj">${rangeSubject(type)}</span>`;
  if (min !== null && max !== null) {
    return html`${bound(min)} ${lt(kwargs.strict_min)} ${subject} ${lt(kwargs.strict_max)} ${bound(max)}`;
  }
  return min !== null
    ? html`${subject} ${kwargs.strict_min === true ? ">" : "≥"} ${bound(min)}`
    : html`${subject} ${lt(kwargs.strict_max)} ${bound(max)}`;
}

function param(name: string, value: Html): Html {
  return html`<span class="kw"><span class="k">${name}</span> ${value}</span>`;
}

function generic(key: string, value: unknown): Html {
  if (Array.isArray(value)) {
    return param(
      key,
      html`<span class="set">${listWithMore(value, LIMITS.setValues, (v) => formatValue(v))}</span>`,
    );
  }
  if (CODE.has(key) && typeof value === "string") {
    return param(key, html`<code class="v v-code">${value}</code>`);
  }
  return param(key, formatValue(value));
}

/**
 * The parameters of an expectation, as chips.
 *
 * @example
 * ```ts
 * kwargsView("expect_column_values_to_be_between", { column: "age", min_value: 0, mostly: 0.95 });
 * // <span class="kw">0 ≤ value</span> <span class="kw">mostly 95%</span>
 * ```
 */
export function kwargsView(type: string, kwargs: object): Html {
  const record: Readonly<Record<string, unknown>> = Object.fromEntries(kwargEntries(kwargs));
  const subjects = new Set(
    isTableLevel(type) ? [] : ["column", "column_A", "column_B", "column_list"],
  );
  const parts: Html[] = [];
  const range = rangeView(type, record);
  if (range !== undefined) parts.push(html`<span class="kw">${range}</span>`);
  for (const [key, value] of Object.entries(record)) {
    // A null kwarg means "the default"; listing it says nothing.
    if (HIDDEN.has(key) || RANGE.has(key) || subjects.has(key) || value == null) continue;
    if (key === "mostly" && typeof value === "number") {
      parts.push(param("mostly", html`<b>≥ ${formatNumber(value * 100)}%</b>`));
    } else {
      parts.push(generic(key, value));
    }
  }
  return parts.length === 0 ? html`<span class="muted">—</span>` : html`${parts}`;
}
