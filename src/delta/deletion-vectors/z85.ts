/**
 * Z85 (ZeroMQ's Base85, RFC 32), the encoding the Delta protocol uses for inline deletion
 * vectors and for the UUID in a relative deletion-vector path: JSON-safe, 5 characters per 4
 * bytes, big-endian.
 */

const ALPHABET =
  "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

const DECODE = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Thrown for text that is not Z85; the caller wraps it with the table context. */
export class Z85Error extends Error {}

/**
 * Decodes Z85 text (a multiple of 5 characters) into bytes (4 per 5 characters).
 *
 * @example
 * ```ts
 * z85Decode("HelloWorld"); // Uint8Array [0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b]
 * ```
 */
export function z85Decode(text: string): Uint8Array {
  if (text.length % 5 !== 0)
    throw new Z85Error(`Z85 text must be a multiple of 5 characters long, got ${text.length}.`);
  const out = new Uint8Array((text.length / 5) * 4);
  for (let i = 0, o = 0; i < text.length; i += 5, o += 4) {
    let value = 0;
    for (let j = 0; j < 5; j++) {
      const code = text.charCodeAt(i + j);
      const digit = code < 128 ? (DECODE[code] ?? -1) : -1;
      if (digit < 0) throw new Z85Error(`'${text[i + j]}' at ${i + j} is not a Z85 character.`);
      value = value * 85 + digit;
    }
    if (value > 0xffffffff) throw new Z85Error(`Z85 group at ${i} is out of range.`);
    out[o] = (value >>> 24) & 0xff;
    out[o + 1] = (value >>> 16) & 0xff;
    out[o + 2] = (value >>> 8) & 0xff;
    out[o + 3] = value & 0xff;
  }
  return out;
}

/**
 * Encodes bytes as Z85. Delta pads the bytes with zeros to a multiple of 4 and records the
 * real length separately (`sizeInBytes`), so this pads too.
 */
export function z85Encode(bytes: Uint8Array): string {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  let out = "";
  for (let i = 0; i < padded.length; i += 4) {
    let value =
      (((padded[i] ?? 0) << 24) |
        ((padded[i + 1] ?? 0) << 16) |
        ((padded[i + 2] ?? 0) << 8) |
        (padded[i + 3] ?? 0)) >>>
      0;
    const group: string[] = [];
    for (let j = 0; j < 5; j++) {
      group.unshift(ALPHABET[value % 85] ?? "");
      value = Math.floor(value / 85);
    }
    out += group.join("");
  }
  return out;
}
