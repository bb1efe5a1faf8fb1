/**
 * Functions Spark has and DuckDB lacks, as JS scalar functions registered on each
 * connection: `crc32` and the SHA-2 sizes DuckDB does not ship (224, 384, 512), on Node's
 * own zlib and crypto; Java's text of a double / float / decimal (Spark's cast to string);
 * exact decimal arithmetic; and the Java text rules of `java-text.ts` (case mapping,
 * Levenshtein, `format_number`); Spark's seeded `hash` / `xxhash64` over a token list
 * (`hash/tokens.ts`); Spark's seeded `rand` / `randn` (`xorshift-random.ts`). One call per row of a vector; null in, null out.
 */
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import {
  BIGINT,
  BLOB,
  DOUBLE,
  DuckDBBlobValue,
  type DuckDBConnection,
  DuckDBListValue,
  DuckDBScalarFunction,
  DuckDBStructValue,
  type DuckDBType,
  FLOAT,
  INTEGER,
  LIST,
  STRUCT,
  VARCHAR,
} from "@duckdb/node-api";
import {
  javaDecimalText,
  javaDoubleToString,
  javaFloatToString,
  plainNumberText,
} from "../../types/java-number-text.js";
import { registerDecimalUdf } from "./decimal-udf.js";
import { type HashToken, sparkMurmur3, sparkXxhash64 } from "./hash/tokens.js";
import {
  formatNumberDouble,
  formatNumberText,
  levenshtein,
  sparkInitcap,
  sparkLower,
  sparkUpper,
} from "./java-text.js";
import { SeededDraws } from "./xorshift-random.js";

function bytesOf(value: unknown): Uint8Array | null {
  if (value === null || value === undefined) return null;
  if (value instanceof DuckDBBlobValue) return value.bytes;
  if (value instanceof Uint8Array) return value;
  return Buffer.from(String(value), "utf8");
}

const ALGORITHMS: Readonly<Record<number, string>> = {
  0: "sha256",
  224: "sha224",
  256: "sha256",
  384: "sha384",
  512: "sha512",
};

type Row = (values: readonly unknown[]) => string | number | bigint | null;

/** A scalar UDF over whole rows of simple values (strings, numbers). */
function rowFunction(
  name: string,
  parameterTypes: readonly DuckDBType[],
  returnType: DuckDBType,
  fn: Row,
): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name,
    mainFunction: (_info, input, output) => {
      const vectors = parameterTypes.map((_, i) => input.getColumnVector(i));
      for (let i = 0; i < input.rowCount; i++) {
        const values = vectors.map((v) => v.getItem(i));
        output.setItem(i, values.some((v) => v === null) ? null : fn(values));
      }
      output.flush();
    },
    returnType,
    parameterTypes,
  });
}

const textFunctions = (): readonly DuckDBScalarFunction[] => [
  rowFunction("tributary_upper", [VARCHAR], VARCHAR, ([s]) => sparkUpper(String(s))),
  rowFunction("tributary_lower", [VARCHAR], VARCHAR, ([s]) => sparkLower(String(s))),
  rowFunction("tributary_initcap", [VARCHAR], VARCHAR, ([s]) => sparkInitcap(String(s))),
  rowFunction("tributary_levenshtein", [VARCHAR, VARCHAR], INTEGER, ([a, b]) =>
    levenshtein(String(a), String(b)),
  ),
  rowFunction("tributary_levenshtein_within", [VARCHAR, VARCHAR, INTEGER], INTEGER, ([a, b, t]) =>
    levenshtein(String(a), String(b), Number(t)),
  ),
  rowFunction("tributary_format_number", [DOUBLE, INTEGER], VARCHAR, ([v, d]) =>
    formatNumberDouble(Number(v), Number(d)),
  ),
  rowFunction("tributary_format_number_text", [VARCHAR, INTEGER], VARCHAR, ([v, d]) =>
    formatNumberText(String(v), Number(d)),
  ),
  // Java's text of numbers: Spark's cast of a double / float / decimal to string.
  rowFunction("tributary_double_text", [DOUBLE], VARCHAR, ([v]) => javaDoubleToString(Number(v))),
  rowFunction("tributary_float_text", [FLOAT], VARCHAR, ([v]) => javaFloatToString(Number(v))),
  rowFunction("tributary_java_decimal_text", [VARCHAR], VARCHAR, ([v]) =>
    javaDecimalText(String(v)),
  ),
  rowFunction("tributary_plain_number", [VARCHAR], VARCHAR, ([v]) => plainNumberText(String(v))),
  // V8's fdlibm ports, as Java's StrictMath: exact near zero, and -0.0 stays -0.0.
  rowFunction("tributary_ln", [DOUBLE], DOUBLE, ([v]) => Math.log(Number(v))),
  rowFunction("tributary_expm1", [DOUBLE], DOUBLE, ([v]) => Math.expm1(Number(v))),
  rowFunction("tributary_log1p", [DOUBLE], DOUBLE, ([v]) => Math.log1p(Number(v))),
  rowFunction("tributary_sinh", [DOUBLE], DOUBLE, ([v]) => Math.sinh(Number(v))),
];

/** The token list of `functions/spark-hash.ts`: kind, and the payload in one of n, d, b. */
const HASH_TOKENS = LIST(STRUCT({ k: INTEGER, n: BIGINT, d: DOUBLE, b: BLOB }));

function hashTokens(list: unknown): HashToken[] {
  if (!(list instanceof DuckDBListValue)) return [];
  return list.items.flatMap((item) => {
    if (!(item instanceof DuckDBStructValue)) return [];
    const { k, n, d, b } = item.entries;
    return [
      {
        kind: Number(k),
        long: typeof n === "bigint" ? n : null,
        double: typeof d === "number" ? d : null,
        bytes: b instanceof DuckDBBlobValue ? b.bytes : null,
      },
    ];
  });
}

const hashFunctions = (): readonly DuckDBScalarFunction[] => [
  rowFunction("tributary_murmur3", [HASH_TOKENS], INTEGER, ([t]) => sparkMurmur3(hashTokens(t))),
  rowFunction("tributary_xxhash64", [HASH_TOKENS], BIGINT, ([t]) => sparkXxhash64(hashTokens(t))),
];

/** Spark's seeded `rand` / `randn`: the draw of a row, by seed and row index. */
const randomFunctions = (): readonly DuckDBScalarFunction[] => {
  const uniform = new SeededDraws((rng) => rng.nextDouble());
  const gaussian = new SeededDraws((rng) => rng.nextGaussian());
  return [
    rowFunction("tributary_rand", [BIGINT, BIGINT], DOUBLE, ([seed, i]) =>
      uniform.at(BigInt(seed as bigint), Number(i)),
    ),
    rowFunction("tributary_randn", [BIGINT, BIGINT], DOUBLE, ([seed, i]) =>
      gaussian.at(BigInt(seed as bigint), Number(i)),
    ),
  ];
};

export function registerUdfs(connection: DuckDBConnection): void {
  for (const fn of [...textFunctions(), ...hashFunctions(), ...randomFunctions()]) {
    connection.registerScalarFunction(fn);
  }
  registerDecimalUdf(connection);
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: "tributary_crc32",
      mainFunction: (_info, input, output) => {
        const v = input.getColumnVector(0);
        for (let i = 0; i < input.rowCount; i++) {
          const b = bytesOf(v.getItem(i));
          output.setItem(i, b === null ? null : BigInt(crc32(b)));
        }
        output.flush();
      },
      returnType: BIGINT,
      parameterTypes: [BLOB],
    }),
  );
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: "tributary_sha2",
      mainFunction: (_info, input, output) => {
        const v = input.getColumnVector(0);
        const bits = input.getColumnVector(1);
        for (let i = 0; i < input.rowCount; i++) {
          const b = bytesOf(v.getItem(i));
          const algorithm = ALGORITHMS[Number(bits.getItem(i))];
          output.setItem(
            i,
            b === null || algorithm === undefined
              ? null
              : createHash(algorithm).update(b).digest("hex"),
          );
        }
        output.flush();
      },
      returnType: VARCHAR,
      parameterTypes: [BLOB, INTEGER],
    }),
  );
}
