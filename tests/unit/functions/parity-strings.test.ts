/**
 * String functions where Java's rules differ from DuckDB's: String.format on nulls, NaN,
 * negative ints and `%b`; Java's double text inside concat. Expected values are PySpark
 * 4.0.1's answers (the parity oracle, tests/parity/cases/strings.json).
 */
import { describe, expect, it } from "vitest";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

async function values(...exprs: string[]): Promise<unknown[]> {
  const df = spark().createDataFrame([{ one: 1 }], "one INT");
  const row = await df.selectExpr(...exprs.map((e, i) => `${e} AS c${i}`)).first();
  return exprs.map((_, i) => row?.[`c${i}`]);
}

describe("format_string follows java.util.Formatter", () => {
  it("prints null arguments as 'null', justified and truncated like %s", async () => {
    expect(
      await values(
        "format_string('%5s|%-5s|', CAST(NULL AS STRING), CAST(NULL AS STRING))",
        "printf('%5.2f', CAST(NULL AS DOUBLE))",
        "format_string('%,d', CAST(NULL AS INT))",
        "format_string('%2$s %1$s', CAST(NULL AS STRING), 'x')",
        "format_string('%s|%d', CAST(NULL AS STRING), CAST(NULL AS INT))",
      ),
    ).toEqual([" null|null |", "   nu", "null", "x null", "null|null"]);
  });

  it("prints NaN and infinities as Java does, without zero padding", async () => {
    expect(
      await values(
        "format_string('%e', CAST('NaN' AS DOUBLE))",
        "format_string('%s', CAST('NaN' AS DOUBLE))",
        "printf('%08.3f', CAST('NaN' AS DOUBLE))",
        "printf('%08.3f', CAST(2.5 AS DOUBLE))",
      ),
    ).toEqual(["NaN", "NaN", "     NaN", "0002.500"]);
  });

  it("rounds HALF_UP, takes an int's 32 bits in hex and %b true for non-booleans", async () => {
    expect(
      await values(
        "format_string('%.2f', CAST(-1.005 AS DOUBLE))",
        "format_string('%x', -1)",
        "format_string('%b %c', 2, 65)",
        "format_string('%.2f', CAST('-0.0' AS DOUBLE))",
        "printf('%08.3f', CAST('-0.0' AS DOUBLE))",
      ),
    ).toEqual(["-1.01", "ffffffff", "true A", "-0.00", "-000.000"]);
  });

  it("prints a huge double's %f as its shortest digits and zeros, as Java", async () => {
    expect(
      await values(
        "printf('%5.2f', 1e308)",
        "printf('%.3f', 12345678901234567890.0D)",
        "printf('%+.1f', 1e20)",
        "printf('%30.1f', -1e20)",
        "printf('%(.1f', -1e20)",
        "printf('%030.1f', -1e20)",
        "printf('%08.3f', 1e20)",
        "printf('%.2f', 9007199254740993D)",
      ),
    ).toEqual([
      `1${"0".repeat(308)}.00`,
      "12345678901234567000.000",
      "+100000000000000000000.0",
      "      -100000000000000000000.0",
      "(100000000000000000000.0)",
      "-000000100000000000000000000.0",
      "100000000000000000000.000",
      "9007199254740992.00",
    ]);
  });

  it("counts %s widths in UTF-16 units, as Java (an emoji takes two)", async () => {
    expect(
      await values(
        "format_string('%5s|%-5s|', '😀', '😀')",
        "printf('%5s', '😀😀')",
        "format_string('%3s|', 'é')",
        "format_string('%5s|%-5s|%.2s|%6.2s|%5S|', 'ab', 'ab', 'abc', 'abc', 'cd')",
      ),
    ).toEqual(["   😀|😀   |", " 😀😀", "  é|", "   ab|ab   |ab|    ab|   CD|"]);
  });
});

describe("concat", () => {
  it("prints a double as Java's text", async () => {
    expect(await values("concat('a', 0, CAST('NaN' AS DOUBLE))")).toEqual(["a0NaN"]);
  });
});

describe("null and edge arguments", () => {
  it("locate is null on a null string and finds an empty needle at 1", async () => {
    expect(
      await values(
        "locate('', 'straße', 2)",
        "locate('l', CAST(NULL AS STRING), 0)",
        "locate('l', 'hello', 0)",
      ),
    ).toEqual([1, null, 0]);
  });

  it("substring with a negative length and split with limit 1 keep a null string null", async () => {
    expect(
      await values(
        "substring(CAST(NULL AS STRING), 2, -1)",
        "substring('abc', 2, -1)",
        "split(CAST(NULL AS STRING), 's', 1)",
      ),
    ).toEqual([null, "", null]);
  });

  it("ltrim(trimStr, str) takes the characters first, btrim(str, trimStr) last", async () => {
    expect(
      await values("ltrim('a', 'straße')", "ltrim('s', 'straße')", "btrim('xxaxx', 'x')"),
    ).toEqual(["straße", "traße", "a"]);
  });
});

describe("format_number follows java.text.DecimalFormat", () => {
  it("rounds the shortest digits HALF_EVEN, ties decided by the exact value", async () => {
    expect(
      await values(
        "format_number(1e308, 2)",
        "format_number(0.125D, 2)",
        "format_number(1.005D, 2)",
        "format_number(1.15D, 1)",
        "format_number(1.25D, 1)",
        "format_number(0.1D, 20)",
        "format_number(CAST('-0.0' AS DOUBLE), 2)",
      ),
    ).toEqual([
      `100${",000".repeat(102)}.00`,
      "0.12",
      "1.00",
      "1.1",
      "1.2",
      "0.10000000000000000000",
      "-0.00",
    ]);
  });
});
