/** JSON for `--json` output: bigints as numbers when safe (else strings), Decimals and dates as text. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    if (v instanceof Map) return Object.fromEntries(v);
    if (v instanceof Uint8Array) return Buffer.from(v).toString("base64");
    return v;
  });
}
