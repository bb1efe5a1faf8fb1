/** Shared by the benchmarks: the median of repeated runs, and a child's last JSON line. */

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** The last line a measured child process printed, parsed (each prints its figures last). */
export function lastJson<T = Record<string, number>>(text: string): T {
  return JSON.parse(text.trim().split("\n").pop() ?? "{}") as T;
}
