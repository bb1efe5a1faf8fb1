/**
 * `tributary run <pipeline.ts>`: like spark-submit. Loads a TypeScript (or JavaScript)
 * module directly, with `--master`, `--conf k=v` and `--properties-file` applied to every
 * session it creates and logging configured from log4j(2).properties. A module that exports
 * a pipeline (`export default definePipeline(...)`) is run once and its summary printed:
 * exit 0 succeeded (or dry run), 1 a quality gate failed, 2 the run failed. A pipeline with
 * a streaming source ingests what is new and exits; `--continuous` keeps it running until
 * SIGINT / SIGTERM.
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { ErrorCode } from "../../errors.js";
import { configureLogging } from "../../logging/index.js";
import { isPipeline, type Pipeline } from "../../pipeline/definition.js";
import { PipelineError } from "../../pipeline/pipeline-error.js";
import { type PipelineSummary, summaryLines } from "../../pipeline/summary.js";
import { CliError } from "../cli-error.js";
import type { CliIO, CommandModule } from "../command.js";
import { toJsonText } from "../json.js";
import { applyLaunchOptions } from "../launch-options.js";
import { loadPipelineModule } from "../pipeline-loader.js";
import { followProgress, reporterFor } from "./with-session.js";

interface RunOptions {
  master?: string;
  conf: string[];
  propertiesFile?: string;
  dryRun?: boolean;
  continuous?: boolean;
  json?: boolean;
  logConfig?: string;
}

function isPipelineError(e: unknown): e is PipelineError {
  return (
    e instanceof PipelineError ||
    (e instanceof Error &&
      (e as { code?: unknown }).code !== undefined &&
      typeof (e as { summary?: unknown }).summary === "object")
  );
}

/** The pipeline a module exports (default, or `pipeline`), if any. */
function exportedPipeline(module: Record<string, unknown>): Pipeline | undefined {
  for (const v of [module.default, module.pipeline]) if (isPipeline(v)) return v;
  return undefined;
}

export const runCommand: CommandModule = {
  register(program: Command, io: CliIO, setExit) {
    program
      .command("run")
      .description("run a pipeline file (TypeScript or JavaScript), like spark-submit")
      .argument("<pipeline>", "the pipeline module to run")
      .argument("[args...]", "arguments passed to the pipeline (process.argv)")
      .option("--master <master>", "local[*], local[N], or sc://host:port")
      .option(
        "--conf <key=value>",
        "a Spark setting (repeatable)",
        (v: string, acc: string[]) => [...acc, v],
        [],
      )
      .option("--properties-file <file>", "spark-defaults.conf to use instead of $SPARK_CONF_DIR's")
      .option("--dry-run", "plan, analyse and validate the exported pipeline without writing")
      .option(
        "--continuous",
        "for a streaming source: keep ingesting new data until SIGINT / SIGTERM (default: what is there, then exit)",
      )
      .option("--json", "print the exported pipeline's run summary as JSON")
      .option(
        "--log-config <file>",
        "log4j.properties / log4j2.properties (default: $SPARK_CONF_DIR, ./config, ./conf)",
      )
      .action(async (pipeline: string, args: string[], options: RunOptions) => {
        await configureLogging(options.logConfig === undefined ? {} : { file: options.logConfig });
        const file = resolve(pipeline);
        if (!existsSync(file) || statSync(file).isDirectory())
          throw new CliError("CLI_PATH_NOT_FOUND", `No pipeline file ${file}.`, {
            hint: "Pass the path of a .ts or .js module: tributary run src/pipeline.ts",
            context: { path: file },
          });
        let sessions = 0;
        const reporter = reporterFor({ io, json: options.json === true });
        applyLaunchOptions(
          options,
          options.master === undefined ? [] : [["spark.master", options.master]],
          (engine) => {
            sessions++;
            if (reporter !== undefined)
              followProgress(engine, reporter).catch((e: unknown) => {
                // Progress is a display: the run goes on without it, and says why.
                io.stderr(`progress unavailable: ${e instanceof Error ? e.message : String(e)}\n`);
              });
          },
        );
        const module = await loadPipelineModule(file, pipeline, args);
        const exported = exportedPipeline(module);
        if (exported === undefined) {
          if (options.dryRun === true)
            throw new CliError("CLI_NO_PIPELINE", `${pipeline} exports no pipeline to dry-run.`, {
              hint: "Export one: export default definePipeline({ name, source, transform, sink }).",
            });
          // A script that did its work while loading (spark-submit style) has run; one that
          // neither exported a pipeline nor started a session did nothing: say so.
          if (sessions === 0)
            throw new CliError(
              "CLI_NO_PIPELINE",
              `${pipeline} exports no pipeline and started no Spark session: nothing ran.`,
              {
                hint: "Export one (export default definePipeline({ ... })), or run your code at the module's top level.",
              },
            );
          setExit(0);
          return;
        }
        let summary: PipelineSummary;
        let code = 0;
        // A continuous run ends on SIGINT / SIGTERM, after the batch in flight commits.
        const stop = new AbortController();
        const onSignal = (): void => stop.abort();
        if (options.continuous === true) {
          process.once("SIGINT", onSignal);
          process.once("SIGTERM", onSignal);
        }
        try {
          summary = await exported.run({
            dryRun: options.dryRun === true,
            continuous: options.continuous === true,
            signal: stop.signal,
            ...(reporter === undefined ? {} : { onStage: reporter.stage }),
          });
        } catch (e) {
          // By shape, not class: the pipeline may have loaded tributary from another path.
          if (!isPipelineError(e)) throw e;
          summary = e.summary;
          // 1: the data failed a quality gate (nothing written); 2: the run broke.
          code = e.code === ErrorCode.QUALITY_GATE_FAILED ? 1 : 2;
        } finally {
          process.off("SIGINT", onSignal);
          process.off("SIGTERM", onSignal);
          reporter?.done();
        }
        io.stdout(
          options.json === true
            ? `${toJsonText(summary)}\n`
            : `${summaryLines(summary).join("\n")}\n`,
        );
        setExit(code);
      });
  },
};
