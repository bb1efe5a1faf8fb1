import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import { redactSecrets } from "../../../src/logging/index.js";
import { PrometheusEndpoint } from "../../../src/monitoring/sinks/prometheus-endpoint.js";
import { prometheusText } from "../../../src/monitoring/sinks/prometheus-format.js";
import { PushGatewaySink } from "../../../src/monitoring/sinks/pushgateway-sink.js";
import { sampleRegistry } from "./helpers.js";
import { HttpRecorder, until } from "./servers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function endpoint(port = 0, path?: string): Promise<PrometheusEndpoint> {
  const registry = sampleRegistry();
  const e = new PrometheusEndpoint(() => registry.snapshot(), { port, path });
  await e.start();
  cleanups.push(() => e.stop());
  return e;
}

describe("PrometheusEndpoint", () => {
  it("serves the exposition text on 127.0.0.1 at its path", async () => {
    const e = await endpoint(0, "/metrics/prometheus");
    expect(e.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics\/prometheus$/);
    const url = e.url ?? "";
    const response = await fetch(`${url}?x=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const body = await response.text();
    // The text carries no timestamps, so a fresh registry with the same values renders it.
    expect(body).toBe(prometheusText(sampleRegistry().snapshot()));
    expect((await fetch(url, { method: "HEAD" })).status).toBe(200);
    expect((await fetch(url, { method: "POST" })).status).toBe(405);
    expect((await fetch(url.replace("/prometheus", "/other"))).status).toBe(404);
  });

  it("fails to start, with a typed error, on a port in use", async () => {
    const first = await endpoint();
    const port = Number(new URL(first.url ?? "").port);
    const second = new PrometheusEndpoint(() => sampleRegistry().snapshot(), { port });
    const e = await second.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).code).toBe("METRICS_ENDPOINT_LISTEN_FAILED");
    expect((e as ConfigError).message).toContain(`127.0.0.1:${port}`);
    expect((e as ConfigError).message).toContain("EADDRINUSE");
  });

  it("stops serving at stop()", async () => {
    const e = await endpoint();
    const url = e.url ?? "";
    await fetch(url, { keepalive: true });
    await e.stop();
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe("PushGatewaySink", () => {
  async function recorder(): Promise<HttpRecorder> {
    const r = new HttpRecorder();
    await r.start();
    cleanups.push(() => r.stop());
    return r;
  }

  it("PUTs the exposition text to the grouping path at stop", async () => {
    const gateway = await recorder();
    const registry = sampleRegistry();
    const sink = new PushGatewaySink(() => registry.snapshot(), {
      address: gateway.address,
      job: "ingest",
      groupingKey: { table: "lake/flights", run: "42" },
    });
    await sink.start();
    expect(gateway.requests).toEqual([]); // no period: only at stop
    await sink.stop();
    expect(gateway.requests).toEqual([
      {
        method: "PUT",
        url: "/metrics/job/ingest/table@base64/bGFrZS9mbGlnaHRz/run/42",
        contentType: "text/plain; version=0.0.4; charset=utf-8",
        body: prometheusText(registry.snapshot()),
      },
    ]);
  });

  it("sends user:password@ of the address as Basic auth and never shows the password", async () => {
    const gateway = await recorder();
    const registry = sampleRegistry();
    const address = gateway.address.replace("://", "://ops:s3cr%40t-pw@");
    const sink = new PushGatewaySink(() => registry.snapshot(), { address, job: "j" });
    expect(sink.url).not.toContain("s3cr");
    await sink.stop();
    expect(gateway.requests.map((r) => r.authorization)).toEqual([
      `Basic ${Buffer.from("ops:s3cr@t-pw").toString("base64")}`,
    ]);
    expect(redactSecrets("push failed for s3cr@t-pw")).toBe("push failed for *********(redacted)");
  });

  it("pushes every period with POST when asked", async () => {
    const gateway = await recorder();
    const registry = sampleRegistry();
    const sink = new PushGatewaySink(() => registry.snapshot(), {
      address: gateway.address,
      job: "j",
      method: "post",
      periodMs: 30,
    });
    await sink.start();
    await until(() => gateway.requests.length >= 2);
    await sink.stop();
    expect(new Set(gateway.requests.map((r) => `${r.method} ${r.url}`))).toEqual(
      new Set(["POST /metrics/job/j"]),
    );
  });

  it("turns a refused push and an unreachable gateway into one warning each", async () => {
    const gateway = await recorder();
    gateway.status = 400;
    gateway.answer = "pushed metrics are invalid or inconsistent";
    const warnings: string[] = [];
    const registry = sampleRegistry();
    const refused = new PushGatewaySink(() => registry.snapshot(), {
      address: gateway.address,
      job: "j",
      warn: (m) => warnings.push(m),
    });
    await expect(refused.stop()).resolves.toBeUndefined();
    expect(warnings[0]).toContain("HTTP 400: pushed metrics are invalid or inconsistent");

    const address = gateway.address;
    await gateway.stop();
    const down = new PushGatewaySink(() => registry.snapshot(), {
      address,
      job: "j",
      timeoutMs: 1_000,
      warn: (m) => warnings.push(m),
    });
    await expect(down.stop()).resolves.toBeUndefined();
    expect(warnings[1]).toContain("ECONNREFUSED");
  });
});
