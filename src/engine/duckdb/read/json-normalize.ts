/**
 * The exact JSON plan's input: every record of the files, parsed with Spark's leniency,
 * rewritten as strict JSON shaped for the schema and written to a scratch JSON Lines file
 * `{p: path, l: line, v: record or null, r: raw text, why: reason}` that DuckDB then reads.
 * The rewrite keeps what DuckDB's parser would lose: a value read into a string field keeps
 * its text as written (`1.50`, `[1, 2]`), decimals keep every digit, NaN and Infinity
 * (not strict JSON) become the strings Spark's double parsing accepts.
 */

import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import type { DataType, StructType } from "../../../types/data-types.js";
import { type JsonValue, textAsWritten, toStrictJson } from "./json-lenient.js";
import { type JsonTextOptions, jsonTexts, recordsOf } from "./json-records.js";

/** Strict JSON of `v` shaped for type `t`. */
export function shaped(v: JsonValue, t: DataType): string {
  if (v.t === "null") return "null";
  switch (t.typeName) {
    case "string":
      return JSON.stringify(textAsWritten(v) ?? null);
    case "decimal":
      return v.t === "num" ? JSON.stringify(v.text) : toStrictJson(v);
    case "struct": {
      if (v.t !== "obj") return toStrictJson(v);
      // Every field of the type, null when absent, and no other: DuckDB's strict transform
      // then fails only on a value of the wrong type.
      const parts = t.fields.map((f) => {
        const hit = v.fields.findLast(([k]) => k === f.name);
        return `${JSON.stringify(f.name)}:${hit === undefined ? "null" : shaped(hit[1], f.dataType)}`;
      });
      return `{${parts.join(",")}}`;
    }
    case "array":
      return v.t === "arr"
        ? `[${v.items.map((x) => shaped(x, t.elementType)).join(",")}]`
        : toStrictJson(v);
    case "map":
      return v.t === "obj"
        ? `{${v.fields.map(([k, x]) => `${JSON.stringify(k)}:${shaped(x, t.valueType)}`).join(",")}}`
        : toStrictJson(v);
    default:
      return toStrictJson(v);
  }
}

async function put(out: WriteStream, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, "drain");
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, "finish");
}

/**
 * Writes the normalized records of `files` to `target`; with `multiLine`, each file's text
 * goes once to `texts` (`{p, text}`), the corrupt-record text of its records. Returns how
 * many records were written.
 */
export async function writeNormalized(
  files: readonly string[],
  o: JsonTextOptions,
  schema: StructType,
  target: string,
  texts: string,
): Promise<number> {
  const out = createWriteStream(target, { encoding: "utf8" });
  const whole = o.multiLine ? createWriteStream(texts, { encoding: "utf8" }) : undefined;
  let n = 0;
  try {
    for (const t of jsonTexts(files, o)) {
      if (whole !== undefined) await put(whole, JSON.stringify({ p: t.path, text: t.text }));
      for (const r of recordsOf(t, o)) {
        await put(
          out,
          JSON.stringify({
            i: n++,
            p: r.path,
            l: r.line ?? null,
            v: r.value === undefined ? null : shaped(r.value, schema),
            r: r.raw ?? null,
            why: r.reason ?? null,
          }),
        );
      }
    }
  } finally {
    await close(out);
    if (whole !== undefined) await close(whole);
  }
  return n;
}
