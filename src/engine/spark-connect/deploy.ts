/**
 * The `spark-submit` that starts a Spark Connect server on a user's cluster (YARN,
 * Kubernetes, standalone), with Delta attached and the settings of their
 * `spark-defaults.conf`. Pure: it builds argument vectors; `tributary spark submit-server`
 * prints or runs them. Secrets are redacted only in what is printed.
 */

import { isSecretKey, REDACTION_REPLACEMENT } from "../../config/redaction.js";
import { IllegalArgumentError } from "../../errors.js";

/** The server's main class, in Spark's own distribution since 3.4. */
export const CONNECT_SERVER_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer";

/** Spark line -> the Scala build and the Delta release made for it (Delta's compatibility table). */
const COMPATIBILITY: readonly {
  readonly spark: RegExp;
  readonly scala: string;
  readonly delta: string;
  /** Whether the distribution lacks the Connect server jar (Spark 3.x ships it as a package). */
  readonly connectPackage: boolean;
}[] = [
  { spark: /^4\.0\./, scala: "2.13", delta: "4.0.1", connectPackage: false },
  { spark: /^3\.5\./, scala: "2.12", delta: "3.3.2", connectPackage: true },
];

export interface SubmitServerOptions {
  /** `yarn`, `k8s://https://host:port`, `spark://host:7077` or `local[N]`. */
  readonly master: string;
  /** `client` (the server runs where the command runs: clients know its host) or `cluster`. */
  readonly deployMode?: "client" | "cluster";
  /** The cluster's Spark version (picks the Delta and Scala builds): default 4.0.1. */
  readonly sparkVersion?: string;
  /** Connect's gRPC port (default 15002). */
  readonly port?: number;
  /** Settings from `spark-defaults.conf`, then `--conf` (later wins). */
  readonly conf: ReadonlyMap<string, string>;
  /** Local jar paths to attach instead of resolving Delta from Maven (air-gapped clusters). */
  readonly jars?: readonly string[];
  /** `spark-submit` to run (default `spark-submit` on the PATH). */
  readonly sparkSubmit?: string;
  readonly name?: string;
}

export interface SubmitCommand {
  /** The program and its arguments, with real values: for running. */
  readonly argv: readonly string[];
  /** The same with secret values redacted: for printing and logs. */
  readonly printable: readonly string[];
}

const DELTA_CONF: Readonly<Record<string, string>> = {
  "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
  "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
};

/** spark-defaults keys spark-submit also takes as flags: we pass them as flags, as a person would. */
const FLAGS: Readonly<Record<string, string>> = {
  "spark.executor.memory": "--executor-memory",
  "spark.executor.cores": "--executor-cores",
  "spark.executor.instances": "--num-executors",
  "spark.driver.memory": "--driver-memory",
  "spark.driver.cores": "--driver-cores",
  "spark.yarn.queue": "--queue",
};

/**
 * Builds the `spark-submit` for a Connect server.
 *
 * @example
 * ```ts
 * const cmd = submitServerCommand({ master: "yarn", conf: new Map([["spark.executor.memory", "4g"]]) });
 * cmd.printable.join(" ");
 * // spark-submit --master yarn --deploy-mode client --class org.apache.spark.sql.connect.service.SparkConnectServer ...
 * ```
 */
export function submitServerCommand(options: SubmitServerOptions): SubmitCommand {
  const master = options.master;
  if (!/^(yarn|k8s:\/\/.+|spark:\/\/.+|local(\[(\d+|\*)\])?)$/.test(master))
    throw new IllegalArgumentError(`Cannot start a Spark Connect server on master "${master}".`, {
      hint: "Use yarn, k8s://https://<api-server>:<port>, spark://<host>:7077 or local[N].",
    });
  const sparkVersion = options.sparkVersion ?? "4.0.1";
  const compat = COMPATIBILITY.find((c) => c.spark.test(sparkVersion));
  if (compat === undefined)
    throw new IllegalArgumentError(`No Delta release is known for Spark ${sparkVersion}.`, {
      hint: "tributary deploys Spark 4.0.x (Delta 4.0) and 3.5.x (Delta 3.3); pass --spark-version.",
    });
  const port = options.port ?? 15002;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new IllegalArgumentError(`Port ${port} is not a TCP port.`);
  const deployMode = options.deployMode ?? "client";

  const args: [string, string, boolean][] = []; // [flag, value, secret]
  const add = (flag: string, value: string, secret = false) => args.push([flag, value, secret]);
  add("--master", master);
  if (!master.startsWith("local")) add("--deploy-mode", deployMode);
  add("--class", CONNECT_SERVER_CLASS);
  add("--name", options.name ?? "tributary-spark-connect");
  if (options.jars !== undefined && options.jars.length > 0) add("--jars", options.jars.join(","));
  else {
    const packages = [`io.delta:delta-spark_${compat.scala}:${compat.delta}`];
    if (compat.connectPackage)
      packages.push(`org.apache.spark:spark-connect_${compat.scala}:${sparkVersion}`);
    add("--packages", packages.join(","));
  }
  const conf = new Map<string, string>(Object.entries(DELTA_CONF));
  for (const [k, v] of options.conf) {
    // Delta's two settings are required; a user's extensions list keeps Delta's in front.
    if (k === "spark.sql.extensions" && !v.split(",").includes(DELTA_CONF[k] ?? ""))
      conf.set(k, `${DELTA_CONF[k]},${v}`);
    else conf.set(k, v);
  }
  conf.set("spark.connect.grpc.binding.port", String(port));
  for (const [k, v] of conf) {
    const flag = FLAGS[k];
    if (flag !== undefined) add(flag, v);
    else add("--conf", `${k}=${v}`, isSecretKey(k));
  }
  const submit = options.sparkSubmit ?? "spark-submit";
  const flat = (redact: boolean) => [
    submit,
    ...args.flatMap(([f, v, secret]) => [
      f,
      redact && secret ? `${v.slice(0, v.indexOf("=") + 1)}${REDACTION_REPLACEMENT}` : v,
    ]),
  ];
  return { argv: flat(false), printable: flat(true) };
}

/** One argument as a POSIX shell word. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./[\]-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
