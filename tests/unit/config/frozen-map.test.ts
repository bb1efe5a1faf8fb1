import { describe, expect, it } from "vitest";
import { FrozenMap } from "../../../src/config/index.js";

describe("FrozenMap", () => {
  const map = new FrozenMap([
    ["a", 1],
    ["b", 2],
  ]);

  it("reads like a Map", () => {
    expect(map.size).toBe(2);
    expect(map.get("a")).toBe(1);
    expect(map.has("b")).toBe(true);
    expect(map.has("c")).toBe(false);
    expect([...map]).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect([...map.keys()]).toEqual(["a", "b"]);
    expect([...map.values()]).toEqual([1, 2]);
    expect([...map.entries()]).toEqual([...map]);
    expect(new Map(map)).toEqual(
      new Map([
        ["a", 1],
        ["b", 2],
      ]),
    );
    expect(Object.prototype.toString.call(map)).toBe("[object FrozenMap]");
  });

  it("passes itself to forEach", () => {
    const seen: [string, number, unknown][] = [];
    map.forEach((v, k, m) => {
      seen.push([k, v, m]);
    });
    expect(seen).toEqual([
      ["a", 1, map],
      ["b", 2, map],
    ]);
  });

  it("cannot be changed", () => {
    expect(Object.isFrozen(map)).toBe(true);
    expect(() => Map.prototype.set.call(map, "c", 3)).toThrow(TypeError);
    expect(() => Map.prototype.clear.call(map)).toThrow(TypeError);
    expect(map.size).toBe(2);
  });

  it("copies its input", () => {
    const source = new Map([["x", 1]]);
    const frozen = new FrozenMap(source);
    source.set("x", 2);
    expect(frozen.get("x")).toBe(1);
  });
});
