/**
 * DuckDB's `delta` extension, used for one job only: reading data files that have deletion
 * vectors. Its scan drops deleted rows inside the Parquet reader (a selection per vector),
 * which plain SQL cannot express: there our reads hash-anti-join every row with the deleted
 * positions, 1.8x the cost of the scan (bench/README.md, "Deletion vectors"). Snapshots, file
 * lists, skipping and every other part of the read stay ours.
 *
 * The extension is used only when it is installed in the configured extension directory
 * (`spark.tributary.duckdb.extensionDirectory` / `TRIBUTARY_DUCKDB_EXTENSION_DIR`, filled by
 * `bash scripts/storage/setup.sh`): `LOAD delta` elsewhere would try DuckDB's repository on
 * every session. `spark.tributary.duckdb.deltaExtension=false` turns it off.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { getLogger } from "../../logging/index.js";
import type { DuckDBSession } from "./connection.js";
import { extensionDirectory, type ObjectStoreSettings } from "./object-store.js";
import { quoteString } from "./sql-quote.js";

export const DELTA_EXTENSION_KEY = "spark.tributary.duckdb.deltaExtension";

/** The installed `delta.duckdb_extension` files under an extension directory (any version). */
function installed(directory: string): boolean {
  if (!existsSync(directory)) return false;
  for (const version of readdirSync(directory)) {
    const dir = join(directory, version);
    let platforms: string[];
    try {
      platforms = readdirSync(dir);
    } catch {
      // A stray file beside the version folders.
      continue;
    }
    if (platforms.some((p) => existsSync(join(dir, p, "delta.duckdb_extension")))) return true;
  }
  return false;
}

/** Loads DuckDB's delta extension once per session, when the settings allow and it is installed. */
export class DeltaExtension {
  #loaded: Promise<boolean> | undefined;

  constructor(
    private readonly db: DuckDBSession,
    private settings: ObjectStoreSettings,
  ) {}

  update(settings: ObjectStoreSettings): void {
    if (settings.s3[DELTA_EXTENSION_KEY] !== this.settings.s3[DELTA_EXTENSION_KEY])
      this.#loaded = undefined;
    this.settings = settings;
  }

  /** Whether `delta_scan` can be used in this session. */
  available(): Promise<boolean> {
    if (this.#loaded === undefined) this.#loaded = this.#load();
    return this.#loaded;
  }

  async #load(): Promise<boolean> {
    if (this.settings.s3[DELTA_EXTENSION_KEY]?.trim().toLowerCase() === "false") return false;
    const directory = extensionDirectory(this.settings);
    if (directory === undefined || !installed(directory)) return false;
    await this.db.execute(`SET extension_directory = ${quoteString(directory)}`);
    // A build for another DuckDB version (or platform) fails to load: the plain SQL path
    // reads the same rows, so the failure only costs speed and is not an error. It is said
    // once per session, since a slow read with no reason given is hard to diagnose.
    return this.db.execute("LOAD delta").then(
      () => true,
      (e: unknown) => {
        getLogger("tributary.engine.duckdb").warn(
          `DuckDB's delta extension in ${directory} did not load, so reads of Delta tables with deletion vectors take the slower join path (same rows). Reinstall it for this DuckDB with \`bash scripts/storage/setup.sh\`, or set ${DELTA_EXTENSION_KEY}=false to keep it out.`,
          e,
        );
        return false;
      },
    );
  }
}
