/**
 * One parity run's verdicts against the differences table, and the report printed when
 * the suite fails: per case id, expression and expected vs actual, then a summary line.
 */
import { compare } from "./compare.js";
import { type Difference, type EngineName, matches } from "./differences.js";
import { type CaseRun, isAgg, isRead, isSelect, type ParityCase, runsOf } from "./format.js";
import type { OracleResult } from "./oracle.js";

export interface Disagreement {
  readonly key: string;
  readonly what: string;
  readonly reason: string;
  readonly rowCountDiffers: boolean;
  readonly read: boolean;
  readonly listed?: Difference;
}

export interface Summary {
  readonly engine: EngineName;
  readonly total: number;
  readonly agreed: number;
  readonly disagreements: readonly Disagreement[];
  readonly unlisted: readonly Disagreement[];
  readonly stale: readonly Difference[];
  readonly rowCountDiffs: number;
  readonly readRowCountDiffs: number;
  readonly missingOracle: readonly string[];
  readonly byArea: ReadonlyMap<string, { total: number; agreed: number }>;
}

function describe(c: ParityCase): string {
  if (isSelect(c))
    return `select ${c.select.join(", ")}${c.orderBy ? ` order by ${c.orderBy.join(", ")}` : ""}`;
  if (isAgg(c))
    return `agg ${c.agg.join(", ")}${c.groupBy ? ` group by ${c.groupBy.join(", ")}` : ""}`;
  if (isRead(c))
    return `read ${c.format} ${JSON.stringify(c.options ?? {})} files ${Object.keys(c.files).join(", ")}`;
  return `roundtrip ${JSON.stringify(c.roundtrip)}`;
}

export function summarize(
  engine: EngineName,
  cases: readonly ParityCase[],
  expected: Readonly<Record<string, OracleResult>>,
  actual: ReadonlyMap<string, OracleResult>,
  differences: readonly Difference[],
): Summary {
  const table = differences.filter((d) => d.engines.includes(engine));
  const runs: CaseRun[] = cases.flatMap(runsOf);
  const disagreements: Disagreement[] = [];
  const missingOracle: string[] = [];
  const byArea = new Map<string, { total: number; agreed: number }>();
  let agreed = 0;
  for (const run of runs) {
    const area = run.key.split(".")[0] ?? run.key;
    const tally = byArea.get(area) ?? { total: 0, agreed: 0 };
    byArea.set(area, tally);
    tally.total += 1;
    const want = expected[run.key];
    if (want === undefined) {
      missingOracle.push(run.key);
      continue;
    }
    const got = actual.get(run.key) ?? { error: { class: "NOT_RUN", message: "no result" } };
    const v = compare(want, got, {
      ulps: run.case.ulps ?? defaultUlps(run.case),
      compareNames: isRead(run.case) || "roundtrip" in run.case,
    });
    if (v.kind === "agree") {
      agreed += 1;
      tally.agreed += 1;
      continue;
    }
    disagreements.push({
      key: run.key,
      what: describe(run.case),
      reason: v.reason,
      rowCountDiffers: v.rowCountDiffers,
      read: isRead(run.case),
      listed: table.find((d) => matches(d.pattern, run.key)),
    });
  }
  return {
    engine,
    total: runs.length,
    agreed,
    disagreements,
    unlisted: disagreements.filter((d) => d.listed === undefined),
    stale: table.filter((d) => !disagreements.some((x) => matches(d.pattern, x.key))),
    rowCountDiffs: disagreements.filter((d) => d.rowCountDiffers).length,
    readRowCountDiffs: disagreements.filter((d) => d.rowCountDiffers && d.read).length,
    missingOracle,
    byArea,
  };
}

/**
 * Floating-point aggregates (and aggregates over windows) sum in an order that depends on
 * the engine and, in Spark itself, on the partitioning: their doubles may differ in the last
 * digits. Everything else is compared exactly unless the case sets `ulps`.
 */
const AGGREGATE_ULPS = 64;
function defaultUlps(c: ParityCase): number {
  if (isAgg(c)) return AGGREGATE_ULPS;
  if (isSelect(c) && c.select.some((e) => /\bOVER\b/i.test(e))) return AGGREGATE_ULPS;
  return 0;
}

export function summaryLine(s: Summary): string {
  const listed = s.disagreements.length - s.unlisted.length;
  const pct = ((100 * s.agreed) / Math.max(1, s.total)).toFixed(2);
  return `parity (${s.engine}): ${s.total} cases, ${s.agreed} agreed (${pct}%), ${listed} listed, ${s.unlisted.length} unlisted, ${s.stale.length} stale entries, ${s.rowCountDiffs} with lost or invented rows`;
}

export function areaLines(s: Summary): string[] {
  return [...s.byArea.entries()].map(
    ([area, t]) =>
      `  ${area}: ${t.agreed}/${t.total} (${((100 * t.agreed) / t.total).toFixed(1)}%)`,
  );
}

export function report(s: Summary, limit = 60): string {
  const lines = [summaryLine(s), ...areaLines(s)];
  if (s.unlisted.length > 0) {
    lines.push(
      "",
      `Disagreements not in docs/functions.md "Differences from Spark" (${s.unlisted.length}):`,
    );
    for (const d of s.unlisted.slice(0, limit))
      lines.push(`- ${d.key}\n    ${d.what}\n    ${d.reason}`);
    if (s.unlisted.length > limit) lines.push(`  ... and ${s.unlisted.length - limit} more`);
  }
  if (s.stale.length > 0) {
    lines.push("", "Stale entries (no case disagrees any more; remove them):");
    for (const d of s.stale) lines.push(`- ${d.pattern}: ${d.reason}`);
  }
  if (s.missingOracle.length > 0)
    lines.push("", `No oracle result for: ${s.missingOracle.slice(0, 20).join(", ")}`);
  return lines.join("\n");
}
