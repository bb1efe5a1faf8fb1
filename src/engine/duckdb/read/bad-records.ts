/**
 * `badRecordsPath`: rejected records written as JSON lines `{path, line, record, reason}`,
 * in Spark's layout `<badRecordsPath>/<yyyyMMddTHHmmss>/bad_records/part-00000-<uuid>.json`
 * (one timestamped directory per action).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DuckDBSession } from "../connection.js";
import { quoteString } from "../sql-quote.js";

const two = (n: number): string => String(n).padStart(2, "0");

/** `yyyyMMddTHHmmss` in UTC. */
export function actionStamp(at: Date): string {
  return (
    `${at.getUTCFullYear()}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}` +
    `T${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}`
  );
}

/** Writes the records of `listing` (path, line, record, reason) and returns the file written. */
export async function writeBadRecords(
  db: DuckDBSession,
  base: string,
  listing: string,
): Promise<string> {
  const dir = join(resolve(base), actionStamp(new Date()), "bad_records");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `part-00000-${randomUUID()}.json`);
  await db.execute(
    `COPY (SELECT path, line, record, reason FROM (${listing}) ORDER BY path, line NULLS LAST) TO ${quoteString(file)} (FORMAT json)`,
  );
  return file;
}
