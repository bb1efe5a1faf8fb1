/**
 * The S3 settings resolver (no server). Defaults are Hadoop 3.4.1's (Spark 4.0.1's Hadoop),
 * read from core-default.xml in pyspark's hadoop-client-api-3.4.1.jar: retry.limit 7,
 * retry.interval 500ms, connection.establish.timeout 30s, connection.timeout 200s,
 * connection.ssl.enabled true, path.style.access false.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, redactSecrets, resolveS3Config } from "../../../src/index.js";

const P = "spark.hadoop.fs.s3a.";

describe("resolveS3Config", () => {
  it("uses Hadoop's defaults and the AWS chain when nothing is set", () => {
    const c = resolveS3Config("lake", {}, {});
    expect(c).toMatchObject({
      bucket: "lake",
      endpoint: undefined,
      region: "us-east-1",
      pathStyle: false,
      credentials: undefined,
      retry: { maxAttempts: 8, baseDelayMs: 500 },
      connectTimeoutMs: 30_000,
      requestTimeoutMs: 200_000,
    });
  });

  it("takes the region from the settings, then AWS_REGION, then AWS_DEFAULT_REGION", () => {
    const env = { AWS_REGION: "eu-west-3", AWS_DEFAULT_REGION: "eu-west-1" };
    expect(resolveS3Config("b", {}, env).region).toBe("eu-west-3");
    expect(resolveS3Config("b", {}, { AWS_DEFAULT_REGION: "eu-west-1" }).region).toBe("eu-west-1");
    expect(resolveS3Config("b", { [`${P}endpoint.region`]: "ap-south-1" }, env).region).toBe(
      "ap-south-1",
    );
  });

  it("gives a scheme-less endpoint https, or http when SSL is off, and keeps a URL", () => {
    expect(resolveS3Config("b", { [`${P}endpoint`]: "minio:9000" }, {}).endpoint).toBe(
      "https://minio:9000",
    );
    const plain = { [`${P}endpoint`]: "minio:9000", [`${P}connection.ssl.enabled`]: "FALSE" };
    expect(resolveS3Config("b", plain, {}).endpoint).toBe("http://minio:9000");
    expect(resolveS3Config("b", { [`${P}endpoint`]: "http://127.0.0.1:9000/" }, {}).endpoint).toBe(
      "http://127.0.0.1:9000",
    );
  });

  it("lets fs.s3a.bucket.<name>.* override the global keys for that bucket only", () => {
    const settings = {
      [`${P}endpoint`]: "http://global:1",
      [`${P}bucket.special.endpoint`]: "http://special:2",
      [`${P}bucket.special.path.style.access`]: "true",
      [`${P}retry.limit`]: "2",
    };
    expect(resolveS3Config("special", settings, {})).toMatchObject({
      endpoint: "http://special:2",
      pathStyle: true,
      retry: { maxAttempts: 3 },
    });
    expect(resolveS3Config("other", settings, {})).toMatchObject({
      endpoint: "http://global:1",
      pathStyle: false,
    });
  });

  it("reads durations with units, bare numbers as milliseconds", () => {
    const c = resolveS3Config(
      "b",
      { [`${P}retry.interval`]: "2s", [`${P}connection.timeout`]: "1500" },
      {},
    );
    expect(c.retry.baseDelayMs).toBe(2_000);
    expect(c.requestTimeoutMs).toBe(1_500);
  });

  it("refuses malformed values, naming the key", () => {
    expect(() => resolveS3Config("b", { [`${P}path.style.access`]: "yes" }, {})).toThrow(
      /spark\.hadoop\.fs\.s3a\.path\.style\.access/,
    );
    expect(() => resolveS3Config("b", { [`${P}retry.limit`]: "-1" }, {})).toThrow(ConfigError);
  });

  it("needs both keys, and says which is missing without printing the other", () => {
    const error = (() => {
      try {
        resolveS3Config("b", { [`${P}access.key`]: "AKIAEXAMPLEKEY1" }, {});
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain(`${P}secret.key is not set`);
    expect(JSON.stringify(error)).not.toContain("AKIAEXAMPLEKEY1");
  });

  it("keeps static keys out of printing, inspection and JSON, and registers them as secrets", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const c = resolveS3Config(
      "b",
      {
        [`${P}access.key`]: "AKIAIOSFODNN7EXAMPLE",
        [`${P}secret.key`]: secret,
        [`${P}session.token`]: "token-value-123",
      },
      {},
    );
    expect(c.credentials?.reveal()).toEqual({
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: secret,
      sessionToken: "token-value-123",
    });
    for (const shown of [JSON.stringify(c), inspect(c, { depth: 5 })]) {
      expect(shown).not.toContain(secret);
      expect(shown).not.toContain("token-value-123");
    }
    expect(redactSecrets(`signing with ${secret}`)).toBe("signing with *********(redacted)");
  });
});
