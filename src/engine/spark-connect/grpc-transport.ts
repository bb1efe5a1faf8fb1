/**
 * The {@link Transport} over `@grpc/grpc-js`: the only file that imports it. One channel
 * per client; the bearer token and the connection string's extra parameters go in the
 * metadata of every call. Retries are the client's job, so gRPC's own are off.
 */
import { Client, connectivityState, credentials, Metadata, type ServiceError } from "@grpc/grpc-js";
import type { ConnectionString } from "./connection-string.js";
import { type CallOptions, type Method, RpcError, Status, type Transport } from "./transport.js";

/** PySpark's default; Spark's Arrow batches are 4 MiB, so this leaves ample room. */
export const DEFAULT_MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

const SERVICE = "/spark.connect.SparkConnectService/";

/** Options of {@link createGrpcTransport}. */
export interface GrpcTransportOptions {
  /** Largest message sent or received; default 128 MiB. */
  readonly maxMessageBytes?: number;
  /** Sent as the HTTP user agent (the client type goes in each request too). */
  readonly userAgent?: string;
}

const serialize = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const deserialize = (bytes: Buffer): Uint8Array => bytes;

/**
 * Opens a channel to a Spark Connect server (lazily: nothing is sent before the first call).
 *
 * @example
 * ```ts
 * const transport = createGrpcTransport(parseConnectionString("sc://localhost"));
 * const reply = await transport.unary("Config", toBinary(ConfigRequestSchema, request));
 * transport.close();
 * ```
 */
export function createGrpcTransport(
  conn: ConnectionString,
  options: GrpcTransportOptions = {},
): Transport {
  const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const client = new Client(
    conn.endpoint,
    conn.secure ? credentials.createSsl() : credentials.createInsecure(),
    {
      "grpc.max_receive_message_length": max,
      "grpc.max_send_message_length": max,
      "grpc.enable_retries": 0,
      ...(options.userAgent === undefined ? {} : { "grpc.primary_user_agent": options.userAgent }),
    },
  );
  const metadata = (): Metadata => {
    const m = new Metadata();
    if (conn.token !== undefined) m.set("authorization", `Bearer ${conn.token}`);
    for (const [key, value] of Object.entries(conn.headers)) m.set(key, value);
    return m;
  };

  // Calls wait while the channel is IDLE or CONNECTING; bounding that wait is what turns
  // an address that never answers into a prompt UNAVAILABLE. In TRANSIENT_FAILURE a call
  // fails at once with the reason (refused, unknown host, TLS), which is what we want.
  const connected = async (opts: CallOptions | undefined): Promise<void> => {
    const timeout = opts?.connectTimeoutMs;
    if (timeout === undefined) return;
    const deadline = Date.now() + timeout;
    const channel = client.getChannel();
    for (;;) {
      const state = channel.getConnectivityState(true);
      if (state === connectivityState.READY || state === connectivityState.TRANSIENT_FAILURE)
        return;
      if (state === connectivityState.SHUTDOWN) throw new RpcError(Status.CANCELLED, "closed");
      opts?.signal?.throwIfAborted();
      if (Date.now() >= deadline) {
        throw new RpcError(
          Status.UNAVAILABLE,
          `No connection to ${conn.endpoint} within ${timeout} ms`,
        );
      }
      await new Promise<void>((resolve) =>
        channel.watchConnectivityState(state, deadline, () => resolve()),
      );
    }
  };

  return {
    async unary(method: Method, request: Uint8Array, opts?: CallOptions): Promise<Uint8Array> {
      await connected(opts);
      return new Promise<Uint8Array>((resolve, reject) => {
        const call = client.makeUnaryRequest(
          SERVICE + method,
          serialize,
          deserialize,
          request,
          metadata(),
          {},
          (error, reply) => {
            opts?.signal?.removeEventListener("abort", cancel);
            if (error !== null) reject(toRpcError(error));
            else if (reply === undefined) reject(new RpcError(Status.INTERNAL, "empty reply"));
            else resolve(reply);
          },
        );
        const cancel = () => call.cancel();
        if (opts?.signal?.aborted === true) call.cancel();
        else opts?.signal?.addEventListener("abort", cancel, { once: true });
      });
    },

    async *serverStream(method: Method, request: Uint8Array, opts?: CallOptions) {
      await connected(opts);
      const call = client.makeServerStreamRequest(
        SERVICE + method,
        serialize,
        deserialize,
        request,
        metadata(),
        {},
      );
      const cancel = () => call.cancel();
      if (opts?.signal?.aborted === true) call.cancel();
      else opts?.signal?.addEventListener("abort", cancel, { once: true });
      try {
        for await (const message of call) yield message as Uint8Array;
      } catch (error) {
        throw toRpcError(error);
      } finally {
        opts?.signal?.removeEventListener("abort", cancel);
        // Leaving early (break, throw) must not leave the server streaming to nobody.
        call.cancel();
      }
    },

    close(): void {
      client.close();
    },
  };
}

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === "number";
}

function toRpcError(error: unknown): RpcError {
  if (!isServiceError(error)) {
    return new RpcError(Status.UNKNOWN, error instanceof Error ? error.message : String(error));
  }
  const trailers = new Map<string, string | Uint8Array>();
  for (const [key, value] of Object.entries(error.metadata?.getMap() ?? {})) {
    trailers.set(key, typeof value === "string" ? value : new Uint8Array(value));
  }
  return new RpcError(error.code, error.details, trailers);
}
