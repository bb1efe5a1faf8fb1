/**
 * Spark's CSV record splitting (univocity's parser as Spark configures it), for the files
 * whose text DuckDB's reader would split differently (see csv-normalize.ts).
 *
 * Without multiLine, Spark splits the text into lines first: a quoted field never spans
 * lines, and lines that are blank after trimming, or start with the comment character, are
 * skipped. With multiLine, quoted fields span lines and empty lines are skipped.
 * Unquoted values are taken as they are (quotes inside them included). A quoted value ends
 * at a quote followed by the separator, a line end or whitespace; `escape` + quote is a
 * quote; a quote that is followed by something else is an "unescaped quote", handled as
 * `unescapedQuoteHandling` says.
 */
import { InputError } from "../../../errors.js";

export type UnescapedQuoteHandling =
  | "STOP_AT_DELIMITER"
  | "STOP_AT_CLOSING_QUOTE"
  | "BACK_TO_DELIMITER"
  | "SKIP_VALUE"
  | "RAISE_ERROR";

export interface TokenizeOptions {
  readonly sep: string;
  /** "" when quoting is off. */
  readonly quote: string;
  readonly escape: string;
  /** "" when comments are off. */
  readonly comment: string;
  readonly trimLeading: boolean;
  readonly trimTrailing: boolean;
  readonly handling: UnescapedQuoteHandling;
  readonly multiLine: boolean;
  /** The only line separator when set; otherwise `\n`, `\r\n` and `\r`. */
  readonly lineSep: string | undefined;
  readonly nullValue: string;
  readonly emptyValue: string;
}

/** One record: the physical line it starts on (1-based), how many lines it spans, its values. */
export interface CsvRecord {
  readonly line: number;
  readonly lines: number;
  readonly values: (string | null)[];
}

const isSpace = (c: string): boolean => c !== "" && c <= " ";

class Cursor {
  i = 0;
  line = 1;
  constructor(
    readonly text: string,
    readonly end: number,
    private readonly lineSep: string | undefined,
  ) {}

  /** Length of the line break at `i` (0 when none). */
  newline(i = this.i): number {
    if (i >= this.end) return 0;
    if (this.lineSep !== undefined)
      return this.text.startsWith(this.lineSep, i) ? this.lineSep.length : 0;
    const c = this.text[i];
    if (c === "\n") return 1;
    if (c === "\r") return this.text[i + 1] === "\n" && i + 1 < this.end ? 2 : 1;
    return 0;
  }

  atEnd(): boolean {
    return this.i >= this.end || this.newline() > 0;
  }
}

class Tokenizer {
  constructor(
    private readonly o: TokenizeOptions,
    private readonly file: string,
  ) {}

  private atSep(c: Cursor, i = c.i): boolean {
    return i < c.end && c.text.startsWith(this.o.sep, i);
  }

  private finish(value: string | null, quoted: boolean): string | null {
    if (value === null) return null;
    const v = quoted && value === "" ? this.o.emptyValue : value;
    if (!quoted && v === "") return null;
    return v === this.o.nullValue ? null : v;
  }

  /** Raw text up to the separator or line end. */
  private rawUntilSep(c: Cursor): string {
    const start = c.i;
    while (!c.atEnd() && !this.atSep(c)) c.i++;
    const raw = c.text.slice(start, c.i);
    if (!this.o.trimTrailing) return raw;
    let end = raw.length;
    while (end > 0 && isSpace(raw[end - 1] ?? "")) end--;
    return raw.slice(0, end);
  }

  private unescaped(c: Cursor, buf: string, ws = ""): { value: string | null; again: boolean } {
    const q = this.o.quote;
    switch (this.o.handling) {
      case "STOP_AT_DELIMITER":
        return { value: `${q}${buf}${q}${ws}${this.rawUntilSep(c)}`, again: false };
      case "SKIP_VALUE":
        this.rawUntilSep(c);
        return { value: null, again: false };
      case "RAISE_ERROR":
        throw new InputError(
          "CSV_UNESCAPED_QUOTE",
          `Unescaped quote character '${q}' inside quoted value of CSV field at ${this.file}:${c.line}.`,
          {
            file: this.file,
            line: c.line,
            hint: 'Set option("unescapedQuoteHandling", "STOP_AT_DELIMITER") (Spark\'s default) to read such values.',
          },
        );
      case "STOP_AT_CLOSING_QUOTE":
        return { value: `${buf}${q}`, again: true };
      case "BACK_TO_DELIMITER":
        return { value: buf, again: true };
    }
  }

  /** A quoted value; the cursor is on the opening quote. */
  private quoted(c: Cursor): { value: string | null; quoted: boolean } {
    const { quote: q, escape: e } = this.o;
    c.i += q.length;
    let buf = "";
    let afterQuote = false;
    for (;;) {
      if (c.i >= c.end) return { value: buf, quoted: true };
      const nl = c.newline();
      const ch = c.text[c.i] ?? "";
      if (afterQuote && (nl > 0 || this.atSep(c))) return { value: buf, quoted: true };
      if (afterQuote && isSpace(ch)) {
        const start = c.i;
        while (c.i < c.end && c.newline() === 0 && !this.atSep(c) && isSpace(c.text[c.i] ?? ""))
          c.i++;
        if (c.atEnd() || this.atSep(c)) return { value: buf, quoted: true };
        const ws = c.text.slice(start, c.i);
        const next = this.unescaped(c, buf, ws);
        if (!next.again) return { value: next.value, quoted: true };
        buf = `${next.value ?? ""}${ws}`;
        afterQuote = false;
        continue;
      }
      if (e !== "" && e !== q && ch === e) {
        const next = c.text[c.i + 1];
        if (next === q || next === e) {
          buf += next;
          c.i += 2;
        } else {
          buf += e;
          c.i++;
        }
        afterQuote = false;
        continue;
      }
      if (ch === q) {
        if (e === q && !afterQuote && c.text[c.i + 1] === q && c.i + 1 < c.end) {
          buf += q;
          c.i += 2;
          continue;
        }
        if (afterQuote) buf += q;
        afterQuote = true;
        c.i++;
        continue;
      }
      if (afterQuote) {
        const next = this.unescaped(c, buf);
        if (!next.again) return { value: next.value, quoted: true };
        buf = `${next.value ?? ""}${ch}`;
        c.i++;
        afterQuote = false;
        continue;
      }
      if (nl > 0) {
        buf += "\n";
        c.i += nl;
        c.line++;
        continue;
      }
      buf += ch;
      c.i++;
    }
  }

  /** The values of one record starting at the cursor. */
  record(c: Cursor): (string | null)[] {
    const values: (string | null)[] = [];
    for (;;) {
      if (this.o.trimLeading)
        while (
          !c.atEnd() &&
          !this.atSep(c) &&
          isSpace(c.text[c.i] ?? "") &&
          !c.text.startsWith(this.o.quote || "\u0000", c.i)
        )
          c.i++;
      if (this.o.quote !== "" && c.text.startsWith(this.o.quote, c.i) && c.i < c.end) {
        const v = this.quoted(c);
        values.push(this.finish(v.value, v.quoted));
      } else {
        values.push(this.finish(this.rawUntilSep(c), false));
      }
      if (this.atSep(c)) {
        c.i += this.o.sep.length;
        if (c.atEnd()) {
          values.push(null);
          return values;
        }
        continue;
      }
      return values;
    }
  }
}

/**
 * True for the line starting at `i` that Spark skips: a comment, or a blank line (without
 * multiLine: blank after trimming; with it, univocity skips empty lines, and whitespace-only
 * ones when it trims leading whitespace).
 */
function skippable(c: Cursor, i: number, o: TokenizeOptions): boolean {
  if (o.comment !== "" && c.text.startsWith(o.comment, i)) return true;
  if (o.multiLine && !o.trimLeading) return c.newline(i) > 0;
  for (let k = i; k < c.end && c.newline(k) === 0; k++) if (!isSpace(c.text[k] ?? "")) return false;
  return true;
}

function skipLine(c: Cursor): void {
  while (c.i < c.end && c.newline() === 0) c.i++;
  const nl = c.newline();
  if (nl > 0) {
    c.i += nl;
    c.line++;
  }
}

/** Every record of `text` (a whole file), as Spark reads them. */
export function* csvRecords(text: string, o: TokenizeOptions, file: string): Generator<CsvRecord> {
  const tokenizer = new Tokenizer(o, file);
  const all = new Cursor(text, text.length, o.lineSep);
  while (all.i < all.end) {
    if (skippable(all, all.i, o)) {
      skipLine(all);
      continue;
    }
    const line = all.line;
    if (o.multiLine) {
      const values = tokenizer.record(all);
      const lines = all.line - line + 1;
      skipLine(all);
      yield { line, lines, values };
      continue;
    }
    // One line is one record: the tokenizer sees only this line.
    let end = all.i;
    while (end < all.end && all.newline(end) === 0) end++;
    const lineCursor = new Cursor(text, end, o.lineSep);
    lineCursor.i = all.i;
    lineCursor.line = line;
    const values = tokenizer.record(lineCursor);
    all.i = end;
    skipLine(all);
    yield { line, lines: 1, values };
  }
}
