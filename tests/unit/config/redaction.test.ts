import { describe, expect, it } from "vitest";
import {
  DEFAULT_REDACTION_REGEX,
  isSecretKey,
  javaRegex,
  REDACTION_REPLACEMENT,
  redactConfig,
  redactionPattern,
  redactText,
  redactUrl,
  secretValues,
} from "../../../src/config/index.js";
import { configError } from "./helpers.js";

describe("isSecretKey", () => {
  it.each([
    "spark.authenticate.secret",
    "spark.ssl.keyPassword",
    "spark.ssl.trustStorePassword",
    "spark.hadoop.fs.s3a.access.key",
    "spark.hadoop.fs.s3a.secret.key",
    "spark.hadoop.fs.s3a.session.token",
    "SPARK.SECRET",
    "spark.executorEnv.AWS_SECRET_ACCESS_KEY",
    "spark.hadoop.google.cloud.auth.service.account.json.keyfile.credential",
    "spark.my.private.key",
    "spark.my.privateKey",
    "spark.openai.api_key",
    "spark.openai.apiKey",
  ])("%s is secret", (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each([
    "spark.master",
    "spark.driver.memory",
    "spark.hadoop.fs.s3a.endpoint",
    "spark.sql.keyspace",
  ])("%s is not secret", (key) => {
    expect(isSecretKey(key)).toBe(false);
  });

  it("keeps Spark's default regex text", () => {
    expect(DEFAULT_REDACTION_REGEX).toBe("(?i)secret|password|token|access[.]key");
    expect(REDACTION_REPLACEMENT).toBe("*********(redacted)");
  });
});

describe("redactConfig", () => {
  it("hides secret values as Spark prints them, in a copy", () => {
    const conf = new Map([
      ["spark.master", "yarn"],
      ["spark.hadoop.fs.s3a.access.key", "AKIA123"],
      ["spark.authenticate.secret", "s3cr3t"],
    ]);
    const redacted = redactConfig(conf);
    expect(Object.fromEntries(redacted)).toEqual({
      "spark.master": "yarn",
      "spark.hadoop.fs.s3a.access.key": "*********(redacted)",
      "spark.authenticate.secret": "*********(redacted)",
    });
    expect(conf.get("spark.authenticate.secret")).toBe("s3cr3t");
  });

  it("also hides a value that itself matches the regex (Spark's rule)", () => {
    const conf = new Map([["spark.driver.extraJavaOptions", "-Dapp.password=hunter2"]]);
    expect(redactConfig(conf).get("spark.driver.extraJavaOptions")).toBe(REDACTION_REPLACEMENT);
  });

  it("honours a user-set spark.redaction.regex", () => {
    const conf = new Map([
      ["spark.redaction.regex", "(?i)pwd|dsn"],
      ["spark.db.PWD", "x"],
      ["spark.db.dsn", "y"],
      ["spark.db.host", "z"],
    ]);
    expect(Object.fromEntries(redactConfig(conf))).toEqual({
      // The pattern matches its own text, so Spark hides it too.
      "spark.redaction.regex": REDACTION_REPLACEMENT,
      "spark.db.PWD": REDACTION_REPLACEMENT,
      "spark.db.dsn": REDACTION_REPLACEMENT,
      "spark.db.host": "z",
    });
  });

  it("keeps the extra credential / private key / API key rule under a user regex", () => {
    const conf = new Map([
      ["spark.redaction.regex", "nothing-matches-this"],
      ["spark.x.api.key", "k"],
      ["spark.x.password", "p"],
    ]);
    const out = redactConfig(conf);
    expect(out.get("spark.x.api.key")).toBe(REDACTION_REPLACEMENT);
    expect(out.get("spark.x.password")).toBe("p");
  });

  it("rejects an invalid spark.redaction.regex, naming it", () => {
    const e = configError(() => redactConfig(new Map([["spark.redaction.regex", "(unclosed"]])));
    expect(e.code).toBe("CONFIG_INVALID_VALUE");
    expect(e.message).toMatch(/^Invalid value "\(unclosed" for spark\.redaction\.regex: /);
  });
});

describe("javaRegex and redactionPattern", () => {
  it("translates leading inline flags", () => {
    expect(javaRegex("(?i)abc").flags).toBe("i");
    expect(javaRegex("(?is)a.c").flags).toBe("is");
    expect(javaRegex("abc").test("xABC")).toBe(false);
  });

  it("refuses inline flags JavaScript cannot express", () => {
    expect(configError(() => javaRegex("(?x)a b")).message).toContain("unsupported inline flag");
  });

  it("uses the default without a config", () => {
    expect(redactionPattern().source).toBe("secret|password|token|access[.]key");
  });
});

describe("secretValues and redactText", () => {
  it("collects the values redactConfig hides, skipping empty ones", () => {
    const conf = new Map([
      ["spark.a.password", "hunter2"],
      ["spark.b.token", ""],
      ["spark.master", "yarn"],
    ]);
    expect(secretValues(conf)).toEqual(["hunter2"]);
  });

  it("replaces every occurrence of each secret", () => {
    const text = "login hunter2 failed; retry with hunter2 and key AKIA1";
    expect(redactText(text, ["hunter2", "AKIA1"])).toBe(
      "login *********(redacted) failed; retry with *********(redacted) and key *********(redacted)",
    );
  });

  it("hides the longer of overlapping secrets whole", () => {
    expect(redactText("token abcdef", ["abc", "abcdef"])).toBe("token *********(redacted)");
  });

  it("ignores empty secrets and treats secrets literally", () => {
    expect(redactText("a.b (x)", ["", ".", "(x)"])).toBe(
      "a*********(redacted)b *********(redacted)",
    );
  });
});

describe("redactUrl", () => {
  it.each([
    [
      "sc://host:15002/;token=abc;user_id=me",
      "sc://host:15002/;token=*********(redacted);user_id=me",
    ],
    [
      "sc://host:15002/;user_id=me;token=abc",
      "sc://host:15002/;user_id=me;token=*********(redacted)",
    ],
    ["sc://host:15002/;TOKEN=abc", "sc://host:15002/;TOKEN=*********(redacted)"],
    ["sc://host:15002", "sc://host:15002"],
    ["postgres://me:pw@db:5432/x", "postgres://me:*********(redacted)@db:5432/x"],
    ["https://me@host/x", "https://me@host/x"],
    [
      "jdbc:mysql://h/db?user=me&password=pw&ssl=true",
      "jdbc:mysql://h/db?user=me&password=*********(redacted)&ssl=true",
    ],
    [
      "s3a://bucket/key?X-Amz-Security-Token=t#frag",
      "s3a://bucket/key?X-Amz-Security-Token=*********(redacted)#frag",
    ],
  ])("%s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
