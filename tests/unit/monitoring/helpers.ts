/** Shared helpers: catch a typed error to inspect it; a fixed-time snapshot to render. */
import { TributaryError } from "../../../src/errors.js";
import { MetricRegistry } from "../../../src/monitoring/metrics/registry.js";

/** The TributaryError `fn` throws; fails the test if it throws something else or nothing. */
export function thrown(fn: () => unknown): TributaryError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TributaryError) return e;
    throw e;
  }
  throw new Error("expected a TributaryError, but nothing was thrown");
}

/** 2026-01-01T00:00:00Z, in ms: Graphite lines carry it as 1767225600. */
export const T0 = Date.UTC(2026, 0, 1);

/** A registry with one metric of each kind and known values. */
export function sampleRegistry(): MetricRegistry {
  const registry = new MetricRegistry({ app: "flights" });
  registry.counter("pipeline.rows.read", "Rows read from the sources.").inc(1000);
  registry.gauge("pipeline.table.version", "Table version.", { pipeline: "flights" }).set(7);
  const timer = registry.timer("pipeline.stage.duration", "Stage duration.", { stage: "read" });
  for (const ms of [10, 20, 30, 40]) timer.update(ms);
  return registry;
}
