/**
 * The records of JSON files as Spark's reader sees them: JSON Lines split on `lineSep`
 * (default: `\n`, `\r\n` or `\r`), blank lines skipped; with `multiLine` one document per
 * file, of which only the first value counts (Spark ignores what follows it). Files are
 * decoded with `encoding` (a BOM is dropped) and `.gz` files are gunzipped. Each record is
 * parsed with Spark's leniency; a root array yields its elements, one record each.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { InputError } from "../../../errors.js";
import {
  type JsonLeniency,
  JsonSyntaxError,
  type JsonValue,
  parseFirstValue,
} from "./json-lenient.js";

export interface JsonTextOptions extends JsonLeniency {
  readonly multiLine: boolean;
  /** A custom record separator; undefined for Spark's default (`\n`, `\r\n`, `\r`). */
  readonly lineSep: string | undefined;
  /** A WHATWG encoding label (`utf-8`, `utf-16le`, `iso-8859-1`, ...), or `utf-16` (by BOM). */
  readonly encoding: string;
}

/** One record: an object (`value`) or a malformed one (`value` undefined, with the reason). */
export interface JsonRecord {
  readonly path: string;
  /** 1-based line of the record (JSON Lines); undefined for whole-file documents. */
  readonly line: number | undefined;
  /**
   * The text Spark keeps in the corrupt-record column: the line, or the whole file. Left
   * undefined for the well-formed records of a whole-file document, which would otherwise
   * each carry a copy of the file: their text is the file's.
   */
  readonly raw: string | undefined;
  readonly value: JsonValue | undefined;
  readonly reason: string | undefined;
}

/** The decoded text of a file. */
export function fileText(path: string, encoding: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
    if (path.toLowerCase().endsWith(".gz")) bytes = gunzipSync(bytes);
  } catch (e) {
    throw new InputError("PATH_NOT_READABLE", `Cannot read JSON file ${path}.`, {
      file: path,
      cause: e,
      hint: "Check that the file exists, is readable, and (for .gz) is a complete gzip file.",
    });
  }
  return new TextDecoder(byteOrder(encoding, bytes)).decode(bytes);
}

/** UTF-16 as Java reads it: the byte order of the byte-order mark, big-endian without one. */
function byteOrder(encoding: string, bytes: Buffer): string {
  if (encoding !== "utf-16") return encoding;
  return bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : "utf-16be";
}

/** The lines of a text with their 1-based numbers (blank ones skipped, as Spark skips them). */
function* lines(text: string, sep: string | undefined): Generator<[string, number]> {
  const parts = sep === undefined ? text.split(/\r\n|\r|\n/) : text.split(sep);
  for (let i = 0; i < parts.length; i++) {
    const line = parts[i] ?? "";
    if (line.trim() !== "") yield [line, i + 1];
  }
}

const NOT_OBJECT = "the record is not a JSON object";

/** The records of one parsed root value (a root array yields its elements). */
function* rowsOf(
  path: string,
  line: number | undefined,
  text: string,
  root: JsonValue,
): Generator<JsonRecord> {
  const raw = line === undefined ? undefined : text;
  if (root.t === "obj") {
    yield { path, line, raw, value: root, reason: undefined };
    return;
  }
  if (root.t === "arr") {
    // Spark turns a root array into one row per element; an element that is not an object
    // makes the whole array one malformed record.
    if (root.items.every((x) => x.t === "obj")) {
      for (const item of root.items) yield { path, line, raw, value: item, reason: undefined };
      return;
    }
  }
  yield { path, line, raw: text, value: undefined, reason: NOT_OBJECT };
}

/**
 * The root value of one record's text (not split: inference types a root array as a whole,
 * as Spark does), or undefined when the text holds no value.
 */
export function jsonRecordOf(t: JsonText, o: JsonLeniency): JsonRecord | undefined {
  try {
    const root = parseFirstValue(t.text, o);
    if (root === undefined) return undefined;
    return { path: t.path, line: t.line, raw: t.text, value: root, reason: undefined };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return {
      path: t.path,
      line: t.line,
      raw: t.text,
      value: undefined,
      reason: `malformed JSON: ${e.message}`,
    };
  }
}

/** The records of one record's text (a root array yields its elements). */
export function recordsOf(t: JsonText, o: JsonLeniency): JsonRecord[] {
  return parseRecord(t.path, t.line, t.text, o);
}

function parseRecord(
  path: string,
  line: number | undefined,
  text: string,
  o: JsonLeniency,
): JsonRecord[] {
  try {
    const root = parseFirstValue(text, o);
    return root === undefined ? [] : [...rowsOf(path, line, text, root)];
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return [{ path, line, raw: text, value: undefined, reason: `malformed JSON: ${e.message}` }];
  }
}

/** The text of one record before parsing: a line, or a whole file with `multiLine`. */
export interface JsonText {
  readonly path: string;
  readonly line: number | undefined;
  readonly text: string;
}

/** Every record's text, in file order (blank ones skipped). */
export function* jsonTexts(files: readonly string[], o: JsonTextOptions): Generator<JsonText> {
  for (const path of files) {
    const text = fileText(path, o.encoding);
    if (o.multiLine) {
      if (text.trim() !== "") yield { path, line: undefined, text };
      continue;
    }
    for (const [line, n] of lines(text, o.lineSep)) yield { path, line: n, text: line };
  }
}

/** Every record of `files`, in file order. */
export function* jsonRecords(files: readonly string[], o: JsonTextOptions): Generator<JsonRecord> {
  for (const t of jsonTexts(files, o)) yield* parseRecord(t.path, t.line, t.text, o);
}
