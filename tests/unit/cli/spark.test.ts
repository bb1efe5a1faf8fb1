import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { submitServerCommand } from "../../../src/engine/spark-connect/deploy.js";
import { runCli } from "../../helpers/cli.js";

const run = (...argv: string[]) => runCli(argv);

function defaults(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), "trib-submit-")), "spark-defaults.conf");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

// A generated server token goes to TRIBUTARY_SPARK_HOME: a fresh folder per test, never ~.
let state = "";
const saved = {
  home: process.env.TRIBUTARY_SPARK_HOME,
  token: process.env.SPARK_CONNECT_AUTHENTICATE_TOKEN,
};
beforeEach(() => {
  state = mkdtempSync(join(tmpdir(), "trib-state-"));
  process.env.TRIBUTARY_SPARK_HOME = state;
  delete process.env.SPARK_CONNECT_AUTHENTICATE_TOKEN;
});
afterEach(() => {
  for (const [name, value] of [
    ["TRIBUTARY_SPARK_HOME", saved.home],
    ["SPARK_CONNECT_AUTHENTICATE_TOKEN", saved.token],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("tributary spark submit-server", () => {
  it("prints the seed's YARN deployment with the settings of spark-defaults.conf", async () => {
    const file = defaults([
      "spark.master                     yarn",
      "spark.executor.memory            4g",
      "spark.executor.cores             2",
      "spark.executor.instances         10",
      "spark.serializer                 org.apache.spark.serializer.KryoSerializer",
      "spark.hadoop.fs.s3a.secret.key   hunter2",
    ]);
    const r = await run(
      "spark",
      "submit-server",
      "--master",
      "yarn",
      "--properties-file",
      file,
      "--print",
    );
    expect(r.code).toBe(0);
    const lines = r.out.trim().split(" \\\n  ");
    expect(lines).toEqual([
      // The generated token is read from its file, never printed inline.
      `SPARK_CONNECT_AUTHENTICATE_TOKEN="$(cat ${join(state, "connect-token")})" \\\nspark-submit`,
      "--master yarn",
      "--deploy-mode client",
      "--class org.apache.spark.sql.connect.service.SparkConnectServer",
      "--name tributary-spark-connect",
      "--packages io.delta:delta-spark_2.13:4.0.1,org.apache.hadoop:hadoop-aws:3.4.1,software.amazon.awssdk:s3:2.24.8,software.amazon.awssdk:s3-transfer-manager:2.24.8,software.amazon.awssdk:sts:2.24.8",
      "--exclude-packages software.amazon.awssdk:bundle",
      "--conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension",
      "--conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog",
      "--executor-memory 4g",
      "--executor-cores 2",
      "--num-executors 10",
      "--conf spark.serializer=org.apache.spark.serializer.KryoSerializer",
      "--conf 'spark.hadoop.fs.s3a.secret.key=*********(redacted)'",
      "--conf spark.connect.grpc.binding.port=15002",
    ]);
    expect(r.out).not.toContain("hunter2");
  });

  it("keeps the secret for running, only the printed form is redacted", () => {
    const cmd = submitServerCommand({
      master: "spark://m:7077",
      conf: new Map([["spark.authenticate.secret", "s3cr3t"]]),
    });
    expect(cmd.argv).toContain("spark.authenticate.secret=s3cr3t");
    expect(cmd.printable).not.toContain("spark.authenticate.secret=s3cr3t");
    expect(cmd.printable).toContain("spark.authenticate.secret=*********(redacted)");
  });

  it("targets Kubernetes and Spark 3.5 with the matching Delta and Connect packages, as JSON", async () => {
    const r = await run(
      "spark",
      "submit-server",
      "--master",
      "k8s://https://api:6443",
      "--deploy-mode",
      "cluster",
      "--spark-version",
      "3.5.3",
      "--port",
      "16000",
      "--conf",
      "spark.sql.extensions=com.example.Ext",
      "--print",
      "--json",
    );
    expect(r.code).toBe(0);
    const argv = JSON.parse(r.out) as string[];
    expect(argv.slice(0, 5)).toEqual([
      "spark-submit",
      "--master",
      "k8s://https://api:6443",
      "--deploy-mode",
      "cluster",
    ]);
    expect(argv).toContain(
      "io.delta:delta-spark_2.12:3.3.2,org.apache.spark:spark-connect_2.12:3.5.3,org.apache.hadoop:hadoop-aws:3.3.4",
    );
    expect(argv).not.toContain("--exclude-packages");
    // A user's extensions keep Delta's in front.
    expect(argv).toContain(
      "spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension,com.example.Ext",
    );
    expect(argv).toContain("spark.connect.grpc.binding.port=16000");
  });

  it("attaches hadoop-aws and the SDK modules scripts/spark/versions.env pins for a local server", () => {
    const env = readFileSync(
      join(import.meta.dirname, "../../../scripts/spark/versions.env"),
      "utf8",
    );
    const pin = (name: string) => new RegExp(`^${name}=(\\S+)$`, "m").exec(env)?.[1];
    const argv = submitServerCommand({ master: "yarn", conf: new Map() }).argv;
    const packages = argv[argv.indexOf("--packages") + 1]?.split(",") ?? [];
    expect(packages).toContain(`org.apache.hadoop:hadoop-aws:${pin("HADOOP_AWS_VERSION")}`);
    for (const module of ["s3", "s3-transfer-manager", "sts"])
      expect(packages).toContain(`software.amazon.awssdk:${module}:${pin("AWS_SDK_VERSION")}`);
  });

  it("moves secrets off the command line into the properties file it names", () => {
    const cmd = submitServerCommand({
      master: "yarn",
      conf: new Map([
        ["spark.hadoop.fs.s3a.access.key", "AKIA123"],
        ["spark.hadoop.fs.s3a.secret.key", "wJal\\rX"],
        ["spark.hadoop.fs.s3a.endpoint", "http://minio:9000"],
      ]),
      secretsPath: "/state/submit.conf",
    });
    expect(cmd.argv.join(" ")).not.toMatch(/AKIA123|wJal/);
    expect(cmd.argv).toContain("spark.hadoop.fs.s3a.endpoint=http://minio:9000");
    expect(cmd.argv.slice(-2)).toEqual(["--properties-file", "/state/submit.conf"]);
    // Java properties: a backslash is an escape, so a literal one is doubled.
    expect(cmd.secretsFile).toBe(
      "spark.hadoop.fs.s3a.access.key=AKIA123\nspark.hadoop.fs.s3a.secret.key=wJal\\\\rX\n",
    );
    const none = submitServerCommand({ master: "yarn", conf: new Map(), secretsPath: "/s.conf" });
    expect(none.argv).not.toContain("--properties-file");
    expect(none.secretsFile).toBe("");
  });

  it("uses local jars instead of Maven when given", () => {
    const cmd = submitServerCommand({
      master: "yarn",
      conf: new Map(),
      jars: ["/opt/delta.jar", "/opt/storage.jar"],
    });
    expect(cmd.argv).toContain("/opt/delta.jar,/opt/storage.jar");
    expect(cmd.argv).not.toContain("--packages");
  });

  it("rejects what it cannot deploy with exit code 2 and a hint", async () => {
    for (const args of [
      ["--master", "mesos://m:5050"],
      ["--master", "yarn", "--spark-version", "2.4.8"],
      ["--master", "yarn", "--port", "99999"],
      ["--master", "yarn", "--deploy-mode", "remote"],
      ["--master", "yarn", "--properties-file", "/nonexistent/spark-defaults.conf"],
    ]) {
      const r = await run("spark", "submit-server", ...args, "--print");
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(/^error \[[A-Z_]+\]: /);
    }
  });

  it("fails clearly when spark-submit cannot be found", async () => {
    const r = await run(
      "spark",
      "submit-server",
      "--master",
      "local[1]",
      "--spark-submit",
      "/nonexistent/spark-submit",
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("Cannot run /nonexistent/spark-submit");
    expect(r.err).toContain("--spark-submit");
  });

  it("generates a token once (mode 600), prints its connection string once, and reuses it", async () => {
    const first = await run("spark", "submit-server", "--master", "yarn", "--print");
    expect(first.code).toBe(0);
    const file = join(state, "connect-token");
    const token = readFileSync(file, "utf8");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.err).toMatch(new RegExp(`\\nsc://[^\\s]+:15002/;token=${token}\\n`));
    expect(first.out).not.toContain(token);
    const second = await run("spark", "submit-server", "--master", "yarn", "--print");
    expect(readFileSync(file, "utf8")).toBe(token);
    expect(second.err).toContain(`the server demands the token stored in ${file}`);
    expect(second.err + second.out).not.toContain(token);
  });

  it("uses SPARK_CONNECT_AUTHENTICATE_TOKEN when set, and passes a token in cluster mode", async () => {
    process.env.SPARK_CONNECT_AUTHENTICATE_TOKEN = "given-token-1234";
    const r = await run(
      "spark",
      "submit-server",
      "--master",
      "yarn",
      "--deploy-mode",
      "cluster",
      "--print",
      "--json",
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toContain("spark.connect.authenticate.token=*********(redacted)");
    expect(r.out + r.err).not.toContain("given-token-1234");
  });

  it("starts without a token only with --insecure, and says so", async () => {
    const r = await run("spark", "submit-server", "--master", "yarn", "--print", "--insecure");
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("SPARK_CONNECT_AUTHENTICATE_TOKEN");
    expect(r.err).toContain("--insecure: the server accepts any client that reaches its port");
  });
});
