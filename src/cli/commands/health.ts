/**
 * `tributary health <table>`: a Delta table's health for cron jobs, Kubernetes probes and
 * alerting. Freshness from the last commit (no data scanned) or from a column's newest
 * value (`--freshness ts`), dbt-style thresholds, small files, row-count change, and with
 * `--backlog <checkpoint>` the stream feeding it (files waiting, the oldest's age).
 *
 *   exit 0  healthy (pass or warn)    exit 1  unhealthy (error)    exit 2  could not check
 *
 * With `--metrics metrics.properties` (default, as in Spark: `spark.metrics.conf`, else
 * `$SPARK_CONF_DIR/metrics.properties` when present) the result is also reported to the sinks
 * (`health.status`, `health.freshness.delay.seconds`, `health.last_success_timestamp_seconds`).
 */
import type { Command } from "commander";
import { recordHealth } from "../../monitoring/health/health-check.js";
import {
  checkTableHealth,
  type HealthCheckItem,
  type TableHealth,
  worst,
} from "../../monitoring/health/table-health.js";
import { statusOf } from "../../monitoring/health/thresholds.js";
import { MetricRegistry } from "../../monitoring/metrics/registry.js";
import { locateMetricsProperties } from "../../monitoring/sinks/locate.js";
import { startMetricsSinks } from "../../monitoring/sinks/start.js";
import { streamBacklog } from "../../streaming/backlog.js";
import type { CliIO, CommandModule } from "../command.js";
import { decimalFlag, durationFlag, integerFlag, sizeFlag } from "../flags.js";
import { toJsonText } from "../json.js";
import { checkTablePath } from "../table-path.js";
import { withSession } from "./with-session.js";

interface HealthOptions {
  freshness?: string;
  warnAfter?: string;
  errorAfter?: string;
  smallFileSize: string;
  maxSmallFiles: string;
  maxRowChange?: string;
  metrics?: string;
  json?: boolean;
  backlog?: string;
  backlogWarnAfter?: string;
  backlogErrorAfter?: string;
}

/** The stream-backlog check: the age of the oldest file no batch has taken yet. */
async function backlogCheck(
  checkpoint: string,
  conf: Readonly<Record<string, string>>,
  thresholds: { warnAfter?: number; errorAfter?: number },
): Promise<HealthCheckItem> {
  const b = await streamBacklog(checkpoint, conf);
  const last =
    b.lastBatchId === null
      ? "no batch committed yet"
      : `last batch ${b.lastBatchId} committed at ${b.lastCommit?.toISOString() ?? "?"}`;
  if (b.oldestFile === null)
    return { name: "backlog", status: "pass", message: `no file waiting; ${last}` };
  const ageMs = Date.now() - b.oldestFile.getTime();
  return {
    name: "backlog",
    status: statusOf(ageMs, thresholds),
    message: `${b.files} file(s), ${b.bytes} bytes waiting, the oldest for ${Math.round(ageMs / 60_000)} min; ${last}`,
  };
}

const ICON = { pass: "PASS", warn: "WARN", error: "ERROR" } as const;

function render(h: TableHealth): string {
  const lines = [
    `${ICON[h.status]} ${h.path} (version ${h.version}, last ${h.lastOperation ?? "commit"} at ${h.lastCommit.toISOString()})`,
    ...h.checks.map((c) => `  ${ICON[c.status].padEnd(5)} ${c.name}: ${c.message}`),
    `  rows ${h.rowCount}${h.rowCountChange === null ? "" : ` (${h.rowCountChange >= 0 ? "+" : ""}${h.rowCountChange} since version ${h.version - 1})`}, files ${h.files.total}, ${h.files.totalBytes} bytes`,
  ];
  return `${lines.join("\n")}\n`;
}

export const healthCommand: CommandModule = {
  register(program: Command, io: CliIO, setExit) {
    program
      .command("health")
      .description(
        "check a Delta table's freshness, small files and row-count change (exit 0 ok, 1 unhealthy, 2 error)",
      )
      .argument("<table>", "the Delta table's directory")
      .option(
        "--freshness <column>",
        "freshness from this timestamp column's newest value (default: the last commit)",
      )
      .option("--warn-after <duration>", "warn when older than this (30m, 2h, 1d)")
      .option("--error-after <duration>", "unhealthy when older than this (30m, 2h, 1d)")
      .option("--small-file-size <size>", "files under this size are small", "32mb")
      .option("--max-small-files <n>", "warn above this many small files", "100")
      .option(
        "--max-row-change <percent>",
        "warn when the last commit changed the row count by more than this",
      )
      .option(
        "--metrics <file>",
        "report the result to the sinks of this metrics.properties (default: spark.metrics.conf, else $SPARK_CONF_DIR's)",
      )
      .option(
        "--backlog <checkpoint>",
        "also check the file stream with this checkpoint: files waiting, and since when",
      )
      .option("--backlog-warn-after <duration>", "warn when a file has waited longer than this")
      .option(
        "--backlog-error-after <duration>",
        "unhealthy when a file has waited longer than this",
      )
      .option("--json", "print the result as JSON")
      .action(async (table: string, options: HealthOptions) => {
        // Checked here so a bad value names its flag; a bare number is minutes.
        const minutes = (flag: string, text: string | undefined) =>
          text === undefined ? undefined : durationFlag(flag, text, "min") / 60_000;
        const warnAfter = minutes("--warn-after", options.warnAfter);
        const errorAfter = minutes("--error-after", options.errorAfter);
        const settings = {
          ...(options.freshness === undefined ? {} : { freshnessColumn: options.freshness }),
          ...(warnAfter === undefined ? {} : { warnAfter }),
          ...(errorAfter === undefined ? {} : { errorAfter }),
          smallFileBytes: sizeFlag("--small-file-size", options.smallFileSize),
          maxSmallFiles: integerFlag("--max-small-files", options.maxSmallFiles),
          ...(options.maxRowChange === undefined
            ? {}
            : { maxRowCountChangePercent: decimalFlag("--max-row-change", options.maxRowChange) }),
        };
        const backlogWarn = minutes("--backlog-warn-after", options.backlogWarnAfter);
        const backlogError = minutes("--backlog-error-after", options.backlogErrorAfter);
        checkTablePath(table);
        const { health, metrics } = await withSession("tributary-health", async (spark) => {
          const tableHealth = await checkTableHealth(spark, table, settings);
          const backlog =
            options.backlog === undefined
              ? undefined
              : await backlogCheck(options.backlog, spark.conf.getAll(), {
                  ...(backlogWarn === undefined ? {} : { warnAfter: backlogWarn }),
                  ...(backlogError === undefined ? {} : { errorAfter: backlogError }),
                });
          const checks =
            backlog === undefined ? tableHealth.checks : [...tableHealth.checks, backlog];
          return {
            health: { ...tableHealth, checks, status: worst(checks.map((c) => c.status)) },
            metrics:
              options.metrics ??
              locateMetricsProperties(spark.conf.get("spark.metrics.conf"), process.env),
          };
        });
        if (metrics !== undefined) {
          const registry = new MetricRegistry();
          recordHealth(registry, health, { table });
          const sinks = await startMetricsSinks(
            registry,
            { path: metrics },
            { write: io.stderr, warn: (message) => io.stderr(`[tributary metrics] ${message}\n`) },
          );
          await sinks.stop();
        }
        io.stdout(options.json === true ? `${toJsonText(health)}\n` : render(health));
        setExit(health.status === "error" ? 1 : 0);
      });
  },
};
