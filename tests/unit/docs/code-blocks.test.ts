/**
 * Every code block of README.md and docs/*.md runs, so a snippet cannot rot. A `ts` block
 * runs as its own module (tsx, `tributary` imports pointing at src/) in a fresh folder that
 * holds small fixtures (fixtures.ts). Blocks read like a story, so names a block uses but
 * does not define come from a prelude: every public export of tributary, a local `spark`,
 * and the sample DataFrames `df`, `batch`, `fixes`, `updates`, `orders`.
 *
 * Markers, an HTML comment on the line before the fence:
 *   <!-- run: continues -->     the block runs after the blocks before it, as one module
 *   <!-- not run: <reason> -->  the block is not run; the reason is required (shell
 *                               commands, configuration files, a Spark server, output)
 * Any other block without a marker fails this test.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as tributary from "../../../src/index.js";
import { buildFixtures, copyFixtures } from "./fixtures.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const INDEX = join(ROOT, "src", "index.js");

interface Block {
  readonly file: string;
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  readonly marker: string | undefined;
}

function blocksOf(file: string): Block[] {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i] ?? "");
    if (open === null) continue;
    const indent = open[1] ?? "";
    let end = i + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end] ?? "")) end++;
    const previous = lines[i - 1] ?? "";
    out.push({
      file,
      line: i + 1,
      lang: open[2] ?? "",
      code: lines
        .slice(i + 1, end)
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
        .join("\n"),
      marker: /^\s*<!--\s*(.*?)\s*-->\s*$/.exec(previous)?.[1],
    });
    i = end;
  }
  return out;
}

const FILES = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** Each runnable unit: a block with the blocks it continues. */
function units(): { name: string; blocks: Block[] }[] {
  const out: { name: string; blocks: Block[] }[] = [];
  for (const file of FILES) {
    for (const block of blocksOf(file)) {
      if (block.marker?.startsWith("not run:") === true) continue;
      const last = out.at(-1);
      if (
        block.marker === "run: continues" &&
        last !== undefined &&
        last.blocks[0]?.file === file
      ) {
        out[out.length - 1] = {
          name: `${last.name} + ${block.line}`,
          blocks: [...last.blocks, block],
        };
      } else out.push({ name: `${file}:${block.line}`, blocks: [block] });
    }
  }
  return out;
}

const FIXTURE_VALUES: Readonly<Record<string, string>> = {
  spark: "__spark",
  df: `__spark.read.format("delta").load("fixtures/flights")`,
  batch: `__spark.read.format("delta").load("fixtures/flights").filter("date = '2024-05-02'")`,
  fixes: `__spark.read.format("delta").load("fixtures/flights").filter("date = '2024-05-01'")`,
  updates: `__spark.read.format("delta").load("fixtures/flights").withColumn("delay", functions.lit(0))`,
  orders: `__spark.read.format("delta").load("fixtures/orders")`,
};

/** Names a block binds itself: imports and top-level declarations. */
function declared(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from/g))
    for (const spec of (m[1] ?? "").split(","))
      names.add(
        spec
          .trim()
          .split(/\s+as\s+/)
          .at(-1)
          ?.trim() ?? "",
      );
  for (const m of code.matchAll(
    /^(?:export\s+)?(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/gm,
  ))
    names.add(m[1] ?? "");
  for (const m of code.matchAll(/^(?:const|let)\s+\{([^}]*)\}/gm))
    for (const n of (m[1] ?? "").split(",")) names.add(n.trim().split(":").at(-1)?.trim() ?? "");
  for (const m of code.matchAll(/^(?:const|let)\s+\[([^\]]*)\]/gm))
    for (const n of (m[1] ?? "").split(",")) names.add(n.trim());
  return names;
}

function moduleOf(blocks: readonly Block[]): string {
  const code = blocks
    .map((b) => b.code)
    .join("\n")
    .replaceAll(`from "tributary-etl"`, `from ${JSON.stringify(INDEX)}`);
  const own = declared(code);
  // Imports are hoisted: the prelude may use SparkSession / functions a block imports itself.
  const imports = Object.keys(tributary).filter((n) => !own.has(n));
  const fixtures = Object.entries(FIXTURE_VALUES).filter(
    ([name]) => !own.has(name) && new RegExp(`\\b${name}\\b`).test(code),
  );
  return [
    `import { ${imports.join(", ")} } from ${JSON.stringify(INDEX)};`,
    `const __spark = await SparkSession.builder().config("spark.sql.session.timeZone", "UTC").getOrCreate();`,
    ...fixtures.map(([name, value]) => `const ${name} = ${value};`),
    code,
    "",
  ].join("\n");
}

function runModule(source: string): Promise<{ code: number; output: string }> {
  const cwd = mkdtempSync(join(tmpdir(), "trib-docs-"));
  symlinkSync(join(ROOT, "node_modules"), join(cwd, "node_modules"));
  copyFixtures(template, cwd);
  writeFileSync(join(cwd, "block.mts"), source);
  return new Promise((resolve) => {
    execFile(
      TSX,
      [join(cwd, "block.mts")],
      { cwd, maxBuffer: 1 << 26, timeout: 180_000, env: { ...process.env, TZ: "UTC" } },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : Number((error as { code?: number }).code ?? 1),
          output: `${stdout}\n${stderr}\n--- module\n${source}`,
        }),
    );
  });
}

let template = "";
beforeAll(async () => {
  template = await buildFixtures();
});

describe("documentation code blocks", () => {
  it("every block runs or carries a marker with a reason", () => {
    const unmarked = FILES.flatMap(blocksOf).filter(
      (b) =>
        b.lang !== "ts" &&
        !(b.marker?.startsWith("not run:") === true && b.marker.length > "not run:".length + 3),
    );
    expect(unmarked.map((b) => `${b.file}:${b.line} (${b.lang || "no language"})`)).toEqual([]);
    const badMarkers = FILES.flatMap(blocksOf).filter(
      (b) =>
        b.marker !== undefined &&
        b.marker !== "run: continues" &&
        !/^not run: \S.{3,}/.test(b.marker),
    );
    expect(badMarkers.map((b) => `${b.file}:${b.line}: ${b.marker}`)).toEqual([]);
  });

  it.each(units().map((u) => [u.name, u] as const))(
    "%s",
    async (_name, unit) => {
      const { code, output } = await runModule(moduleOf(unit.blocks));
      expect(code, output).toBe(0);
    },
    240_000,
  );
});
