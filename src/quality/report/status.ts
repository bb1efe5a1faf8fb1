/**
 * The status of an expectation and of the run, and their chips. An expectation that could
 * not be computed is an "error" (amber), apart from one that ran and failed (red): the first
 * asks to fix the check or the engine, the second to fix the data.
 */
import { type Html, html } from "./html.js";
import type { ExpectationResultLike } from "./types.js";

/** How an expectation ended. */
export type ExpectationStatus = "pass" | "fail" | "error";

/**
 * The status of one result.
 *
 * @example
 * ```ts
 * statusOf({ success: false, exception_info: { raised_exception: true, ... }, ... }); // "error"
 * ```
 */
export function statusOf(result: ExpectationResultLike): ExpectationStatus {
  if (result.exception_info?.raised_exception === true) return "error";
  return result.success ? "pass" : "fail";
}

const LABEL: Readonly<Record<ExpectationStatus, string>> = {
  pass: "Passed",
  fail: "Failed",
  error: "Error",
};

/** A small colored chip with an icon, so status does not rest on color alone. */
export function statusChip(status: ExpectationStatus): Html {
  const icon = status === "pass" ? "✓" : status === "fail" ? "✕" : "!";
  return html`<span class="chip chip-${status}"><span class="chip-icon" aria-hidden="true">${icon}</span>${LABEL[status]}</span>`;
}
