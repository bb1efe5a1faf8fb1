"""Runs named peer commands; Spark starts lazily, once, on the first `spark-*` command."""

from __future__ import annotations

import os
import re
import time
from typing import Any, Callable

from .runtime import HOME

Args = dict[str, Any]

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class Runner:
    def __init__(self, conf: dict[str, str] | None = None) -> None:
        self.conf = dict(conf or {})
        self.uses_spark = False

    def run(self, cmd: str, args: Args) -> Any:
        if args.get("table") and not _URI.match(args["table"]):
            # delta.`path` in Spark SQL only accepts absolute paths; resolve for both peers.
            # A URI (s3://, s3a://, file:) is already absolute.
            args = {**args, "table": os.path.abspath(args["table"])}
        if cmd == "sleep":
            time.sleep(float(args.get("seconds", 1)))
            return {}
        if cmd.startswith("rs-"):
            from . import rs

            return _lookup(rs.COMMANDS, cmd)(args)
        if cmd.startswith("spark-"):
            from . import spark

            fn = _lookup(spark.COMMANDS, cmd)
            self.uses_spark = True
            return fn(spark.session(HOME, self.conf), args)
        raise ValueError(f"unknown command {cmd!r}")

    def close(self) -> None:
        """Stops Spark if it started; safe to call twice."""
        if self.uses_spark:
            from . import spark

            spark.stop()
            self.uses_spark = False


def _lookup(table: dict[str, Callable[..., Any]], cmd: str) -> Callable[..., Any]:
    if cmd not in table:
        raise ValueError(f"unknown command {cmd!r}; known: {', '.join(sorted(table))}")
    return table[cmd]
