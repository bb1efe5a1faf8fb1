/**
 * Reads Great Expectations' suite JSON: 1.x (`name`, expectations with `type`) and 0.x
 * (`expectation_suite_name`, `expectation_type`). Fields GE writes that do not change what
 * is checked (`id`, `notes`, `description`, `rendered_content`, `severity`, `ge_cloud_id`,
 * `data_asset_type`...) are accepted; anything else is refused with the closest known field.
 */
import { readFile } from "node:fs/promises";
import { closestMatch } from "../errors.js";
import { makeExpectation } from "./config.js";
import { invalidSuite } from "./errors.js";
import type { ExpectationConfig } from "./kwargs.js";
import { ExpectationSuite } from "./suite.js";

const SUITE_FIELDS = [
  "name",
  "expectation_suite_name",
  "expectations",
  "meta",
  "id",
  "ge_cloud_id",
  "notes",
  "data_asset_type",
  "suite_parameters",
  "evaluation_parameters",
];
const EXPECTATION_FIELDS = [
  "type",
  "expectation_type",
  "kwargs",
  "meta",
  "id",
  "ge_cloud_id",
  "notes",
  "description",
  "rendered_content",
  "severity",
  "expectation_context",
];

type Json = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function refuseUnknown(record: Json, known: readonly string[], index?: number): void {
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    const best = closestMatch(key, known);
    const hint = best === undefined ? "" : ` Did you mean "${best}"?`;
    throw invalidSuite(`unknown field "${key}".${hint}`, index === undefined ? {} : { index });
  }
}

function expectationAt(entry: unknown, index: number): ExpectationConfig {
  if (!isRecord(entry)) throw invalidSuite("an expectation must be an object", { index });
  refuseUnknown(entry, EXPECTATION_FIELDS, index);
  const type = entry.type ?? entry.expectation_type;
  if (typeof type !== "string") {
    throw invalidSuite('needs a "type" (or "expectation_type") string', { index });
  }
  return makeExpectation(type, entry.kwargs ?? {}, entry.meta ?? {}, index);
}

/**
 * A suite from GE's suite JSON (text or parsed).
 *
 * @example
 * ```ts
 * const s = loadSuite({
 *   name: "orders",
 *   expectations: [{ type: "expect_column_values_to_not_be_null", kwargs: { column: "id" } }],
 * });
 * ```
 * @throws QualityError `QUALITY_INVALID_SUITE`, `QUALITY_UNKNOWN_EXPECTATION`,
 *   `QUALITY_UNKNOWN_KWARG` or `QUALITY_INVALID_KWARG`, naming the expectation's index.
 */
export function loadSuite(json: unknown): ExpectationSuite {
  let doc: unknown = json;
  if (typeof json === "string") {
    try {
      doc = JSON.parse(json);
    } catch (e) {
      throw invalidSuite(`the suite is not valid JSON (${(e as Error).message})`);
    }
  }
  if (!isRecord(doc)) throw invalidSuite("a suite must be a JSON object");
  refuseUnknown(doc, SUITE_FIELDS);
  const name = doc.name ?? doc.expectation_suite_name;
  if (typeof name !== "string") {
    throw invalidSuite('needs a "name" (or "expectation_suite_name") string');
  }
  const list = doc.expectations ?? [];
  if (!Array.isArray(list)) throw invalidSuite('"expectations" must be a list');
  const meta = isRecord(doc.meta) ? doc.meta : {};
  return new ExpectationSuite(name, list.map(expectationAt), meta);
}

/**
 * A suite from a GE suite JSON file (as GE's file context writes under
 * `gx/expectations/<name>.json`).
 *
 * @example
 * ```ts
 * const rules = await readSuite("gx/expectations/orders.json");
 * ```
 */
export async function readSuite(path: string): Promise<ExpectationSuite> {
  return loadSuite(await readFile(path, "utf8"));
}
