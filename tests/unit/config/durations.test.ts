import { describe, expect, it } from "vitest";
import { parseDuration } from "../../../src/config/index.js";
import { configError } from "./helpers.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("parseDuration: Spark time strings", () => {
  it.each([
    ["100ms", 100],
    ["30s", 30 * SECOND],
    ["10m", 10 * MINUTE],
    ["10min", 10 * MINUTE],
    ["2h", 2 * HOUR],
    ["7d", 7 * DAY],
    ["1500us", 1],
    ["999us", 0],
    ["-1", -1],
    ["-5s", -5 * SECOND],
    [" 30S ", 30 * SECOND],
    ["250", 250],
  ])("%j -> %d ms", (text, ms) => {
    expect(parseDuration("spark.network.timeout", text)).toBe(ms);
  });

  it("reads a bare number in the given default unit", () => {
    expect(parseDuration("k", "90", "s")).toBe(90 * SECOND);
    expect(parseDuration("k", "2", "h")).toBe(2 * HOUR);
    expect(parseDuration("k", "2000", "us")).toBe(2);
  });
});

describe("parseDuration: intervals", () => {
  it.each([
    ["7 days", 7 * DAY],
    ["interval 30 days", 30 * DAY],
    ["INTERVAL 1 WEEK", 7 * DAY],
    ["interval 1 day 12 hours", DAY + 12 * HOUR],
    ["1 hour 30 minutes", HOUR + 30 * MINUTE],
    ["1.5 seconds", 1500],
    ["0.0005 seconds", 0],
    ["2 milliseconds 500 microseconds", 2],
    ["-1 day", -DAY],
    ["+2 days -1 hour", 2 * DAY - HOUR],
    ["1 day 10 day", 11 * DAY],
    ["  interval   2   weeks  ", 14 * DAY],
  ])("%j -> %d ms", (text, ms) => {
    expect(parseDuration("delta.logRetentionDuration", text)).toBe(ms);
  });
});

describe("parseDuration errors", () => {
  it.each([
    ["10 sec", 'invalid unit "sec"'],
    ["30x", 'invalid suffix "x"'],
    ["1.5h", "not a duration"],
    ["abc", "not a duration"],
    ["", "not a duration"],
    ["interval 1 month", "months and years have no fixed length; use days"],
    ["2 years", "months and years have no fixed length; use days"],
    ["1.5 days", '"days" cannot have a fractional part'],
    ["interval", "an empty interval"],
    ["interval 7", 'missing unit after "7"'],
    ["interval seven days", 'invalid value "seven"'],
    ["1.0000000001 seconds", "more than nanosecond precision"],
    ["99999999999999999d", "too large"],
  ])("%j: %s", (text, reason) => {
    const e = configError(() => parseDuration("delta.logRetentionDuration", text));
    expect(e.code).toBe("CONFIG_INVALID_VALUE");
    expect(e.message).toMatch(
      new RegExp(
        `^Invalid value "${text}" for delta\\.logRetentionDuration: ${escapeRegex(reason)}\\. Expected `,
      ),
    );
    expect(e.message).toContain("30s, 10min, 2h");
    expect(e.message).toContain('"interval 1 day 12 hours"');
    expect(e.context).toMatchObject({ key: "delta.logRetentionDuration", value: text });
  });
});

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
