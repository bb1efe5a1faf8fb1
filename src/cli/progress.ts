/**
 * Progress of long work on stderr, never stdout. On a terminal a bar redrawn in place, as
 * Spark's console progress bar (`[Query 2:=====>      ] 41% ...`); when stderr is piped
 * (or in `--json` mode) a plain line every few seconds: the share done, bytes read and the
 * rate. Fed by the engine's progress
 * listener and, for `tributary run`, by the pipeline's stages.
 *
 * TRIBUTARY_PROGRESS_MS sets the plain lines' period in milliseconds (default 2000; 0 turns
 * progress off).
 */
import type { QueryProgress } from "../engine/engine.js";
import type { CliIO } from "./command.js";

export interface ProgressReporter {
  /** The engine's listener. */
  readonly query: (progress: QueryProgress) => void;
  /** A pipeline stage started or ended (`ms`: how long it took). */
  readonly stage: (name: string, event: "start" | "end", ms?: number) => void;
  /** Clears the bar (or stops the timer); call once, when the command's work ends. */
  readonly done: () => void;
}

export interface ProgressOptions {
  /** Draw a bar in place (stderr is a terminal and no JSON is printed). */
  readonly bar: boolean;
  /** Bytes of input, when known: shown as the share read so far. */
  readonly inputBytes?: number | undefined;
  readonly everyMs?: number;
  readonly now?: () => number;
}

const BAR_WIDTH = 30;
const FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

/** 5930000 -> "5.93M". */
function compact(n: number): string {
  const units: [number, string][] = [
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [size, unit] of units) if (n >= size) return `${(n / size).toPrecision(3)}${unit}`;
  return String(Math.round(n));
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

export function periodFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.TRIBUTARY_PROGRESS_MS;
  const n = text === undefined || !/^[0-9]+$/.test(text) ? 2000 : Number(text);
  return n;
}

/** A reporter; `undefined` when progress is turned off (TRIBUTARY_PROGRESS_MS=0). */
export function progressReporter(
  io: CliIO,
  options: ProgressOptions,
): ProgressReporter | undefined {
  const everyMs = options.everyMs ?? periodFromEnv();
  if (everyMs === 0) return undefined;
  const now = options.now ?? Date.now;
  let queries = 0;
  let queryStart = 0;
  let last: QueryProgress | undefined;
  let lastReport = 0;
  let lastLine = 0;
  let stage: { name: string; start: number } | undefined;
  let drawn = false;
  let timer: NodeJS.Timeout | undefined;

  /**
   * With the input's size known, bytes and MB/s (DuckDB counts a CSV scan's "rows" in its
   * own units, not records); else DuckDB's row counts and rows/s.
   */
  const describe = (p: QueryProgress): string => {
    const seconds = Math.max((now() - queryStart) / 1000, 0.001);
    const pct = `${p.percentage.toFixed(1)}%`;
    const total = options.inputBytes;
    if (total !== undefined && total > 0) {
      const read = (total * p.percentage) / 100;
      return `${pct}, ${megabytes(read)} of ${megabytes(total)}, ${megabytes(read / seconds)}/s`;
    }
    return `${pct}, ${compact(p.rowsProcessed)}/${compact(p.totalRows)} rows, ${compact(p.rowsProcessed / seconds)} rows/s`;
  };

  const drawBar = (): void => {
    const head =
      stage === undefined
        ? ""
        : `${FRAMES[Math.floor(now() / 100) % FRAMES.length]} ${stage.name} ${((now() - stage.start) / 1000).toFixed(1)}s `;
    let bar = "";
    // A finished query's bar goes away (the engine reports only while one runs).
    if (last !== undefined && now() - lastReport > 1000) last = undefined;
    if (last === undefined && stage === undefined) {
      clearBar();
      return;
    }
    if (last !== undefined) {
      const filled = Math.min(BAR_WIDTH, Math.floor((last.percentage / 100) * BAR_WIDTH));
      const arrow = filled < BAR_WIDTH ? ">" : "";
      bar = `[Query ${queries}:${"=".repeat(filled)}${arrow}${" ".repeat(Math.max(0, BAR_WIDTH - filled - arrow.length))}] ${describe(last)}`;
    }
    io.stderr(`\r\x1b[2K${head}${bar}`);
    drawn = true;
  };

  const clearBar = (): void => {
    if (drawn) io.stderr("\r\x1b[2K");
    drawn = false;
  };

  const tick = (): void => {
    if (options.bar) {
      drawBar();
      return;
    }
    // Only while a query reports (the engine stops calling between queries).
    if (last === undefined || now() - lastLine < everyMs || now() - lastReport > 1000) return;
    lastLine = now();
    io.stderr(
      `progress: query ${queries}: ${describe(last)}, ${((now() - queryStart) / 1000).toFixed(1)}s\n`,
    );
  };

  const ensureTimer = (): void => {
    if (timer !== undefined) return;
    timer = setInterval(tick, options.bar ? 100 : Math.min(everyMs, 500));
    timer.unref();
  };

  return {
    query: (p) => {
      // A new query when progress goes back (or on the first report).
      if (
        last === undefined ||
        p.rowsProcessed < last.rowsProcessed ||
        p.percentage < last.percentage
      ) {
        queries++;
        queryStart = now();
        lastLine = now();
      }
      last = p;
      lastReport = now();
      ensureTimer();
      // A short query may end before the next tick: show each report as it comes.
      if (options.bar) drawBar();
    },
    stage: (name, event, ms) => {
      if (!options.bar) return;
      if (event === "start") {
        stage = { name, start: now() };
        last = undefined;
        ensureTimer();
        drawBar();
      } else {
        clearBar();
        stage = undefined;
        last = undefined;
        io.stderr(`✔ ${name} ${((ms ?? 0) / 1000).toFixed(2)}s\n`);
      }
    },
    done: () => {
      clearInterval(timer);
      timer = undefined;
      if (options.bar) clearBar();
    },
  };
}
