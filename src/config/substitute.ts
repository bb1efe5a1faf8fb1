/**
 * `${...}` references in values, as Spark's `ConfigReader` resolves them: `${env:NAME}` reads
 * the environment, `${other.key}` another key, and the result is itself substituted. Anything
 * that does not resolve stays as written: `${system:NAME}` (JVM system properties do not
 * exist here), unknown prefixes and missing keys. A reference that leads back to itself is an
 * error naming the chain of keys.
 */
import { ConfigError } from "../errors.js";
import { type Env, envValue } from "./env.js";

// Spark's ConfigReader.REF_RE: `${` [prefix `:`] name `}`, both lazy.
const REFERENCE = /\$\{(?:(\w+?):)?(\S+?)\}/g;

function lookup(
  prefix: string | undefined,
  name: string,
  config: ReadonlyMap<string, string>,
  env: Env,
): string | undefined {
  if (prefix === undefined) return config.get(name);
  if (prefix === "env") return envValue(env, name);
  return undefined;
}

function substitute(
  input: string,
  config: ReadonlyMap<string, string>,
  env: Env,
  chain: readonly string[],
): string {
  return input.replace(REFERENCE, (matched, prefix: string | undefined, name: string) => {
    const ref = prefix === undefined ? name : `${prefix}:${name}`;
    if (chain.includes(ref)) {
      const cycle = [...chain.slice(chain.indexOf(ref)), ref];
      throw new ConfigError(
        "CONFIG_CIRCULAR_REFERENCE",
        `Circular reference in the value of ${chain[0] ?? ref}: ${cycle.join(" -> ")}.`,
        {
          hint: "Replace one of these references with a literal value.",
          context: { key: chain[0] ?? ref, cycle },
        },
      );
    }
    const value = lookup(prefix, name, config, env);
    return value === undefined ? matched : substitute(value, config, env, [...chain, ref]);
  });
}

/**
 * The value of `key` in `config` with every resolvable reference replaced.
 *
 * @example
 * ```ts
 * const conf = new Map([["spark.home", "/opt"], ["spark.jars", "${spark.home}/x.jar"]]);
 * substituteValue("spark.jars", conf, {}); // "/opt/x.jar"
 * ```
 * @throws ConfigError `CONFIG_CIRCULAR_REFERENCE` naming the keys in the cycle.
 */
export function substituteValue(
  key: string,
  config: ReadonlyMap<string, string>,
  env: Env,
): string | undefined {
  const value = config.get(key);
  return value === undefined ? undefined : substitute(value, config, env, [key]);
}

/**
 * Every value of `config`, substituted.
 *
 * @example
 * ```ts
 * substituteAll(new Map([["spark.app.name", "${env:USER}-etl"]]), { USER: "ana" });
 * // Map { "spark.app.name" => "ana-etl" }
 * ```
 * @throws ConfigError `CONFIG_CIRCULAR_REFERENCE` naming the keys in the cycle.
 */
export function substituteAll(config: ReadonlyMap<string, string>, env: Env): Map<string, string> {
  return new Map([...config].map(([k, v]) => [k, substitute(v, config, env, [k])]));
}
