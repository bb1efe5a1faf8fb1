/**
 * Counts the records a scan produced during an action without a second scan: DuckDB's JSON
 * profile records each operator's output cardinality, so the action runs with profiling on
 * (a few percent of overhead) and the read's scan nodes are found in the profile by their
 * file names and projected columns. One profile per session and action: the first `after`
 * hook reads it before any other statement overwrites it, later hooks reuse it.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBSession } from "../connection.js";
import { quoteString } from "../sql-quote.js";

interface ProfileNode {
  readonly operator_name?: string;
  readonly operator_cardinality?: number;
  readonly extra_info?: Readonly<Record<string, unknown>>;
  readonly children?: readonly ProfileNode[];
}

interface SessionProfile {
  readonly file: string;
  armed: boolean;
  parsed: ProfileNode | undefined;
}

const sessions = new WeakMap<DuckDBSession, SessionProfile>();

const SETTINGS = JSON.stringify({
  OPERATOR_CARDINALITY: "true",
  EXTRA_INFO: "true",
  OPERATOR_NAME: "true",
});

/** What identifies a read's scans in a profile. */
export interface ScanIdentity {
  /** Operator name: `READ_CSV`, `READ_JSON`... */
  readonly operator: string;
  readonly files: readonly string[];
  /** Column names the reader declares (projections list a subset of them). */
  readonly columns: readonly string[];
}

function state(db: DuckDBSession, scratchDir: string): SessionProfile {
  let s = sessions.get(db);
  if (s === undefined) {
    s = { file: join(scratchDir, "last-action-profile.json"), armed: false, parsed: undefined };
    sessions.set(db, s);
  }
  return s;
}

/** Turns profiling on for the coming action (idempotent within one action). */
export async function armScanCount(db: DuckDBSession, scratchDir: string): Promise<void> {
  const s = state(db, scratchDir);
  s.parsed = undefined;
  if (s.armed) return;
  rmSync(s.file, { force: true });
  await db.execute("SET enable_profiling = 'json'");
  await db.execute(`SET profiling_output = ${quoteString(s.file)}`);
  await db.execute(`SET custom_profiling_settings = ${quoteString(SETTINGS)}`);
  s.armed = true;
}

/** Reads the last statement's profile (before any other statement replaces it). */
async function lastProfile(
  db: DuckDBSession,
  scratchDir: string,
): Promise<ProfileNode | undefined> {
  const s = state(db, scratchDir);
  if (s.parsed === undefined && s.armed) {
    try {
      s.parsed = JSON.parse(readFileSync(s.file, "utf8")) as ProfileNode;
    } catch {
      s.parsed = { children: [] };
    }
    s.armed = false;
    await db.execute("RESET enable_profiling");
  }
  return s.parsed;
}

function expectedNames(files: readonly string[], read: number): string {
  const shown = files.slice(0, Math.min(read, 5)).join(", ");
  return read > 5 ? `${shown}, ...` : shown;
}

function matches(node: ProfileNode, id: ScanIdentity): boolean {
  if (node.operator_name !== id.operator) return false;
  const info = node.extra_info ?? {};
  const names = String(info["Filename(s)"] ?? "");
  const read = Number(info["Total Files Read"] ?? Number.NaN);
  const sameFiles =
    names === expectedNames(id.files, read) ||
    (names !== "" && id.files.some((f) => names === f || names.startsWith(`${f}, `)));
  if (!sameFiles) return false;
  // One projected column prints as a string, several as an array.
  const raw = info.Projections;
  const projections = (Array.isArray(raw) ? raw.map(String) : String(raw ?? "").split("\n"))
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const declared = new Set(id.columns);
  return projections.every((p) => declared.has(p));
}

function sum(node: ProfileNode, id: ScanIdentity): number {
  let n = matches(node, id) ? (node.operator_cardinality ?? 0) : 0;
  for (const c of node.children ?? []) n += sum(c, id);
  return n;
}

/**
 * Records the read's scans produced in the last action, or undefined when no profile was
 * recorded (the action did not run with profiling armed).
 */
export async function scannedRows(
  db: DuckDBSession,
  scratchDir: string,
  id: ScanIdentity,
): Promise<number | undefined> {
  const profile = await lastProfile(db, scratchDir);
  return profile === undefined ? undefined : sum(profile, id);
}

/**
 * Runs a statement of a `before` hook with profiling and returns the rows the read's scans
 * produced; profiling is armed again for the action that follows.
 */
export async function countWhileRunning(
  db: DuckDBSession,
  scratchDir: string,
  id: ScanIdentity,
  run: () => Promise<void>,
): Promise<number> {
  await armScanCount(db, scratchDir);
  await run();
  const rows = (await scannedRows(db, scratchDir, id)) ?? 0;
  await armScanCount(db, scratchDir);
  return rows;
}
