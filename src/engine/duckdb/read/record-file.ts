/** Writes numbered raw records (`id<sep>record`) to a scratch file, streaming from a query. */
import { closeSync, openSync, writeSync } from "node:fs";
import type { DuckDBSession } from "../connection.js";

export async function writeRecordsFile(
  db: DuckDBSession,
  file: string,
  sql: string,
  sep: string,
): Promise<void> {
  const fd = openSync(file, "w");
  try {
    for await (const chunk of db.stream(sql)) {
      let text = "";
      for (const row of chunk.rows) text += `${String(row[0])}${sep}${String(row[1] ?? "")}\n`;
      writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}
