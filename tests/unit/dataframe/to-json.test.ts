/** toJSON: the strings PySpark 4.0.1's df.toJSON().collect() gives. */
import { describe, expect, it } from "vitest";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

describe("toJSON", () => {
  it("gives one JSON object per row in a `value` column, null fields left out", async () => {
    const df = spark().createDataFrame(
      [
        ["a", 1, 2.5, 10n],
        ["b", 2, null, 20n],
        [null, 4, 1.0, 40n],
      ],
      "name string, x int, y double, z long",
    );
    const json = df.toJSON();
    expect(await json.columns).toEqual(["value"]);
    expect((await json.collect()).map((r) => r.value)).toEqual([
      '{"name":"a","x":1,"y":2.5,"z":10}',
      '{"name":"b","x":2,"z":20}',
      '{"x":4,"y":1.0,"z":40}',
    ]);
  });

  it("writes arrays and maps as JSON", async () => {
    const df = spark().sql("SELECT 1.0D d, CAST(NULL AS STRING) n, array(1, 2) a, map('k', 1) m");
    expect((await df.toJSON().collect()).map((r) => r.value)).toEqual([
      '{"d":1.0,"a":[1,2],"m":{"k":1}}',
    ]);
  });
});
