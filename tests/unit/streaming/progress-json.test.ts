/**
 * Progress from Spark Connect: the JSON text a Spark 4.0.1 server returned for a file
 * source -> Delta batch (captured from a real run), read into the embedded engine's shape.
 */
import { describe, expect, it } from "vitest";
import { parseProgressJson } from "../../../src/streaming/progress.js";

const FROM_SPARK = JSON.stringify({
  id: "58ba8ba3-4056-409e-ab31-71067d3b72b5",
  runId: "efc50bdd-959c-4c3a-b438-e86f2b3b7140",
  name: null,
  timestamp: "2026-12-07T17:24:10.148Z",
  batchId: 1,
  batchDuration: 7813,
  durationMs: { triggerExecution: 7813, addBatch: 7176, walCommit: 145 },
  eventTime: {},
  stateOperators: [],
  sources: [
    {
      description: "FileStreamSource[file:/tmp/in]",
      startOffset: '{"logOffset":0}',
      endOffset: '{"logOffset":1}',
      latestOffset: null,
      numInputRows: 1,
      inputRowsPerSecond: 0.25,
      processedRowsPerSecond: 0.125,
      metrics: {},
    },
  ],
  sink: { description: "DeltaSink[file:/tmp/out]", numOutputRows: -1, metrics: {} },
  observedMetrics: {},
});

describe("parseProgressJson", () => {
  it("reads Spark Connect's progress: offsets from JSON text, query totals from the sources", () => {
    expect(parseProgressJson(FROM_SPARK)).toEqual({
      id: "58ba8ba3-4056-409e-ab31-71067d3b72b5",
      runId: "efc50bdd-959c-4c3a-b438-e86f2b3b7140",
      name: null,
      timestamp: "2026-12-07T17:24:10.148Z",
      batchId: 1,
      batchDuration: 7813,
      numInputRows: 1,
      inputRowsPerSecond: 0.25,
      processedRowsPerSecond: 0.125,
      durationMs: { triggerExecution: 7813, addBatch: 7176, walCommit: 145 },
      stateOperators: [],
      sources: [
        {
          description: "FileStreamSource[file:/tmp/in]",
          startOffset: { logOffset: 0 },
          endOffset: { logOffset: 1 },
          latestOffset: null,
          numInputRows: 1,
          inputRowsPerSecond: 0.25,
          processedRowsPerSecond: 0.125,
        },
      ],
      sink: { description: "DeltaSink[file:/tmp/out]", numOutputRows: -1 },
    });
  });

  it("keeps query-level totals when Spark sends them, and leaves out rates it left out (NaN)", () => {
    const p = parseProgressJson(
      JSON.stringify({ batchId: 0, numInputRows: 5, sources: [{ numInputRows: 5 }], sink: {} }),
    );
    expect(p.numInputRows).toBe(5);
    expect("inputRowsPerSecond" in p).toBe(false);
    expect(p.sources[0]?.startOffset).toBeNull();
  });
});
