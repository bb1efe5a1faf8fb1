/**
 * The CSV writer writes what Spark 4.0.1 writes, byte for byte (expected texts produced by
 * PySpark 4.0.1 writing the same rows), and every file it writes reads back whole.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

const VALUES = [
  "plain",
  'a\\b "c"',
  "x\\y",
  '\\"',
  'q"q',
  '"start',
  'end"',
  " lead",
  "trail ",
  " ",
  "",
  null,
  "a,b",
  "l\nb",
  "cr\rx",
  "tab\tx",
  "#x",
  "a\\",
  '\\\\"',
  "it's",
  "'q'",
  "\u0000z",
];

const rows = () =>
  spark().createDataFrame(
    VALUES.map((v, i) => [i, v]),
    "i INT, v STRING",
  );

async function written(options: Record<string, string>): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "trib-csvw-")), "o");
  let w = rows().write;
  for (const [k, v] of Object.entries(options)) w = w.option(k, v);
  await w.csv(path);
  const part = readdirSync(path).find((f) => f.startsWith("part-")) ?? "";
  return readFileSync(join(path, part), "utf8");
}

/** Spark's text for the rows after the header (one entry per row). */
const SPARK: Record<string, string> = {
  "{}": '0,plain\n1,"a\\\\b \\"c\\""\n2,x\\y\n3,"\\\\\\""\n4,"q\\"q"\n5,"\\"start"\n6,"end\\""\n7,lead\n8,trail\n9,""\n10,""\n11,\n12,"a,b"\n13,"l\nb"\n14,"cr\rx"\n15,tab\tx\n16,#x\n17,a\\\n18,"\\\\\\\\\\""\n19,it\'s\n20,\'q\'\n21,z\n',
  '{"quoteAll":"true"}':
    '"0","plain"\n"1","a\\\\b \\"c\\""\n"2","x\\\\y"\n"3","\\\\\\""\n"4","q\\"q"\n"5","\\"start"\n"6","end\\""\n"7","lead"\n"8","trail"\n"9",""\n"10",""\n"11",""\n"12","a,b"\n"13","l\nb"\n"14","cr\rx"\n"15","tab\tx"\n"16","#x"\n"17","a\\\\"\n"18","\\\\\\\\\\""\n"19","it\'s"\n"20","\'q\'"\n"21","z"\n',
  '{"escapeQuotes":"false"}':
    '0,plain\n1,a\\b "c"\n2,x\\y\n3,\\"\n4,q"q\n5,"\\"start"\n6,end"\n7,lead\n8,trail\n9,""\n10,""\n11,\n12,"a,b"\n13,"l\nb"\n14,"cr\rx"\n15,tab\tx\n16,#x\n17,a\\\n18,\\\\"\n19,it\'s\n20,\'q\'\n21,z\n',
  '{"escape":"\\""}':
    '0,plain\n1,"a\\b ""c"""\n2,x\\y\n3,"\\"""\n4,"q""q"\n5,"""start"\n6,"end"""\n7,lead\n8,trail\n9,""\n10,""\n11,\n12,"a,b"\n13,"l\nb"\n14,"cr\rx"\n15,tab\tx\n16,#x\n17,a\\\n18,"\\\\"""\n19,it\'s\n20,\'q\'\n21,z\n',
  '{"quote":"\'"}':
    "0,plain\n1,a\\b \"c\"\n2,x\\y\n3,\\\"\n4,q\"q\n5,\"start\n6,end\"\n7,lead\n8,trail\n9,\"\"\n10,\"\"\n11,\n12,'a,b'\n13,'l\nb'\n14,'cr\rx'\n15,tab\tx\n16,#x\n17,a\\\n18,\\\\\"\n19,'it\\'s'\n20,'\\'q\\''\n21,z\n",
  '{"ignoreLeadingWhiteSpace":"false","ignoreTrailingWhiteSpace":"false"}':
    '0,plain\n1,"a\\\\b \\"c\\""\n2,x\\y\n3,"\\\\\\""\n4,"q\\"q"\n5,"\\"start"\n6,"end\\""\n7, lead\n8,trail \n9, \n10,""\n11,\n12,"a,b"\n13,"l\nb"\n14,"cr\rx"\n15,tab\tx\n16,#x\n17,a\\\n18,"\\\\\\\\\\""\n19,it\'s\n20,\'q\'\n21,\u0000z\n',
  '{"nullValue":"N","emptyValue":"E"}':
    '0,plain\n1,"a\\\\b \\"c\\""\n2,x\\y\n3,"\\\\\\""\n4,"q\\"q"\n5,"\\"start"\n6,"end\\""\n7,lead\n8,trail\n9,E\n10,E\n11,N\n12,"a,b"\n13,"l\nb"\n14,"cr\rx"\n15,tab\tx\n16,#x\n17,a\\\n18,"\\\\\\\\\\""\n19,it\'s\n20,\'q\'\n21,z\n',
  '{"sep":"|"}':
    '0|plain\n1|"a\\\\b \\"c\\""\n2|x\\y\n3|"\\\\\\""\n4|"q\\"q"\n5|"\\"start"\n6|"end\\""\n7|lead\n8|trail\n9|""\n10|""\n11|\n12|a,b\n13|"l\nb"\n14|"cr\rx"\n15|tab\tx\n16|#x\n17|a\\\n18|"\\\\\\\\\\""\n19|it\'s\n20|\'q\'\n21|z\n',
  '{"escape":"#"}':
    '0,plain\n1,"a\\b #"c#""\n2,x\\y\n3,"\\#""\n4,"q#"q"\n5,"#"start"\n6,"end#""\n7,lead\n8,trail\n9,""\n10,""\n11,\n12,"a,b"\n13,"l\nb"\n14,"cr\rx"\n15,tab\tx\n16,#x\n17,a\\\n18,"\\\\#""\n19,it\'s\n20,\'q\'\n21,z\n',
};

describe("CSV writer: Spark's text", () => {
  for (const [key, text] of Object.entries(SPARK)) {
    it(`writes what Spark writes with ${key}`, async () => {
      expect(await written(JSON.parse(key) as Record<string, string>)).toBe(text);
    });
  }

  it("writes the header with the same quoting rules", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "trib-csvw-")), "o");
    await spark()
      .createDataFrame([[1, "x"]], '`a,b` INT, `q"` STRING')
      .write.option("header", "true")
      .csv(path);
    const part = readdirSync(path).find((f) => f.startsWith("part-")) ?? "";
    // Spark 4.0.1 writes: "a,b","q\""
    expect(readFileSync(join(path, part), "utf8")).toBe('"a,b","q\\""\n1,x\n');
  });

  it("round trip with default options keeps every row", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "trib-csvw-")), "o");
    const data = [
      [1, 'say "hi"'],
      [2, "back\\slash"],
      [3, 'both \\" mixed'],
      [4, "a,b"],
    ];
    await spark().createDataFrame(data, "id INT, s STRING").write.csv(path);
    const back = await spark().read.schema("id INT, s STRING").csv(path).collect();
    expect(back.map((r) => [r.id, r.s])).toEqual(data);
  });
});
