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

/**
 * Spark line -> the Scala build and the Delta release made for it (Delta's compatibility
 * table), and the packages that give it `s3a://`: hadoop-aws at the Hadoop version the Spark
 * line is built on (4.0: 3.4.1; 3.5: 3.3.4), with the AWS SDK its POM names. For 4.0 that is
 * SDK v2's 558 MB `bundle`, replaced by the three modules hadoop-aws uses (Ivy resolves
 * their dependencies): the same set as scripts/spark/versions.env, which says why 2.24.8.
 */
const COMPATIBILITY: readonly {
  readonly spark: RegExp;
  readonly scala: string;
  readonly delta: string;
  /** Whether the distribution lacks the Connect server jar (Spark 3.x ships it as a package). */
  readonly connectPackage: boolean;
  readonly s3Packages: readonly string[];
  /** Transitive packages left out (`--exclude-packages`). */
  readonly s3Excludes: readonly string[];
}[] = [
  {
    spark: /^4\.0\./,
    scala: "2.13",
    delta: "4.0.1",
    connectPackage: false,
    s3Packages: [
      "org.apache.hadoop:hadoop-aws:3.4.1",
      ...["s3", "s3-transfer-manager", "sts"].map((m) => `software.amazon.awssdk:${m}:2.24.8`),
    ],
    s3Excludes: ["software.amazon.awssdk:bundle"],
  },
  {
    spark: /^3\.5\./,
    scala: "2.12",
    delta: "3.3.2",
    connectPackage: true,
    s3Packages: ["org.apache.hadoop:hadoop-aws:3.3.4"],
    s3Excludes: [],
  },
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
  /**
   * Local jar paths to attach instead of resolving Delta and hadoop-aws from Maven
   * (air-gapped clusters; `scripts/spark/s3-jars.sh` lists the S3 ones).
   */
  readonly jars?: readonly string[];
  /** `spark-submit` to run (default `spark-submit` on the PATH). */
  readonly sparkSubmit?: string;
  readonly name?: string;
  /**
   * A properties file for the secret settings (S3 keys, tokens), so that `argv` keeps them
   * off the process list; the caller writes {@link SubmitCommand.secretsFile} there (mode
   * 600). Without it, secrets are `--conf` arguments.
   */
  readonly secretsPath?: string;
}

export interface SubmitCommand {
  /** The program and its arguments, with real values: for running. */
  readonly argv: readonly string[];
  /** The same with secret values redacted: for printing and logs. */
  readonly printable: readonly string[];
  /** The text of the `secretsPath` file `argv` names (empty without `secretsPath`). */
  readonly secretsFile: string;
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
    packages.push(...compat.s3Packages);
    add("--packages", packages.join(","));
    if (compat.s3Excludes.length > 0) add("--exclude-packages", compat.s3Excludes.join(","));
  }
  const conf = new Map<string, string>(Object.entries(DELTA_CONF));
  for (const [k, v] of options.conf) {
    // Delta's two settings are required; a user's extensions list keeps Delta's in front.
    if (k === "spark.sql.extensions" && !v.split(",").includes(DELTA_CONF[k] ?? ""))
      conf.set(k, `${DELTA_CONF[k]},${v}`);
    else conf.set(k, v);
  }
  conf.set("spark.connect.grpc.binding.port", String(port));
  const secrets: [string, string][] = [];
  for (const [k, v] of conf) {
    const flag = FLAGS[k];
    if (flag !== undefined) add(flag, v);
    else if (isSecretKey(k) && options.secretsPath !== undefined) secrets.push([k, v]);
    else add("--conf", `${k}=${v}`, isSecretKey(k));
  }
  // spark-submit reads no spark-defaults.conf once given a file; `conf` already holds it.
  if (secrets.length > 0 && options.secretsPath !== undefined)
    add("--properties-file", options.secretsPath);
  const submit = options.sparkSubmit ?? "spark-submit";
  const flat = (redact: boolean) => [
    submit,
    ...args.flatMap(([f, v, secret]) => [
      f,
      redact && secret ? `${v.slice(0, v.indexOf("=") + 1)}${REDACTION_REPLACEMENT}` : v,
    ]),
  ];
  return { argv: flat(false), printable: flat(true), secretsFile: propertiesText(secrets) };
}

/** Java properties text: one `key=value` a line, a backslash escaped (it escapes there). */
function propertiesText(entries: readonly (readonly [string, string])[]): string {
  return entries.map(([k, v]) => `${k}=${v.replaceAll("\\", "\\\\")}\n`).join("");
}

/** One argument as a POSIX shell word. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./[\]-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
