/**
 * The storage layer's one error class. Messages name the operation and the location, never a
 * credential: secrets live only in the client's signer (see s3/config.ts).
 */
import type { ErrorCode } from "../error-codes.js";
import { type ErrorOptions, TributaryError } from "../errors.js";

/** What a storage call was doing when it failed. */
export type StorageOperation =
  | "list"
  | "read"
  | "put"
  | "putIfAbsent"
  | "delete"
  | "stat"
  | "deleteEmptyDir";

/** A storage call failed: `code` says how, `attempts` how many tries were made. */
export class StorageError extends TributaryError {
  readonly operation: StorageOperation | undefined;
  readonly location: string | undefined;
  readonly attempts: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: ErrorOptions & {
      operation?: StorageOperation;
      location?: string;
      attempts?: number;
      status?: number;
    } = {},
  ) {
    super(code, message, {
      ...options,
      context: {
        ...options.context,
        ...(options.operation === undefined ? {} : { operation: options.operation }),
        ...(options.location === undefined ? {} : { location: options.location }),
        ...(options.attempts === undefined ? {} : { attempts: options.attempts }),
        ...(options.status === undefined ? {} : { status: options.status }),
      },
    });
    this.operation = options.operation;
    this.location = options.location;
    this.attempts = options.attempts ?? 1;
  }
}

/** A read of an object that does not exist. */
export function notFound(operation: StorageOperation, location: string, cause?: unknown) {
  return new StorageError("STORAGE_NOT_FOUND", `No such object: ${location}`, {
    operation,
    location,
    cause,
    hint: "Check the location; object stores have no directories, so a prefix is not an object.",
  });
}
