import { describe, expect, it } from "vitest";
import {
  ArrayType,
  DecimalType,
  IntegerType,
  LongType,
  MapType,
  StringType,
  StructField,
  StructType,
  TimestampNTZType,
  TimestampType,
} from "../../../src/types/data-types.js";
import {
  CHAR_VARCHAR_METADATA_KEY,
  dataTypeToSql,
  parseDataType,
  parseDDLSchema,
  toDDL,
} from "../../../src/types/ddl.js";
import { analysisError, nastyString, random } from "../sql-expr/render.js";

describe("parseDataType", () => {
  it.each([
    ["int", "int"],
    ["INTEGER", "int"],
    ["bigint", "bigint"],
    ["Long", "bigint"],
    ["smallint", "smallint"],
    ["short", "smallint"],
    ["tinyint", "tinyint"],
    ["byte", "tinyint"],
    ["string", "string"],
    ["varchar(10)", "string"],
    ["char(3)", "string"],
    ["character(3)", "string"],
    ["double", "double"],
    ["float", "float"],
    ["real", "float"],
    ["boolean", "boolean"],
    ["binary", "binary"],
    ["date", "date"],
    ["timestamp", "timestamp"],
    ["timestamp_ltz", "timestamp"],
    ["timestamp_ntz", "timestamp_ntz"],
    ["void", "void"],
    ["decimal", "decimal(10,0)"],
    ["dec(5)", "decimal(5,0)"],
    ["numeric( 12 , 4 )", "decimal(12,4)"],
    ["DECIMAL(38,38)", "decimal(38,38)"],
    ["array<int>", "array<int>"],
    ["ARRAY<ARRAY<STRING>>", "array<array<string>>"],
    ["map<string,bigint>", "map<string,bigint>"],
    ["map<string, array<map<int,int>>>", "map<string,array<map<int,int>>>"],
    ["struct<a: int, b string>", "struct<a:int,b:string>"],
    ["struct<>", "struct<>"],
    ["array<struct<>>", "array<struct<>>"],
    ["struct<`weird name`: int, `a``b`: string>", "struct<weird name:int,a`b:string>"],
    ["string collate UTF8_BINARY", "string"],
  ])("%s -> %s", (text, simple) => {
    expect(parseDataType(text).simpleString()).toBe(simple);
  });

  it("keeps NOT NULL and COMMENT on struct fields", () => {
    const t = parseDataType("struct<a: int NOT NULL COMMENT 'the a', b: string>");
    expect(t).toEqual(
      new StructType([
        new StructField("a", IntegerType, false, { comment: "the a" }),
        new StructField("b", StringType),
      ]),
    );
  });

  it("splits >> and >= closing nested type parameters", () => {
    expect(parseDataType("map<int,array<int>>").simpleString()).toBe("map<int,array<int>>");
    expect(parseDataType("array<array<array<int>>>").simpleString()).toBe(
      "array<array<array<int>>>",
    );
  });

  it("names the unknown type and suggests the closest", () => {
    const e = analysisError(() => parseDataType("integr"));
    expect(e.code).toBe("UNSUPPORTED_DATATYPE");
    expect(e.message).toContain('Unsupported data type "INTEGR" (line 1, pos 0)');
    expect(e.hint).toContain("Did you mean INTEGER?");
  });

  it.each([
    ["decimal(39,2)", "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION"],
    ["decimal(5,6)", "INVALID_SCHEMA"],
    ["varchar", "DATATYPE_MISSING_SIZE"],
    ["int(5)", "UNSUPPORTED_DATATYPE"],
    ["interval day", "UNSUPPORTED_DATATYPE"],
    ["variant", "UNSUPPORTED_DATATYPE"],
    ["string collate UNICODE_CI", "UNSUPPORTED_DATATYPE"],
    ["array<int", "PARSE_SYNTAX_ERROR"],
    ["map<int>", "PARSE_SYNTAX_ERROR"],
    ["int extra", "PARSE_SYNTAX_ERROR"],
    ["", "PARSE_SYNTAX_ERROR"],
  ])("rejects %j with %s", (text, code) => {
    expect(analysisError(() => parseDataType(text)).code).toBe(code);
  });

  it("says what was expected, where, with a caret", () => {
    const e = analysisError(() => parseDataType("map<string int>"));
    expect(e.message).toBe(
      "Syntax error at or near 'int' (line 1, pos 11): expected ','.\n\n== SQL ==\nmap<string int>\n-----------^^^",
    );
    expect(e.context).toMatchObject({ line: 1, pos: 11, near: "int", expected: "','" });
  });
});

describe("parseDDLSchema", () => {
  it("parses the column-list form", () => {
    const s = parseDDLSchema("id INT, name STRING NOT NULL, amount DECIMAL(10,2)");
    expect(s).toEqual(
      new StructType([
        new StructField("id", IntegerType),
        new StructField("name", StringType, false),
        new StructField("amount", new DecimalType(10, 2)),
      ]),
    );
  });

  it("parses the struct<...> form", () => {
    expect(parseDDLSchema("struct<id: bigint, ts timestamp_ntz>")).toEqual(
      new StructType([new StructField("id", LongType), new StructField("ts", TimestampNTZType)]),
    );
    expect(parseDDLSchema("STRUCT<>")).toEqual(new StructType());
  });

  it("accepts keywords and back-quoted names as column names", () => {
    const s = parseDDLSchema(
      "date DATE, comment STRING COMMENT 'c', `order id` BIGINT, `a``b` INT",
    );
    expect(s.fieldNames()).toEqual(["date", "comment", "order id", "a`b"]);
    expect(s.fields[1]?.metadata).toEqual({ comment: "c" });
  });

  it("stores comments (with Spark escapes) and DEFAULT text in metadata", () => {
    const s = parseDDLSchema(
      "a INT NOT NULL COMMENT 'it\\'s \\\\ here' DEFAULT 1 + 2, b STRING DEFAULT concat('x', 'y')",
    );
    expect(s.fields[0]?.metadata).toEqual({ comment: "it's \\ here", CURRENT_DEFAULT: "1 + 2" });
    expect(s.fields[0]?.nullable).toBe(false);
    expect(s.fields[1]?.metadata).toEqual({ CURRENT_DEFAULT: "concat('x', 'y')" });
  });

  it("reads char/varchar as string and keeps the declared type, as Spark does", () => {
    const s = parseDDLSchema("code CHAR(3), tags ARRAY<VARCHAR(5)>, plain STRING");
    expect(s.fields.map((f) => f.dataType)).toEqual([
      StringType,
      new ArrayType(StringType),
      StringType,
    ]);
    expect(s.fields[0]?.metadata).toEqual({ [CHAR_VARCHAR_METADATA_KEY]: "char(3)" });
    expect(s.fields[1]?.metadata).toEqual({ [CHAR_VARCHAR_METADATA_KEY]: "array<varchar(5)>" });
    expect(s.fields[2]?.metadata).toEqual({});
  });

  it("hints at back-quotes for a name with a dash", () => {
    const e = analysisError(() => parseDDLSchema("my-col INT"));
    expect(e.code).toBe("PARSE_SYNTAX_ERROR");
    expect(e.hint).toContain("`my-col`");
  });

  it("reports a missing comma at the right place", () => {
    const e = analysisError(() => parseDDLSchema("a INT b STRING"));
    expect(e.message.split("\n")[0]).toBe(
      "Syntax error at or near 'b' (line 1, pos 6): expected end of input.",
    );
    expect(e.hint).toContain("Separate columns with commas");
  });

  it("points at the right line in multi-line text", () => {
    const e = analysisError(() => parseDDLSchema("a INT,\nb STRNG,\nc INT"));
    expect(e.message).toContain("(line 2, pos 2)");
    expect(e.message).toContain("== SQL ==\na INT,\nb STRNG,\n--^^^\nc INT");
  });

  it.each(["", "a", "a INT,", ", a INT", "a INT NOT", "a INT COMMENT", "a INT COMMENT 5"])(
    "rejects %j",
    (text) => {
      expect(analysisError(() => parseDDLSchema(text)).code).toBe("PARSE_SYNTAX_ERROR");
    },
  );
});

describe("toDDL", () => {
  it("matches Spark's StructType.toDDL", () => {
    const schema = new StructType([
      new StructField("id", IntegerType, false),
      new StructField("name", StringType, true, { comment: "it's" }),
      new StructField("my col", new ArrayType(new DecimalType(10, 2))),
      new StructField("m", new MapType(StringType, LongType)),
      new StructField(
        "s",
        new StructType([
          new StructField("a", IntegerType, false, { comment: "x" }),
          new StructField("b c", TimestampType),
        ]),
      ),
    ]);
    expect(toDDL(schema)).toBe(
      "id INT NOT NULL,name STRING COMMENT 'it\\'s',`my col` ARRAY<DECIMAL(10,2)>,m MAP<STRING, BIGINT>," +
        "s STRUCT<a: INT NOT NULL COMMENT 'x', `b c`: TIMESTAMP>",
    );
  });

  it("writes DEFAULT before COMMENT, as Spark does", () => {
    const s = new StructType([
      new StructField("a", IntegerType, true, { comment: "c", CURRENT_DEFAULT: "42" }),
    ]);
    expect(toDDL(s)).toBe("a INT DEFAULT 42 COMMENT 'c'");
  });

  it.each([
    [TimestampNTZType, "TIMESTAMP_NTZ"],
    [new DecimalType(38, 0), "DECIMAL(38,0)"],
    [new ArrayType(new MapType(StringType, new StructType())), "ARRAY<MAP<STRING, STRUCT<>>>"],
  ])("dataTypeToSql(%s) = %s", (t, sql) => {
    expect(dataTypeToSql(t)).toBe(sql);
  });

  it("round-trips random names and comments exactly (property)", () => {
    const next = random(7);
    for (let i = 0; i < 300; i++) {
      const name = nastyString(next, 6) || "x";
      const comment = nastyString(next);
      const schema = new StructType([
        new StructField(name, new ArrayType(IntegerType), next() < 0.5, { comment }),
        new StructField(
          `${name}2`,
          new StructType([new StructField(name, StringType, false, { comment })]),
        ),
      ]);
      const ddl = toDDL(schema);
      expect(parseDDLSchema(ddl).json(), ddl).toBe(schema.json());
    }
  });
});
