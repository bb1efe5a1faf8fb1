import { describe, expect, it } from "vitest";
import {
  ERRORS_COLUMN,
  splitByQuality,
  suite,
  withQualityErrors,
} from "../../../src/quality/index.js";
import { useSpark } from "../../helpers/session.js";
import { orders } from "./helpers.js";

const spark = useSpark();

const rules = suite("orders")
  .expectColumnValuesToNotBeNull("name")
  .expectColumnValuesToBeBetween("amount", { min_value: 0 })
  .expectColumnValuesToBeUnique("id")
  .expectColumnValuesToMatchStrftimeFormat("day", "%Y-%m-%d")
  .expectTableRowCountToBeBetween({ min_value: 100 }) // no row to blame: left out
  .expectColumnMeanToBeBetween("amount", { max_value: 0 }); // idem

describe("the row-level split", () => {
  it("names the failed row-level expectations of each row; nulls fail only null checks", async () => {
    const checked = await withQualityErrors(orders(spark()), rules);
    expect(await checked.columns).toEqual([
      "id",
      "name",
      "amount",
      "code",
      "day",
      "qty",
      ERRORS_COLUMN,
    ]);
    expect((await checked.schema).field(ERRORS_COLUMN)?.dataType.simpleString()).toBe(
      "array<string>",
    );
    const byId = new Map<number, unknown>();
    for (const row of await checked.orderBy("id", "name").collect()) {
      byId.set(
        byId.has(row.id as number) ? -(row.id as number) : (row.id as number),
        row[ERRORS_COLUMN],
      );
    }
    expect(byId.get(1)).toEqual([]);
    // id 2 twice: bob (amount null: not a between failure) and a null name with amount -5.
    expect(byId.get(2)).toEqual([
      "expect_column_values_to_not_be_null(name)",
      "expect_column_values_to_be_between(amount)",
      "expect_column_values_to_be_unique(id)",
      "expect_column_values_to_match_strftime_format(day)",
    ]);
    expect(byId.get(-2)).toEqual(["expect_column_values_to_be_unique(id)"]);
    expect(byId.get(7)).toEqual([]); // null amount, null day
    expect(byId.get(8)).toEqual(["expect_column_values_to_match_strftime_format(day)"]);
  });

  it("every row lands in exactly one side, and good rows keep the input's columns", async () => {
    const df = orders(spark());
    const { good, bad } = await splitByQuality(df, rules);
    const [n, g, b] = await Promise.all([df.count(), good.count(), bad.count()]);
    expect(g + b).toBe(n);
    expect(g).toBe(4);
    expect(await good.columns).toEqual(await df.columns);
    expect((await bad.collect()).every((r) => (r[ERRORS_COLUMN] as string[]).length > 0)).toBe(
      true,
    );
  });

  it("a suite without row-level expectations passes every row", async () => {
    const { good, bad } = await splitByQuality(
      orders(spark()),
      suite("t").expectTableRowCountToBeBetween({ min_value: 1 }),
    );
    expect(await good.count()).toBe(10);
    expect(await bad.count()).toBe(0);
  });

  it("an unknown column fails the split at once", async () => {
    await expect(
      withQualityErrors(orders(spark()), suite("t").expectColumnValuesToNotBeNull("nope")),
    ).rejects.toThrow("`nope` cannot be resolved");
  });
});
