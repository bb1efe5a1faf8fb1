/**
 * Logger names and their hierarchy: `org.apache.spark.sql` is a child of `org.apache.spark`,
 * and `%c{n}` shortens a name as log4j does.
 */
import { type ConfigLocation, loggingConfigError } from "./config-error.js";
import type { Dialect } from "./date-format.js";

/**
 * The name and its ancestors, nearest first, ending with the root (`""`).
 *
 * @example
 * ```ts
 * ancestry("a.b.c"); // ["a.b.c", "a.b", "a", ""]
 * ```
 */
export function ancestry(name: string): string[] {
  const chain: string[] = [];
  for (let n = name; n !== ""; n = n.includes(".") ? n.slice(0, n.lastIndexOf(".")) : "") {
    chain.push(n);
  }
  chain.push("");
  return chain;
}

// One element of a log4j 2 abbreviation pattern such as "1.1.~": keep N characters, keep the
// whole component ("*"), or replace it with the given text ("~").
function shortenComponent(component: string, element: string): string {
  if (element === "*") return component;
  return /^\d+$/.test(element) ? component.slice(0, Number(element)) : element;
}

/**
 * The `%c{option}` shortener: `{n}` keeps the last n components, `{-n}` drops the first n, and
 * log4j 2 patterns such as `{1.}` or `{1.1.~}` shorten every component but the last.
 *
 * @example
 * ```ts
 * abbreviator("1")("org.apache.spark.SparkContext");  // "SparkContext"
 * abbreviator("-1")("org.apache.spark.SparkContext"); // "apache.spark.SparkContext"
 * abbreviator("1.")("org.apache.spark.SparkContext"); // "o.a.s.SparkContext"
 * ```
 * @throws ConfigError `LOG_INVALID_PATTERN` for an option that is none of these.
 */
export function abbreviator(
  option: string | undefined,
  dialect: Dialect = "log4j2",
  where?: ConfigLocation,
): (name: string) => string {
  const opt = option?.trim() ?? "";
  // log4j 1 reads {0} as "no precision", log4j 2 as "the last component".
  if (opt === "" || (opt === "0" && dialect === "log4j1")) return (name) => name;
  if (/^-?\d+$/.test(opt)) {
    const n = opt === "0" ? 1 : Number(opt);
    return (name) => {
      const parts = name.split(".");
      if (n > 0) return parts.slice(-n).join(".");
      // Dropping as many components as there are (or more) leaves the name whole.
      return parts.length > -n ? parts.slice(-n).join(".") : name;
    };
  }
  if (!opt.includes(".")) {
    throw loggingConfigError(
      "LOG_INVALID_PATTERN",
      where,
      `invalid logger name precision "{${opt}}"`,
      "Use {n} for the last n components, {-n} to drop the first n, or an abbreviation such as {1.}.",
    );
  }
  const elements = opt.split(".");
  if (elements.at(-1) === "") elements.pop();
  return (name) => {
    const parts = name.split(".");
    return parts
      .map((part, i) =>
        i === parts.length - 1
          ? part
          : shortenComponent(part, elements[Math.min(i, elements.length - 1)] ?? ""),
      )
      .join(".");
  };
}
