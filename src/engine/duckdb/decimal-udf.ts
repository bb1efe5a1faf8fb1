/**
 * `tributary_decimal(op, a, b, precision, scale, ansi)`: Spark's decimal arithmetic on
 * decimal text, for the results DuckDB's 128-bit decimals cannot give exactly (products
 * past 38 digits, quotients, which DuckDB turns into doubles). Returns the text of a
 * `decimal(precision, scale)`, null on overflow or a zero divisor, or fails the query with
 * Spark's error class in ANSI mode.
 */
import {
  BOOLEAN,
  type DuckDBConnection,
  DuckDBScalarFunction,
  INTEGER,
  VARCHAR,
} from "@duckdb/node-api";
import { Decimal } from "../../types/decimal.js";
import { type DecimalArithmeticOp, decimalArithmetic } from "../../types/decimal-arithmetic.js";

const OPS: ReadonlySet<string> = new Set(["+", "-", "*", "/", "%", "div"]);

export function registerDecimalUdf(connection: DuckDBConnection): void {
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: "tributary_decimal",
      mainFunction: (info, input, output) => {
        const [op, a, b, p, s, ansi] = [0, 1, 2, 3, 4, 5].map((i) => input.getColumnVector(i));
        for (let i = 0; i < input.rowCount; i++) {
          const [x, y, name] = [a?.getItem(i), b?.getItem(i), String(op?.getItem(i))];
          if (x === null || y === null || x === undefined || y === undefined || !OPS.has(name)) {
            output.setItem(i, null);
            continue;
          }
          const precision = Number(p?.getItem(i));
          const scale = Number(s?.getItem(i));
          const outcome = decimalArithmetic(
            name as DecimalArithmeticOp,
            Decimal.parse(String(x)),
            Decimal.parse(String(y)),
            precision,
            scale,
          );
          if (outcome.kind === "value") {
            output.setItem(i, outcome.value.toString());
            continue;
          }
          if (ansi?.getItem(i) === true) {
            info.setError(
              outcome.kind === "overflow"
                ? `[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION] The result of ${String(x)} ${name} ${String(y)} cannot be represented as DECIMAL(${precision},${scale}).`
                : "[DIVIDE_BY_ZERO] Division by zero.",
            );
            return;
          }
          output.setItem(i, null);
        }
        output.flush();
      },
      returnType: VARCHAR,
      parameterTypes: [VARCHAR, VARCHAR, VARCHAR, INTEGER, INTEGER, BOOLEAN],
    }),
  );
}
