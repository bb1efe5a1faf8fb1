/**
 * `tributary health <table>`: a Delta table's health for cron jobs, Kubernetes probes and
 * alerting. Freshness from the last commit (no data scanned) or from a column's newest
 * value (`--freshness ts`), dbt-style thresholds, small files, row-count change.
 *
 *   exit 0  healthy (pass or warn)    exit 1  unhealthy (error)    exit 2  could not check
 *
 * With `--metrics metrics.properties` the result is also reported to the configured sinks
 * (`health.status`, `health.freshness.delay.seconds`, `health.last_success_timestamp_seconds`).
 */
import type { Command } from "commander";
import { parseByteSize } from "../../config/sizes.js";
import { IllegalArgumentError } from "../../errors.js";
import { recordHealth } from "../../monitoring/health/health-check.js";
import { checkTableHealth, type TableHealth } from "../../monitoring/health/table-health.js";
import { MetricRegistry } from "../../monitoring/metrics/registry.js";
import { startMetricsSinks } from "../../monitoring/sinks/start.js";
import type { CliIO, CommandModule } from "../command.js";
import { toJsonText } from "../json.js";
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
}

function count(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0)
    throw new IllegalArgumentError(`${name} must be a number of at least 0, got '${text}'.`);
  return n;
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
      .option("--metrics <file>", "report the result to the sinks of this metrics.properties")
      .option("--json", "print the result as JSON")
      .action(async (table: string, options: HealthOptions) => {
        const health = await withSession("tributary-health", (spark) =>
          checkTableHealth(spark, table, {
            ...(options.freshness === undefined ? {} : { freshnessColumn: options.freshness }),
            ...(options.warnAfter === undefined ? {} : { warnAfter: options.warnAfter }),
            ...(options.errorAfter === undefined ? {} : { errorAfter: options.errorAfter }),
            smallFileBytes: parseByteSize("--small-file-size", options.smallFileSize, "b"),
            maxSmallFiles: count("--max-small-files", options.maxSmallFiles),
            ...(options.maxRowChange === undefined
              ? {}
              : { maxRowCountChangePercent: count("--max-row-change", options.maxRowChange) }),
          }),
        );
        if (options.metrics !== undefined) {
          const registry = new MetricRegistry();
          recordHealth(registry, health, { table });
          const sinks = await startMetricsSinks(
            registry,
            { path: options.metrics },
            { write: io.stderr, warn: (message) => io.stderr(`[tributary metrics] ${message}\n`) },
          );
          await sinks.stop();
        }
        io.stdout(options.json === true ? `${toJsonText(health)}\n` : render(health));
        setExit(health.status === "error" ? 1 : 0);
      });
  },
};
