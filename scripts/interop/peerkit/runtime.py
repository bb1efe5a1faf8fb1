"""Process setup shared by peer.py and make_golden.py."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

HOME = Path(
    os.environ.get("TRIBUTARY_INTEROP_HOME")
    or Path(__file__).resolve().parents[3] / ".tributary" / "interop"
)


def pin_process() -> None:
    """UTC everywhere: PySpark turns timestamps into naive datetimes in the *process* zone."""
    os.environ["TZ"] = "UTC"
    time.tzset()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
