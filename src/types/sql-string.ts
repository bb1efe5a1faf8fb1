/**
 * Spark SQL's quoting rules for string literals and identifiers, in one place so the DDL
 * codec and the expression parser agree on what a quoted value means.
 *
 * @example
 * ```ts
 * unescapeSparkString("it\\'s"); // "it's"
 * quoteSparkString("it's");      // "'it\\'s'"
 * quoteIfNeeded("order id");     // "`order id`"
 * ```
 */

const HEX4 = /^[0-9a-fA-F]{4}$/;
const HEX8 = /^[0-9a-fA-F]{8}$/;
const OCTAL3 = /^[01][0-7]{2}$/;

/** What `\x` means for a single escaped character (Spark's `appendEscapedChar`). */
function escapedChar(ch: string): string {
  switch (ch) {
    case "0":
      return "\u0000";
    case "b":
      return "\b";
    case "n":
      return "\n";
    case "r":
      return "\r";
    case "t":
      return "\t";
    case "Z":
      return "\u001A";
    // Spark keeps the backslash here (MySQL's rule), so LIKE patterns stay escaped.
    case "%":
      return "\\%";
    case "_":
      return "\\_";
    default:
      return ch;
  }
}

/** A `\UXXXXXXXX` code point as Spark's Java code appends it (two UTF-16 units when large). */
function codePointText(cp: number): string {
  if (cp < 0x10000) return String.fromCharCode(cp);
  const high = (Math.floor((cp - 0x10000) / 0x400) + 0xd800) & 0xffff;
  const low = (((cp - 0x10000) % 0x400) + 0xdc00) & 0xffff;
  return String.fromCharCode(high, low);
}

/**
 * The value of a string literal's body (the text between the quotes), decoding Spark's
 * backslash escapes exactly as `SparkParserUtils.unescapeSQLString` does.
 *
 * @example
 * ```ts
 * unescapeSparkString("a\\tb\\u0041"); // "a\tbA"
 * ```
 */
export function unescapeSparkString(body: string): string {
  let out = "";
  let i = 0;
  while (i < body.length) {
    const ch = body.charAt(i);
    if (ch !== "\\" || i + 1 >= body.length) {
      out += ch;
      i++;
      continue;
    }
    const next = body.charAt(i + 1);
    const u16 = body.slice(i + 2, i + 6);
    const u32 = body.slice(i + 2, i + 10);
    const octal = body.slice(i + 1, i + 4);
    if (next === "u" && HEX4.test(u16)) {
      out += String.fromCharCode(Number.parseInt(u16, 16));
      i += 6;
    } else if (next === "U" && HEX8.test(u32)) {
      out += codePointText(Number.parseInt(u32, 16));
      i += 10;
    } else if (OCTAL3.test(octal)) {
      out += String.fromCharCode(Number.parseInt(octal, 8));
      i += 4;
    } else {
      out += escapedChar(next);
      i += 2;
    }
  }
  return out;
}

/**
 * A single-quoted Spark SQL literal whose value is exactly `value`: only `\` and `'` need
 * escaping, everything else (newlines, `--`, `;`, unicode) is literal text inside quotes.
 *
 * @example
 * ```ts
 * quoteSparkString("O'Brien\\"); // "'O\\'Brien\\\\'"
 * ```
 */
export function quoteSparkString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/**
 * A back-quoted identifier (`` `a``b` `` for a name containing a back-quote).
 *
 * @example
 * ```ts
 * quoteIdentifier("weird col"); // "`weird col`"
 * ```
 */
export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, "``")}\``;
}

const PLAIN_IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * The name as Spark's `QuotingUtils.quoteIfNeeded` writes it: bare when it is a plain
 * identifier, back-quoted otherwise.
 *
 * @example
 * ```ts
 * quoteIfNeeded("id");     // "id"
 * quoteIfNeeded("my col"); // "`my col`"
 * ```
 */
export function quoteIfNeeded(name: string): string {
  return PLAIN_IDENTIFIER.test(name) ? name : quoteIdentifier(name);
}
