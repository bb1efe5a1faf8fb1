/**
 * A private carbon-cache (Debian's graphite-carbon) on loopback: its own carbon.conf and
 * storage-schemas.conf in a temp directory (carbon reads the schemas from the directory of
 * the config file), one-second retention for an hour, tags off (they would call graphite-web),
 * whisper files read back with whisper-fetch.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, ManagedProcess, requireTool, run, waitForPort } from "./processes.js";

/** One datapoint from whisper-fetch: `value` is undefined for an empty slot. */
export interface WhisperPoint {
  readonly time: number;
  readonly value: number | undefined;
}

export class Carbon {
  readonly #carbonCache = requireTool("carbon-cache", "graphite-carbon");
  readonly #whisperFetch = requireTool("whisper-fetch", "python3-whisper");
  #dir = "";
  #process: ManagedProcess | undefined;
  port = 0;

  /** Writes the private configuration and starts carbon-cache. */
  async start(): Promise<void> {
    this.#dir = await mkdtemp(join(tmpdir(), "tributary-carbon-"));
    this.port = await freePort();
    const [pickle, query] = [await freePort(), await freePort()];
    const storage = join(this.#dir, "storage");
    await mkdir(join(storage, "whisper"), { recursive: true });
    await mkdir(join(this.#dir, "log"), { recursive: true });
    const conf = [
      "[cache]",
      `STORAGE_DIR = ${storage}`,
      `LOCAL_DATA_DIR = ${join(storage, "whisper")}`,
      `WHISPER_DIR = ${join(storage, "whisper")}`,
      `LOG_DIR = ${join(this.#dir, "log")}`,
      `PID_DIR = ${this.#dir}`,
      "ENABLE_LOGROTATION = False",
      "ENABLE_TAGS = False",
      "USER =",
      "MAX_CACHE_SIZE = inf",
      "MAX_UPDATES_PER_SECOND = inf",
      "MAX_CREATES_PER_MINUTE = inf",
      "LINE_RECEIVER_INTERFACE = 127.0.0.1",
      `LINE_RECEIVER_PORT = ${this.port}`,
      "ENABLE_UDP_LISTENER = True",
      "UDP_RECEIVER_INTERFACE = 127.0.0.1",
      `UDP_RECEIVER_PORT = ${this.port}`,
      "PICKLE_RECEIVER_INTERFACE = 127.0.0.1",
      `PICKLE_RECEIVER_PORT = ${pickle}`,
      "CACHE_QUERY_INTERFACE = 127.0.0.1",
      `CACHE_QUERY_PORT = ${query}`,
      "",
    ].join("\n");
    await writeFile(join(this.#dir, "carbon.conf"), conf);
    await writeFile(
      join(this.#dir, "storage-schemas.conf"),
      "[everything]\npattern = .*\nretentions = 1s:1h\n",
    );
    await this.resume();
  }

  /** Starts carbon-cache (again) with the same configuration and ports. */
  async resume(): Promise<void> {
    const config = `--config=${join(this.#dir, "carbon.conf")}`;
    this.#process = new ManagedProcess("carbon-cache", this.#carbonCache, [
      config,
      "--nodaemon",
      "start",
    ]);
    await waitForPort(this.port, this.#process);
  }

  /** Stops carbon-cache (SIGTERM: it flushes its cache to whisper first). */
  async pause(): Promise<void> {
    await this.#process?.stop();
    this.#process = undefined;
  }

  /** Stops carbon and removes its files. */
  async destroy(): Promise<void> {
    await this.pause();
    if (this.#dir !== "") await rm(this.#dir, { recursive: true, force: true });
  }

  /** The last hour of a metric (dotted path), as whisper-fetch reads its file. */
  async fetch(metric: string): Promise<WhisperPoint[]> {
    const file = `${join(this.#dir, "storage", "whisper", ...metric.split("."))}.wsp`;
    const from = Math.floor(Date.now() / 1000) - 3600;
    let text: string;
    try {
      text = await run(this.#whisperFetch, [`--from=${from}`, file]);
    } catch {
      return []; // not created yet
    }
    return text
      .trim()
      .split("\n")
      .map((line) => line.split("\t"))
      .map(([time = "0", value = "None"]) => ({
        time: Number(time),
        value: value === "None" ? undefined : Number(value),
      }));
  }

  /** The values (non-empty slots) of a metric, oldest first. */
  async values(metric: string): Promise<number[]> {
    return (await this.fetch(metric)).flatMap((p) => (p.value === undefined ? [] : [p.value]));
  }

  /** carbon-cache's recent output, for failure messages. */
  output(): string {
    return this.#process?.output() ?? "";
  }
}
