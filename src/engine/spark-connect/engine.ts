import type { SparkSession } from "../../session/session.js";
import type { DeltaTableBackend } from "../../table/backend.js";
import { SparkDeltaTable } from "./delta-table.js";
/**
 * The Spark engine: runs plans on an Apache Spark cluster through Spark Connect. Plans
 * compile to Spark Connect relations (compiler/), results come back as Arrow and decode to
 * the same JS values the embedded engine returns. Delta on Spark is delta-spark's job.
 */

import { create, toJsonString } from "@bufbuild/protobuf";
import type { RelationNode } from "../../plan/node.js";
import { childrenOf } from "../../plan/node.js";
import type { ReadNode } from "../../plan/relation/read.js";
import type { SqlNode } from "../../plan/relation/sql.js";
import {
  AnalyzePlanRequest_Explain_ExplainMode,
  type Plan,
  PlanSchema,
} from "../../proto/gen/spark/connect/base_pb.js";
import { WriteOperation_SaveMode } from "../../proto/gen/spark/connect/commands_pb.js";
import type { StructType } from "../../types/data-types.js";
import { quoteIdentifier } from "../../types/sql-string.js";
import type {
  ActionOptions,
  Engine,
  EngineStream,
  ExplainMode,
  ReadMetrics,
  Row,
  SaveMode,
  StreamStartSpec,
  WriteResult,
  WriteSpec,
} from "../engine.js";
import { SparkConnectClient } from "./client.js";
import { compileRelation } from "./compiler/relations.js";
import { localFileUri } from "./local-paths.js";
import { collectResult, rowBatches } from "./results.js";
import { s3aPath, s3aSessionSettings } from "./s3.js";
import { activeSparkStreams, startSparkStream } from "./streaming.js";
import { schemaFromProto } from "./type-mapper.js";

const EXPLAIN_MODES: Readonly<Record<ExplainMode, AnalyzePlanRequest_Explain_ExplainMode>> = {
  simple: AnalyzePlanRequest_Explain_ExplainMode.SIMPLE,
  extended: AnalyzePlanRequest_Explain_ExplainMode.EXTENDED,
  codegen: AnalyzePlanRequest_Explain_ExplainMode.CODEGEN,
  cost: AnalyzePlanRequest_Explain_ExplainMode.COST,
  formatted: AnalyzePlanRequest_Explain_ExplainMode.FORMATTED,
};

const SAVE_MODES: Readonly<Record<SaveMode, WriteOperation_SaveMode>> = {
  error: WriteOperation_SaveMode.ERROR_IF_EXISTS,
  append: WriteOperation_SaveMode.APPEND,
  overwrite: WriteOperation_SaveMode.OVERWRITE,
  ignore: WriteOperation_SaveMode.IGNORE,
};

/** Operations the Spark engine runs differently or not at all (see docs/spark.md). */
const UNSUPPORTED: ReadonlySet<string> = new Set(["readMetrics"]);

/** The Spark Connect plan of a relation (for explain and the conformance suite's pins). */
export function rootPlan(node: RelationNode): Plan {
  return create(PlanSchema, { opType: { case: "root", value: compileRelation(node) } });
}

export class SparkConnectEngine implements Engine {
  readonly name = "spark";
  /** Temporary views registered on the server, by lower-cased name -> the plan registered. */
  private readonly registeredViews = new Map<string, RelationNode>();

  private constructor(readonly client: SparkConnectClient) {}

  /** Connects, and applies the session's settings Spark must know (time zone, ANSI, S3A). */
  static async start(url: string, conf: ReadonlyMap<string, string>): Promise<SparkConnectEngine> {
    const client = SparkConnectClient.connect(url);
    const settings: Record<string, string> = {
      "spark.sql.ansi.enabled": conf.get("spark.sql.ansi.enabled") ?? "false",
    };
    const zone = conf.get("spark.sql.session.timeZone");
    if (zone !== undefined) settings["spark.sql.session.timeZone"] = zone;
    for (const [k, v] of conf) {
      if (
        k.startsWith("spark.sql.") &&
        !k.startsWith("spark.sql.extensions") &&
        !k.startsWith("spark.sql.catalog")
      )
        settings[k] = v;
    }
    Object.assign(settings, s3aSessionSettings(conf));
    try {
      await client.setConf(settings);
    } catch (e) {
      await client.close();
      throw e;
    }
    return new SparkConnectEngine(client);
  }

  /**
   * `s3://` sent as `s3a://` (see s3.ts); local paths resolved here when the server shares
   * this machine (see local-paths.ts).
   */
  deltaTable(spark: SparkSession, path: string): DeltaTableBackend {
    return new SparkDeltaTable(spark, this, this.dataPath(path));
  }

  dataPath(path: string): string {
    const hadoop = s3aPath(path);
    return this.client.connection.isLoopback ? localFileUri(hadoop) : hadoop;
  }

  /** `spark.sql` with temporary views: registers the views on the server first. */
  private async prepare(plan: RelationNode): Promise<void> {
    const visit = async (n: RelationNode): Promise<void> => {
      if (n.kind === "sql") await this.registerViews(n);
      for (const c of childrenOf(n)) await visit(c);
    };
    await visit(plan);
  }

  private async registerViews(node: SqlNode): Promise<void> {
    await this.registerViewMap(node.views);
  }

  private async registerViewMap(views: Readonly<Record<string, RelationNode>>): Promise<void> {
    for (const [name, view] of Object.entries(views)) {
      if (this.registeredViews.get(name.toLowerCase()) === view) continue;
      await this.prepare(view);
      const plan = create(PlanSchema, {
        opType: {
          case: "command",
          value: {
            commandType: {
              case: "createDataframeView",
              value: { input: compileRelation(view), name, isGlobal: false, replace: true },
            },
          },
        },
      });
      await collectResult(this.client.executePlan(plan));
      this.registeredViews.set(name.toLowerCase(), view);
    }
  }

  async schema(plan: RelationNode): Promise<StructType> {
    await this.prepare(plan);
    const reply = await this.client.analyzePlan({
      case: "schema",
      value: { plan: rootPlan(plan) },
    });
    const result = reply.result;
    if (result.case !== "schema" || result.value.schema === undefined)
      throw new Error("AnalyzePlan returned no schema");
    return schemaFromProto(result.value.schema);
  }

  async collect(plan: RelationNode, options?: ActionOptions): Promise<Row[]> {
    await this.prepare(plan);
    const { rows } = await collectResult(
      this.client.executePlan(rootPlan(plan), { signal: options?.signal }),
    );
    return rows;
  }

  async *stream(plan: RelationNode, options?: ActionOptions): AsyncGenerator<Row[]> {
    await this.prepare(plan);
    yield* rowBatches(this.client.executePlan(rootPlan(plan), { signal: options?.signal }));
  }

  async explain(plan: RelationNode, mode: ExplainMode): Promise<string> {
    await this.prepare(plan);
    const proto = rootPlan(plan);
    const reply = await this.client.analyzePlan({
      case: "explain",
      value: { plan: proto, explainMode: EXPLAIN_MODES[mode] },
    });
    const text = reply.result.case === "explain" ? reply.result.value.explainString : "";
    return `${text.trimEnd()}\n\n== Spark Connect plan ==\n${toJsonString(PlanSchema, proto, { prettySpaces: 2 })}`;
  }

  async write(plan: RelationNode, spec: WriteSpec, options?: ActionOptions): Promise<WriteResult> {
    await this.prepare(plan);
    const command = create(PlanSchema, {
      opType: {
        case: "command",
        value: {
          commandType: {
            case: "writeOperation",
            value: {
              input: compileRelation(plan),
              source: spec.format,
              saveType: { case: "path", value: this.dataPath(spec.path) },
              mode: SAVE_MODES[spec.mode],
              partitioningColumns: [...spec.partitionBy],
              options: { ...spec.options },
            },
          },
        },
      },
    });
    await collectResult(this.client.executePlan(command, { signal: options?.signal }));
    // Spark reports no per-file results through Connect: what was written is on the cluster.
    return {
      files: [],
      rowsWritten: Number.NaN,
      bytesWritten: Number.NaN,
      written: true,
      readMetrics: [],
    };
  }

  /**
   * Runs a SQL statement (DDL, DML, Delta table commands) and returns its rows; `views`
   * are registered on the server first as temporary views the statement can name.
   */
  async sqlCommand(
    sql: string,
    views: Readonly<Record<string, RelationNode>> = {},
  ): Promise<Row[]> {
    await this.registerViewMap(views);
    const plan = create(PlanSchema, {
      opType: {
        case: "command",
        value: {
          commandType: {
            case: "sqlCommand",
            value: { input: { relType: { case: "sql", value: { query: sql } } } },
          },
        },
      },
    });
    const result = await collectResult(this.client.executePlan(plan));
    if (result.sqlCommandResult === undefined) return result.rows;
    const rel = create(PlanSchema, { opType: { case: "root", value: result.sqlCommandResult } });
    return (await collectResult(this.client.executePlan(rel))).rows;
  }

  /** Drops a temporary view registered on the server (by `sqlCommand` or `spark.sql`). */
  async dropServerView(name: string): Promise<void> {
    if (!this.registeredViews.delete(name.toLowerCase())) return;
    await this.sqlCommand(`DROP VIEW IF EXISTS ${quoteIdentifier(name)}`);
  }

  /** Structured Streaming run by Spark itself (see streaming.ts). */
  async startStream(spec: StreamStartSpec): Promise<EngineStream> {
    await this.prepare(spec.plan);
    return startSparkStream(this.client, spec);
  }

  async activeStreams(): Promise<{ id: string; runId: string; name: string | undefined }[]> {
    return activeSparkStreams(this.client);
  }

  readMetrics(_node: ReadNode): ReadMetrics | undefined {
    return undefined;
  }

  supports(operation: string): boolean {
    return !UNSUPPORTED.has(operation);
  }

  async setConf(key: string, value: string): Promise<void> {
    await this.client.setConf({ [key]: value, ...s3aSessionSettings(new Map([[key, value]])) });
  }

  async stop(): Promise<void> {
    await this.client.close();
  }
}
