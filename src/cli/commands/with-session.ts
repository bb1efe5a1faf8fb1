/**
 * A session for one CLI command: the running one when a caller (a pipeline, a test) already
 * has one, else a new local session stopped when the command ends. With `progress`, the
 * engine's query progress is shown on stderr while the command runs.
 */
import type { Engine } from "../../engine/engine.js";
import { SparkSession } from "../../session/session.js";
import type { CliIO } from "../command.js";
import { type ProgressOptions, type ProgressReporter, progressReporter } from "../progress.js";

export interface SessionProgress {
  readonly io: CliIO;
  /** JSON output: plain progress lines, never a bar. */
  readonly json: boolean;
  readonly inputBytes?: number | undefined;
}

/** Reports `engine`'s progress to `reporter`; resolves to a function that stops it. */
export async function followProgress(
  engine: Engine,
  reporter: ProgressReporter,
): Promise<() => Promise<void>> {
  if (engine.setProgressListener === undefined) return async () => {};
  await engine.setProgressListener(reporter.query);
  return async () => {
    reporter.done();
    await engine.setProgressListener?.(undefined);
  };
}

/** The bar on a terminal (stderr), plain lines otherwise. */
export function reporterFor(progress: SessionProgress): ProgressReporter | undefined {
  const options: ProgressOptions = {
    bar: (progress.io.stderrTTY ?? progress.io.isTTY) && !progress.json,
    inputBytes: progress.inputBytes,
  };
  return progressReporter(progress.io, options);
}

export async function withSession<T>(
  appName: string,
  body: (spark: SparkSession) => Promise<T>,
  progress?: SessionProgress,
): Promise<T> {
  const existing = SparkSession.getActiveSession();
  const spark = existing ?? (await SparkSession.builder().appName(appName).getOrCreate());
  const reporter = progress === undefined ? undefined : reporterFor(progress);
  let stop = async (): Promise<void> => {};
  try {
    if (reporter !== undefined) stop = await followProgress(spark.engine, reporter);
    return await body(spark);
  } finally {
    await stop();
    if (existing === undefined) await spark.stop();
  }
}
