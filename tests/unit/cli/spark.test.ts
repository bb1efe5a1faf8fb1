import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { submitServerCommand } from "../../../src/engine/spark-connect/deploy.js";
import { runCli } from "../../helpers/cli.js";

const run = (...argv: string[]) => runCli(argv);

function defaults(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), "trib-submit-")), "spark-defaults.conf");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

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
      "spark-submit",
      "--master yarn",
      "--deploy-mode client",
      "--class org.apache.spark.sql.connect.service.SparkConnectServer",
      "--name tributary-spark-connect",
      "--packages io.delta:delta-spark_2.13:4.0.1",
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
      "io.delta:delta-spark_2.12:3.3.2,org.apache.spark:spark-connect_2.12:3.5.3",
    );
    // A user's extensions keep Delta's in front.
    expect(argv).toContain(
      "spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension,com.example.Ext",
    );
    expect(argv).toContain("spark.connect.grpc.binding.port=16000");
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
});
