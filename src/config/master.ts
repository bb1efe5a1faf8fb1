/**
 * Master URLs, classified the way `SparkContext` reads them: `local`, `local[N]`, `local[*]`
 * and `local[N,F]` run here (N threads, F task failures allowed; one failure in the plain
 * forms); `sc://...` is a Spark Connect server (its connection string is parsed elsewhere);
 * `spark://...`, `yarn` and `k8s://...` are cluster managers. Matching is case-sensitive,
 * as in Spark.
 */
import { availableParallelism } from "node:os";
import { invalidValue } from "./invalid.js";

/** Where work runs. */
export type Master =
  | {
      readonly kind: "local";
      readonly threads: number;
      readonly maxFailures: number;
      /** `local[*]`: `threads` is the number of cores. */
      readonly allCores: boolean;
    }
  | { readonly kind: "remote"; readonly url: string }
  | {
      readonly kind: "cluster";
      readonly manager: "standalone" | "yarn" | "kubernetes";
      readonly url: string;
    };

/** Options of {@link parseMaster}. */
export interface ParseMasterOptions {
  /** Named in errors; default `spark.master`. */
  readonly key?: string;
  /** What `*` means; default `os.availableParallelism()`. */
  readonly cores?: number;
}

const ACCEPTED =
  "local, local[N], local[*], local[N,F] (N threads, F allowed task failures), " +
  "sc://host:port (Spark Connect), spark://host:port, yarn or k8s://host:port";
const LOCAL = /^local\[([0-9]+|\*)\]$/;
const LOCAL_FAILURES = /^local\[([0-9]+|\*)\s*,\s*([0-9]+)\]$/;
const MAX_INT = 2_147_483_647;
const CLUSTER_PREFIXES = [
  ["spark://", "standalone"],
  ["k8s://", "kubernetes"],
] as const;

/**
 * Classifies a master URL.
 *
 * @example
 * ```ts
 * parseMaster("local[4]");             // { kind: "local", threads: 4, maxFailures: 1, allCores: false }
 * parseMaster("sc://localhost:15002"); // { kind: "remote", url: "sc://localhost:15002" }
 * parseMaster("yarn");                 // { kind: "cluster", manager: "yarn", url: "yarn" }
 * ```
 * @throws ConfigError `CONFIG_INVALID_VALUE` naming the key, the value and the accepted forms.
 */
export function parseMaster(value: string, options: ParseMasterOptions = {}): Master {
  const key = options.key ?? "spark.master";
  const fail = (reason: string) => invalidValue(key, value, reason, ACCEPTED);
  const count = (text: string, what: string): number => {
    const n = Number(text);
    if (n > MAX_INT) throw fail(`${what} ${text} is too large`);
    return n;
  };
  const local = (threadsText: string, maxFailures: number): Master => {
    const allCores = threadsText === "*";
    const threads = allCores
      ? (options.cores ?? availableParallelism())
      : count(threadsText, "thread count");
    if (threads <= 0) throw fail(`asked to run locally with ${threads} threads`);
    return Object.freeze({ kind: "local", threads, maxFailures, allCores });
  };

  if (value === "local") return local("1", 1);
  const n = LOCAL.exec(value);
  if (n !== null) return local(n[1] ?? "", 1);
  const nf = LOCAL_FAILURES.exec(value);
  if (nf !== null) return local(nf[1] ?? "", count(nf[2] ?? "", "failure count"));
  if (value.startsWith("sc://") && value.length > "sc://".length) {
    return Object.freeze({ kind: "remote", url: value });
  }
  if (value === "yarn") return Object.freeze({ kind: "cluster", manager: "yarn", url: value });
  for (const [prefix, manager] of CLUSTER_PREFIXES) {
    if (value.startsWith(prefix) && value.length > prefix.length) {
      return Object.freeze({ kind: "cluster", manager, url: value });
    }
  }
  throw fail(value.startsWith("local") ? "malformed local master" : "unknown master URL");
}
