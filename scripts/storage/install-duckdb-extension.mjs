// Installs a DuckDB extension file into an extension directory, where `LOAD` then finds it
// (DuckDB places it under the directory of its version and platform).
//   node scripts/storage/install-duckdb-extension.mjs <extension-directory> <file.duckdb_extension>
import { DuckDBInstance } from "@duckdb/node-api";

const [directory, file] = process.argv.slice(2);
if (directory === undefined || file === undefined) {
  console.error(
    "usage: install-duckdb-extension.mjs <extension-directory> <file.duckdb_extension>",
  );
  process.exit(2);
}
const db = await DuckDBInstance.create(":memory:", { extension_directory: directory });
const connection = await db.connect();
await connection.run(`INSTALL '${file.replaceAll("'", "''")}'`);
await connection.run(`LOAD ${file.replace(/^.*\//, "").replace(/\.duckdb_extension$/, "")}`);
connection.closeSync();
db.closeSync();
