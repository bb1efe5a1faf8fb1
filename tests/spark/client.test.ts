/**
 * The Spark Connect client against a real server (see global-setup.ts). Skipped when no
 * server is configured for the run.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectResult, SparkConnectClient } from "../../src/engine/spark-connect/index.js";
import { EngineError, TributaryError } from "../../src/errors.js";
import { Decimal } from "../../src/types/decimal.js";
import { pinnedSparkVersion, sparkUrl, sqlCommand, sqlPlan } from "./helpers.js";

const found = sparkUrl();
if (found === undefined)
  throw new Error(
    "No Spark Connect server: run these tests through the spark project (npm run test:spark), which starts one.",
  );
const url: string = found;

describe("Spark Connect client (real server)", () => {
  let client: SparkConnectClient;

  beforeAll(async () => {
    client = SparkConnectClient.connect(url);
    await client.setConf({ "spark.sql.session.timeZone": "UTC" });
  });
  afterAll(async () => {
    await client?.close();
  });

  it("reports the Spark version through AnalyzePlan", async () => {
    const version = await client.sparkVersion();
    if (process.env.SPARK_REMOTE === undefined) expect(version).toBe(pinnedSparkVersion());
    else expect(version).toMatch(/^4\./);
  });

  it("gets and sets session configuration", async () => {
    await client.setConf({ "spark.sql.shuffle.partitions": "7" });
    expect(await client.getConf("spark.sql.shuffle.partitions")).toBe("7");
    expect(await client.getConf("tributary.test.unset")).toBeUndefined();
  });

  it("runs SQL and decodes every value to tributary's JS type", async () => {
    const { rows, schema } = await collectResult(
      client.executePlan(
        sqlPlan(
          "SELECT 1 AS a, 'x' AS b, CAST(1.5 AS DECIMAL(10,2)) AS d, DATE'2024-01-02' AS dt, " +
            "TIMESTAMP'2024-01-02 03:04:05' AS ts, TIMESTAMP_NTZ'2024-01-02 03:04:05' AS ntz, " +
            "array(1,2) AS arr, map('k', 1) AS m, named_struct('f', 1) AS s, 12345678901234 AS big, " +
            "X'0102' AS bin, CAST(NULL AS STRING) AS n, " +
            "CAST('-12345678901234567890.123456789' AS DECIMAL(38,9)) AS wide",
        ),
      ),
    );
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? {};
    expect(row.a).toBe(1);
    expect(row.b).toBe("x");
    expect(row.d).toBeInstanceOf(Decimal);
    expect(String(row.d)).toBe("1.50");
    expect(row.dt).toBe("2024-01-02");
    expect(row.ts).toEqual(new Date("2024-01-02T03:04:05Z"));
    expect(row.ntz).toEqual(new Date("2024-01-02T03:04:05Z"));
    expect(row.arr).toEqual([1, 2]);
    expect(row.m).toEqual(new Map([["k", 1]]));
    expect(row.s).toEqual({ f: 1 });
    expect(row.big).toBe(12345678901234n);
    expect(row.bin).toEqual(Uint8Array.of(1, 2));
    expect(row.n).toBeNull();
    expect(String(row.wide)).toBe("-12345678901234567890.123456789");
    expect(schema?.simpleString()).toBe(
      "struct<a:int,b:string,d:decimal(10,2),dt:date,ts:timestamp,ntz:timestamp_ntz," +
        "arr:array<int>,m:map<string,int>,s:struct<f:int>,big:bigint,bin:binary,n:string," +
        "wide:decimal(38,9)>",
    );
  });

  it("returns the schema and no rows for an empty result", async () => {
    const { rows, schema } = await collectResult(
      client.executePlan(sqlPlan("SELECT 1 AS a WHERE false")),
    );
    expect(rows).toEqual([]);
    expect(schema?.fieldNames()).toEqual(["a"]);
  });

  it("collects a million rows over several Arrow batches", async () => {
    const { rows } = await collectResult(
      client.executePlan(sqlPlan("SELECT id, CAST(id AS STRING) AS s FROM range(1000000)")),
    );
    expect(rows).toHaveLength(1_000_000);
    expect(rows[999_999]).toEqual({ id: 999_999n, s: "999999" });
  });

  it("has Delta Lake: a SQL command writes a Delta table that reads back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tributary-delta-"));
    try {
      const path = join(dir, "t");
      const done = await collectResult(
        client.executePlan(
          sqlCommand(`CREATE TABLE delta.\`${path}\` USING delta AS SELECT 1 AS a`),
        ),
      );
      expect(done.sqlCommandResult).toBeDefined();
      const { rows } = await collectResult(
        client.executePlan(sqlPlan(`SELECT a FROM delta.\`${path}\``)),
      );
      expect(rows).toEqual([{ a: 1 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("maps an unknown column to Spark's error class and SQL state", async () => {
    const error = await collectResult(
      client.executePlan(sqlPlan("SELECT nope FROM range(1)")),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({
      code: "SPARK_CONNECT_SERVER_ERROR",
      errorClass: "UNRESOLVED_COLUMN.WITH_SUGGESTION",
      sqlState: "42703",
    });
    expect((error as Error).message).toContain("`nope`");
  });

  it("interrupts a long query when its AbortSignal fires, and stays usable", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);
    const started = Date.now();
    const error = await collectResult(
      client.executePlan(sqlPlan("SELECT count(*) FROM range(100000000000)"), {
        signal: controller.signal,
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TributaryError);
    expect(error).toMatchObject({ code: "ACTION_ABORTED" });
    expect(Date.now() - started).toBeLessThan(10_000);
    // The cores are free again: a small query answers promptly.
    const quick = Date.now();
    const { rows } = await collectResult(client.executePlan(sqlPlan("SELECT 42 AS x")));
    expect(rows).toEqual([{ x: 42 }]);
    expect(Date.now() - quick).toBeLessThan(10_000);
  });

  it("releases the session on close: the server refuses it afterwards", async () => {
    const sessionId = randomUUID();
    const sep = url.includes("/;") ? ";" : "/;";
    const first = SparkConnectClient.connect(`${url}${sep}session_id=${sessionId}`);
    await first.sparkVersion();
    await first.close();
    const again = SparkConnectClient.connect(`${url}${sep}session_id=${sessionId}`);
    const error = await again.sparkVersion().catch((e: unknown) => e);
    await again.close();
    expect(error).toMatchObject({ errorClass: "INVALID_HANDLE.SESSION_CLOSED" });
  });

  it("fails within 5 s on a closed port", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const closed = SparkConnectClient.connect(`sc://127.0.0.1:${port}`);
    const started = Date.now();
    const error = await closed.sparkVersion().catch((e: unknown) => e);
    await closed.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toMatchObject({ code: "SPARK_CONNECT_UNAVAILABLE" });
  });
});
