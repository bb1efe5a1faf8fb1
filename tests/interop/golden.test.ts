/**
 * Keeps the golden tables honest: the catalog matches the folders, logs are complete and
 * relative, the budget holds, and (with the peers) both peers still read what the catalog
 * says, including timestamp time travel on a fresh copy.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyGoldenTable, goldenCatalog, goldenRoot, goldenTable } from "./golden.js";
import { leftoverPeerProcesses } from "./leftovers.js";
import { repoRoot } from "./peer-process.js";
import { peerBatch, peersAvailable, stopPeers } from "./peers.js";

const available = peersAvailable();
// The interop project's global setup installs the peers; without them this suite fails.
if (!available.ok) throw new Error(available.reason);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe("golden Delta tables (no peer needed)", () => {
  const catalog = goldenCatalog();

  it("catalogs exactly the table folders", () => {
    const folders = readdirSync(goldenRoot, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(catalog.tables.map((t) => t.name).sort()).toEqual(folders);
  });

  it.each(catalog.tables.map((t) => [t.name]))("%s keeps every commit", (name) => {
    const table = goldenTable(name);
    const log = readdirSync(join(goldenRoot, name, "_delta_log"));
    const commits = log.filter((f) => /^\d{20}\.json$/.test(f)).sort();
    expect(commits.map((f) => Number(f.slice(0, 20)))).toEqual(
      table.versions.map((v) => v.version),
    );
    for (const file of table.checkpoint?.files ?? []) expect(log).toContain(file);
  });

  it("holds no absolute path, no Hadoop checksum file and stays under 1 MB", () => {
    const files = filesUnder(goldenRoot);
    let total = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      total += bytes.length;
      expect(bytes.includes("file:/"), file).toBe(false);
      expect(bytes.includes(repoRoot), file).toBe(false);
      expect(bytes.includes("tributary-golden-"), file).toBe(false); // make-golden's scratch dir
      expect(/\/\.[^/]*\.crc$/.test(file), file).toBe(false);
    }
    expect(total).toBeLessThan(1_000_000);
  });

  it("copies a table with commit times restored from commitInfo", async () => {
    const path = await copyGoldenTable("spark-time-travel");
    try {
      for (const v of goldenTable("spark-time-travel").versions) {
        const name = `${String(v.version).padStart(20, "0")}.json`;
        const { mtimeMs } = await stat(join(path, "_delta_log", name));
        expect(Math.round(mtimeMs)).toBe(v.commitTimestamp);
      }
    } finally {
      await rm(dirname(path), { recursive: true, force: true });
    }
  });
});

describe("golden Delta tables read by the peers", () => {
  afterAll(stopPeers);

  it("both peers read the latest version of every table as catalogued", async () => {
    const tables = goldenCatalog().tables;
    // The catalog records where the other peer cannot read a table (delta-rs 1.x refuses
    // typeWidening): the writer's read is the reference there.
    const crossReadable = (t: (typeof tables)[number]) =>
      t.versions.at(-1)?.crossRead === "identical";
    expect(tables.filter((t) => !crossReadable(t)).map((t) => t.name)).toEqual([
      "spark-type-widening",
    ]);
    const paths = await Promise.all(tables.map((t) => copyGoldenTable(t.name)));
    try {
      const reads = tables.flatMap((t, i) => {
        const table = paths[i] ?? "";
        return [
          crossReadable(t)
            ? ({ cmd: "rs-read", table, version: t.latestVersion } as const)
            : ({ cmd: "spark-read", table, version: t.latestVersion } as const),
          { cmd: "spark-read", table, version: t.latestVersion } as const,
        ];
      });
      const results = await peerBatch(reads, { timeoutMs: 300_000 });
      tables.forEach((t, i) => {
        const expected = t.versions.at(-1)?.rows;
        expect(results[2 * i]?.rows, `delta-rs ${t.name}`).toEqual(expected);
        expect(results[2 * i + 1]?.rows, `Spark ${t.name}`).toEqual(expected);
      });
    } finally {
      await Promise.all(paths.map((p) => rm(dirname(p), { recursive: true, force: true })));
    }
  }, 300_000);

  it("time travels by timestamp on a fresh copy (mtimes restored)", async () => {
    const golden = goldenTable("spark-time-travel");
    const path = await copyGoldenTable(golden.name);
    const at = (v: number) => golden.versions[v]?.commitTimestamp ?? Number.NaN;
    const iso = (ms: number) => new Date(ms).toISOString();
    try {
      const cases = [
        { timestamp: iso(at(1)), version: 1 }, // exactly at a commit
        { timestamp: iso((at(1) + at(2)) / 2), version: 1 }, // between commits
      ];
      const results = await peerBatch(
        cases.flatMap(({ timestamp }) => [
          { cmd: "rs-read", table: path, timestamp } as const,
          { cmd: "spark-read", table: path, timestamp } as const,
        ]),
        { timeoutMs: 300_000 },
      );
      cases.forEach(({ version }, i) => {
        for (const r of [results[2 * i], results[2 * i + 1]]) {
          expect(r?.version).toBe(version);
          expect(r?.rows).toEqual(golden.versions[version]?.rows);
        }
      });
      // Out of range, the peers disagree: delta-rs clamps to the first or latest version,
      // delta-spark refuses with an error class. Ours should follow delta-spark.
      const early = iso(at(0) - 60_000);
      const late = iso(at(3) + 60_000);
      const edges = await peerBatch(
        [
          { cmd: "rs-read", table: path, timestamp: early },
          { cmd: "rs-read", table: path, timestamp: late },
          { cmd: "spark-read", table: path, timestamp: early, allowError: true },
          { cmd: "spark-read", table: path, timestamp: late, allowError: true },
        ] as const,
        { timeoutMs: 300_000 },
      );
      expect(edges[0].version).toBe(0);
      expect(edges[1].version).toBe(3);
      expect(edges[2]).toMatchObject({ error: { message: expect.stringContaining("before") } });
      expect(edges[3]).toMatchObject({
        error: { errorClass: "DELTA_TIMESTAMP_GREATER_THAN_COMMIT" },
      });
    } finally {
      await rm(dirname(path), { recursive: true, force: true });
    }
  }, 300_000);

  it("leaves no peer process behind once stopped", async () => {
    await stopPeers();
    expect(leftoverPeerProcesses()).toEqual([]);
  });
});
