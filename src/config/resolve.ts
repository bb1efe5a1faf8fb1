/**
 * Merging the layers of configuration in precedence order (see {@link PRECEDENCE}): built-in
 * defaults < `spark-defaults.conf` < environment < `--conf` < `.config()` in code. Like
 * `spark-submit`, keys from the defaults file and `--conf` that do not start with `spark.` are
 * ignored (and reported); keys set in code are all kept. `${...}` references are then resolved
 * across the merged result.
 */
import type { SparkDefaults } from "./defaults-file.js";
import { type Env, envToConfig } from "./env.js";
import { FrozenMap } from "./frozen-map.js";
import type { ConfigSource } from "./source.js";
import { substituteAll } from "./substitute.js";

/** What Spark would use when nothing else sets a key. */
export const BUILTIN_DEFAULTS: ReadonlyMap<string, string> = new FrozenMap([
  ["spark.master", "local[*]"],
]);

/** The layers to merge; each may be left out. */
export interface ResolveConfigInput {
  /** `spark-defaults.conf`, as loaded by `loadSparkDefaults` (or a bare map, without lines). */
  readonly defaults?: SparkDefaults | ReadonlyMap<string, string>;
  /** The environment (after `.env`): mapped keys, and `${env:NAME}` references. */
  readonly env?: Env;
  /** `--conf key=value` arguments, already split (`parseConfArgs`). */
  readonly cli?: Iterable<readonly [string, string]>;
  /** Values set in code (`SparkSession.builder().config(k, v)`). */
  readonly code?: Iterable<readonly [string, string]>;
  /** Replaces {@link BUILTIN_DEFAULTS}. */
  readonly builtins?: ReadonlyMap<string, string>;
  /** Resolve `${...}` references (default `true`). */
  readonly substitute?: boolean;
}

/** A key dropped while merging, and why. */
export interface IgnoredConfig {
  readonly key: string;
  readonly source: ConfigSource;
  readonly reason: string;
}

/** The merged configuration; nothing in it can be changed. */
export interface ResolvedConfig {
  readonly values: ReadonlyMap<string, string>;
  readonly sources: ReadonlyMap<string, ConfigSource>;
  readonly ignored: readonly IgnoredConfig[];
}

type Layer = Iterable<readonly [key: string, value: string, source: ConfigSource]>;

function isSparkDefaults(d: SparkDefaults | ReadonlyMap<string, string>): d is SparkDefaults {
  return "path" in d && "lines" in d;
}

function fileLayer(defaults: SparkDefaults | ReadonlyMap<string, string>): Layer {
  const loaded: SparkDefaults = isSparkDefaults(defaults)
    ? defaults
    : { path: undefined, values: defaults, lines: new Map() };
  const path = loaded.path ?? "spark-defaults.conf";
  return [...loaded.values].map(([key, value]): [string, string, ConfigSource] => [
    key,
    value,
    { kind: "file", path, line: loaded.lines.get(key) },
  ]);
}

function tagged(pairs: Iterable<readonly [string, string]>, source: ConfigSource): Layer {
  return [...pairs].map(([k, v]): [string, string, ConfigSource] => [k, v, source]);
}

/**
 * Merges the layers. Later layers win, key by key.
 *
 * @example
 * ```ts
 * const conf = resolveConfig({
 *   defaults: await loadSparkDefaults({ env: process.env }),
 *   env: process.env,
 *   cli: parseConfArgs(["spark.sql.shuffle.partitions=8"]),
 *   code: [["spark.app.name", "ingest"]],
 * });
 * conf.values.get("spark.master"); // "local[*]" unless set somewhere
 * describeSource(conf.sources.get("spark.app.name") ?? { kind: "code" }); // "set in code"
 * ```
 * @throws ConfigError `CONFIG_CIRCULAR_REFERENCE` when `${...}` references form a cycle.
 */
export function resolveConfig(input: ResolveConfigInput): ResolvedConfig {
  const env = input.env ?? {};
  const envLayer: Layer = [...envToConfig(env)].map(([key, { value, variable }]) => [
    key,
    value,
    { kind: "env", variable },
  ]);
  // spark-submit drops non-`spark.` keys from the defaults file and --conf; code may set any.
  const layers: readonly { readonly entries: Layer; readonly sparkKeysOnly: boolean }[] = [
    {
      entries: tagged(input.builtins ?? BUILTIN_DEFAULTS, { kind: "builtin" }),
      sparkKeysOnly: false,
    },
    { entries: input.defaults === undefined ? [] : fileLayer(input.defaults), sparkKeysOnly: true },
    { entries: envLayer, sparkKeysOnly: false },
    { entries: tagged(input.cli ?? [], { kind: "cli" }), sparkKeysOnly: true },
    { entries: tagged(input.code ?? [], { kind: "code" }), sparkKeysOnly: false },
  ];
  const values = new Map<string, string>();
  const sources = new Map<string, ConfigSource>();
  const ignored: IgnoredConfig[] = [];
  for (const { entries, sparkKeysOnly } of layers) {
    for (const [key, value, source] of entries) {
      if (sparkKeysOnly && !key.startsWith("spark.")) {
        ignored.push(Object.freeze({ key, source, reason: "Ignoring non-Spark config property" }));
        continue;
      }
      values.set(key, value);
      sources.set(key, source);
    }
  }
  const final = input.substitute === false ? values : substituteAll(values, env);
  return Object.freeze({
    values: new FrozenMap(final),
    sources: new FrozenMap(sources),
    ignored: Object.freeze(ignored),
  });
}
