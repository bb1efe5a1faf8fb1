import { describe, expect, it } from "vitest";
import { extensionDirectory } from "../../../../src/engine/duckdb/object-store.js";

describe("where DuckDB's httpfs is loaded from", () => {
  it("takes the session setting first, then TRIBUTARY_DUCKDB_EXTENSION_DIR, else DuckDB's default", () => {
    const conf = { "spark.tributary.duckdb.extensionDirectory": "/opt/ext" };
    const env = { TRIBUTARY_DUCKDB_EXTENSION_DIR: "/env/ext" };
    expect(extensionDirectory({ s3: conf, env })).toBe("/opt/ext");
    expect(extensionDirectory({ s3: {}, env })).toBe("/env/ext");
    expect(extensionDirectory({ s3: {}, env: { TRIBUTARY_DUCKDB_EXTENSION_DIR: " " } })).toBe(
      undefined,
    );
    expect(extensionDirectory({ s3: {}, env: {} })).toBe(undefined);
  });
});
