/** The source object for a streaming read node, with its storage and checkpoint log. */
import type { Engine } from "../../engine/engine.js";
import { UnsupportedOperationError } from "../../errors.js";
import { ReadNode } from "../../plan/relation/read.js";
import { storageFor } from "../../storage/choose.js";
import type { StructType } from "../../types/data-types.js";
import type { Checkpoint } from "../checkpoint/checkpoint.js";
import { FileSourceLog } from "../checkpoint/file-source-log.js";
import { DeltaStreamSource } from "./delta-source.js";
import { batchReaderOptions, parseFileSourceOptions } from "./file-options.js";
import { FileStreamSource } from "./file-source.js";
import type { StreamSource } from "./source.js";

export interface SourceContext {
  readonly engine: Engine;
  readonly conf: Readonly<Record<string, string>>;
  readonly checkpoint: Checkpoint;
}

function onlyPath(read: ReadNode): string {
  const [path] = read.paths;
  if (path === undefined || read.paths.length !== 1)
    throw new UnsupportedOperationError(
      "tributary",
      "streaming source",
      "A streaming source reads one path.",
    );
  return path;
}

/** The schema a file source's batches are read with: the user's, else inferred once now. */
async function fileSchema(read: ReadNode, ctx: SourceContext, path: string): Promise<StructType> {
  if (read.schema !== undefined) return read.schema;
  const dataPath = ctx.engine.dataPath?.(path) ?? path;
  return ctx.engine.schema(
    ReadNode.create(read.format, [dataPath], batchReaderOptions(read.options)),
  );
}

export async function buildSource(read: ReadNode, ctx: SourceContext): Promise<StreamSource> {
  const path = onlyPath(read);
  if (read.format === "delta") {
    return DeltaStreamSource.create(read, path, ctx);
  }
  return new FileStreamSource({
    storage: storageFor(path, ctx.conf),
    format: read.format,
    path,
    schema: await fileSchema(read, ctx, path),
    readerOptions: batchReaderOptions(read.options),
    options: parseFileSourceOptions(read.options),
    log: new FileSourceLog(
      storageFor(ctx.checkpoint.location, ctx.conf),
      ctx.checkpoint.sourceDir(0),
    ),
    dataPath: (p) => ctx.engine.dataPath?.(p) ?? p,
  });
}
