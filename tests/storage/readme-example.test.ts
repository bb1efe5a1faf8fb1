/**
 * The README's "Object storage" example runs as written against the loopback S3 server
 * (its endpoint and bucket swapped for this run's), as a program of its own.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { endpoint, extensionDir, newBucket } from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..");

function readmeExample(): string {
  const lines = readFileSync(join(ROOT, "README.md"), "utf8").split("\n");
  const marker = lines.findIndex((l) => l.includes("tests/storage/readme-example.test.ts"));
  const end = lines.indexOf("```", marker + 2);
  if (marker < 0 || end < 0) throw new Error("the README's object storage example is missing");
  return lines.slice(marker + 2, end).join("\n");
}

describe("README: object storage", () => {
  it("runs against a local S3 server", async () => {
    const bucket = await newBucket();
    const code = readmeExample()
      .replaceAll("http://127.0.0.1:5055", endpoint)
      .replaceAll("s3://lake/", `s3://${bucket}/`)
      .replaceAll(".tributary/storage/duckdb-extensions", extensionDir)
      .replaceAll(`from "tributary-etl"`, `from ${JSON.stringify(join(ROOT, "src", "index.js"))}`);
    const file = join(mkdtempSync(join(tmpdir(), "readme-s3-")), "example.mts");
    writeFileSync(file, code);
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", file], {
      cwd: ROOT,
    });
    expect(stdout).toBe(
      [
        "+---+----------+------+",
        "| id|       day|amount|",
        "+---+----------+------+",
        "|  1|2024-05-01|  12.5|",
        "|  2|2024-05-02|  80.0|",
        "+---+----------+------+",
        "+---+----------+------+",
        "| id|       day|amount|",
        "+---+----------+------+",
        "|  1|2024-05-01|  12.5|",
        "|  2|2024-05-02|  40.0|",
        "+---+----------+------+",
        "2",
        "",
      ].join("\n"),
    );
  });
});
