/**
 * Classic Delta checkpoints as Parquet, through DuckDB. Writing goes through a JSON-lines
 * file read back with explicit struct and map types, so the Parquet file carries exactly
 * the checkpoint schema of the protocol (maps as Parquet MAPs, structs as groups); the file
 * is made in the scratch directory and stored with `Storage.put` (atomic on every store).
 * Reading lets DuckDB read the checkpoint where it is (local or object store).
 */
import { randomUUID } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Action } from "../../../delta/actions/types.js";
import type { DeltaEngine } from "../../../delta/engine.js";
import type { Storage } from "../../../storage/storage.js";
import { Decimal } from "../../../types/decimal.js";
import type { DuckDBSession } from "../connection.js";
import { dataFileError, fileFailure } from "../read/file-errors.js";
import { quoteString } from "../sql-quote.js";

const MAP = "MAP(VARCHAR, VARCHAR)";
const DV =
  'STRUCT(storageType VARCHAR, pathOrInlineDv VARCHAR, "offset" INTEGER, sizeInBytes INTEGER, cardinality BIGINT)';
const COLUMNS: Readonly<Record<string, string>> = {
  txn: "STRUCT(appId VARCHAR, version BIGINT, lastUpdated BIGINT)",
  add: `STRUCT(path VARCHAR, partitionValues ${MAP}, size BIGINT, modificationTime BIGINT, dataChange BOOLEAN, stats VARCHAR, tags ${MAP}, deletionVector ${DV}, baseRowId BIGINT, defaultRowCommitVersion BIGINT)`,
  remove: `STRUCT(path VARCHAR, deletionTimestamp BIGINT, dataChange BOOLEAN, extendedFileMetadata BOOLEAN, partitionValues ${MAP}, size BIGINT, deletionVector ${DV})`,
  metaData: `STRUCT(id VARCHAR, name VARCHAR, description VARCHAR, format STRUCT(provider VARCHAR, options ${MAP}), schemaString VARCHAR, partitionColumns VARCHAR[], configuration ${MAP}, createdTime BIGINT)`,
  protocol:
    "STRUCT(minReaderVersion INTEGER, minWriterVersion INTEGER, readerFeatures VARCHAR[], writerFeatures VARCHAR[])",
  domainMetadata: "STRUCT(domain VARCHAR, configuration VARCHAR, removed BOOLEAN)",
};

/** DuckDB results -> plain JSON-like values: bigints to numbers, Maps to objects, nulls dropped. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  // Only typed stats (stats_parsed) hold decimals; as numbers they still bound skipping well
  // enough, and they are used only when a writer left the exact JSON stats out.
  if (value instanceof Decimal) return value.toNumber();
  if (value instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of value) o[String(k)] = v === undefined ? null : plain(v);
    return o;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && value !== null && value.constructor === Object) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) o[k] = plain(v);
    return o;
  }
  return value;
}

/** `stats_parsed` (typed) back to the JSON text readers use when a writer left `stats` out. */
function statsFromParsed(parsed: unknown): string | undefined {
  if (typeof parsed !== "object" || parsed === null) return undefined;
  return JSON.stringify(plain(parsed));
}

/** Makes locations readable by DuckDB (object-store access) before a query names them. */
export type PrepareLocations = (locations: readonly string[]) => Promise<void>;

export class DuckDBDeltaEngine implements DeltaEngine {
  constructor(
    readonly storage: Storage,
    private readonly db: DuckDBSession,
    private readonly scratchDir: string,
    private readonly prepare: PrepareLocations = async () => undefined,
  ) {}

  async readCheckpoint(paths: readonly string[]): Promise<Action[]> {
    try {
      return await this.readCheckpointRows(paths);
    } catch (e) {
      // The kernel reports the damaged checkpoint; this names the file without DuckDB's words.
      const f = fileFailure(e, paths);
      throw f === undefined ? e : dataFileError(f, "Parquet", e);
    }
  }

  private async readCheckpointRows(paths: readonly string[]): Promise<Action[]> {
    await this.prepare(paths);
    const list = `[${paths.map(quoteString).join(", ")}]`;
    const described = await this.db.describe(
      `SELECT * FROM read_parquet(${list}, union_by_name = true)`,
    );
    // V2 checkpoints (PROTOCOL.md "V2 Checkpoints") also hold sidecar files and their metadata.
    const wanted = [...Object.keys(COLUMNS), "sidecar", "checkpointMetadata"].filter((c) =>
      described.some((d) => d.name === c),
    );
    const result = await this.db.query(
      `SELECT ${wanted.map((c) => `"${c}"`).join(", ")} FROM read_parquet(${list}, union_by_name = true)`,
    );
    const actions: Action[] = [];
    for (const row of result.rows) {
      row.forEach((value, i) => {
        if (value === null || value === undefined) return;
        const name = wanted[i] ?? "";
        const body = plain(value) as Record<string, unknown>;
        if (name === "add") {
          const raw = value as Record<string, unknown>;
          if ((body.stats === undefined || body.stats === null) && raw.stats_parsed !== undefined) {
            const stats = statsFromParsed(raw.stats_parsed);
            if (stats !== undefined) body.stats = stats;
          }
          body.partitionValues ??= {};
        }
        actions.push({ [name]: body } as Action);
      });
    }
    return actions;
  }

  async writeCheckpoint(
    path: string,
    actions: readonly Action[],
  ): Promise<{ sizeInBytes: number }> {
    const jsonl = join(this.scratchDir, `checkpoint-${randomUUID()}.json`);
    const tmp = join(this.scratchDir, `checkpoint-${randomUUID()}.parquet`);
    try {
      await writeFile(jsonl, actions.map((a) => JSON.stringify(a)).join("\n"));
      const columns = Object.entries(COLUMNS)
        .map(([k, t]) => `${quoteString(k)}: ${quoteString(t)}`)
        .join(", ");
      await this.db.execute(
        `COPY (SELECT * FROM read_json(${quoteString(jsonl)}, format = 'newline_delimited', columns = {${columns}})) TO ${quoteString(tmp)} (FORMAT parquet, COMPRESSION snappy)`,
      );
      const bytes = await readFile(tmp);
      await this.storage.put(path, bytes);
      return { sizeInBytes: bytes.length };
    } finally {
      await rm(jsonl, { force: true });
      await rm(tmp, { force: true });
    }
  }
}
