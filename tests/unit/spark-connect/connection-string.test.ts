import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { parseConnectionString } from "../../../src/engine/spark-connect/index.js";
import { ConfigError } from "../../../src/errors.js";

const NO_ENV = { env: {} };
const parse = (url: string) => parseConnectionString(url, NO_ENV);

function failure(url: string): ConfigError {
  try {
    parse(url);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe("parseConnectionString", () => {
  it("refuses user:password@ without echoing the password anywhere in the message", () => {
    const e = failure("sc://me:pw-secret-9@spark.example.com:x/;token=tok-secret-9");
    expect(e.code).toBe("SPARK_CONNECT_INVALID_URL");
    expect(e.message).toContain("user:password@ is not supported");
    expect(e.message).not.toMatch(/pw-secret-9|tok-secret-9/);
    expect(JSON.stringify(e)).not.toMatch(/pw-secret-9|tok-secret-9/);
  });

  it("reads host and the default port 15002", () => {
    const c = parse("sc://localhost");
    expect([c.host, c.port, c.endpoint, c.secure, c.token]).toEqual([
      "localhost",
      15002,
      "localhost:15002",
      false,
      undefined,
    ]);
  });

  it("reads every Spark parameter, percent-decoded", () => {
    const c = parse(
      "sc://spark.example.com:443/;use_ssl=true;token=a%3Db;user_id=etl;user_agent=my%20app;session_id=6F1C2B9E-3D1A-4C57-9E1B-2A3B4C5D6E7F",
    );
    expect(c.host).toBe("spark.example.com");
    expect(c.port).toBe(443);
    expect(c.useSsl).toBe(true);
    expect(c.token).toBe("a=b");
    expect(c.userId).toBe("etl");
    expect(c.userAgent).toBe("my app");
    expect(c.sessionId).toBe("6f1c2b9e-3d1a-4c57-9e1b-2a3b4c5d6e7f");
    expect(c.headers).toEqual({});
  });

  it("sends other parameters as gRPC metadata", () => {
    expect(parse("sc://h/;x-trace=1;cluster_id=abc").headers).toEqual({
      "x-trace": "1",
      cluster_id: "abc",
    });
  });

  it("accepts bracketed IPv6 hosts", () => {
    const c = parse("sc://[::1]:15003");
    expect([c.host, c.port, c.endpoint]).toEqual(["::1", 15003, "[::1]:15003"]);
  });

  it("turns TLS on for a token to a remote host (Spark's rule)", () => {
    expect(parse("sc://spark.example.com/;token=t").secure).toBe(true);
    expect(parse("sc://spark.example.com/;use_ssl=true").secure).toBe(true);
    expect(parse("sc://spark.example.com/;use_ssl=false").secure).toBe(false);
  });

  it("keeps plain text for a token to a loopback host, as local channel credentials do", () => {
    for (const host of ["localhost", "127.0.0.1", "[::1]"]) {
      expect(parse(`sc://${host}/;token=t`).secure).toBe(false);
      expect(parse(`sc://${host}/;token=t;use_ssl=true`).secure).toBe(true);
    }
  });

  it("takes the token from SPARK_CONNECT_AUTHENTICATE_TOKEN when the string has none", () => {
    const env = { SPARK_CONNECT_AUTHENTICATE_TOKEN: "from-env" };
    expect(parseConnectionString("sc://h", { env }).token).toBe("from-env");
    expect(parseConnectionString("sc://h/;token=mine", { env }).token).toBe("mine");
  });

  it.each([
    ["http://h:15002", "must start with sc://"],
    ["sc://", "is not host or host:port"],
    ["sc://h:0", "port '0'"],
    ["sc://h:65536", "port '65536'"],
    ["sc://h:abc", "port 'abc'"],
    ["sc://h:1:2", "is not host or host:port"],
    ["sc://h/path", "path '/path' must be empty"],
    ["sc://h;token=x", "must follow a slash"],
    ["sc://h/;use_ssl=yes", "use_ssl must be true or false"],
    ["sc://h/;session_id=abc", "session_id must be a UUID"],
    ["sc://h/;flag", "must be key=value"],
    ["sc://h/;a=1;a=2", "given twice"],
    ["sc://h/;Upper=1", "not a valid gRPC metadata key"],
    ["sc://h/;x=%zz", "invalid percent-encoding"],
    ["sc://h?x=1", "query (?)"],
  ])("refuses %s (%s)", (url, reason) => {
    const e = failure(url);
    expect(e.code).toBe("SPARK_CONNECT_INVALID_URL");
    expect(e.message).toContain(reason);
    expect(e.hint).toContain("sc://host:port/");
  });

  it("never shows the token: toString, JSON, inspect and errors", () => {
    const c = parse("sc://h/;token=hunter2;user_id=me");
    expect(String(c)).toBe("sc://h/;token=*********(redacted);user_id=me");
    expect(JSON.stringify({ c })).not.toContain("hunter2");
    expect(inspect(c, { depth: 5 })).not.toContain("hunter2");
    const e = failure("sc://h/;token=hunter2;use_ssl=maybe");
    expect(e.message).not.toContain("hunter2");
    expect(JSON.stringify(e)).not.toContain("hunter2");
    expect(failure("sc://h/;token=hun=ter2").message).not.toContain("hun");
  });
});
