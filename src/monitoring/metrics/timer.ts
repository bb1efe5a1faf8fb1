/** A timer: how long something took, as a distribution (stage durations). */
import { IllegalArgumentError } from "../../errors.js";
import { quantileOf, UniformReservoir } from "./reservoir.js";
import { TIMER_QUANTILES, type TimerStats } from "./snapshot.js";

/** A running measurement from {@link Timer.start}. */
export interface TimerContext {
  /** Records the time since `start()` (once; later calls change nothing) and returns it in ms. */
  stop(): number;
}

/**
 * Durations in milliseconds: count, sum, min, max, mean and standard deviation over every
 * value, quantiles over a bounded sample (see {@link UniformReservoir}). Obtain one from
 * {@link MetricRegistry.timer}.
 *
 * @example
 * ```ts
 * const read = registry.timer("pipeline.stage.duration", undefined, { stage: "read" });
 * const df = await read.time(() => spark.read.parquet("in").collect());
 * const ctx = read.start(); await work(); ctx.stop();
 * ```
 */
export class Timer {
  readonly #reservoir: UniformReservoir;
  #count = 0;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;
  // Welford's running mean and squared deviations: exact and stable over long runs.
  #mean = 0;
  #m2 = 0;

  constructor(reservoir: UniformReservoir = new UniformReservoir()) {
    this.#reservoir = reservoir;
  }

  /**
   * Records one duration in milliseconds.
   * @throws IllegalArgumentError for a negative or non-finite duration.
   */
  update(millis: number): void {
    if (!Number.isFinite(millis) || millis < 0) {
      throw new IllegalArgumentError(`A timer records durations >= 0 ms; got ${millis}.`, {
        context: { millis },
      });
    }
    this.#count++;
    this.#sum += millis;
    this.#min = Math.min(this.#min, millis);
    this.#max = Math.max(this.#max, millis);
    const delta = millis - this.#mean;
    this.#mean += delta / this.#count;
    this.#m2 += delta * (millis - this.#mean);
    this.#reservoir.update(millis);
  }

  /** Starts a measurement; call `stop()` on the result when the work is done. */
  start(): TimerContext {
    const began = performance.now();
    let stopped: number | undefined;
    return {
      stop: () => {
        if (stopped === undefined) {
          stopped = performance.now() - began;
          this.update(stopped);
        }
        return stopped;
      },
    };
  }

  /**
   * Runs `fn` and records how long it took, also when it throws or rejects. A promise is
   * timed until it settles.
   */
  time<T>(fn: () => T): T {
    const ctx = this.start();
    let result: T;
    try {
      result = fn();
    } catch (e) {
      ctx.stop();
      throw e;
    }
    if (result instanceof Promise) {
      // The cast keeps T: a promise that settles later is still the caller's T.
      return result.finally(() => ctx.stop()) as T;
    }
    ctx.stop();
    return result;
  }

  /** The statistics now; all zero before the first value, as Dropwizard reports them. */
  stats(): TimerStats {
    const sorted = this.#reservoir.sorted();
    const empty = this.#count === 0;
    const quantiles = Object.fromEntries(
      TIMER_QUANTILES.map(([key, q]) => [key, quantileOf(sorted, q)]),
    ) as Record<(typeof TIMER_QUANTILES)[number][0], number>;
    return {
      count: this.#count,
      sum: this.#sum,
      min: empty ? 0 : this.#min,
      max: empty ? 0 : this.#max,
      mean: this.#mean,
      // The sample standard deviation (n - 1), as Dropwizard's snapshots compute it.
      stddev: this.#count > 1 ? Math.sqrt(this.#m2 / (this.#count - 1)) : 0,
      ...quantiles,
    };
  }
}
