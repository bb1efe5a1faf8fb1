/** Shared setup for the reader tests: an engine, read nodes, temp files. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DuckDBEngine } from "../../../src/engine/duckdb/engine.js";
import type { ReadMetrics, Row } from "../../../src/engine/engine.js";
import { ReadNode } from "../../../src/plan/relation/read.js";
import type { StructType } from "../../../src/types/data-types.js";
import { parseDDLSchema } from "../../../src/types/ddl.js";

export const FIXTURES = resolve("tests/fixtures/read");

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export async function startEngine(timeZone = "UTC"): Promise<DuckDBEngine> {
  return DuckDBEngine.start({
    threads: 2,
    memoryLimit: undefined,
    timeZone,
    tempDirectory: undefined,
    ansi: false,
  });
}

export function readNode(
  format: string,
  paths: string | string[],
  options: Record<string, string> = {},
  schema?: string | StructType,
): ReadNode {
  const s = typeof schema === "string" ? parseDDLSchema(schema) : schema;
  return ReadNode.create(format, typeof paths === "string" ? [paths] : paths, options, s);
}

/** Rows and the read's metrics for one action. */
export async function collect(
  engine: DuckDBEngine,
  node: ReadNode,
): Promise<{ rows: Row[]; metrics: ReadMetrics }> {
  const rows = await engine.collect(node);
  const metrics = engine.readMetrics(node);
  if (metrics === undefined) throw new Error("no read metrics");
  return { rows, metrics };
}

/** The schema as Spark's simple string (`struct<a:int,...>`). */
export async function schemaOf(engine: DuckDBEngine, node: ReadNode): Promise<string> {
  return (await engine.schema(node)).simpleString();
}

/** A temporary directory removed by the returned cleanup. */
export function tempDir(): {
  dir: string;
  file: (name: string, content: string | Buffer) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), "tributary-read-"));
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** JSON-friendly values: bigint as number, Date as ISO text. */
export function plain(rows: readonly Row[]): Record<string, unknown>[] {
  return JSON.parse(
    JSON.stringify(rows, (_, v: unknown) => (typeof v === "bigint" ? Number(v) : v)),
  ) as Record<string, unknown>[];
}
