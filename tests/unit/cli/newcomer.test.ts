/**
 * The CLI as a newcomer meets it: formats detected from the files, one JSON document for
 * `--json`, strict flags, and every mistake answered with `error [CODE]: ...` plus a hint
 * and exit 2 (never a stack, never a native crash). Expected rows are PySpark 4.0.1's
 * (header + inferSchema for CSV, multiLine for a JSON array).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SparkSession } from "../../../src/index.js";
import { runCli, spawnCli } from "../../helpers/cli.js";

const run = (...argv: string[]) => runCli(argv);
const ROOT = join(import.meta.dirname, "..", "..", "..");

function data() {
  const dir = mkdtempSync(join(tmpdir(), "trib-newcomer-"));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  return {
    dir,
    write,
    csv: write("orders.csv", "id,name,amount\n1,a,2.5\n2,b,\n"),
    tsv: write("pairs.tsv", "a\tb\n1\tx\n"),
    jsonArray: write("array.json", '[{"x":1,"y":"p"},{"x":2}]'),
    jsonLines: write("lines.jsonl", '{"x":1}\n{"x":2,"y":"q"}\n'),
  };
}

const ORDERS = [
  { id: 1, name: "a", amount: 2.5 },
  { id: 2, name: "b", amount: null },
];

/** The error text main prints: code, message, then the hint line. */
const ERROR = /^error \[[A-Z_]+\]: .+\nhint: .+\n$/;

describe("show and validate detect the format", () => {
  it("reads CSV (header, inferred types), TSV, JSON arrays and JSON Lines by content and extension", async () => {
    const d = data();
    expect(JSON.parse((await run("show", d.csv, "--json")).out)).toEqual(ORDERS);
    expect((await run("show", d.csv)).out).toBe(
      "+---+----+------+\n| id|name|amount|\n+---+----+------+\n|  1|   a|   2.5|\n|  2|   b|  NULL|\n+---+----+------+\n",
    );
    expect(JSON.parse((await run("show", d.tsv, "--json")).out)).toEqual([{ a: 1, b: "x" }]);
    expect(JSON.parse((await run("show", d.jsonArray, "--json")).out)).toEqual([
      { x: 1, y: "p" },
      { x: 2, y: null },
    ]);
    expect(JSON.parse((await run("show", d.jsonLines, "--json")).out)).toEqual([
      { x: 1, y: null },
      { x: 2, y: "q" },
    ]);
    // No extension: the content decides.
    const bare = d.write("orders", "id,name\n7,z\n");
    expect(JSON.parse((await run("show", bare, "--json")).out)).toEqual([{ id: 7, name: "z" }]);
    // --option overrides the CSV defaults.
    const raw = await run("show", d.csv, "--json", "--option", "header=false");
    expect(JSON.parse(raw.out)[0]).toEqual({ _c0: "id", _c1: "name", _c2: "amount" });
  });

  it("reads Parquet by its magic bytes, and directories and globs from their data files", async () => {
    const d = data();
    const spark = await SparkSession.builder().master("local[1]").getOrCreate();
    const parquet = join(d.dir, "pq");
    try {
      await spark.read
        .format("csv")
        .option("header", true)
        .option("inferSchema", true)
        .load(d.csv)
        .write.format("parquet")
        .save(parquet);
    } finally {
      await spark.stop();
    }
    expect(JSON.parse((await run("show", parquet, "--json")).out)).toEqual(ORDERS);
    const parts = join(d.dir, "parts");
    mkdirSync(parts);
    writeFileSync(join(parts, "_SUCCESS"), "");
    writeFileSync(join(parts, "p1.csv"), "id\n1\n");
    writeFileSync(join(parts, "p2.csv"), "id\n2\n");
    const ids = (out: string) => (JSON.parse(out) as { id: number }[]).map((r) => r.id).sort();
    expect(ids((await run("show", parts, "--json")).out)).toEqual([1, 2]);
    expect(ids((await run("show", join(parts, "*.csv"), "--json")).out)).toEqual([1, 2]);
    writeFileSync(join(parts, "p3.json"), '{"id":3}\n');
    const mixed = await run("show", parts);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(/^error \[CLI_MIXED_FORMATS\]: .* \(csv, json\)\.\nhint: /);
  });

  it("validates a CSV without --format", async () => {
    const d = data();
    const suite = d.write(
      "suite.json",
      JSON.stringify({
        name: "orders",
        expectations: [{ type: "expect_column_values_to_not_be_null", kwargs: { column: "id" } }],
      }),
    );
    const ok = await run("validate", d.csv, "--suite", suite);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^PASSED orders on .*: 1\/1 expectations/);
  });

  it("never dies natively on a file read as the wrong format, even under load", async () => {
    const d = data();
    const once = () => spawnCli(["show", d.csv, "--format", "parquet"]);
    // Before the fix, 4 such processes side by side died with SIGSEGV/SIGABRT most times.
    const runs = await Promise.all(Array.from({ length: 4 }, once));
    for (const r of runs) {
      expect(r.signal).toBe(null);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        /^error \[FAILED_READ_FILE\]: Cannot read Parquet file .*No magic bytes/,
      );
    }
  }, 120_000);
});

describe("mistakes are coded errors with a hint, exit 2", () => {
  it("names a missing path, a missing suite and a file that is not a suite", async () => {
    const d = data();
    const cases: [string[], string][] = [
      [["show", join(d.dir, "nope.csv")], "CLI_PATH_NOT_FOUND"],
      [["show", join(d.dir, "*.parquet")], "CLI_PATH_NOT_FOUND"],
      [["validate", d.csv, "--suite", join(d.dir, "missing.json")], "CLI_PATH_NOT_FOUND"],
      [["validate", d.csv, "--suite", d.csv], "QUALITY_INVALID_SUITE"],
      [["validate", d.csv, "--suite", d.dir], "CLI_INVALID_SUITE"],
      [["show", d.csv, "--properties-file", join(d.dir, "none.conf")], "CLI_PATH_NOT_FOUND"],
      [["show", d.csv, "--conf", "spark.sql.shuffle.partitions"], "CONFIG_CONF_WITHOUT_EQUALS"],
      [["init", join(d.csv, "project")], "CLI_PATH_NOT_A_DIRECTORY"],
      [["delta", "history", d.csv], "CLI_PATH_NOT_A_DIRECTORY"],
      [["health", d.csv], "CLI_PATH_NOT_A_DIRECTORY"],
      [["validate", d.csv, "--suite", d.csv, "--result-format", "ALL"], "CLI_INVALID_FLAG"],
      [["run", join(d.dir, "missing.ts")], "CLI_PATH_NOT_FOUND"],
    ];
    for (const [argv, code] of cases) {
      const r = await run(...argv);
      expect({ argv, code: r.code, err: r.err }).toMatchObject({
        code: 2,
        err: expect.stringMatching(ERROR),
      });
      expect(r.err.startsWith(`error [${code}]: `), `${argv.join(" ")}: ${r.err}`).toBe(true);
    }
  });

  it("reports a pipeline that does not compile, raises, or exports nothing and runs nothing", {
    timeout: 120_000,
  }, async () => {
    const d = data();
    // A real process: pipelines load through tsx and Node's loader, not the test runner's.
    const [syntax, boom, nothing] = await Promise.all([
      spawnCli(["run", d.write("syntax.ts", "const a = ;\nexport {};\n")]),
      spawnCli(["run", d.write("boom.ts", 'throw new Error("boom");\nexport {};\n')]),
      spawnCli(["run", d.write("nothing.ts", "export const x = 1;\n")]),
    ]);
    expect(syntax.err).toMatch(
      /^error \[CLI_PIPELINE_SYNTAX\]: .*syntax\.ts does not compile: line 1, column 10: Unexpected ";"\nhint: /,
    );
    expect(boom.err).toMatch(
      /^error \[CLI_PIPELINE_FAILED\]: .*boom\.ts failed while loading: boom\nhint: .* at .*boom\.ts:1:7;/,
    );
    expect(nothing.err).toMatch(/^error \[CLI_NO_PIPELINE\]: .*started no Spark session/);
    for (const r of [syntax, boom, nothing]) expect(r.code).toBe(2);
  });

  it("runs a file outside any project that imports 'tributary-etl'", {
    timeout: 120_000,
  }, async () => {
    const d = data();
    const out = join(d.dir, "count.txt");
    const file = d.write(
      "script.ts",
      `import { writeFileSync } from "node:fs";
import { SparkSession } from "tributary-etl";
const spark = await SparkSession.builder().getOrCreate();
writeFileSync(${JSON.stringify(out)}, String(await spark.range(5).count()));
await spark.stop();
`,
    );
    const r = await spawnCli(["run", file], { cwd: d.dir });
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(readFileSync(out, "utf8")).toBe("5");
  });
});

describe("flags", () => {
  it("parses numbers strictly and names the flag and the value", async () => {
    const d = data();
    for (const limit of ["abc", "1e3", "12abc", "2.9", "-1", "-5", ""]) {
      const r = await run("show", d.csv, "--limit", limit);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--limit must be a whole number of at least 0, got '${limit}'.`);
    }
    const zero = await run("show", d.csv, "--limit", "1");
    expect(zero.out).toContain("only showing top 1 row\n");
    expect((await run("health", d.dir, "--warn-after", "soon")).err).toMatch(
      /^error \[CLI_INVALID_FLAG\]: --warn-after must be a duration such as 30m, 2h or 1d, got 'soon'\./,
    );
    expect((await run("spark", "start-local", "--port", "70000", "--print")).err).toMatch(
      /--port must be a whole number from 1 to 65535, got '70000'/,
    );
  });

  it("takes --conf and --properties-file on every command", async () => {
    const leaves: string[][] = [];
    const commands = (help: string) =>
      [...(help.split("Commands:")[1] ?? "").matchAll(/^ {2}([a-z][a-z-]*)/gm)]
        .map((m) => m[1] ?? "")
        .filter((c) => c !== "help");
    for (const c of commands((await run("--help")).out)) {
      const subs = commands((await run(c, "--help")).out);
      if (subs.length === 0) leaves.push([c]);
      else for (const s of subs) leaves.push([c, s]);
    }
    expect(leaves.length).toBeGreaterThan(10);
    for (const leaf of leaves) {
      const help = (await run(...leaf, "--help")).out;
      expect(help, leaf.join(" ")).toContain("--conf <key=value>");
      expect(help, leaf.join(" ")).toContain("--properties-file <file>");
    }
  });

  it("init writes --conf settings into the project's spark-defaults.conf", async () => {
    const d = data();
    const base = d.write("base.conf", "spark.master local[2]\n");
    const project = join(d.dir, "project");
    const r = await run(
      "init",
      project,
      "--properties-file",
      base,
      "--conf",
      "spark.sql.shuffle.partitions=4",
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(project, "config/spark-defaults.conf"), "utf8")).toBe(
      "spark.master local[2]\n\n# Added by tributary init --conf\nspark.sql.shuffle.partitions 4\n",
    );
  });

  it("spark start-local --print shows the command, like submit-server --print", async () => {
    const r = await run(
      "spark",
      "start-local",
      "--print",
      "--port",
      "15099",
      "--conf",
      "spark.x=1",
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      `env SPARK_CONNECT_PORT=15099 TRIBUTARY_SPARK_CONF=spark.x=1 bash ${join(ROOT, "scripts/spark/start-server.sh")}\n`,
    );
    const secret = await run(
      "spark",
      "start-local",
      "--print",
      "--conf",
      "spark.hadoop.fs.s3a.secret.key=hunter2",
    );
    expect(secret.out).toContain("spark.hadoop.fs.s3a.secret.key=*********(redacted)");
    expect(secret.out).not.toContain("hunter2");
    const json = await run("spark", "start-local", "--print", "--json");
    expect(JSON.parse(json.out)).toEqual(["bash", join(ROOT, "scripts/spark/start-server.sh")]);
    expect((await run("spark", "start-local", "--json")).err).toMatch(/--json needs --print/);
  });
});
