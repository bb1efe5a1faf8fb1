/**
 * Where a resolved value came from, so `tributary` can say
 * `spark.driver.memory=4g (from /etc/spark/conf/spark-defaults.conf)`.
 */

/** The origin of one configuration value. */
export type ConfigSource =
  | { readonly kind: "code" }
  | { readonly kind: "cli" }
  | { readonly kind: "env"; readonly variable: string }
  | { readonly kind: "file"; readonly path: string; readonly line: number | undefined }
  | { readonly kind: "builtin" };

/**
 * The layers from lowest to highest precedence: a later layer wins. `env` sits above the
 * defaults file, which differs from `spark-submit` (there `MASTER` and `SPARK_REMOTE` only
 * fill in what `spark-defaults.conf` leaves unset).
 */
export const PRECEDENCE: readonly ConfigSource["kind"][] = [
  "builtin",
  "file",
  "env",
  "cli",
  "code",
];

/**
 * A short phrase for printing after a value.
 *
 * @example
 * ```ts
 * describeSource({ kind: "env", variable: "SPARK_REMOTE" }); // "from environment variable SPARK_REMOTE"
 * ```
 */
export function describeSource(source: ConfigSource): string {
  switch (source.kind) {
    case "code":
      return "set in code";
    case "cli":
      return "from --conf";
    case "env":
      return `from environment variable ${source.variable}`;
    case "file":
      return source.line === undefined
        ? `from ${source.path}`
        : `from ${source.path}, line ${source.line}`;
    case "builtin":
      return "built-in default";
  }
}
