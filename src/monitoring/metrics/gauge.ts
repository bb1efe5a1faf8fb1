/** A gauge: a value read at report time (table version, freshness delay). */

/**
 * A value that goes up and down: either set explicitly or read from a callback each time a
 * sink reports. Obtain one from {@link MetricRegistry.gauge}.
 *
 * @example
 * ```ts
 * registry.gauge("pipeline.table.version").set(42);
 * registry.gauge("process.heap.used").track(() => process.memoryUsage().heapUsed);
 * ```
 */
export class Gauge {
  #value = 0;
  #read: (() => number) | undefined;

  /** The current value; `NaN` if the callback throws, so one bad gauge cannot stop a report. */
  get value(): number {
    if (this.#read === undefined) return this.#value;
    try {
      return this.#read();
    } catch {
      return Number.NaN;
    }
  }

  /** Sets the value (and drops any callback). */
  set(value: number): void {
    this.#read = undefined;
    this.#value = value;
  }

  /** Reads the value from `read` at every report from now on. */
  track(read: () => number): void {
    this.#read = read;
  }
}
