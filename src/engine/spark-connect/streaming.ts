/**
 * Structured Streaming on the Spark engine: a stream starts with Spark Connect's
 * `WriteStreamOperationStart` and is then driven by `StreamingQueryCommand`s naming its
 * (id, runId), as PySpark's Connect client does. Spark owns the stream: its checkpoint,
 * its micro-batches, its Delta sink (delta-spark commits each batch with txnAppId = query
 * id and txnVersion = batch id, so a replayed batch is not written twice).
 */
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { EngineError } from "../../errors.js";
import { type ExecutePlanResponse, PlanSchema } from "../../proto/gen/spark/connect/base_pb.js";
import type {
  CommandSchema,
  StreamingQueryCommandResult,
  StreamingQueryCommandSchema,
} from "../../proto/gen/spark/connect/commands_pb.js";
import type { EngineStream, EngineStreamStatus, StreamStartSpec } from "../engine.js";
import type { SparkConnectClient } from "./client.js";
import { compileRelation } from "./compiler/relations.js";

/** The server answered a streaming command without the result it must carry. */
function protocolError(what: string): EngineError {
  return new EngineError("spark", `Spark Connect protocol: ${what}`, {
    code: "SPARK_CONNECT_SERVER_ERROR",
    hint: "The server may run another Spark version than this client expects (4.0).",
  });
}

type CommandInit = MessageInitShape<typeof CommandSchema>["commandType"];
type QueryCommand = MessageInitShape<typeof StreamingQueryCommandSchema>["command"];

type Body = ExecutePlanResponse["responseType"];

/** Runs one command; returns the bodies of its responses. */
async function runCommand(client: SparkConnectClient, commandType: CommandInit): Promise<Body[]> {
  const plan = create(PlanSchema, { opType: { case: "command", value: { commandType } } });
  const bodies: Body[] = [];
  for await (const response of client.executePlan(plan)) bodies.push(response.responseType);
  return bodies;
}

async function queryCommand(
  client: SparkConnectClient,
  commandType: CommandInit,
): Promise<StreamingQueryCommandResult> {
  const body = (await runCommand(client, commandType)).find(
    (b) => b.case === "streamingQueryCommandResult",
  );
  if (body?.case !== "streamingQueryCommandResult")
    throw protocolError("a streaming query command returned no result.");
  return body.value;
}

/** `${ms} milliseconds`: Spark's interval syntax, exact for any interval. */
function interval(ms: number): string {
  return `${ms} milliseconds`;
}

function triggerOf(spec: StreamStartSpec) {
  switch (spec.trigger.kind) {
    case "availableNow":
      return { case: "availableNow" as const, value: true };
    case "once":
      return { case: "once" as const, value: true };
    case "processingTime":
      return { case: "processingTimeInterval" as const, value: interval(spec.trigger.intervalMs) };
  }
}

/** Starts the stream on Spark and returns its handle. */
export async function startSparkStream(
  client: SparkConnectClient,
  spec: StreamStartSpec,
): Promise<EngineStream> {
  const bodies = await runCommand(client, {
    case: "writeStreamOperationStart",
    value: {
      input: compileRelation(spec.plan),
      format: spec.format,
      options: { ...spec.options },
      partitioningColumnNames: [...spec.partitionBy],
      trigger: triggerOf(spec),
      outputMode: spec.outputMode,
      queryName: spec.queryName ?? "",
      sinkDestination:
        spec.path === undefined ? { case: undefined } : { case: "path", value: spec.path },
    },
  });
  const body = bodies.find((b) => b.case === "writeStreamOperationStartResult");
  if (body?.case !== "writeStreamOperationStartResult")
    throw protocolError("WriteStreamOperationStart returned no result.");
  const result = body.value;
  const ids = result.queryId;
  if (ids === undefined) throw protocolError("WriteStreamOperationStart returned no query id.");
  return new SparkStream(client, ids.id, ids.runId, result.name === "" ? undefined : result.name);
}

/** The streams running on the server in this session (StreamingQueryManagerCommand.active). */
export async function activeSparkStreams(
  client: SparkConnectClient,
): Promise<{ id: string; runId: string; name: string | undefined }[]> {
  const bodies = await runCommand(client, {
    case: "streamingQueryManagerCommand",
    value: { command: { case: "active", value: true } },
  });
  const body = bodies.find((b) => b.case === "streamingQueryManagerCommandResult");
  if (
    body?.case !== "streamingQueryManagerCommandResult" ||
    body.value.resultType.case !== "active"
  )
    throw protocolError("the active-queries command returned no list.");
  return body.value.resultType.value.activeQueries.map((q) => ({
    id: q.id?.id ?? "",
    runId: q.id?.runId ?? "",
    name: q.name,
  }));
}

class SparkStream implements EngineStream {
  constructor(
    private readonly client: SparkConnectClient,
    readonly id: string,
    readonly runId: string,
    readonly name: string | undefined,
  ) {}

  private async command(command: QueryCommand): Promise<StreamingQueryCommandResult> {
    return queryCommand(this.client, {
      case: "streamingQueryCommand",
      value: { queryId: { id: this.id, runId: this.runId }, command },
    });
  }

  async status(): Promise<EngineStreamStatus> {
    const r = await this.command({ case: "status", value: true });
    if (r.resultType.case !== "status")
      throw protocolError("The status command returned no status.");
    const s = r.resultType.value;
    return {
      message: s.statusMessage,
      isDataAvailable: s.isDataAvailable,
      isTriggerActive: s.isTriggerActive,
      isActive: s.isActive,
    };
  }

  async recentProgress(): Promise<string[]> {
    const r = await this.command({ case: "recentProgress", value: true });
    return r.resultType.case === "recentProgress" ? [...r.resultType.value.recentProgressJson] : [];
  }

  async awaitTermination(timeoutMs?: number): Promise<boolean> {
    const r = await this.command({
      case: "awaitTermination",
      value: timeoutMs === undefined ? {} : { timeoutMs: BigInt(timeoutMs) },
    });
    return r.resultType.case === "awaitTermination" ? r.resultType.value.terminated : false;
  }

  async processAllAvailable(): Promise<void> {
    await this.command({ case: "processAllAvailable", value: true });
  }

  async stop(): Promise<void> {
    await this.command({ case: "stop", value: true });
  }

  async exception(): Promise<{ message: string; errorClass?: string } | undefined> {
    const r = await this.command({ case: "exception", value: true });
    if (r.resultType.case !== "exception") return undefined;
    const e = r.resultType.value;
    if (e.exceptionMessage === undefined) return undefined;
    return {
      message: e.exceptionMessage,
      ...(e.errorClass === undefined ? {} : { errorClass: e.errorClass }),
    };
  }
}
