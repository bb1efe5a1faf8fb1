/**
 * Progress reports in Spark's `StreamingQueryProgress` JSON shape (what PySpark's
 * `lastProgress` prints), so dashboards and alerts written for Spark read them unchanged.
 * Rates are omitted when undefined, as Spark omits NaN.
 */
import type { Offset } from "./checkpoint/checkpoint.js";

export interface SourceProgress {
  readonly description: string;
  readonly startOffset: Offset | null;
  readonly endOffset: Offset | null;
  readonly latestOffset: Offset | null;
  readonly numInputRows: number;
  readonly inputRowsPerSecond?: number;
  readonly processedRowsPerSecond?: number;
  /**
   * After a batch: `numFilesOutstanding` / `numBytesOutstanding` (data waiting, as delta-spark
   * names them), `numInputFiles`, and `oldestOutstandingFileTimestampMs` when files wait.
   */
  readonly metrics?: Readonly<Record<string, string>>;
}

export interface StreamingQueryProgress {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly timestamp: string;
  readonly batchId: number;
  readonly batchDuration: number;
  readonly numInputRows: number;
  readonly inputRowsPerSecond?: number;
  readonly processedRowsPerSecond?: number;
  readonly durationMs: Readonly<Record<string, number>>;
  readonly stateOperators: readonly never[];
  readonly sources: readonly SourceProgress[];
  readonly sink: { readonly description: string; readonly numOutputRows: number };
}

/** Spark's `StreamingQueryStatus`. */
export interface StreamingQueryStatus {
  readonly message: string;
  readonly isDataAvailable: boolean;
  readonly isTriggerActive: boolean;
}

/** rows / seconds, or undefined when no time passed (Spark's NaN, left out of the JSON). */
export function rate(rows: number, ms: number | undefined): number | undefined {
  return ms === undefined || ms <= 0 ? undefined : rows / (ms / 1000);
}

/** Spark's StreamingQueryListener: called as queries start, report progress and end. */
export interface StreamingQueryListener {
  onQueryStarted?(event: {
    readonly id: string;
    readonly runId: string;
    readonly name: string | null;
  }): void;
  onQueryProgress?(event: { readonly progress: StreamingQueryProgress }): void;
  onQueryTerminated?(event: {
    readonly id: string;
    readonly runId: string;
    readonly exception: string | null;
  }): void;
}

type Json = Readonly<Record<string, unknown>>;

function record(v: unknown): Json {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {};
}

function num(v: unknown, fallback = 0): number {
  return typeof v === "number" ? v : fallback;
}

/** The rates Spark sent (it leaves NaN out, so a rate may be absent). */
function rates(j: Json): { inputRowsPerSecond?: number; processedRowsPerSecond?: number } {
  const { inputRowsPerSecond: input, processedRowsPerSecond: processed } = j;
  return {
    ...(typeof input === "number" ? { inputRowsPerSecond: input } : {}),
    ...(typeof processed === "number" ? { processedRowsPerSecond: processed } : {}),
  };
}

/** An offset as an object; Spark Connect sends each as JSON text inside the JSON. */
function offset(v: unknown): Offset | null {
  const parsed: unknown = typeof v === "string" ? JSON.parse(v) : v;
  return typeof parsed === "object" && parsed !== null ? (parsed as Offset) : null;
}

function sourceProgress(v: unknown): SourceProgress {
  const j = record(v);
  const metrics = Object.fromEntries(
    Object.entries(record(j.metrics)).map(([k, m]) => [k, String(m)]),
  );
  return {
    description: String(j.description ?? ""),
    startOffset: offset(j.startOffset),
    endOffset: offset(j.endOffset),
    latestOffset: offset(j.latestOffset),
    numInputRows: num(j.numInputRows),
    ...rates(j),
    ...(Object.keys(metrics).length === 0 ? {} : { metrics }),
  };
}

/**
 * A progress report as Spark's JSON text (what Spark Connect returns) in the shape the
 * embedded engine reports, so code reading `lastProgress` works on both engines.
 */
export function parseProgressJson(text: string): StreamingQueryProgress {
  const j = record(JSON.parse(text));
  const sink = record(j.sink);
  const sources = Array.isArray(j.sources) ? j.sources.map(sourceProgress) : [];
  // Spark Connect leaves the query's row counts and rates out: they are the sums over its
  // sources (as PySpark's StreamingQueryProgress computes them).
  const sum = (pick: (s: SourceProgress) => number | undefined): number | undefined =>
    sources.reduce<number | undefined>((acc, s) => {
      const v = pick(s);
      return v === undefined ? acc : (acc ?? 0) + v;
    }, undefined);
  const input =
    typeof j.inputRowsPerSecond === "number"
      ? j.inputRowsPerSecond
      : sum((s) => s.inputRowsPerSecond);
  const processed =
    typeof j.processedRowsPerSecond === "number"
      ? j.processedRowsPerSecond
      : sum((s) => s.processedRowsPerSecond);
  const durationMs = Object.fromEntries(
    Object.entries(record(j.durationMs)).map(([k, v]) => [k, num(v)]),
  );
  return {
    id: String(j.id ?? ""),
    runId: String(j.runId ?? ""),
    name: typeof j.name === "string" ? j.name : null,
    timestamp: String(j.timestamp ?? ""),
    batchId: num(j.batchId),
    batchDuration: num(j.batchDuration),
    numInputRows: num(j.numInputRows, sum((s) => s.numInputRows) ?? 0),
    ...(input === undefined ? {} : { inputRowsPerSecond: input }),
    ...(processed === undefined ? {} : { processedRowsPerSecond: processed }),
    durationMs,
    stateOperators: [],
    sources,
    sink: {
      description: String(sink.description ?? ""),
      numOutputRows: num(sink.numOutputRows, -1),
    },
  };
}
