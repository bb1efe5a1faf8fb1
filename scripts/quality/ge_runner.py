"""Runs Great Expectations suites on CSV files with GE's pandas engine and prints GE's results.

Input (stdin, JSON): a list of cases, each
  {"csv": "path.csv", "suite": {<GE suite JSON>}, "result_format": "SUMMARY" | {...},
   "dtypes": {"col": "<pandas dtype>"}}   # dtypes optional
Output (stdout, JSON): a list, one entry per case: GE's validation result
(`ExpectationSuiteValidationResult.to_json_dict()`), or {"error": "..."} when the case
could not run at all. One process serves many cases because importing GE takes seconds.

CSV reading keeps tributary's rule: only an empty field is null (pandas would also take
"NA", "null", "None"... as missing by default).

    .tributary/quality/venv/bin/python scripts/quality/ge_runner.py < cases.json
"""

from __future__ import annotations

import json
import sys
import traceback
import warnings

import great_expectations as gx
import pandas as pd
from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

warnings.filterwarnings("ignore")


def suite_from_json(context, data: dict, index: int):
    name = data.get("name") or data.get("expectation_suite_name") or f"suite_{index}"
    suite = gx.ExpectationSuite(name=f"{name}_{index}")
    for e in data.get("expectations", []):
        config = ExpectationConfiguration(
            type=e.get("type") or e.get("expectation_type"),
            kwargs=e.get("kwargs", {}),
            meta=e.get("meta") or {},
        )
        # add_expectation_configuration would replace an earlier expectation of the same type
        # on the same column; a suite may hold several (different bounds), as ours does.
        suite.add_expectation(config.to_domain_obj())
    return context.suites.add(suite)


def run_case(context, batch_definition, case: dict, index: int) -> dict:
    df = pd.read_csv(
        case["csv"], keep_default_na=False, na_values=[""], dtype=case.get("dtypes") or None
    )
    suite = suite_from_json(context, case["suite"], index)
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(name=f"validation_{index}", data=batch_definition, suite=suite)
    )
    result = validation.run(
        batch_parameters={"dataframe": df},
        result_format=case.get("result_format", "SUMMARY"),
    )
    return result.to_json_dict()


def main() -> None:
    cases = json.load(sys.stdin)
    context = gx.get_context(mode="ephemeral")
    source = context.data_sources.add_pandas("pandas")
    asset = source.add_dataframe_asset("data")
    batch_definition = asset.add_batch_definition_whole_dataframe("whole")
    out = []
    for index, case in enumerate(cases):
        try:
            out.append(run_case(context, batch_definition, case, index))
        except Exception as e:  # a case that cannot run is data for the caller, not a crash
            out.append({"error": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc()})
    json.dump({"great_expectations_version": gx.__version__, "results": out}, sys.stdout, default=str)


if __name__ == "__main__":
    main()
