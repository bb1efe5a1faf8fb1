/** Parses the per-file rows DuckDB's `COPY ... RETURN_STATS` returns into WrittenFile fields. */
import type { ColumnStats } from "../../engine.js";
import { splitQuotedPath } from "./names.js";

type Entry = { key: unknown; value: unknown };

function entries(value: unknown): Entry[] {
  if (value instanceof Map) return [...value.entries()].map(([key, v]) => ({ key, value: v }));
  if (Array.isArray(value)) return value as Entry[];
  return [];
}

/** `column_statistics` (a MAP of column -> MAP of stat -> text) as ColumnStats by dotted column path. */
export function parseColumnStats(value: unknown): Record<string, ColumnStats> {
  const out: Record<string, ColumnStats> = {};
  for (const { key, value: stats } of entries(value)) {
    const path = splitQuotedPath(String(key)).join(".");
    const s = new Map(entries(stats).map((e) => [String(e.key), e.value]));
    const nulls = s.get("null_count");
    out[path] = {
      min: s.get("min") ?? null,
      max: s.get("max") ?? null,
      nullCount: nulls === undefined || nulls === null ? undefined : Number(nulls),
    };
  }
  return out;
}

/** `partition_keys` as column -> value text (null for a null partition). */
export function parsePartitionKeys(value: unknown): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const e of entries(value)) {
    const item = e as unknown as { key?: unknown; value?: unknown };
    const k = String(item.key);
    out[k] = item.value === null || item.value === undefined ? null : String(item.value);
  }
  return out;
}
