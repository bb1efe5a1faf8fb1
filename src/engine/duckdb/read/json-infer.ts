/**
 * Spark's JSON schema inference over every record of the input (json-types.ts holds the
 * rules): a malformed record adds the corrupt-record column in PERMISSIVE mode, is skipped
 * in DROPMALFORMED and fails FAILFAST. With `inferTimestamp`, the strings that could be
 * timestamps are tested by DuckDB with the reader's own parse, so inference and reading agree.
 */
import { AnalysisError, InputError } from "../../../errors.js";
import { type DataType, StringType, StructField, StructType } from "../../../types/data-types.js";
import type { DuckDBSession } from "../connection.js";
import { quoteString } from "../sql-quote.js";
import { timestampTestSql } from "./datetime-formats.js";
import { JsonSyntaxError, type JsonValue, parseFirstWith } from "./json-lenient.js";
import type { JsonOptions } from "./json-options.js";
import { jsonRecordOf, jsonRecords, jsonTexts } from "./json-records.js";
import { canonical, type InferOptions, inferValue, mergeRoot, typeKeys } from "./json-types.js";
import type { MalformedOptions } from "./modes.js";

const CHUNK = 2000;

function collectStrings(v: JsonValue, out: Set<string>): void {
  if (v.t === "str") out.add(v.v);
  else if (v.t === "arr") for (const x of v.items) collectStrings(x, out);
  else if (v.t === "obj") for (const [, x] of v.fields) collectStrings(x, out);
}

/** The strings of the input that parse as timestamps the way the reader parses them. */
async function timestampStrings(
  db: DuckDBSession,
  files: readonly string[],
  o: JsonOptions,
): Promise<Set<string>> {
  const candidates = new Set<string>();
  for (const r of jsonRecords(files, o.text)) if (r.value) collectStrings(r.value, candidates);
  const out = new Set<string>();
  const all = [...candidates].filter((s) => s !== "");
  for (let i = 0; i < all.length; i += CHUNK) {
    const list = all
      .slice(i, i + CHUNK)
      .map(quoteString)
      .join(", ");
    const r = await db.query(
      `SELECT v FROM (SELECT unnest([${list}]::VARCHAR[]) AS v) WHERE ${timestampTestSql("v", o.timestampFormat)}`,
    );
    for (const row of r.rows) if (typeof row[0] === "string") out.add(row[0]);
  }
  return out;
}

function checkDuplicates(t: DataType): void {
  if (t.typeName === "array") {
    checkDuplicates(t.elementType);
    return;
  }
  if (t.typeName !== "struct") return;
  const seen = new Set<string>();
  for (const f of t.fields) {
    const key = f.name.toLowerCase();
    if (seen.has(key)) {
      throw new AnalysisError(
        "COLUMN_ALREADY_EXISTS",
        `The column \`${f.name}\` already exists (JSON keys are compared case-insensitively).`,
        { hint: "Pass a schema naming the fields to read, or fix the keys in the input." },
      );
    }
    seen.add(key);
    checkDuplicates(f.dataType);
  }
}

export interface InferredJson {
  readonly schema: StructType;
  /** True when values other than strings were widened to strings (their text as written matters). */
  readonly widened: boolean;
}

/** Infers the schema of JSON files as Spark does. */
export async function inferJsonSchema(
  db: DuckDBSession,
  files: readonly string[],
  o: JsonOptions,
  m: MalformedOptions,
): Promise<InferredJson> {
  const stamps = o.inferTimestamp ? await timestampStrings(db, files, o) : undefined;
  const rules: InferOptions = {
    primitivesAsString: o.primitivesAsString,
    prefersDecimal: o.prefersDecimal,
    dropFieldIfAllNull: o.dropFieldIfAllNull,
    isTimestamp: stamps === undefined ? undefined : (s) => stamps.has(s),
    widened: { value: false },
  };
  const corrupt = new StructType([new StructField(m.corruptColumn, StringType, true)]);
  const keys = typeKeys(rules);
  const seen = new Set<string>();
  let root: DataType = new StructType([]);
  let found = false;
  for (const t of jsonTexts(files, o.text)) {
    let key: string | undefined;
    try {
      key = parseFirstWith(t.text, o.text, keys);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
    }
    if (key !== undefined) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    const r = jsonRecordOf(t, o.text);
    if (r === undefined) continue;
    found = true;
    if (r.value !== undefined) {
      root = mergeRoot(root, inferValue(r.value, rules), m.corruptColumn, m.mode, rules.widened);
      continue;
    }
    if (m.mode === "FAILFAST") {
      const where = r.line === undefined ? r.path : `${r.path}:${r.line}`;
      throw new InputError(
        "MALFORMED_RECORD",
        `Malformed record detected in schema inference at ${where}: ${r.reason}\nRecord: ${r.raw ?? ""}`,
        {
          file: r.path,
          ...(r.line === undefined ? {} : { line: r.line }),
          context: { record: r.raw ?? "", reason: r.reason },
          hint: 'Read with option("mode", "PERMISSIVE") or "DROPMALFORMED", or pass a schema.',
        },
      );
    }
    if (m.mode === "PERMISSIVE")
      root = mergeRoot(root, corrupt, m.corruptColumn, m.mode, rules.widened);
  }
  // No record at all (empty or blank files): Spark reads no columns and no rows.
  if (!found) return { schema: new StructType([]), widened: false };
  const schema = canonical(root, o.dropFieldIfAllNull);
  if (schema === undefined || schema.typeName !== "struct") {
    throw new InputError(
      "EMPTY_INPUT",
      `Cannot infer a schema: no JSON record with fields in ${files.join(", ")}.`,
      {
        file: files[0],
        hint: "Pass a schema with .schema(...), or check the files (multiLine for whole-file JSON). Spark reads records of only {} as rows without columns, which tributary cannot.",
      },
    );
  }
  checkDuplicates(schema);
  return { schema, widened: rules.widened.value };
}
