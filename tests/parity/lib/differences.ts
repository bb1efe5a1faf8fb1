/**
 * The "Differences from Spark" table of docs/functions.md: every known disagreement, by
 * case id or id prefix, with its reason. The suite fails on a disagreement the table does
 * not list and on an entry that no longer matches any disagreement (a stale entry).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./format.js";

export type EngineName = "duckdb" | "spark";

export interface Difference {
  /** A case id, an id prefix ending at a "." or "@", or a prefix ending in "*". */
  readonly pattern: string;
  readonly engines: readonly EngineName[];
  readonly reason: string;
}

export const DOC = join(ROOT, "docs", "functions.md");
const HEADING = "## Differences from Spark";

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim().replace(/^`(.*)`$/, "$1"));
}

export function parseDifferences(markdown: string = readFileSync(DOC, "utf8")): Difference[] {
  const start = markdown.indexOf(HEADING);
  if (start < 0) throw new Error(`${DOC} has no "${HEADING}" section`);
  const rows: Difference[] = [];
  for (const line of markdown.slice(start + HEADING.length).split("\n")) {
    if (line.startsWith("#")) break;
    if (!line.trim().startsWith("|")) continue;
    const [pattern = "", engine = "", reason = ""] = cells(line);
    if (pattern === "case" || /^-+$/.test(pattern)) continue;
    const engines: EngineName[] =
      engine === "both" ? ["duckdb", "spark"] : engine === "spark" ? ["spark"] : ["duckdb"];
    if (reason === "") throw new Error(`Differences entry ${pattern} has no reason`);
    rows.push({ pattern, engines, reason });
  }
  return rows;
}

export function matches(pattern: string, key: string): boolean {
  if (pattern.endsWith("*")) return key.startsWith(pattern.slice(0, -1));
  return key === pattern || key.startsWith(`${pattern}.`) || key.startsWith(`${pattern}@`);
}
