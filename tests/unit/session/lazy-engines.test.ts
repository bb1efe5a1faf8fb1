/**
 * Engines are imported when a session picks one: a Spark session must not load DuckDB's
 * native module. Each case runs in a fresh Node process with a module-resolution hook that
 * records every specifier resolved; the embedded case proves the hook sees DuckDB at all.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../../..");
const INDEX = pathToFileURL(join(ROOT, "src", "index.ts")).href;

// Runs in the loader thread: appends each resolved specifier to the file in HOOK_OUT.
const HOOKS = `
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.HOOK_OUT, specifier + "\\n");
  return resolved;
}`;
const REGISTER = `import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent(${JSON.stringify(HOOKS)}));
`;

/** The specifiers a child process resolved while running `body` (an ES module in TypeScript). */
async function resolvedBy(body: string): Promise<{ specifiers: string[]; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), "trib-lazy-"));
  const hook = join(dir, "hook.mjs");
  const script = join(dir, "child.mts");
  const out = join(dir, "resolved.txt");
  writeFileSync(hook, REGISTER);
  writeFileSync(
    script,
    `const { SparkSession } = await import(${JSON.stringify(INDEX)});\n${body}`,
  );
  writeFileSync(out, "");
  const stdout = await new Promise<string>((done, fail) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "--import", pathToFileURL(hook).href, script],
      { cwd: ROOT, env: { ...process.env, HOOK_OUT: out }, timeout: 60_000 },
      (error, text, stderr) =>
        error ? fail(new Error(`${error.message}\n${stderr}`)) : done(text),
    );
  });
  return { specifiers: readFileSync(out, "utf8").split("\n"), stdout };
}

describe("engines are imported lazily", () => {
  it("a Spark session never loads @duckdb/node-api; an embedded one does", async () => {
    // No server listens on port 9: the session fails to connect, after its engine was chosen.
    const spark = await resolvedBy(`
const outcome = await SparkSession.builder().remote("sc://127.0.0.1:9").getOrCreate()
  .then(() => "connected", (e: { code?: string }) => e.code);
console.log(outcome);
process.exit(0);
`);
    expect(spark.stdout.trim()).toBe("SPARK_CONNECT_UNAVAILABLE");
    expect(spark.specifiers).toContain("../engine/spark-connect/engine.js");
    expect(spark.specifiers).not.toContain("@duckdb/node-api");

    const local = await resolvedBy(`
const session = await SparkSession.builder().master("local[1]").getOrCreate();
console.log(String((await session.range(3).count())));
await session.stop();
`);
    expect(local.stdout.trim()).toBe("3");
    expect(local.specifiers).toContain("@duckdb/node-api");
  }, 120_000);
});
