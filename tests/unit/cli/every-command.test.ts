/**
 * Every CLI command has an end-to-end test: the table below names, for each command (and
 * each subcommand of a group), the test file that runs it. A new command without an entry
 * fails here, so it cannot ship untested.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIO } from "../../../src/cli/command.js";
import { main } from "../../../src/cli/main.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");

const TESTED_IN: Readonly<Record<string, string>> = {
  run: "tests/unit/pipeline/pipeline.test.ts",
  show: "tests/unit/delta/cli.test.ts",
  "delta history": "tests/unit/delta/cli.test.ts",
  "delta describe": "tests/unit/delta/cli.test.ts",
  "delta vacuum": "tests/unit/delta/cli.test.ts",
  "delta optimize": "tests/unit/delta/cli.test.ts",
  "delta restore": "tests/unit/delta/cli.test.ts",
  "delta changes": "tests/unit/delta/cli.test.ts",
  "spark start-local": "tests/spark/cli-local.test.ts",
  "spark stop-local": "tests/spark/cli-local.test.ts",
  "spark submit-server": "tests/spark/deploy.test.ts",
  health: "tests/unit/monitoring/health.test.ts",
  init: "tests/package/package.test.ts",
  validate: "tests/unit/cli/validate.test.ts",
};

async function help(...argv: string[]): Promise<string> {
  let out = "";
  const io: CliIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: () => {},
    isTTY: false,
  };
  await main([...argv, "--help"], io);
  return out;
}

/** Command names listed in a help text's "Commands:" section. */
function commandsIn(text: string): string[] {
  const section = text.split("Commands:")[1] ?? "";
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)]
    .map((m) => m[1] ?? "")
    .filter((c) => c !== "help");
}

describe("every command is tested end to end", () => {
  it("has an entry per command and subcommand, pointing at a test that runs it", async () => {
    const names: string[] = [];
    for (const command of commandsIn(await help())) {
      const subcommands = commandsIn(await help(command));
      if (subcommands.length === 0) names.push(command);
      else names.push(...subcommands.map((s) => `${command} ${s}`));
    }
    expect(names.sort()).toEqual(Object.keys(TESTED_IN).sort());
    for (const [name, file] of Object.entries(TESTED_IN)) {
      expect(existsSync(join(ROOT, file)), `${name}: ${file}`).toBe(true);
      const words = name.split(" ");
      const text = readFileSync(join(ROOT, file), "utf8");
      // The runners (start-local/stop-local) run the same scripts the CLI wraps.
      const runs =
        words.every((w) => text.includes(`"${w}"`)) ||
        text.includes(`${words.at(-1)?.replace("-local", "")}-server.sh`);
      expect(runs, `${file} should run "tributary ${name}"`).toBe(true);
    }
  });
});
