/**
 * The Spark Connect side of the Spark engine: a session client over gRPC (only
 * grpc-transport.ts imports the transport), connection strings, reattachable execution,
 * retries, error mapping and Arrow decoding. Contract: every failure leaves here as a
 * TributaryError (server errors keep Spark's error class and SQL state; transport
 * failures have `SPARK_CONNECT_*` codes and a hint); every value has tributary's JS type;
 * no secret appears in a message.
 */
export { decodeArrowBatch, readerFor } from "./arrow.js";
export { formatEpochDay } from "./arrow-scalars.js";
export {
  type ExecutePlanOptions,
  type InterruptTarget,
  SparkConnectClient,
  type SparkConnectClientOptions,
} from "./client.js";
export {
  ConnectionString,
  DEFAULT_PORT,
  type ParseConnectionOptions,
  parseConnectionString,
} from "./connection-string.js";
export { errorInfoOf, type SparkErrorInfo, toTributaryError } from "./error-mapping.js";
export { DEFAULT_MAX_MESSAGE_BYTES } from "./grpc-transport.js";
export { collectResult, type ExecutionResult, rowBatches } from "./results.js";
export {
  backoffDelays,
  DEFAULT_RETRY_POLICY,
  isRetryable,
  RetriesExhaustedError,
  type RetryPolicy,
  withRetries,
} from "./retry.js";
export { type CallOptions, type Method, RpcError, Status, type Transport } from "./transport.js";
export { fromProtoDataType, schemaFromProto, toProtoDataType } from "./type-mapper.js";
