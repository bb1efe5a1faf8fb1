/**
 * `tributary delta <command> <path>`: Delta table commands, as delta-spark's SQL has them.
 *
 *   history  <path> [--limit N]                    DESCRIBE HISTORY
 *   describe <path>                                DESCRIBE DETAIL
 *   vacuum   <path> [--retain-hours H] [--dry-run] VACUUM [RETAIN H HOURS] [DRY RUN]
 *   optimize <path> [--where "<partition pred>"]   OPTIMIZE [WHERE ...]
 *   restore  <path> --version N | --timestamp T    RESTORE TO VERSION AS OF / TIMESTAMP AS OF
 *   changes  <path> --from N [--to M]              table_changes(path, N, M): the change data feed
 *
 * Each collects its result, then prints a table, or one JSON document with `--json`
 * (`history --json-lines`: one commit per line).
 */
import type { Command } from "commander";
import type { DataFrame } from "../../dataframe/dataframe.js";
import type { SparkSession } from "../../session/session.js";
import { DeltaTable } from "../../table/delta-table.js";
import { CliError } from "../cli-error.js";
import type { CliIO, CommandModule } from "../command.js";
import { decimalFlag, integerFlag } from "../flags.js";
import { toJsonText } from "../json.js";
import { type OutputFlags, outputMode, printJsonRows } from "../output.js";
import { checkTablePath } from "../table-path.js";
import { withSession } from "./with-session.js";

type JsonOption = OutputFlags;

/**
 * A result frame: a table, or JSON. A one-row result (describe, optimize, restore) is one
 * JSON object; history is an array of commits.
 */
async function printFrame(
  io: CliIO,
  df: DataFrame,
  flags: OutputFlags,
  { vertical = false, single = false }: { vertical?: boolean; single?: boolean } = {},
): Promise<void> {
  const mode = outputMode(flags);
  if (mode === "table") {
    io.stdout(await df.showString(1000, vertical ? false : 60, vertical));
    return;
  }
  const rows = await df.collect();
  if (single && mode === "json") io.stdout(`${toJsonText(rows[0] ?? null)}\n`);
  else printJsonRows(io, rows, mode);
}

const HISTORY_COLUMNS = [
  "version",
  "timestamp",
  "operation",
  "operationParameters",
  "readVersion",
  "isBlindAppend",
  "operationMetrics",
  "engineInfo",
];

export const deltaCommand: CommandModule = {
  register(program: Command, io: CliIO, setExit) {
    const delta = program
      .command("delta")
      .description("Delta table commands: history, describe, vacuum, optimize, restore, changes");
    const session = <T>(
      path: string,
      body: (spark: SparkSession) => Promise<T>,
      flags: OutputFlags = {},
    ): Promise<T> => {
      checkTablePath(path);
      return withSession("tributary-delta", body, { io, json: outputMode(flags) !== "table" });
    };
    const open = <T>(
      path: string,
      body: (table: DeltaTable) => Promise<T>,
      flags: OutputFlags = {},
    ): Promise<T> => {
      return session(path, async (spark) => body(await DeltaTable.forPath(spark, path)), flags);
    };

    delta
      .command("history")
      .description("the table's commits, newest first (DESCRIBE HISTORY)")
      .argument("<path>", "the Delta table's directory")
      .option("--limit <n>", "only the newest n commits")
      .option("--json", "print the commits as one JSON array")
      .option("--json-lines", "print one JSON object per commit (JSON Lines)")
      .action(async (path: string, options: JsonOption & { limit?: string }) => {
        const limit =
          options.limit === undefined
            ? undefined
            : integerFlag("--limit", options.limit, { min: 1 });
        const table = outputMode(options) === "table";
        await open(
          path,
          async (delta) => {
            const df = await delta.history(limit);
            await printFrame(io, table ? df.select(...HISTORY_COLUMNS) : df, options);
          },
          options,
        );
        setExit(0);
      });

    delta
      .command("describe")
      .description(
        "the table's format, location, size, partitioning, properties and protocol (DESCRIBE DETAIL)",
      )
      .argument("<path>", "the Delta table's directory")
      .option("--json", "print the detail as one JSON object")
      .action(async (path: string, options: JsonOption) => {
        await open(
          path,
          async (table) =>
            printFrame(io, await table.detail(), options, { vertical: true, single: true }),
          options,
        );
        setExit(0);
      });

    delta
      .command("vacuum")
      .description("delete files the table no longer references, older than the retention (VACUUM)")
      .argument("<path>", "the Delta table's directory")
      .option(
        "--retain-hours <hours>",
        "keep files modified within these hours (default: the table's retention, 168)",
      )
      .option("--dry-run", "only list the files that would be deleted")
      .option("--json", "print the result as JSON")
      .action(
        async (path: string, options: JsonOption & { retainHours?: string; dryRun?: boolean }) => {
          const hours =
            options.retainHours === undefined
              ? undefined
              : decimalFlag("--retain-hours", options.retainHours);
          const result = await open(
            path,
            (table) => table.vacuum(hours, { dryRun: options.dryRun === true }),
            options,
          );
          if (options.json === true) io.stdout(`${toJsonText(result)}\n`);
          else if (result.dryRun) {
            io.stdout(
              `Found ${result.files.length} files and directories in a total of ${result.numVacuumedDirectories} directories that are safe to delete.\n`,
            );
            for (const f of result.files) io.stdout(`${f}\n`);
          } else {
            io.stdout(
              `Deleted ${result.numDeletedFiles} files and directories in a total of ${result.numVacuumedDirectories} directories.\n`,
            );
          }
          setExit(0);
        },
      );

    delta
      .command("optimize")
      .description("compact small files into larger ones (OPTIMIZE)")
      .argument("<path>", "the Delta table's directory")
      .option("--where <predicate>", "only partitions matching this predicate on partition columns")
      .option("--json", "print the result as one JSON object")
      .action(async (path: string, options: JsonOption & { where?: string }) => {
        await open(
          path,
          async (table) => {
            const builder =
              options.where === undefined
                ? table.optimize()
                : table.optimize().where(options.where);
            await printFrame(io, await builder.executeCompaction(), options, {
              vertical: true,
              single: true,
            });
          },
          options,
        );
        setExit(0);
      });

    delta
      .command("restore")
      .description(
        "restore the table to an earlier version or timestamp (RESTORE), as a new commit",
      )
      .argument("<path>", "the Delta table's directory")
      .option("--version <n>", "the version to restore")
      .option(
        "--timestamp <timestamp>",
        "restore the version current at this time ('2024-01-31 12:00:00', UTC unless given)",
      )
      .option("--json", "print the metrics as one JSON object")
      .action(
        async (path: string, options: JsonOption & { version?: string; timestamp?: string }) => {
          if ((options.version === undefined) === (options.timestamp === undefined)) {
            throw new CliError(
              "CLI_INVALID_FLAG",
              "restore needs exactly one of --version and --timestamp.",
              { hint: "tributary delta restore lake/t --version 3" },
            );
          }
          const version =
            options.version === undefined ? undefined : integerFlag("--version", options.version);
          await open(
            path,
            async (table) => {
              const df =
                version !== undefined
                  ? await table.restoreToVersion(version)
                  : await table.restoreToTimestamp(options.timestamp ?? "");
              await printFrame(io, df, options, { single: true });
            },
            options,
          );
          setExit(0);
        },
      );

    delta
      .command("changes")
      .description(
        "the rows each commit inserted, deleted or updated (change data feed, table_changes)",
      )
      .argument("<path>", "the Delta table's directory (delta.enableChangeDataFeed=true)")
      .requiredOption("--from <n>", "the first version")
      .option("--to <m>", "the last version (default: the latest)")
      .option("--json", "print the changes as one JSON array")
      .option("--json-lines", "print one JSON object per change (JSON Lines)")
      .action(async (path: string, options: JsonOption & { from: string; to?: string }) => {
        const from = integerFlag("--from", options.from, { min: 0 });
        const to =
          options.to === undefined ? undefined : integerFlag("--to", options.to, { min: 0 });
        await session(
          path,
          async (spark) => {
            let reader = spark.read
              .format("delta")
              .option("readChangeFeed", true)
              .option("startingVersion", from);
            if (to !== undefined) reader = reader.option("endingVersion", to);
            const df = reader.load(path).orderBy("_commit_version");
            await printFrame(io, df, options);
          },
          options,
        );
        setExit(0);
      });
  },
};
