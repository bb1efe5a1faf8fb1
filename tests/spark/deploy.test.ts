/**
 * The cluster path end to end, on this machine: `tributary spark submit-server` runs the
 * spark-submit that starts a Spark Connect server (master local[1] stands in for YARN; the
 * command line is the same but for --master/--deploy-mode), with settings from a
 * spark-defaults.conf; then `tributary run pipeline.ts --master sc://...` runs a pipeline
 * on it that writes a Delta table, which the embedded engine reads back. The server demands
 * a bearer token, so authentication is tested on the way.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DeltaTable, SparkSession } from "../../src/index.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const STATE = process.env.TRIBUTARY_SPARK_HOME ?? join(ROOT, ".tributary", "spark");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const CLI = join(ROOT, "tests", "helpers", "cli-main.ts");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.connect(port, "127.0.0.1");
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function cli(args: readonly string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(TSX, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  return { child, exited, out: () => out, err: () => err };
}

let server: ChildProcess | undefined;
afterAll(async () => {
  if (server !== undefined && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server?.once("exit", r));
  }
});

describe("tributary spark submit-server + tributary run --master sc://", () => {
  it("starts a Connect server with spark-submit and runs a pipeline on it", async () => {
    const venvPyspark = join(STATE, "venv", "lib");
    const python = readdirSync(venvPyspark).find((d) => d.startsWith("python"));
    const sparkHome = join(venvPyspark, python ?? "", "site-packages", "pyspark");
    const jars = readdirSync(join(STATE, "jars"))
      .filter((j) => j.endsWith(".jar"))
      .map((j) => join(STATE, "jars", j));
    expect(existsSync(join(sparkHome, "bin", "spark-submit"))).toBe(true);

    const work = mkdtempSync(join(tmpdir(), "trib-deploy-"));
    const defaults = join(work, "spark-defaults.conf");
    writeFileSync(
      defaults,
      [
        "spark.master yarn",
        "spark.driver.memory 1g",
        "spark.serializer org.apache.spark.serializer.KryoSerializer",
        "spark.sql.shuffle.partitions 4",
        "spark.hadoop.fs.s3a.secret.key do-not-print-me",
        "",
      ].join("\n"),
    );
    const port = await freePort();
    const token = randomBytes(16).toString("hex");
    const run = cli(
      [
        "spark",
        "submit-server",
        "--master",
        "local[1]",
        "--port",
        String(port),
        "--properties-file",
        defaults,
        "--jars",
        jars.join(","),
        "--spark-submit",
        join(sparkHome, "bin", "spark-submit"),
        "--conf",
        "spark.connect.grpc.binding.address=127.0.0.1",
        "--conf",
        "spark.driver.host=127.0.0.1",
        "--conf",
        "spark.driver.bindAddress=127.0.0.1",
        "--conf",
        "spark.ui.enabled=false",
      ],
      // Spark reads the token from the environment: clients must send it as a bearer token.
      {
        ...process.env,
        SPARK_HOME: sparkHome,
        SPARK_CONF_DIR: work,
        SPARK_CONNECT_AUTHENTICATE_TOKEN: token,
      },
    );
    server = run.child;
    await waitFor(
      "the submitted server",
      async () => {
        if (server?.exitCode !== null) throw new Error(`submit-server exited:\n${run.err()}`);
        return portOpen(port);
      },
      180_000,
    );
    // What was printed names every setting but never the secret.
    expect(run.err()).toContain("--driver-memory 1g");
    expect(run.err()).toContain("spark.serializer=org.apache.spark.serializer.KryoSerializer");
    expect(run.err()).toContain("spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension");
    expect(run.err()).not.toContain("do-not-print-me");
    // Nor is it on the process list: the server got it from a mode-600 properties file.
    const serverArgs = processArgs().filter((args) =>
      args.includes(`spark.connect.grpc.binding.port=${port}`),
    );
    expect(serverArgs.length).toBeGreaterThan(0);
    for (const args of serverArgs) {
      expect(args).toContain("--properties-file");
      expect(args).not.toContain("do-not-print-me");
    }

    const csv = join(work, "in.csv");
    writeFileSync(csv, "id,city,amount\n1,Oslo,10.5\n2,Lima,3\n3,Oslo,-1\n");
    const out = join(work, "out");
    const pipeline = join(work, "pipeline.ts");
    writeFileSync(
      pipeline,
      `import { functions as F, SparkSession } from ${JSON.stringify(join(ROOT, "src", "index.js"))};
const spark = await SparkSession.builder().appName("deploy-test").getOrCreate();
console.log("engine=" + spark.engine.name);
const df = spark.read.option("header", true).option("inferSchema", true).csv(${JSON.stringify(csv)});
await df.filter(F.col("amount").gt(0)).withColumn("city", F.upper(F.col("city")))
  .write.format("delta").partitionBy("city").save(${JSON.stringify(out)});
await spark.stop();
`,
    );
    // A wrong token is refused at once, and never echoed.
    const wrong = await SparkSession.builder()
      .remote(`sc://127.0.0.1:${port}/;token=not-the-token`)
      .create()
      .then(async (s) => {
        await s.stop();
        return undefined;
      })
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: "SPARK_CONNECT_UNAUTHENTICATED" });
    expect(JSON.stringify(wrong)).not.toContain("not-the-token");
    expect((wrong as Error).message).not.toContain("not-the-token");

    const piped = cli(["run", pipeline, "--master", `sc://127.0.0.1:${port}/;token=${token}`]);
    expect(await piped.exited, piped.err()).toBe(0);
    expect(piped.out()).toContain("engine=spark");

    const duck = await SparkSession.builder().master("local[1]").create();
    try {
      const rows = await duck.read.format("delta").load(out).orderBy("id").collect();
      expect(rows).toEqual([
        { id: 1, amount: 10.5, city: "OSLO" },
        { id: 2, amount: 3, city: "LIMA" },
      ]);
    } finally {
      await duck.stop();
    }

    server.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    await waitFor("the server to stop", async () => !(await portOpen(port)), 60_000);
  });
});

/** The command lines of this machine's processes, as `ps` shows them to every user. */
function processArgs(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      out.push(
        readFileSync(join("/proc", pid, "cmdline"), "utf8")
          .split("\0")
          .join(" "),
      );
    } catch {
      // exited while we looked
    }
  }
  return out;
}

/** pyspark's distribution and the Delta jars of the interop venv (scripts/interop). */
function interopSpark(): { sparkHome: string; jars: string[] } {
  const interop = join(ROOT, ".tributary", "interop");
  const lib = join(interop, "venv", "lib");
  const python = readdirSync(lib).find((d) => d.startsWith("python")) ?? "";
  const jarDir = join(interop, "jars");
  return {
    sparkHome: join(lib, python, "site-packages", "pyspark"),
    jars: readdirSync(jarDir)
      .filter((j) => j.endsWith(".jar"))
      .map((j) => join(jarDir, j)),
  };
}

describe("tributary spark submit-server is secure by default", () => {
  it("generates a token (mode 600, printed once) and refuses a client without it", async () => {
    const { sparkHome, jars } = interopSpark();
    const state = mkdtempSync(join(tmpdir(), "trib-token-"));
    const port = Number(process.env.SPARK_CONNECT_PORT ?? (await freePort()));
    const { SPARK_CONNECT_AUTHENTICATE_TOKEN: _none, ...env } = process.env;
    const run = cli(
      [
        "spark",
        "submit-server",
        "--master",
        "local[1]",
        "--port",
        String(port),
        "--jars",
        jars.join(","),
        "--spark-submit",
        join(sparkHome, "bin", "spark-submit"),
        "--conf",
        "spark.driver.host=127.0.0.1",
        "--conf",
        "spark.driver.bindAddress=127.0.0.1",
        "--conf",
        "spark.ui.enabled=false",
        "--conf",
        `spark.sql.warehouse.dir=${join(state, "warehouse")}`,
      ],
      { ...env, SPARK_HOME: sparkHome, TRIBUTARY_SPARK_HOME: state },
    );
    server = run.child;
    await waitFor(
      "the submitted server",
      async () => {
        if (server?.exitCode !== null) throw new Error(`submit-server exited:\n${run.err()}`);
        return portOpen(port);
      },
      480_000,
    );
    const file = join(state, "connect-token");
    const token = readFileSync(file, "utf8");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The connection string is printed once, with the token; nowhere else does it show.
    const printed = run.err().split(token).length - 1;
    expect(printed).toBe(1);
    expect(run.err()).toMatch(new RegExp(`sc://[^\\s]+:${port}/;token=${token}\\n`));
    expect(run.out()).not.toContain(token);

    const refused = await SparkSession.builder()
      .remote(`sc://127.0.0.1:${port}`)
      .create()
      .then(async (s) => {
        await s.stop();
        return undefined;
      })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "SPARK_CONNECT_UNAUTHENTICATED" });

    const spark = await SparkSession.builder()
      .remote(`sc://127.0.0.1:${port}/;token=${token}`)
      .create();
    // Relative paths resolve where the client stands, not in the server's working directory.
    const here = process.cwd();
    const work = mkdtempSync(join(tmpdir(), "trib-relative-"));
    try {
      expect(await spark.range(3).count()).toBe(3);
      process.chdir(work);
      await spark.range(3).write.format("delta").save("lake/t");
      expect(await spark.read.format("delta").load("lake/t").count()).toBe(3);
      expect(await (await (await DeltaTable.forPath(spark, "lake/t")).history()).count()).toBe(1);
    } finally {
      process.chdir(here);
      await spark.stop();
    }
    expect(existsSync(join(work, "lake", "t", "_delta_log", "00000000000000000000.json"))).toBe(
      true,
    );
    expect(existsSync(join(ROOT, "lake"))).toBe(false);
    server.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    await waitFor("the server to stop", async () => !(await portOpen(port)), 60_000);
  }, 600_000);
});
