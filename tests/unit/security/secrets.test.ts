/**
 * No secret reaches anything we print or write. A distinct sentinel secret is planted in
 * every config source (spark-defaults.conf with fs.s3a keys, metrics.properties' pushgateway
 * URL, the environment, a Spark Connect URL, pipeline options and log lines, --conf) and the
 * commands run as a user runs them (separate processes, so direct writes to stdout/stderr
 * count too): run, health, validate, show, delta history, spark submit-server --print, in
 * plain and --json output. Every output, the log file, the HTML report and every file of
 * every Delta table written (commits included) is then searched for each sentinel.
 */
import { execFile } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const CLI = join(ROOT, "tests", "helpers", "cli-main.ts");

const SECRETS = {
  s3aSecret: "SNTL-defaults-s3a-secret-4f9a",
  s3aAccess: "SNTL-defaults-s3a-access-8c2e",
  authSecret: "SNTL-defaults-auth-secret-1d7b",
  pushgatewayPassword: "SNTL-metrics-pushgw-pw-3e6c",
  envAws: "SNTL-env-aws-secret-9a1f",
  envToken: "SNTL-env-connect-token-5b8d",
  envDb: "SNTL-env-db-password-7c3a",
  urlPassword: "SNTL-url-password-2f4e",
  urlToken: "SNTL-url-token-6a9c",
  pipelineOption: "SNTL-pipeline-option-0b5d",
  pipelineLog: "SNTL-pipeline-log-4c1e",
  cliConf: "SNTL-cli-conf-token-8e2f",
  cliSsl: "SNTL-cli-ssl-password-1a6b",
} as const;

interface Output {
  readonly what: string;
  readonly text: string;
}

function cli(
  what: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<Output> {
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { env, cwd, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : (error as { code?: number }).code;
      resolve({ what, text: `exit ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}` });
    });
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function setUp(): { work: string; env: NodeJS.ProcessEnv } {
  const work = mkdtempSync(join(tmpdir(), "trib-secrets-"));
  const conf = join(work, "conf");
  mkdirSync(conf);
  writeFileSync(
    join(conf, "spark-defaults.conf"),
    [
      `spark.hadoop.fs.s3a.secret.key ${SECRETS.s3aSecret}`,
      `spark.hadoop.fs.s3a.access.key ${SECRETS.s3aAccess}`,
      `spark.authenticate.secret ${SECRETS.authSecret}`,
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(conf, "log4j.properties"),
    [
      "log4j.rootCategory=INFO, file",
      "log4j.appender.file=org.apache.log4j.FileAppender",
      `log4j.appender.file.File=${join(work, "logs", "app.log")}`,
      "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
      "log4j.appender.file.layout.ConversionPattern=%p %c: %m%n",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(work, "metrics.properties"),
    [
      "*.sink.pg.class=tributary.PushGatewaySink",
      // Port 9 (discard) refuses the push: the warning names the sink's URL.
      `*.sink.pg.address=http://ops:${SECRETS.pushgatewayPassword}@127.0.0.1:9/`,
      "*.sink.pg.job=orders",
      "",
    ].join("\n"),
  );
  writeFileSync(join(work, "orders.csv"), "id,status,amount\n1,paid,10\n2,lost,20\n3,paid,x\n");
  writeFileSync(
    join(work, "suite.json"),
    JSON.stringify({
      name: "orders",
      expectations: [
        {
          type: "expect_column_values_to_be_in_set",
          kwargs: { column: "status", value_set: ["paid"] },
        },
      ],
    }),
  );
  writeFileSync(
    join(work, "pipeline.ts"),
    `import { definePipeline, getLogger, suite } from ${JSON.stringify(join(ROOT, "src", "index.js"))};
export default definePipeline({
  name: "orders",
  source: {
    format: "csv",
    path: ${JSON.stringify(join(work, "orders.csv"))},
    schema: "id BIGINT, status STRING, amount BIGINT",
    options: { header: true, "fs.s3a.secret.key": ${JSON.stringify(SECRETS.pipelineOption)} },
  },
  transform: (df) => {
    getLogger("orders").info("connecting with password=${SECRETS.pipelineLog}");
    return df;
  },
  quality: { suite: suite("s").expectColumnValuesToBeInSet("status", ["paid"]), action: "warn" },
  metricsProperties: ${JSON.stringify(join(work, "metrics.properties"))},
  sink: { path: ${JSON.stringify(join(work, "lake", "orders"))} },
});
`,
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SPARK_CONF_DIR: conf,
    AWS_SECRET_ACCESS_KEY: SECRETS.envAws,
    SPARK_CONNECT_AUTHENTICATE_TOKEN: SECRETS.envToken,
    MY_DB_PASSWORD: SECRETS.envDb,
    TRIBUTARY_SPARK_HOME: join(work, "state"),
  };
  delete env.SPARK_REMOTE;
  return { work, env };
}

describe("secrets never reach output or files", () => {
  it("hides every planted secret in every command's output, logs, reports and tables", async () => {
    const { work, env } = setUp();
    const table = join(work, "lake", "orders");
    const conf = ["--conf", `spark.hadoop.fs.s3a.session.token=${SECRETS.cliConf}`];
    const outputs: Output[] = [];
    const run = async (what: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
      outputs.push(await cli(what, args, { ...env, ...extraEnv }, work));
    };
    await run("run", ["run", join(work, "pipeline.ts"), ...conf]);
    await run("run --json", ["run", join(work, "pipeline.ts"), "--json", ...conf]);
    await run("health --metrics", ["health", table, "--metrics", join(work, "metrics.properties")]);
    await run("health --json", ["health", table, "--json"]);
    await run("validate", [
      "validate",
      join(work, "orders.csv"),
      "--format",
      "csv",
      "--suite",
      join(work, "suite.json"),
      "--option",
      `fs.s3a.secret.key=${SECRETS.pipelineOption}`,
      "--report",
      join(work, "report.html"),
    ]);
    await run("validate --json", [
      "validate",
      table,
      "--suite",
      join(work, "suite.json"),
      "--json",
    ]);
    await run("show", ["show", table]);
    await run("show --json", ["show", table, "--json"]);
    await run("delta history", ["delta", "history", table]);
    await run("delta history --json", ["delta", "history", table, "--json"]);
    const submit = ["spark", "submit-server", "--master", "yarn", "--print"];
    const ssl = ["--conf", `spark.ssl.keyPassword=${SECRETS.cliSsl}`];
    await run("submit-server --print", [...submit, ...ssl, ...conf]);
    await run("submit-server --print --json", [...submit, "--json", ...ssl]);
    // An invalid Spark Connect URL: its error quotes the URL's parts.
    await run("show with a bad sc:// URL", ["show", table], {
      SPARK_REMOTE: `sc://user:${SECRETS.urlPassword}@spark.example.com:x/;token=${SECRETS.urlToken}`,
    });
    await run("show with a token URL", ["show", table], {
      SPARK_REMOTE: `sc://127.0.0.1:9/;token=${SECRETS.urlToken}`,
    });

    const written = filesUnder(work)
      .filter((f) => !/(conf|metrics\.properties|pipeline\.ts|\.mts)$/.test(f))
      .filter((f) => !f.startsWith(join(work, "conf")))
      .map((f) => ({ what: f, text: readFileSync(f).toString("latin1") }));
    // The commands did run: a table, its run log, the report and the log file exist.
    const names = written.map((w) => w.what);
    expect(names.some((n) => n.includes(join("lake", "orders", "_delta_log")))).toBe(true);
    expect(names.some((n) => n.includes(join("lake", "_runs", "_delta_log")))).toBe(true);
    expect(names).toContain(join(work, "report.html"));
    expect(names).toContain(join(work, "logs", "app.log"));
    const all = [...outputs, ...written];
    expect(outputs.find((o) => o.what === "run")?.text).toContain("succeeded");
    expect(outputs.find((o) => o.what === "health --metrics")?.text).toContain("Pushgateway sink");
    expect(outputs.find((o) => o.what === "show with a bad sc:// URL")?.text).toContain(
      "SPARK_CONNECT_INVALID_URL",
    );
    expect(readFileSync(join(work, "logs", "app.log"), "utf8")).toContain(
      "connecting with password=*********(redacted)",
    );

    const leaks = all.flatMap((o) =>
      Object.entries(SECRETS)
        .filter(([, secret]) => o.text.includes(secret))
        .map(([source]) => `${source} in ${o.what}`),
    );
    expect(leaks).toEqual([]);
    expect(all.filter((o) => o.text.includes("SNTL-")).map((o) => o.what)).toEqual([]);
  }, 600_000);
});
