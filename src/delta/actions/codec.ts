/**
 * Commit files <-> actions. A commit is newline-delimited JSON, one action per line. Lines
 * are validated for the fields the kernel relies on, so a corrupt log gives an error naming
 * the file and line instead of a wrong table.
 */
import { DeltaError } from "../../errors.js";
import type { Action, AddFile, Metadata, Protocol, RemoveFile, Txn } from "./types.js";

const KNOWN = [
  "protocol",
  "metaData",
  "add",
  "remove",
  "txn",
  "commitInfo",
  "domainMetadata",
  "cdc",
] as const;

function fail(file: string, line: number, reason: string, cause?: unknown): DeltaError {
  return new DeltaError(
    "DELTA_CORRUPT_LOG",
    `Corrupt Delta log entry in ${file} at line ${line}: ${reason}.`,
    {
      cause,
      hint: "The log file is damaged or was not written by a Delta writer. Restore it from a backup or remove the incomplete last commit.",
      context: { file, line },
    },
  );
}

function need(
  obj: Record<string, unknown>,
  field: string,
  type: "string" | "number" | "boolean" | "object",
  file: string,
  line: number,
): void {
  const v = obj[field];
  const ok = type === "object" ? typeof v === "object" && v !== null : typeof v === type;
  if (!ok) throw fail(file, line, `${field} must be a ${type}, got ${JSON.stringify(v)}`);
}

function check(
  name: (typeof KNOWN)[number],
  body: Record<string, unknown>,
  file: string,
  line: number,
): void {
  switch (name) {
    case "protocol":
      need(body, "minReaderVersion", "number", file, line);
      need(body, "minWriterVersion", "number", file, line);
      return;
    case "metaData":
      need(body, "id", "string", file, line);
      need(body, "schemaString", "string", file, line);
      if (!Array.isArray(body.partitionColumns))
        throw fail(file, line, "metaData.partitionColumns must be an array");
      return;
    case "add":
      need(body, "path", "string", file, line);
      need(body, "size", "number", file, line);
      need(body, "partitionValues", "object", file, line);
      return;
    case "remove":
      need(body, "path", "string", file, line);
      return;
    case "txn":
      need(body, "appId", "string", file, line);
      need(body, "version", "number", file, line);
      return;
    default:
      return;
  }
}

/** Parses one commit file. `file` names it in errors. */
export function parseCommit(text: string, file: string): Action[] {
  const actions: Action[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      throw fail(file, i + 1, "not valid JSON (the commit may have been truncated)", e);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw fail(file, i + 1, "not a JSON object");
    const obj = parsed as Record<string, unknown>;
    const key = KNOWN.find((k) => k in obj);
    if (key === undefined) {
      actions.push({ unknown: obj });
      return;
    }
    const body = obj[key];
    if (typeof body !== "object" || body === null)
      throw fail(file, i + 1, `${key} must be an object`);
    check(key, body as Record<string, unknown>, file, i + 1);
    actions.push({ [key]: body } as Action);
  });
  return actions;
}

/** Serializes actions as a commit file: commitInfo first, as delta-spark writes it. */
export function serializeCommit(actions: readonly Action[]): string {
  const ordered = [
    ...actions.filter((a) => "commitInfo" in a),
    ...actions.filter((a) => !("commitInfo" in a)),
  ];
  return `${ordered.map((a) => JSON.stringify(a)).join("\n")}\n`;
}

/** Narrowing helpers. */
export const isAdd = (a: Action): a is { add: AddFile } => "add" in a;
export const isRemove = (a: Action): a is { remove: RemoveFile } => "remove" in a;
export const isMetadata = (a: Action): a is { metaData: Metadata } => "metaData" in a;
export const isProtocol = (a: Action): a is { protocol: Protocol } => "protocol" in a;
export const isTxn = (a: Action): a is { txn: Txn } => "txn" in a;
