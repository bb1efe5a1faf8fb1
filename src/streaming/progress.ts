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
