"""A Great Expectations suite on a CSV with GE's pandas engine, timed: reading the CSV, and
validating. Prints JSON timings and GE's success flag. Reuses scripts/quality/ge_runner.py's
suite loader so both sides run the same JSON suite."""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "quality"))
import great_expectations as gx  # noqa: E402
import pandas as pd  # noqa: E402
from ge_runner import suite_from_json  # noqa: E402

csv, suite_path = sys.argv[1], sys.argv[2]
context = gx.get_context(mode="ephemeral")
batch_definition = context.data_sources.add_pandas("pandas").add_dataframe_asset("data").add_batch_definition_whole_dataframe("whole")
suite = suite_from_json(context, json.load(open(suite_path)), 0)
validation = context.validation_definitions.add(gx.ValidationDefinition(name="v", data=batch_definition, suite=suite))
t0 = time.time()
df = pd.read_csv(csv, keep_default_na=False, na_values=[""])
t1 = time.time()
result = validation.run(batch_parameters={"dataframe": df}, result_format="SUMMARY")
t2 = time.time()
print(json.dumps({"read": t1 - t0, "validate": t2 - t1, "success": result.success,
                  "failed": sum(1 for r in result.results if not r.success)}))
