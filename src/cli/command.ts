/**
 * A CLI command: `register` adds it to the commander program. Commands collect data and
 * render it (`--json` on read commands); they never call process.exit: `main` decides
 * the exit code from what `run` resolves to (or from the error it throws).
 */
import type { Command } from "commander";

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** stdout is a terminal (tables are drawn for people). */
  readonly isTTY: boolean;
  /** stderr is a terminal (progress is drawn in place); defaults to `isTTY`. */
  readonly stderrTTY?: boolean;
  /**
   * Standard error without redaction, for the one line that must show a secret to its
   * owner (the token of a server just started), never mixed into stdout's scripts or JSON.
   */
  readonly reveal?: (text: string) => void;
}

export interface CommandModule {
  register(program: Command, io: CliIO, setExit: (code: number) => void): void;
}
