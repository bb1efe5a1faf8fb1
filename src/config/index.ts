/**
 * Configuration: where settings come from and what they mean.
 *
 * Contract: parsing is pure and takes text (`parseSparkDefaults`, `parseDotEnv`,
 * `parseConfArg`); only `loadSparkDefaults` and `loadDotEnv` read files, and nothing here
 * writes `process.env` unless asked. `resolveConfig` merges built-in defaults <
 * `spark-defaults.conf` < environment < `--conf` < code, remembers where each value came
 * from and returns maps that cannot change. Typed readers (`parseByteSize`, `parseBoolean`,
 * `parseDuration`, `parseMaster`) throw `ConfigError` naming the key, the value and the accepted
 * forms. Secrets are redacted as Spark redacts them before anything is printed.
 *
 * @example
 * ```ts
 * const { env } = await loadDotEnv();
 * const conf = resolveConfig({ defaults: await loadSparkDefaults({ env }), env });
 * for (const line of formatConfig(conf)) console.log(line);
 * const master = masterOf(conf);
 * ```
 */
export { confBoolean, parseBoolean, sparkBoolean } from "./boolean.js";
export { parseConfArg, parseConfArgs } from "./cli-conf.js";
export {
  loadSparkDefaults,
  locateSparkDefaults,
  SPARK_DEFAULTS_FILE,
  type SparkDefaults,
  type SparkDefaultsOptions,
} from "./defaults-file.js";
export { type DotEnvOptions, type DotEnvResult, loadDotEnv, parseDotEnv } from "./dotenv.js";
export { parseDuration, type TimeUnit } from "./durations.js";
export { masterOf } from "./effective-master.js";
export {
  ENV_CONFIG_VARIABLES,
  type Env,
  type EnvConfigValue,
  envToConfig,
  envValue,
} from "./env.js";
export { formatConfig } from "./format.js";
export { FrozenMap } from "./frozen-map.js";
export { type Master, type ParseMasterOptions, parseMaster } from "./master.js";
export { OptionsReader } from "./options-reader.js";
export { type PropertyEntry, parseProperties } from "./properties.js";
export { redactUrl } from "./redact-url.js";
export {
  DEFAULT_REDACTION_REGEX,
  isSecretKey,
  javaRegex,
  REDACTION_REPLACEMENT,
  redactConfig,
  redactionPattern,
  redactText,
  secretValues,
} from "./redaction.js";
export {
  BUILTIN_DEFAULTS,
  type IgnoredConfig,
  type ResolveConfigInput,
  type ResolvedConfig,
  resolveConfig,
} from "./resolve.js";
export { type ByteUnit, defaultByteUnit, parseByteSize, SIZE_DEFAULT_UNITS } from "./sizes.js";
export { type ConfigSource, describeSource, PRECEDENCE } from "./source.js";
export { parseSparkDefaults, parseSparkDefaultsEntries, trimExceptCRLF } from "./spark-defaults.js";
export { substituteAll, substituteValue } from "./substitute.js";
