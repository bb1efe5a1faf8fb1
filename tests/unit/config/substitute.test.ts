// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are Spark ${...} references, not templates.
import { describe, expect, it } from "vitest";
import { substituteAll, substituteValue } from "../../../src/config/index.js";
import { configError } from "./helpers.js";

const conf = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe("substituteValue", () => {
  it("replaces ${env:NAME} from the environment", () => {
    const c = conf({ "spark.app.name": "${env:USER}-etl" });
    expect(substituteValue("spark.app.name", c, { USER: "ana" })).toBe("ana-etl");
  });

  it("replaces ${other.key} with that key's value, recursively", () => {
    const c = conf({
      "spark.home": "/opt/spark",
      "spark.lib": "${spark.home}/jars",
      "spark.jars": "${spark.lib}/a.jar,${spark.lib}/b.jar",
    });
    expect(substituteValue("spark.jars", c, {})).toBe(
      "/opt/spark/jars/a.jar,/opt/spark/jars/b.jar",
    );
  });

  it("substitutes inside values that came from the environment", () => {
    const c = conf({ "spark.dir": "${env:BASE}", "spark.root": "/r" });
    expect(substituteValue("spark.dir", c, { BASE: "${spark.root}/x" })).toBe("/r/x");
  });

  it("leaves unresolved references as written", () => {
    const c = conf({
      a: "${system:user.home} ${env:NOPE} ${missing.key} ${other:x} ${} $x {y}",
    });
    expect(substituteValue("a", c, {})).toBe(
      "${system:user.home} ${env:NOPE} ${missing.key} ${other:x} ${} $x {y}",
    );
  });

  it("does not read inherited properties of the environment", () => {
    expect(substituteValue("a", conf({ a: "${env:constructor}" }), {})).toBe("${env:constructor}");
  });

  it("keeps $ in substituted text literal", () => {
    expect(substituteValue("a", conf({ a: "${env:P}" }), { P: "$1$&$$" })).toBe("$1$&$$");
  });

  it("splits the prefix at the first colon and the name at the first }", () => {
    const c = conf({ a: "${env:A:B}", "x}y": "no" });
    expect(substituteValue("a", c, { "A:B": "ab" })).toBe("ab");
  });

  it("is undefined for a missing key", () => {
    expect(substituteValue("nope", conf({}), {})).toBeUndefined();
  });

  it("allows the same reference twice in one value (not a cycle)", () => {
    const c = conf({ a: "${b}-${b}", b: "x" });
    expect(substituteValue("a", c, {})).toBe("x-x");
  });
});

describe("cycles", () => {
  it("names the keys of a two-key cycle", () => {
    const c = conf({ "spark.a": "${spark.b}", "spark.b": "x${spark.a}" });
    const e = configError(() => substituteValue("spark.a", c, {}));
    expect(e.code).toBe("CONFIG_CIRCULAR_REFERENCE");
    expect(e.message).toBe(
      "Circular reference in the value of spark.a: spark.a -> spark.b -> spark.a.",
    );
    expect(e.context).toEqual({ key: "spark.a", cycle: ["spark.a", "spark.b", "spark.a"] });
  });

  it("detects a key referring to itself", () => {
    const e = configError(() => substituteValue("a", conf({ a: "${a}" }), {}));
    expect(e.message).toBe("Circular reference in the value of a: a -> a.");
  });

  it("shows only the loop when the key leads into it", () => {
    const c = conf({ a: "${b}", b: "${c}", c: "${b}" });
    const e = configError(() => substituteValue("a", c, {}));
    expect(e.message).toBe("Circular reference in the value of a: b -> c -> b.");
  });

  it("follows environment values into a cycle", () => {
    const e = configError(() => substituteValue("a", conf({ a: "${env:X}" }), { X: "${a}" }));
    expect(e.message).toBe("Circular reference in the value of a: a -> env:X -> a.");
  });
});

describe("substituteAll", () => {
  it("substitutes every value and keeps the keys", () => {
    const out = substituteAll(conf({ a: "1", b: "${a}2", c: "${env:E}" }), { E: "e" });
    expect(Object.fromEntries(out)).toEqual({ a: "1", b: "12", c: "e" });
  });
});
