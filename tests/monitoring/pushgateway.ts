/**
 * A private Prometheus pushgateway (Debian's prometheus-pushgateway) on a free loopback port,
 * persisting to a temp file rather than /var/lib.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, ManagedProcess, requireTool, waitForPort } from "./processes.js";

export class PushGateway {
  readonly #binary = requireTool("prometheus-pushgateway", "prometheus-pushgateway");
  #dir = "";
  #process: ManagedProcess | undefined;
  port = 0;

  get address(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.#dir = await mkdtemp(join(tmpdir(), "tributary-pushgateway-"));
    this.port = await freePort();
    this.#process = new ManagedProcess("prometheus-pushgateway", this.#binary, [
      `--web.listen-address=127.0.0.1:${this.port}`,
      `--persistence.file=${join(this.#dir, "pushgateway.data")}`,
      "--log.level=warn",
    ]);
    await waitForPort(this.port, this.#process);
  }

  async stop(): Promise<void> {
    await this.#process?.stop();
    if (this.#dir !== "") await rm(this.#dir, { recursive: true, force: true });
  }

  output(): string {
    return this.#process?.output() ?? "";
  }
}
