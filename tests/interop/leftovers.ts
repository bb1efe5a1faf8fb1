/**
 * Finds processes still alive in the process groups this test process started (Linux
 * /proc), so a suite can prove it left no Python or JVM behind. Scoped to our own groups:
 * other test files run peers in parallel.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startedGroups } from "./peer-process.js";

export function leftoverPeerProcesses(): string[] {
  if (!existsSync("/proc")) return [];
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(join("/proc", pid, "stat"), "utf8");
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after the ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const state = fields[0];
    const group = Number(fields[2]);
    if (startedGroups.has(group) && state !== "Z") found.push(`${pid}: ${stat.slice(0, 80)}`);
  }
  return found;
}
