/** A run's summary: returned by `pipeline.run()`, printed by `tributary run`, appended to `_runs`. */
import type { SparkSession } from "../session/session.js";

export interface RunOptions {
  /** The session to run on (default: `SparkSession.builder().appName(name).getOrCreate()`). */
  readonly spark?: SparkSession;
  /** Plan, analyse and validate without writing anything (`tributary run --dry-run`). */
  readonly dryRun?: boolean;
  /** Keep running, ingesting new data every `trigger` interval, until `signal` aborts (`tributary run --continuous`). */
  readonly continuous?: boolean;
  /** Stops a continuous run after the batch in flight. */
  readonly signal?: AbortSignal;
  /** Called as each stage starts and ends (`tributary run` draws its progress from it). */
  readonly onStage?: (
    stage: "read" | "transform" | "quality" | "write",
    event: "start" | "end",
    ms?: number,
  ) => void;
}

export type RunStatus = "succeeded" | "failed" | "dry_run";

export interface QualityOutcome {
  readonly success: boolean;
  /**
   * What the failures led to: `fail` (nothing written), `quarantine` (failing rows set aside),
   * `warn` (the run went on). When every expectation passed, the strictest configured action.
   */
  readonly action: "fail" | "warn" | "quarantine";
  readonly evaluated: number;
  readonly failed: number;
  /** Failed expectation types, for the log and the run row. */
  readonly failedExpectations: readonly string[];
  /** One line per failed expectation: type, column and why (error, observed values, history). */
  readonly failures: readonly string[];
  /** Where failing rows were quarantined (absent when nothing was written). */
  readonly quarantinePath?: string;
}

export interface PipelineSummary {
  readonly pipeline: string;
  readonly runId: string;
  readonly status: RunStatus;
  readonly engine: string;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly durationMs: number;
  readonly rows: {
    readonly in: number;
    readonly out: number;
    /** Malformed rows dropped by the reader (DROPMALFORMED): not written. */
    readonly rejected: number;
    /** Malformed rows kept with nulls (PERMISSIVE, Spark's default): written, counted in `out`. */
    readonly malformed: number;
    readonly quarantined: number;
  };
  readonly table: { readonly path: string | undefined; readonly version: number | undefined };
  /** Milliseconds per stage: read (planning and analysis), transform, quality, write. */
  readonly stages: Readonly<Record<"read" | "transform" | "quality" | "write", number>>;
  readonly quality: QualityOutcome | undefined;
  readonly error: { readonly code: string; readonly message: string } | undefined;
  /** The run log table this run was appended to. */
  readonly runsPath: string | undefined;
  /** For a streaming source: the query id, the batches this run processed, and what still waits. */
  readonly stream?: {
    readonly queryId: string;
    readonly batches: number;
    readonly files: number;
    readonly backlogFiles: number;
  };
}

/** The summary as the plain lines `tributary run` prints. */
export function summaryLines(s: PipelineSummary): string[] {
  const stages = Object.entries(s.stages)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}s`)
    .join(", ");
  const lines = [
    `pipeline ${s.pipeline} run ${s.runId}: ${s.status} in ${(s.durationMs / 1000).toFixed(2)}s on ${s.engine}`,
    `  rows: in ${s.rows.in}, out ${s.rows.out}, rejected ${s.rows.rejected}, quarantined ${s.rows.quarantined}` +
      (s.rows.malformed > 0 ? `; ${s.rows.malformed} malformed kept with nulls (PERMISSIVE)` : ""),
    `  table: ${s.table.path ?? "-"}${s.table.version === undefined ? "" : ` (version ${s.table.version})`}`,
    `  stages: ${stages}`,
  ];
  if (s.stream !== undefined)
    lines.push(
      `  stream: ${s.stream.batches} batch(es), ${s.stream.files} file(s) ingested, ${s.stream.backlogFiles} waiting (query ${s.stream.queryId})`,
    );
  if (s.quality !== undefined) lines.push(...qualityLines(s.quality));
  if (s.error !== undefined) lines.push(`  error [${s.error.code}]: ${s.error.message}`);
  if (s.runsPath !== undefined) lines.push(`  run log: ${s.runsPath}`);
  return lines;
}

const TAKEN: Readonly<Record<QualityOutcome["action"], string>> = {
  fail: "action fail: nothing was written",
  quarantine: "action quarantine: failing rows were set aside",
  warn: "action warn: the run went on",
};

function qualityLines(q: QualityOutcome): string[] {
  if (q.success) return [`  quality: passed (${q.evaluated}/${q.evaluated} expectations)`];
  return [
    `  quality: ${q.failed} of ${q.evaluated} expectations failed (${TAKEN[q.action]})`,
    ...q.failures.map((f) => `    - ${f}`),
  ];
}
