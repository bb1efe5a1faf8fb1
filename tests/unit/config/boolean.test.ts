import { describe, expect, it } from "vitest";
import { parseBoolean } from "../../../src/config/index.js";
import { configError } from "./helpers.js";

describe("parseBoolean", () => {
  it.each([
    ["true", true],
    ["TRUE", true],
    [" True ", true],
    ["false", false],
    ["FaLsE", false],
  ])("%j -> %s", (text, value) => {
    expect(parseBoolean("spark.sql.adaptive.enabled", text)).toBe(value);
  });

  it.each(["yes", "1", "on", "", "t"])(
    "rejects %j, naming key, value and accepted forms",
    (text) => {
      const e = configError(() => parseBoolean("spark.sql.adaptive.enabled", text));
      expect(e.code).toBe("CONFIG_INVALID_VALUE");
      expect(e.message).toBe(
        `Invalid value "${text}" for spark.sql.adaptive.enabled: not a boolean. Expected true or false (in any case).`,
      );
    },
  );

  it("does not echo the value of a secret key", () => {
    const e = configError(() => parseBoolean("spark.my.password", "hunter2"));
    expect(e.message).not.toContain("hunter2");
    expect(e.message).toContain('"*********(redacted)"');
    expect(e.context).toMatchObject({ value: "*********(redacted)" });
  });
});
