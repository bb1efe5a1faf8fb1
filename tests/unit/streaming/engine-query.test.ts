/**
 * The handle of a stream its engine runs (Spark): state comes from the engine, a failure
 * the engine reports becomes the query's StreamingQueryException, listeners hear of it.
 * The engine here is a scripted stand-in; tests/spark/streaming.test.ts runs the real one.
 */
import { describe, expect, it } from "vitest";
import type { EngineStream, EngineStreamStatus } from "../../../src/engine/engine.js";
import { EngineError } from "../../../src/errors.js";
import { StreamingQueryException, StreamingQueryManager } from "../../../src/index.js";
import { EngineStreamingQuery } from "../../../src/streaming/engine-query.js";

const progress = (batchId: number, rows: number): string =>
  JSON.stringify({
    id: "q",
    runId: "r",
    name: "n",
    timestamp: `2026-12-07T00:00:0${batchId}.000Z`,
    batchId,
    batchDuration: 5,
    durationMs: {},
    sources: [{ description: "FileStreamSource[file:/in]", numInputRows: rows }],
    sink: { description: "DeltaSink[file:/out]", numOutputRows: -1 },
  });

class ScriptedStream implements EngineStream {
  readonly id = "q";
  readonly runId = "r";
  readonly name = "n";
  active = true;
  progress: string[] = [];
  failure: { message: string; errorClass?: string } | undefined;
  stops = 0;

  async status(): Promise<EngineStreamStatus> {
    return {
      message: this.active ? "Waiting for data to arrive" : "Stopped",
      isDataAvailable: false,
      isTriggerActive: false,
      isActive: this.active,
    };
  }
  async recentProgress(): Promise<string[]> {
    return this.progress;
  }
  async awaitTermination(): Promise<boolean> {
    if (this.failure !== undefined)
      throw new EngineError("spark", this.failure.message, { errorClass: "STREAM_FAILED" });
    return !this.active;
  }
  async processAllAvailable(): Promise<void> {}
  async stop(): Promise<void> {
    this.stops++;
    this.active = false;
  }
  async exception(): Promise<{ message: string; errorClass?: string } | undefined> {
    return this.failure;
  }
}

describe("EngineStreamingQuery", () => {
  it("shows the engine's progress after a drain, and leaves spark.streams when stopped", async () => {
    const stream = new ScriptedStream();
    const manager = new StreamingQueryManager();
    const events: string[] = [];
    manager.addListener({
      onQueryStarted: (e) => events.push(`started ${e.id}`),
      onQueryProgress: (e) => events.push(`progress ${e.progress.batchId}`),
      onQueryTerminated: (e) => events.push(`terminated ${e.exception}`),
    });
    const q = EngineStreamingQuery.start(stream, manager);
    expect(manager.active).toEqual([q]);
    stream.progress = [progress(0, 2), progress(1, 3)];
    await q.processAllAvailable();
    expect(q.recentProgress.map((p) => [p.batchId, p.numInputRows])).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(q.status).toEqual({
      message: "Waiting for data to arrive",
      isDataAvailable: false,
      isTriggerActive: false,
    });
    expect(await q.awaitTermination(10)).toBe(false);
    await q.stop();
    expect(stream.stops).toBe(1);
    expect(q.isActive).toBe(false);
    expect(manager.active).toEqual([]);
    expect(events).toEqual(["started q", "progress 0", "progress 1", "terminated null"]);
  });

  it("a failure the engine reports is thrown once, as the query's StreamingQueryException", async () => {
    const stream = new ScriptedStream();
    const q = EngineStreamingQuery.start(stream, new StreamingQueryManager());
    stream.active = false;
    stream.failure = {
      message:
        "[STREAM_FAILED] Query [id = q, runId = r] terminated with exception: [TASK_WRITE_FAILED] boom",
      errorClass: "STREAM_FAILED",
    };
    const error = await q.awaitTermination().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamingQueryException);
    expect((error as Error).message).toBe(
      "[STREAM_FAILED] Query [id = q, runId = r] terminated with exception: [TASK_WRITE_FAILED] boom",
    );
    expect(q.exception()).toBe(error);
    expect(q.isActive).toBe(false);
  });
});
