/** Names of files in `_delta_log`: commits, classic and multi-part checkpoints, `_last_checkpoint`. */
import { joinLocation } from "../../storage/location.js";

export const LOG_DIR = "_delta_log";
export const LAST_CHECKPOINT = "_last_checkpoint";

export function logDir(tablePath: string): string {
  return joinLocation(tablePath, LOG_DIR);
}

/** `00000000000000000042.json` */
export function commitName(version: number): string {
  return `${String(version).padStart(20, "0")}.json`;
}

export function commitPath(tablePath: string, version: number): string {
  return joinLocation(logDir(tablePath), commitName(version));
}

/** `00000000000000000010.checkpoint.parquet` */
export function checkpointName(version: number): string {
  return `${String(version).padStart(20, "0")}.checkpoint.parquet`;
}

export type LogFile =
  | { readonly type: "commit"; readonly version: number }
  | {
      readonly type: "checkpoint";
      readonly version: number;
      readonly part: number;
      readonly parts: number;
    }
  | { readonly type: "v2checkpoint"; readonly version: number }
  | { readonly type: "crc"; readonly version: number }
  | { readonly type: "compacted"; readonly version: number };

const COMMIT = /^(\d{20})\.json$/;
const CLASSIC = /^(\d{20})\.checkpoint\.parquet$/;
const MULTI = /^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$/;
const UUID_CHECKPOINT = /^(\d{20})\.checkpoint\.[0-9a-f-]{36}\.(json|parquet)$/;
const CRC = /^(\d{20})\.crc$/;
const COMPACTED = /^(\d{20})\.(\d{20})\.compacted\.json$/;

/** What a `_delta_log` file name means, or undefined for files the protocol does not define. */
export function parseLogName(name: string): LogFile | undefined {
  let m = COMMIT.exec(name);
  if (m?.[1] !== undefined) return { type: "commit", version: Number(m[1]) };
  m = CLASSIC.exec(name);
  if (m?.[1] !== undefined) return { type: "checkpoint", version: Number(m[1]), part: 1, parts: 1 };
  m = MULTI.exec(name);
  if (m?.[1] !== undefined && m[2] !== undefined && m[3] !== undefined) {
    return { type: "checkpoint", version: Number(m[1]), part: Number(m[2]), parts: Number(m[3]) };
  }
  m = UUID_CHECKPOINT.exec(name);
  if (m?.[1] !== undefined) return { type: "v2checkpoint", version: Number(m[1]) };
  m = CRC.exec(name);
  if (m?.[1] !== undefined) return { type: "crc", version: Number(m[1]) };
  m = COMPACTED.exec(name);
  if (m?.[1] !== undefined) return { type: "compacted", version: Number(m[1]) };
  return undefined;
}
