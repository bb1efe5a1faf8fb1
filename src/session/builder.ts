/**
 * `SparkSession.builder()`: configuration from code, over command-line `--conf`, the
 * environment (and `.env`), `spark-defaults.conf` and built-in defaults, in Spark's order.
 */
import { loadDotEnv, loadSparkDefaults, masterOf, resolveConfig } from "../config/index.js";
import type { Engine } from "../engine/engine.js";
import { registerSecretsFrom, registerSecretsFromEnv } from "../logging/redactor.js";
import { startEngine } from "./engine-factory.js";
import { RuntimeConfig } from "./runtime-config.js";
import { SparkSession } from "./session.js";

/** Settings the CLI passes to every session it creates (`tributary run --conf k=v`). */
export interface LaunchSettings {
  readonly cliConf: readonly (readonly [string, string])[];
  readonly propertiesFile: string | undefined;
  /** Called when the builder hands out a session (the CLI tells a script that ran from one that did nothing). */
  readonly onSession?: (engine: Engine) => void;
}

/**
 * Kept on `globalThis` under a registered symbol: a pipeline may load tributary through
 * another path than the CLI did (the package vs a checkout's sources), and must still see
 * the CLI's `--master` and `--conf`, as a PySpark job sees spark-submit's.
 */
const LAUNCH = Symbol.for("tributary.launchSettings");
const store = globalThis as { [LAUNCH]?: LaunchSettings };

function launchSettings(): LaunchSettings {
  return store[LAUNCH] ?? { cliConf: [], propertiesFile: undefined };
}

/** @internal set by the CLI before it loads a pipeline. */
export function setLaunchSettings(settings: LaunchSettings): void {
  store[LAUNCH] = settings;
}

export class Builder {
  private readonly code: [string, string][] = [];
  private propertiesFile: string | undefined;

  appName(name: string): this {
    return this.config("spark.app.name", name);
  }

  /** `local`, `local[N]`, `local[*]`, or `sc://host:port` for a Spark Connect server. */
  master(master: string): this {
    return this.config("spark.master", master);
  }

  /** Spark Connect server (`sc://host:15002/;token=...`). */
  remote(url: string): this {
    return this.config("spark.remote", url);
  }

  /** One setting, or many as an object. */
  config(
    key: string | Readonly<Record<string, string | number | boolean>>,
    value?: string | number | boolean,
  ): this {
    if (typeof key === "string") this.code.push([key, String(value)]);
    else for (const [k, v] of Object.entries(key)) this.code.push([k, String(v)]);
    return this;
  }

  /** Reads this `spark-defaults.conf` instead of `$SPARK_CONF_DIR/spark-defaults.conf`. */
  propertiesFilePath(path: string): this {
    this.propertiesFile = path;
    return this;
  }

  /** Accepted for compatibility: tributary has no Hive metastore. */
  enableHiveSupport(): this {
    return this;
  }

  /** The active session (with this builder's settings applied), or a new one. */
  async getOrCreate(): Promise<SparkSession> {
    const existing = SparkSession.getActiveSession();
    if (existing !== undefined) {
      launchSettings().onSession?.(existing.engine);
      for (const [k, v] of this.code) await existing.conf.set(k, v);
      return existing;
    }
    const session = await this.create();
    SparkSession.setActive(session);
    return session;
  }

  /**
   * A new, independent session, whatever session is active (PySpark's `builder.create()`):
   * for example one on the embedded engine and one on Spark side by side.
   */
  async create(): Promise<SparkSession> {
    const { env } = await loadDotEnv({ env: process.env });
    const defaults = await loadSparkDefaults({
      path: this.propertiesFile ?? launchSettings().propertiesFile,
      env,
    });
    const resolved = resolveConfig({
      defaults,
      env,
      cli: launchSettings().cliConf,
      code: this.code,
    });
    // Secrets from every source (defaults file, env, --conf, code) are hidden in all output.
    registerSecretsFrom(resolved.values);
    registerSecretsFromEnv(env);
    const master = masterOf(resolved);
    const engine = await startEngine(master, resolved.values);
    launchSettings().onSession?.(engine);
    const holder: { session?: SparkSession } = {};
    const conf = new RuntimeConfig(resolved.values, resolved.sources, async (key, value) => {
      await holder.session?.engine.setConf(key, value);
    });
    const session = new SparkSession(engine, conf);
    holder.session = session;
    return session;
  }
}

/** The seed's helper: a session named `appName` with extra settings. */
export async function createSparkSession(
  appName: string,
  configs: Readonly<Record<string, string | number | boolean>> = {},
): Promise<SparkSession> {
  return SparkSession.builder().appName(appName).config(configs).getOrCreate();
}
