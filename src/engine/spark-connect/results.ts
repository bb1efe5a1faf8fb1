/**
 * From an execution's responses to what an action returns: rows (decoded Arrow batches,
 * in order), the schema Spark sent, and the result of a SQL command.
 */
import type {
  ExecutePlanResponse,
  ExecutePlanResponse_Metrics,
} from "../../proto/gen/spark/connect/base_pb.js";
import type { Relation } from "../../proto/gen/spark/connect/relations_pb.js";
import type { StructType } from "../../types/data-types.js";
import type { Row } from "../engine.js";
import { decodeArrowBatch } from "./arrow.js";
import { schemaFromProto } from "./type-mapper.js";

/** Everything an execution returned, rows decoded. */
export interface ExecutionResult {
  readonly rows: Row[];
  /** Spark's schema of the result, when it sent one. */
  readonly schema: StructType | undefined;
  /** For `Command` plans (SQL DDL, writes): the relation Spark returned, if any. */
  readonly sqlCommandResult: Relation | undefined;
  readonly metrics: ExecutePlanResponse_Metrics | undefined;
}

/**
 * Collects every row of an execution.
 *
 * @example
 * ```ts
 * const { rows, schema } = await collectResult(client.executePlan(plan));
 * ```
 */
export async function collectResult(
  responses: AsyncIterable<ExecutePlanResponse>,
): Promise<ExecutionResult> {
  const rows: Row[] = [];
  let schema: StructType | undefined;
  let sqlCommandResult: Relation | undefined;
  let metrics: ExecutePlanResponse_Metrics | undefined;
  for await (const response of responses) {
    if (response.schema !== undefined && schema === undefined) {
      schema = schemaFromProto(response.schema);
    }
    if (response.metrics !== undefined) metrics = response.metrics;
    const body = response.responseType;
    if (body.case === "arrowBatch") {
      for (const row of decodeArrowBatch(body.value.data).rows) rows.push(row);
    } else if (body.case === "sqlCommandResult") {
      sqlCommandResult = body.value.relation;
    }
  }
  return { rows, schema, sqlCommandResult, metrics };
}

/**
 * The rows of an execution, one array per Arrow batch, for results larger than memory.
 *
 * @example
 * ```ts
 * for await (const rows of rowBatches(client.executePlan(plan))) sink.write(rows);
 * ```
 */
export async function* rowBatches(
  responses: AsyncIterable<ExecutePlanResponse>,
): AsyncGenerator<Row[]> {
  for await (const response of responses) {
    const body = response.responseType;
    if (body.case !== "arrowBatch") continue;
    const { rows } = decodeArrowBatch(body.value.data);
    if (rows.length > 0) yield rows;
  }
}
