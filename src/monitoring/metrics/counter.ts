/** A counter: a count that only goes up (rows read, files written). */
import { IllegalArgumentError } from "../../errors.js";

/**
 * A monotonically increasing count. Obtain one from {@link MetricRegistry.counter}.
 *
 * @example
 * ```ts
 * const rows = registry.counter("pipeline.rows.read", "Rows read from the sources.");
 * rows.inc(1000);
 * ```
 */
export class Counter {
  #value = 0;

  /** The current count. */
  get value(): number {
    return this.#value;
  }

  /**
   * Adds `amount` (default 1).
   * @throws IllegalArgumentError for a negative or non-finite amount: a counter that went
   *   down would read as a reset to Prometheus' `rate()` and to Graphite's derivatives.
   */
  inc(amount = 1): void {
    if (!Number.isFinite(amount) || amount < 0) {
      throw new IllegalArgumentError(`A counter can only increase; got ${amount}.`, {
        hint: "Use a gauge for a value that goes down.",
        context: { amount },
      });
    }
    this.#value += amount;
  }
}
