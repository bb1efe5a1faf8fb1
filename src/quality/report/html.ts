/**
 * Escaping by construction: markup is built with the `html` tag, which escapes every
 * interpolated value unless it is already {@link Html}. So a value from the data can only
 * reach the page as text, and forgetting to escape one is not possible to write.
 */

/** Markup that is already safe to insert (built by `html` or `raw`). */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What may be interpolated: text (escaped), numbers, markup, lists of these, or nothing. */
export type HtmlValue = Html | string | number | readonly HtmlValue[] | null | undefined | false;

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text as HTML text or attribute value (both quote kinds escaped, so attributes are safe
 * whichever quote surrounds them).
 *
 * @example
 * ```ts
 * escapeHtml(`<b title="x">&</b>`); // "&lt;b title=&quot;x&quot;&gt;&amp;&lt;/b&gt;"
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Html) return value.text;
  if (typeof value === "number") return escapeHtml(String(value));
  if (typeof value === "string") return escapeHtml(value);
  return value.map(render).join("");
}

/**
 * Markup from a template; interpolations are escaped unless they are `Html`.
 *
 * @example
 * ```ts
 * html`<td>${"<script>"}</td>`.text; // "<td>&lt;script&gt;</td>"
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** Trusted markup written in this folder (the style sheet); never data. */
export function raw(text: string): Html {
  return new Html(text);
}
