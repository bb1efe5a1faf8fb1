/** Runs the CLI in-process, capturing what it prints and the exit code `main` decides. */
import type { CliIO } from "../../src/cli/command.js";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** `tributary <argv>`; `isTTY` as a terminal would have it (progress is drawn only then). */
export async function runCli(argv: readonly string[], isTTY = false): Promise<CliRun> {
  let out = "";
  let err = "";
  const io: CliIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY,
  };
  const code = await main(argv, io);
  return { code, out, err };
}
