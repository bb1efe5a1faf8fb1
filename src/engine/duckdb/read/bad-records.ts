/**
 * `badRecordsPath`: rejected records written as JSON lines `{path, line, record, reason}`,
 * in Spark's layout `<badRecordsPath>/<yyyyMMddTHHmmss>/bad_records/part-00000-<uuid>.json`
 * (one timestamped directory per action). An object-store `badRecordsPath` gets the file made
 * in the scratch directory and stored through `Storage`; records read from local copies of
 * objects name the objects (object-mirror.ts).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { isObjectStoreLocation, joinLocation } from "../../../storage/location.js";
import type { DuckDBSession } from "../connection.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import type { ReadContext } from "./source.js";

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
  ctx?: Pick<ReadContext, "scratchDir" | "storage" | "mirror">,
): Promise<string> {
  const stamp = actionStamp(new Date());
  const name = `part-00000-${randomUUID()}.json`;
  const remote = isObjectStoreLocation(base) && ctx?.storage !== undefined;
  const dir = remote
    ? join(ctx?.scratchDir ?? "", `bad-records-${randomUUID()}`)
    : join(resolve(base), stamp, "bad_records");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  const column = quoteIdent("path");
  const path = ctx?.mirror?.originalSql(column) ?? column;
  await db.execute(
    `COPY (SELECT ${path} AS ${column}, line, record, reason FROM (${listing}) ORDER BY path, line NULLS LAST) TO ${quoteString(file)} (FORMAT json)`,
  );
  if (!remote || ctx?.storage === undefined) return file;
  const target = joinLocation(base, stamp, "bad_records", name);
  try {
    await ctx.storage.put(target, await readFile(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return target;
}
