/**
 * Which environment variables set which Spark keys. Deliberately short: a generic
 * `PREFIX_<KEY>` scheme cannot round-trip Spark keys (they contain `_`, `-` and camelCase),
 * so anything else goes through `--conf`, `spark-defaults.conf` or `.config()` in code.
 * An empty variable counts as unset.
 */

/** An environment: `process.env`, or a plain object in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The value of one variable; only the object's own keys count, so `constructor` or
 * `__proto__` never resolve to something inherited.
 *
 * @example
 * ```ts
 * envValue({ HOME: "/home/me" }, "HOME"); // "/home/me"
 * ```
 */
export function envValue(env: Env, name: string): string | undefined {
  return Object.hasOwn(env, name) ? env[name] : undefined;
}

/**
 * Variable -> key, in priority order: when two variables name the same key, the earlier wins
 * (`SPARK_MASTER` beats `MASTER`, the variable `spark-submit` reads).
 */
export const ENV_CONFIG_VARIABLES: readonly (readonly [variable: string, key: string])[] = [
  ["SPARK_REMOTE", "spark.remote"],
  ["SPARK_MASTER", "spark.master"],
  ["MASTER", "spark.master"],
  ["SPARK_APP_NAME", "spark.app.name"],
];

/** A value derived from the environment and the variable it came from. */
export interface EnvConfigValue {
  readonly value: string;
  readonly variable: string;
}

/**
 * The Spark keys set by the environment.
 *
 * @example
 * ```ts
 * envToConfig({ SPARK_REMOTE: "sc://localhost:15002" }).get("spark.remote");
 * // { value: "sc://localhost:15002", variable: "SPARK_REMOTE" }
 * ```
 */
export function envToConfig(env: Env): Map<string, EnvConfigValue> {
  const out = new Map<string, EnvConfigValue>();
  for (const [variable, key] of ENV_CONFIG_VARIABLES) {
    const value = envValue(env, variable);
    if (value === undefined || value === "" || out.has(key)) continue;
    out.set(key, { value, variable });
  }
  return out;
}
