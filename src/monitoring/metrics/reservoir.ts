/**
 * A bounded sample of a stream of values, for quantiles. Dropwizard's timers (which Spark's
 * sinks report) keep a sample of 1028 values rather than every value, so memory stays flat
 * however long a pipeline runs; this is its `UniformReservoir` (Vitter's algorithm R), with
 * quantiles interpolated as its `UniformSnapshot.getValue` does.
 */

/** Dropwizard's default reservoir size: a 99.9% confidence level with a 5% margin of error. */
export const DEFAULT_RESERVOIR_SIZE = 1028;

/** A uniform random sample of at most `size` values. */
export class UniformReservoir {
  readonly #values: number[] = [];
  #seen = 0;

  /** `random` returns a number in [0, 1); tests may pass a seeded one. */
  constructor(
    private readonly size: number = DEFAULT_RESERVOIR_SIZE,
    private readonly random: () => number = Math.random,
  ) {}

  /** Offers a value: kept outright while there is room, then with probability size/seen. */
  update(value: number): void {
    this.#seen++;
    if (this.#values.length < this.size) {
      this.#values.push(value);
      return;
    }
    const slot = Math.floor(this.random() * this.#seen);
    if (slot < this.size) this.#values[slot] = value;
  }

  /** The kept values, sorted ascending. */
  sorted(): number[] {
    return [...this.#values].sort((a, b) => a - b);
  }
}

/**
 * The `quantile` (0..1) of ascending `sorted` values, interpolating between the two nearest
 * ranks as Dropwizard does (position `q * (n + 1)`); 0 for no values.
 *
 * @example
 * ```ts
 * quantileOf([1, 2, 3, 4], 0.5); // 2.5
 * ```
 */
export function quantileOf(sorted: readonly number[], quantile: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const pos = quantile * (n + 1);
  const index = Math.floor(pos);
  if (index < 1) return sorted[0] ?? 0;
  if (index >= n) return sorted[n - 1] ?? 0;
  const lower = sorted[index - 1] ?? 0;
  const upper = sorted[index] ?? 0;
  return lower + (pos - index) * (upper - lower);
}
