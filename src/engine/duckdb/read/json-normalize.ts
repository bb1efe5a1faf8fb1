/**
 * The exact JSON plan's input: every record of the files, parsed with Spark's leniency,
 * rewritten as strict JSON shaped for the schema and written to a scratch JSON Lines file
 * `{p: path, l: line, v: record or null, r: raw text, why: reason}` that DuckDB then reads.
 * The rewrite keeps what DuckDB's parser would lose: a value read into a string field keeps
 * its text as written (`1.50`, `[1, 2]`), decimals keep every digit, NaN and Infinity
 * (not strict JSON) become the strings Spark's double parsing accepts.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { DataType, StructType } from "../../../types/data-types.js";
import { type JsonValue, strictNumber, textAsWritten } from "./json-lenient.js";
import { type JsonTextOptions, jsonRecords } from "./json-records.js";

/** Strict JSON of `v` shaped for type `t`. */
export function shaped(v: JsonValue, t: DataType): string {
  if (v.t === "null") return "null";
  switch (t.typeName) {
    case "string":
      return JSON.stringify(textAsWritten(v) ?? null);
    case "decimal":
      return v.t === "num" ? JSON.stringify(v.text) : plain(v);
    case "struct": {
      if (v.t !== "obj") return plain(v);
      const parts = v.fields.map(([k, x]) => {
        const f = t.fields.find((g) => g.name === k);
        return `${JSON.stringify(k)}:${f === undefined ? plain(x) : shaped(x, f.dataType)}`;
      });
      return `{${parts.join(",")}}`;
    }
    case "array":
      return v.t === "arr"
        ? `[${v.items.map((x) => shaped(x, t.elementType)).join(",")}]`
        : plain(v);
    case "map":
      return v.t === "obj"
        ? `{${v.fields.map(([k, x]) => `${JSON.stringify(k)}:${shaped(x, t.valueType)}`).join(",")}}`
        : plain(v);
    default:
      return plain(v);
  }
}

/** Strict JSON of `v` with no schema to shape it. */
function plain(v: JsonValue): string {
  switch (v.t) {
    case "null":
      return "null";
    case "bool":
      return v.v ? "true" : "false";
    case "num":
      return strictNumber(v.text);
    case "nonfinite":
      return JSON.stringify(v.text);
    case "str":
      return JSON.stringify(v.v);
    case "arr":
      return `[${v.items.map(plain).join(",")}]`;
    case "obj":
      return `{${v.fields.map(([k, x]) => `${JSON.stringify(k)}:${plain(x)}`).join(",")}}`;
  }
}

/** Writes the normalized records of `files` to `target`; returns how many were written. */
export async function writeNormalized(
  files: readonly string[],
  o: JsonTextOptions,
  schema: StructType,
  target: string,
): Promise<number> {
  const out = createWriteStream(target, { encoding: "utf8" });
  let n = 0;
  for (const r of jsonRecords(files, o)) {
    const line = JSON.stringify({
      p: r.path,
      l: r.line ?? null,
      v: r.value === undefined ? null : shaped(r.value, schema),
      r: r.raw,
      why: r.reason ?? null,
    });
    if (!out.write(`${line}\n`)) await once(out, "drain");
    n++;
  }
  out.end();
  await once(out, "finish");
  return n;
}
