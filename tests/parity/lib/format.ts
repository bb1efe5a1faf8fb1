/**
 * The parity case format (tests/parity/README.md): cases are data in
 * tests/parity/cases/*.json, datasets in tests/parity/data/*.json. Mirrors the reading in
 * scripts/parity/oracle.py; a change to one is a change to both.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const PARITY_DIR = join(import.meta.dirname, "..");
export const ROOT = join(PARITY_DIR, "..", "..");

type Ansi = boolean | "both";
type OptionValue = string | number | boolean;

interface CaseBase {
  readonly id: string;
  readonly ansi?: Ansi;
  readonly conf?: Readonly<Record<string, OptionValue>>;
  /** Allowed difference, in units in the last place, between doubles (transcendentals). */
  readonly ulps?: number;
}

export interface SelectCase extends CaseBase {
  readonly data: string;
  readonly where?: string;
  readonly select: readonly string[];
  /** Sorts the dataset before the select (may name dataset columns and `__i`). */
  readonly orderBy?: readonly string[];
}

export interface AggCase extends CaseBase {
  readonly data: string;
  readonly where?: string;
  readonly groupBy?: readonly string[];
  readonly agg: readonly string[];
  /** Sorts the aggregate's output: groupBy columns by name, aggregates as c0, c1, ... */
  readonly orderBy?: readonly string[];
}

export type FileContent = string | { readonly base64: string };

export interface ReadCase extends CaseBase {
  readonly files: Readonly<Record<string, FileContent>>;
  readonly format: string;
  readonly options?: Readonly<Record<string, OptionValue>>;
  readonly schema?: string;
  readonly path?: string;
}

export interface RoundtripCase extends CaseBase {
  readonly roundtrip: {
    readonly format: string;
    readonly data: string;
    readonly options?: Readonly<Record<string, OptionValue>>;
    readonly readOptions?: Readonly<Record<string, OptionValue>>;
    readonly readSchema?: string;
  };
}

export type ParityCase = SelectCase | AggCase | ReadCase | RoundtripCase;

export interface Dataset {
  readonly schema: string;
  readonly rows: readonly (readonly unknown[])[];
}

export function isSelect(c: ParityCase): c is SelectCase {
  return "select" in c;
}
export function isAgg(c: ParityCase): c is AggCase {
  return "agg" in c;
}
export function isRead(c: ParityCase): c is ReadCase {
  return "files" in c;
}

/** One run of a case: its result key and ANSI mode. */
export interface CaseRun {
  readonly key: string;
  readonly ansi: boolean;
  readonly case: ParityCase;
}

/** Expression cases run in both ANSI modes unless they say otherwise; reads run once. */
export function runsOf(c: ParityCase): CaseRun[] {
  const ansi = c.ansi ?? (isSelect(c) || isAgg(c) ? "both" : false);
  if (ansi === "both")
    return [
      { key: `${c.id}@ansi`, ansi: true, case: c },
      { key: `${c.id}@legacy`, ansi: false, case: c },
    ];
  return [{ key: c.id, ansi, case: c }];
}

export function caseFiles(): string[] {
  const dir = join(PARITY_DIR, "cases");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(dir, f));
}

export function dataFiles(): string[] {
  const dir = join(PARITY_DIR, "data");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(dir, f));
}

export function loadCases(): ParityCase[] {
  const cases = caseFiles().flatMap((f) => JSON.parse(readFileSync(f, "utf8")) as ParityCase[]);
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`parity case id ${c.id} appears twice`);
    seen.add(c.id);
  }
  return cases;
}

export function loadDataset(name: string): Dataset {
  return JSON.parse(readFileSync(join(PARITY_DIR, "data", `${name}.json`), "utf8")) as Dataset;
}
