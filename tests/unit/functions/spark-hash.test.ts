/**
 * `hash` (Murmur3_x86_32) and `xxhash64` (XXH64), both seeded 42 over Spark's own value
 * encoding. Every expected value was checked on PySpark 4.0.1 (local mode, UTC).
 */
import { describe, expect, it } from "vitest";
import { bigIntegerBytes } from "../../../src/engine/duckdb/hash/tokens.js";
import { AnalysisError } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

/** Evaluates SQL expressions over one row and returns the values by position. */
async function values(...exprs: string[]): Promise<unknown[]> {
  const df = spark().createDataFrame([{ one: 1 }], "one INT");
  const row = await df.selectExpr(...exprs.map((e, i) => `${e} AS c${i}`)).first();
  return exprs.map((_, i) => row?.[`c${i}`]);
}

describe("hash (Murmur3, seed 42)", () => {
  it("hashes strings by their UTF-8 bytes with Spark's tail rule", async () => {
    expect(
      await values(
        "hash('')",
        "hash('a')",
        "hash('ab')",
        "hash('abc')",
        "hash('abcd')",
        "hash('abcde')",
        "hash('ß straße İstanbul ǅ ﬁ')",
        "hash('😀')",
        "hash(X'0102030405')",
      ),
    ).toEqual([
      142593372, 1485273170, -97053317, 1322437556, -396302900, 814637928, -806819923, 1877935379,
      -2064006189,
    ]);
  });

  it("hashes ints, booleans and dates as 4 bytes, longs and timestamps as 8", async () => {
    expect(
      await values(
        "hash(CAST(1 AS TINYINT))",
        "hash(CAST(-1 AS SMALLINT))",
        "hash(1)",
        "hash(-2147483648)",
        "hash(1L)",
        "hash(-9223372036854775808L)",
        "hash(true)",
        "hash(false)",
        "hash(DATE'1970-01-02')",
        "hash(TIMESTAMP'1970-01-01 00:00:01')",
        "hash(TIMESTAMP_NTZ'1970-01-01 00:00:01')",
      ),
    ).toEqual([
      -559580957, -1604776387, -559580957, 723455942, -1712319331, -853646085, -559580957,
      933211791, -559580957, -1715802514, -1715802514,
    ]);
  });

  it("hashes floats and doubles by their bits, -0.0 as 0.0 and one NaN", async () => {
    expect(
      await values(
        "hash(CAST('NaN' AS DOUBLE))",
        "hash(CAST(-0.0 AS DOUBLE))",
        "hash(CAST('NaN' AS FLOAT))",
        "hash(CAST(-0.0 AS FLOAT))",
        "hash(CAST(0.1 AS FLOAT))",
      ),
    ).toEqual([-1281358385, -1670924195, -349261430, 933211791, 38965448]);
  });

  it("hashes decimals by the unscaled long up to 18 digits, by its bytes beyond", async () => {
    expect(
      await values(
        "hash(CAST(1.005 AS DECIMAL(10,3)))",
        "hash(CAST(-1.5 AS DECIMAL(18,2)))",
        "hash(CAST(-1.5 AS DECIMAL(19,2)))",
        "hash(CAST(-0.5 AS DECIMAL(38,10)))",
        "hash(CAST(128 AS DECIMAL(20,0)))",
        "hash(CAST(-128 AS DECIMAL(20,0)))",
        "hash(CAST(0 AS DECIMAL(20,0)))",
      ),
    ).toEqual([
      -1634728899, -1998913259, -690534446, -545276193, -544401882, 775851899, -783713497,
    ]);
  });

  it("folds arguments, array elements and struct fields; nulls keep the running hash", async () => {
    expect(
      await values(
        "hash(1, 'a', NULL, 2L)",
        "hash(NULL)",
        "hash(NULL, 1)",
        "hash(array(1, NULL, 2))",
        "hash(array(array(1, 2), NULL, array(3)))",
        "hash(array('a', 'bc'))",
        "hash(named_struct('a', 1, 'b', 'x'))",
        "hash(named_struct('a', NULL, 'b', 'x'))",
        "hash(array(CAST(1.5 AS FLOAT)))",
        "hash(array())",
        "hash(CAST(NULL AS ARRAY<INT>))",
      ),
    ).toEqual([
      -947240264, 42, -559580957, -222940379, -912918097, 204370463, -1305545736, -80340190,
      -221251528, 42, 42,
    ]);
  });

  it("refuses maps, as Spark does", async () => {
    const err = await values("hash(map(1, 'a'))").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalysisError);
    expect(err).toMatchObject({ code: "DATATYPE_MISMATCH.HASH_MAP_TYPE" });
  });
});

describe("more edge values", () => {
  it("covers wide decimals, pre-epoch times, nested nulls and long inputs", async () => {
    expect(
      await values(
        "hash('Hello World', 1, CAST(-0.0 AS DOUBLE))",
        "xxhash64('Hello World', 1, CAST(-0.0 AS DOUBLE))",
        "hash(CAST('99999999999999999999999999999999999999' AS DECIMAL(38,0)))",
        "xxhash64(CAST('-99999999999999999999999999999999999999' AS DECIMAL(38,0)))",
        "hash(TIMESTAMP'1969-12-31 23:59:59.999999')",
        "hash(DATE'1900-03-01')",
        "xxhash64(DATE'0001-01-01')",
        "hash(named_struct('a', CAST(NULL AS STRUCT<x:INT>), 'b', 2))",
        "hash(named_struct('a', named_struct('x', 5), 'b', 2))",
        "hash(array(array('a', NULL), array()))",
        "xxhash64(array(named_struct('p', 1L, 'q', X'00')))",
        "hash(CAST(1e-45 AS FLOAT))",
        "xxhash64(4.9e-324D)",
        "hash(CAST(NULL AS STRING), CAST(NULL AS INT))",
        "hash(1.5)",
        "xxhash64(CAST(12345678901234.5 AS DECIMAL(20,6)))",
        "hash(repeat('xyz', 40))",
        "xxhash64(repeat('xyz', 40))",
      ),
    ).toEqual([
      -2114475119,
      1512643841227538830n,
      -817514053,
      -2254039905620870768n,
      -939490007,
      1966615863,
      6773727150484150602n,
      1765031574,
      -2050169049,
      1485273170,
      -5287506508743079161n,
      -559580957,
      -7001672635703045582n,
      42,
      -18083236,
      -8913754060316715617n,
      -882464541,
      1346875773834910209n,
    ]);
  });

  it("refuses a map nested in an array", async () => {
    const err = await values("hash(array(map(1, 2)))").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "DATATYPE_MISMATCH.HASH_MAP_TYPE" });
  });
});

describe("xxhash64 (XXH64, seed 42)", () => {
  it("matches Spark on every encoding, including inputs of 32 bytes and more", async () => {
    expect(
      await values(
        "xxhash64('')",
        "xxhash64('a')",
        "xxhash64('abc')",
        "xxhash64('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')",
        "xxhash64('😀 Ωμέγα ΣΑΣ')",
        "xxhash64(CAST(1 AS TINYINT))",
        "xxhash64(-1)",
        "xxhash64(-9223372036854775808L)",
        "xxhash64(CAST('NaN' AS DOUBLE))",
        "xxhash64(CAST(0.1 AS FLOAT))",
        "xxhash64(CAST(-1.5 AS DECIMAL(18,2)))",
        "xxhash64(CAST(-0.5 AS DECIMAL(38,10)))",
        "xxhash64(CAST(255 AS DECIMAL(20,0)))",
        "xxhash64(X'0102030405')",
        "xxhash64(1, 'a', NULL, 2L)",
        "xxhash64(NULL)",
        "xxhash64(named_struct('a', 1, 'b', array(1.5D, NULL)))",
      ),
    ).toEqual([
      -7444071767201028348n,
      -8582455328737087284n,
      1423657621850124518n,
      6963362508556898705n,
      -1797104471798864272n,
      -6698625589789238999n,
      2017008487422258757n,
      -8619748838626508300n,
      -3127944061524951246n,
      -7604770425485878823n,
      -3700955262752989823n,
      6604668895257967835n,
      879945414100663330n,
      8668608334415110682n,
      3570513804248678426n,
      42n,
      -2157084398158190078n,
    ]);
  });
});

describe("BigInteger.toByteArray", () => {
  it("is minimal two's complement, big-endian", () => {
    const hex = (v: bigint) => Buffer.from(bigIntegerBytes(v)).toString("hex");
    expect([0n, 1n, 127n, 128n, 255n, 256n, -1n, -128n, -129n].map(hex)).toEqual([
      "00",
      "01",
      "7f",
      "0080",
      "00ff",
      "0100",
      "ff",
      "80",
      "ff7f",
    ]);
  });
});
