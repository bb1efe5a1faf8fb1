/** Shared test helpers: catch a ConfigError to inspect it, and make throwaway directories. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { ConfigError } from "../../../src/errors.js";

/** The ConfigError `fn` throws; fails the test if it throws something else or nothing. */
export function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError, but nothing was thrown");
}

/** The ConfigError a promise rejects with. */
export async function configErrorAsync(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError, but the promise resolved");
}

/** A fresh directory, removed after the current test. */
export function useTempDirs(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), "tributary-config-"));
    made.push(dir);
    return dir;
  };
}
