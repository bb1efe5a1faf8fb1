/**
 * Functions Spark has and DuckDB lacks, as JS scalar functions registered on each
 * connection: `crc32` and the SHA-2 sizes DuckDB does not ship (224, 384, 512). They run
 * on Node's own zlib and crypto, one call per row of a vector.
 */
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import {
  BIGINT,
  BLOB,
  DuckDBBlobValue,
  type DuckDBConnection,
  DuckDBScalarFunction,
  INTEGER,
  VARCHAR,
} from "@duckdb/node-api";

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

export function registerUdfs(connection: DuckDBConnection): void {
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
