import { afterEach, describe, expect, it } from "vitest";
import {
  compilePattern,
  configureLogging,
  getLogger,
  jsonLayout,
  LogContext,
  MemoryAppender,
  redactingWriter,
  redactSecrets,
  registerSecret,
  registerSecretsFrom,
  registerSecretsFromEnv,
  resetLogging,
} from "../../../src/logging/index.js";

const R = "*********(redacted)";
afterEach(() => resetLogging());

describe("redactSecrets", () => {
  it.each([
    ["password=hunter2 user=bob", `password=${R} user=bob`],
    [
      "spark.hadoop.fs.s3a.access.key=AKIAXYZ, region=eu",
      `spark.hadoop.fs.s3a.access.key=${R} region=eu`,
    ],
    ["spark.hadoop.fs.s3a.secret.key : wJalr/XUtn+FEMI", `spark.hadoop.fs.s3a.secret.key : ${R}`],
    ["AWS_SECRET_ACCESS_KEY=abc123", `AWS_SECRET_ACCESS_KEY=${R}`],
    ["token: ghp_abc", `token: ${R}`],
    [
      "Map(spark.ssl.keyPassword -> s3cr3t, spark.master -> local)",
      `Map(spark.ssl.keyPassword -> ${R} spark.master -> local)`,
    ],
    ['{"password": "p w", "user": "bob"}', `{"password": "${R}", "user": "bob"}`],
    ["secret='a b c' done", `secret='${R}' done`],
    [
      "connect sc://host:15002/;token=abc123;user_id=me",
      `connect sc://host:15002/;token=${R};user_id=me`,
    ],
    ["Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x", `Authorization: Bearer ${R}`],
    ["header authorization=Basic dXNlcjpwdw==", `header authorization=Basic ${R}`],
    ["sent Bearer abc.def-ghi to the server", `sent Bearer ${R} to the server`],
    ["jdbc postgres://me:pw@db:5432/x failed", `jdbc postgres://me:${R}@db:5432/x failed`],
    ["a=token=xyz", `a=token=${R}`],
    [
      "java -Dspark.ssl.keyPassword=pw1 -jar app.jar",
      `java -Dspark.ssl.keyPassword=${R} -jar app.jar`,
    ],
    ["api_key=k1 privateKey=k2 credentials=k3", `api_key=${R} privateKey=${R} credentials=${R}`],
  ])("%s", (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it.each([
    "Reading 3 files from s3a://bucket/data at 09:05:03",
    "TokenError: unexpected end of input",
    "spark.master=local[4] spark.app.name=demo",
    "at run (file:///app/secret-handler.js:10:5)",
  ])("leaves %s alone", (input) => {
    expect(redactSecrets(input)).toBe(input);
  });

  it("hides registered values anywhere, longest first", () => {
    registerSecret("hunter2");
    registerSecret("hunter2-extended");
    expect(redactSecrets("pw hunter2-extended and hunter2")).toBe(`pw ${R} and ${R}`);
  });

  it("remembers a secret seen in context, so a later bare mention is hidden too", () => {
    expect(redactSecrets("sc://me:pw-in-url-1@host")).toBe(`sc://me:${R}@host`);
    expect(redactSecrets("port 'pw-in-url-1@host' is bad")).toBe(`port '${R}@host' is bad`);
    expect(redactSecrets("token=tok-abc-123; later tok-abc-123")).toBe(`token=${R}; later ${R}`);
  });

  it("leaves documentation placeholders alone", () => {
    for (const text of [
      "sc://host:port/;token=...;use_ssl=true",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} placeholder is the case
      "password=<pw> and token=${TOKEN}",
      'SPARK_CONNECT_AUTHENTICATE_TOKEN="$(cat /etc/token)" spark-submit',
    ])
      expect(redactSecrets(text)).toBe(text);
  });

  it("hides an environment's secret variables and credentials inside its values", () => {
    registerSecretsFromEnv({
      AWS_SECRET_ACCESS_KEY: "aws-secret-value",
      SPARK_REMOTE: "sc://h:15002/;token=remote-token-1",
      PUSH_URL: "http://ops:push-pw-1@gw:9091",
      HOME: "/home/me",
      TOKENIZERS_PARALLELISM: "false",
    });
    expect(redactSecrets("aws-secret-value remote-token-1 push-pw-1 /home/me false")).toBe(
      `${R} ${R} ${R} /home/me false`,
    );
  });

  it("redactingWriter redacts every chunk before it is written", () => {
    let out = "";
    const write = redactingWriter((t) => {
      out += t;
    });
    write("password=hunter2\n");
    expect(out).toBe(`password=${R}\n`);
  });

  it("hides a config map's secret values and adopts its spark.redaction.regex", () => {
    registerSecretsFrom(
      new Map([
        ["spark.redaction.regex", "(?i)secret|password|token|access[.]key|pwd"],
        ["spark.authenticate.secret", "s3cr3t-value"],
        ["spark.ssl.enabled", "true"],
        ["spark.db.pwd", "abc"],
        ["spark.master", "local[4]"],
      ]),
    );
    expect(redactSecrets("using s3cr3t-value on local[4]")).toBe(`using ${R} on local[4]`);
    // Too short to hide as free text, but still hidden as a key=value pair with the new regex.
    expect(redactSecrets("abc db.pwd=abc true")).toBe(`abc db.pwd=${R} true`);
  });
});

describe("secrets never reach an appender", () => {
  it("in messages, errors, stacks, causes, MDC and NDC", async () => {
    const mem = new MemoryAppender({
      layout: compilePattern("%m %X{url} %x%n%ex", { timeZone: "UTC" }),
    });
    await configureLogging({
      appenders: [mem],
      secrets: new Map([["spark.hadoop.fs.s3a.secret.key", "wJalrXUtnFEMI"]]),
    });
    registerSecret("runtime-only-token-value");
    await LogContext.run({ url: "sc://h:15002/;token=abc" }, async () => {
      LogContext.push("key wJalrXUtnFEMI");
      const cause = new Error("upstream said password=hunter2");
      getLogger("db").error(
        "failed with wJalrXUtnFEMI and runtime-only-token-value",
        new Error("auth token=ghp_123 rejected", { cause }),
      );
    });
    const text = mem.text();
    for (const secret of [
      "wJalrXUtnFEMI",
      "runtime-only-token-value",
      "abc",
      "ghp_123",
      "hunter2",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain(`failed with ${R} and ${R} sc://h:15002/;token=${R} [key ${R}]`);
    expect(text).toContain(`Error: auth token=${R} rejected`);
    expect(text).toContain(`Caused by: Error: upstream said password=${R}`);
    const error = mem.events[0]?.error;
    expect(error?.message).toBe(`auth token=${R} rejected`);
  });

  it("in JSON lines", async () => {
    const mem = new MemoryAppender({ layout: jsonLayout({ timeZone: "UTC" }) });
    await configureLogging({ appenders: [mem] });
    getLogger("x").warn("Authorization: Bearer abc.def", new Error("password=pw1"));
    const line = JSON.parse(mem.text()) as {
      message: string;
      error: { message: string; stack: string };
    };
    expect(line.message).toBe(`Authorization: Bearer ${R}`);
    expect(line.error.message).toBe(`password=${R}`);
    expect(line.error.stack).not.toContain("pw1");
  });
});
