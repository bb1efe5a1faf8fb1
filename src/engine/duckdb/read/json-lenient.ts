/**
 * A JSON parser with the leniency Spark configures Jackson with (comments, unquoted field
 * names, single quotes, leading zeros, NaN / Infinity, backslash before any character,
 * raw control characters), each behind its option. It keeps what Spark's reader sees: the
 * text of every number as written (Spark infers `decimal(20,0)` from the digits, and
 * `primitivesAsString` keeps `1.0E308` as written) and the members of objects in order.
 * Like Jackson's root reading in Spark, it reads one value and ignores what follows it.
 */

export interface JsonLeniency {
  readonly allowComments: boolean;
  readonly allowUnquotedFieldNames: boolean;
  readonly allowSingleQuotes: boolean;
  readonly allowNumericLeadingZeros: boolean;
  readonly allowNonNumericNumbers: boolean;
  readonly allowBackslashEscapingAnyCharacter: boolean;
  readonly allowUnquotedControlChars: boolean;
}

/** A parsed value; numbers keep their text (`int`: no fraction or exponent). */
export type JsonValue =
  | { readonly t: "null" }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "num"; readonly text: string; readonly int: boolean }
  | { readonly t: "nonfinite"; readonly text: "NaN" | "Infinity" | "-Infinity" }
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "arr"; readonly items: readonly JsonValue[]; readonly raw: string }
  | {
      readonly t: "obj";
      readonly fields: readonly (readonly [string, JsonValue])[];
      /** The text as written (Spark reads a sub-tree into a string field as its raw text). */
      readonly raw: string;
    };

/** Where and why a text is not JSON under the options (internal: becomes a malformed record). */
export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(`${reason} at character ${offset}`);
    this.name = "JsonSyntaxError";
  }
}

/** What the parser builds from each value (a tree, or a cheaper summary such as a type key). */
export interface JsonBuilder<T> {
  nul(): T;
  bool(v: boolean): T;
  num(text: string, int: boolean): T;
  nonFinite(text: "NaN" | "Infinity" | "-Infinity"): T;
  str(v: string): T;
  /** `source.slice(start, end)` is the array's text as written. */
  arr(items: T[], source: string, start: number, end: number): T;
  obj(fields: [string, T][], source: string, start: number, end: number): T;
}

const NULL: JsonValue = { t: "null" };
const TRUE: JsonValue = { t: "bool", v: true };
const FALSE: JsonValue = { t: "bool", v: false };

/** Builds {@link JsonValue} trees. */
export const TREE: JsonBuilder<JsonValue> = {
  nul: () => NULL,
  bool: (v) => (v ? TRUE : FALSE),
  num: (text, int) => ({ t: "num", text, int }),
  nonFinite: (text) => ({ t: "nonfinite", text }),
  str: (v) => ({ t: "str", v }),
  arr: (items, source, start, end) => ({ t: "arr", items, raw: source.slice(start, end) }),
  obj: (fields, source, start, end) => ({ t: "obj", fields, raw: source.slice(start, end) }),
};

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentPart = (c: number): boolean =>
  isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;

class Parser<T> {
  pos = 0;
  constructor(
    private readonly s: string,
    private readonly o: JsonLeniency,
    private readonly b: JsonBuilder<T>,
  ) {}

  fail(reason: string): never {
    throw new JsonSyntaxError(this.pos, reason);
  }

  /** Skips whitespace and, when allowed, comments; returns the next char code (-1 at end). */
  skip(): number {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        this.pos++;
        continue;
      }
      if (c === 47 && this.o.allowComments) {
        const n = s.charCodeAt(this.pos + 1);
        if (n === 47) {
          const end = s.indexOf("\n", this.pos + 2);
          this.pos = end < 0 ? s.length : end + 1;
          continue;
        }
        if (n === 42) {
          const end = s.indexOf("*/", this.pos + 2);
          if (end < 0) {
            this.pos = s.length;
            this.fail("unterminated comment");
          }
          this.pos = end + 2;
          continue;
        }
      }
      return c;
    }
    return -1;
  }

  value(): T {
    const c = this.skip();
    const s = this.s;
    switch (c) {
      case 123:
        return this.object();
      case 91:
        return this.array();
      case 34:
        return this.b.str(this.string(34));
      case 39:
        if (!this.o.allowSingleQuotes) this.fail("single quotes are not allowed");
        return this.b.str(this.string(39));
      case -1:
        return this.fail("unexpected end of input");
      default:
        break;
    }
    if (c === 45 || isDigit(c)) return this.number();
    for (const word of ["true", "false", "null"] as const) {
      if (s.startsWith(word, this.pos) && !isIdentPart(s.charCodeAt(this.pos + word.length))) {
        this.pos += word.length;
        return word === "null" ? this.b.nul() : this.b.bool(word === "true");
      }
    }
    return this.nonFinite() ?? this.fail(`unexpected character '${s[this.pos]}'`);
  }

  nonFinite(): T | undefined {
    if (!this.o.allowNonNumericNumbers) return undefined;
    const table = [
      ["NaN", "NaN"],
      ["Infinity", "Infinity"],
      ["+Infinity", "Infinity"],
      ["+INF", "Infinity"],
      ["-Infinity", "-Infinity"],
      ["-INF", "-Infinity"],
    ] as const;
    for (const [word, text] of table) {
      if (
        this.s.startsWith(word, this.pos) &&
        !isIdentPart(this.s.charCodeAt(this.pos + word.length))
      ) {
        this.pos += word.length;
        return this.b.nonFinite(text);
      }
    }
    return undefined;
  }

  number(): T {
    const s = this.s;
    const start = this.pos;
    if (s.charCodeAt(this.pos) === 45) {
      this.pos++;
      if (s.charCodeAt(this.pos) === 73) {
        this.pos = start;
        return this.nonFinite() ?? this.fail("invalid number");
      }
    }
    const intStart = this.pos;
    while (isDigit(s.charCodeAt(this.pos))) this.pos++;
    const intDigits = this.pos - intStart;
    if (intDigits === 0) this.fail("invalid number");
    if (intDigits > 1 && s.charCodeAt(intStart) === 48 && !this.o.allowNumericLeadingZeros)
      this.fail("leading zeroes are not allowed");
    let int = true;
    if (s.charCodeAt(this.pos) === 46) {
      int = false;
      this.pos++;
      const f = this.pos;
      while (isDigit(s.charCodeAt(this.pos))) this.pos++;
      if (this.pos === f) this.fail("invalid number: a digit must follow the decimal point");
    }
    const e = s.charCodeAt(this.pos);
    if (e === 101 || e === 69) {
      int = false;
      this.pos++;
      const sign = s.charCodeAt(this.pos);
      if (sign === 43 || sign === 45) this.pos++;
      const d = this.pos;
      while (isDigit(s.charCodeAt(this.pos))) this.pos++;
      if (this.pos === d) this.fail("invalid number: a digit must follow the exponent");
    }
    if (isIdentPart(s.charCodeAt(this.pos))) this.fail("invalid number");
    return this.b.num(s.slice(start, this.pos), int);
  }

  string(quote: number): string {
    const s = this.s;
    this.pos++;
    let out = "";
    let run = this.pos;
    for (;;) {
      if (this.pos >= s.length) this.fail("unterminated string");
      const c = s.charCodeAt(this.pos);
      if (c === quote) {
        out += s.slice(run, this.pos);
        this.pos++;
        return out;
      }
      if (c < 32 && !this.o.allowUnquotedControlChars)
        this.fail("an unescaped control character in a string");
      if (c !== 92) {
        this.pos++;
        continue;
      }
      out += s.slice(run, this.pos);
      const e = s[this.pos + 1];
      this.pos += 2;
      switch (e) {
        case '"':
        case "\\":
        case "/":
          out += e;
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "u": {
          const hex = s.slice(this.pos, this.pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("invalid \\u escape");
          out += String.fromCharCode(Number.parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        default:
          if (e === undefined) this.fail("unterminated string");
          if (e === "'" && quote === 39) out += e;
          else if (this.o.allowBackslashEscapingAnyCharacter) out += e;
          else this.fail(`unrecognized escape '\\${e}'`);
      }
      run = this.pos;
    }
  }

  name(): string {
    const c = this.skip();
    if (c === 34) return this.string(34);
    if (c === 39 && this.o.allowSingleQuotes) return this.string(39);
    if (this.o.allowUnquotedFieldNames && isIdentPart(c)) {
      const start = this.pos;
      while (isIdentPart(this.s.charCodeAt(this.pos))) this.pos++;
      return this.s.slice(start, this.pos);
    }
    return this.fail("a field name was expected");
  }

  object(): T {
    const start = this.pos++;
    const fields: [string, T][] = [];
    if (this.skip() === 125) {
      this.pos++;
      return this.b.obj(fields, this.s, start, this.pos);
    }
    for (;;) {
      const key = this.name();
      if (this.skip() !== 58) this.fail("':' was expected");
      this.pos++;
      fields.push([key, this.value()]);
      const c = this.skip();
      this.pos++;
      if (c === 125) return this.b.obj(fields, this.s, start, this.pos);
      if (c !== 44) this.fail("',' or '}' was expected");
    }
  }

  array(): T {
    const start = this.pos++;
    const items: T[] = [];
    if (this.skip() === 93) {
      this.pos++;
      return this.b.arr(items, this.s, start, this.pos);
    }
    for (;;) {
      items.push(this.value());
      const c = this.skip();
      this.pos++;
      if (c === 93) return this.b.arr(items, this.s, start, this.pos);
      if (c !== 44) this.fail("',' or ']' was expected");
    }
  }
}

/**
 * The first JSON value of `text` (what follows it is ignored, as Spark ignores it), or
 * undefined when the text holds no value at all (blank, or only comments).
 * @throws JsonSyntaxError when the text is not JSON under the options.
 */
export function parseFirstValue(text: string, o: JsonLeniency): JsonValue | undefined {
  return parseFirstWith(text, o, TREE);
}

/** {@link parseFirstValue} with another builder. */
export function parseFirstWith<T>(text: string, o: JsonLeniency, b: JsonBuilder<T>): T | undefined {
  const p = new Parser<T>(text, o, b);
  if (p.skip() === -1) return undefined;
  return p.value();
}

/** Strict JSON text of a value (non-finite numbers as strings; the reader's SQL accepts them). */
export function toStrictJson(v: JsonValue): string {
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
      return `[${v.items.map(toStrictJson).join(",")}]`;
    case "obj":
      return `{${v.fields.map(([k, x]) => `${JSON.stringify(k)}:${toStrictJson(x)}`).join(",")}}`;
  }
}

/** A number as strict JSON: leading zeros (allowed by an option) removed. */
export function strictNumber(text: string): string {
  return text.replace(/^(-?)0+(?=\d)/, "$1");
}

/** Spark's text of a value read into a string field: numbers and sub-trees as written. */
export function textAsWritten(v: JsonValue): string | undefined {
  switch (v.t) {
    case "null":
      return undefined;
    case "bool":
      return v.v ? "true" : "false";
    case "num":
    case "nonfinite":
      return v.text;
    case "str":
      return v.v;
    case "arr":
    case "obj":
      return v.raw;
  }
}
