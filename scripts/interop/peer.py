"""One CLI over the real Delta peers: delta-rs (`rs-*`) and delta-spark (`spark-*`).

Prints one JSON document on stdout: {"ok": true, "result": ...} (or "results" for a
batch), or {"ok": false, "error": {...}} with exit code 1 and a traceback on stderr.
Everything else (the JVM's chatter included) goes to stderr.

  peer.py rs-write /tmp/t --mode append --partition-by d,s --data rows.json --schema @s.json
  peer.py spark-read /tmp/t --version 1
  peer.py batch commands.json     # [{"cmd": "spark-write", "table": ..., ...}, ...]
  peer.py serve '{"k": "v"}'       # batches as JSON lines on stdin, one answer line each

`serve` keeps one process (and one Spark JVM, started on the first spark-* command) for many
batches with the same Spark confs: a test file pays for the JVM once, not per batch.

In a batch, a command with "allowError": true that fails yields {"error": {type, message}}
as its result instead of stopping the batch.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peerkit.runner import Runner  # noqa: E402
from peerkit.runtime import pin_process  # noqa: E402


def _pairs(items: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"expected KEY=VALUE, got {item!r}")
        out[key] = value
    return out


def _json_arg(text: str | None) -> Any:
    if text is None:
        return None
    return json.loads(Path(text[1:]).read_text() if text.startswith("@") else text)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="peer.py", description=__doc__.split("\n")[0])
    p.add_argument("cmd")
    p.add_argument("target", nargs="?", help="table path (or SQL for spark-sql, file for batch)")
    p.add_argument("--table", help="table path for {table} in spark-sql")
    p.add_argument("--mode", choices=["append", "overwrite", "error", "ignore"])
    p.add_argument("--partition-by", help="comma-separated partition columns")
    p.add_argument("--schema-mode", choices=["merge", "overwrite"])
    p.add_argument("--data", help="JSON file holding a list of rows")
    p.add_argument("--schema", help="Spark JSON schema, inline or @file")
    p.add_argument("--property", action="append", help="table property KEY=VALUE")
    p.add_argument("--option", action="append", help="Spark writer option KEY=VALUE")
    p.add_argument("--conf", action="append", help="Spark conf KEY=VALUE")
    p.add_argument("--repartition", type=int)
    p.add_argument("--version", type=int)
    p.add_argument("--timestamp")
    p.add_argument("--predicate")
    p.add_argument("--set", action="append", help="rs-update COLUMN=SQL_EXPRESSION")
    p.add_argument("--on", help="rs-merge join predicate over aliases s and t")
    p.add_argument("--z-order", help="comma-separated columns")
    p.add_argument("--retention-hours", type=int, default=0)
    p.add_argument("--dry-run", action="store_true")
    return p


def _args(ns: argparse.Namespace) -> dict[str, Any]:
    """Turns CLI flags into the same argument dict a batch command carries."""
    split = lambda s: [c for c in s.split(",") if c] if s else None  # noqa: E731
    args: dict[str, Any] = {
        "table": ns.target,
        "mode": ns.mode,
        "partitionBy": split(ns.partition_by),
        "schemaMode": ns.schema_mode,
        "rows": _json_arg("@" + ns.data) if ns.data else None,
        "schema": _json_arg(ns.schema),
        "properties": _pairs(ns.property),
        "options": _pairs(ns.option),
        "repartition": ns.repartition,
        "version": ns.version,
        "timestamp": ns.timestamp,
        "predicate": ns.predicate,
        "set": _pairs(ns.set),
        "on": ns.on,
        "zOrder": split(ns.z_order),
        "retentionHours": ns.retention_hours,
        "dryRun": ns.dry_run,
    }
    if ns.cmd == "spark-sql":
        args.update(sql=ns.target, table=ns.table)
    return args


def _batch(runner: Runner, path: str) -> list[Any]:
    doc = json.loads(Path(path).read_text())
    commands = doc["commands"] if isinstance(doc, dict) else doc
    if isinstance(doc, dict):
        runner.conf.update({k: str(v) for k, v in (doc.get("conf") or {}).items()})
    return _commands(runner, commands)


def _commands(runner: Runner, commands: list[Any]) -> list[Any]:
    results = []
    for index, command in enumerate(commands):
        args = {k: v for k, v in command.items() if k not in ("cmd", "allowError")}
        try:
            results.append(runner.run(command["cmd"], args))
        except Exception as err:
            if not command.get("allowError"):
                raise BatchError(index, command["cmd"]) from err
            # An expected failure is a result, so the batch (and its JVM) goes on.
            results.append({"error": _describe(err)})
    return results


def _describe(err: BaseException) -> dict[str, Any]:
    text = str(err).strip()
    first = text.splitlines()[0] if text else ""
    out: dict[str, Any] = {"type": type(err).__name__, "message": first}
    # PySpark errors carry Spark's error class (e.g. DELTA_TIMESTAMP_GREATER_THAN_COMMIT).
    condition = getattr(err, "getCondition", None) or getattr(err, "getErrorClass", None)
    if callable(condition) and condition():
        out["errorClass"] = condition()
    return out


class BatchError(Exception):
    def __init__(self, index: int, cmd: str) -> None:
        super().__init__(f"batch command #{index} ({cmd}) failed")
        self.index = index
        self.cmd = cmd


def _failure(err: BaseException, cmd: str) -> dict[str, Any]:
    traceback.print_exc()
    cause = err.__cause__ if isinstance(err, BatchError) and err.__cause__ else err
    return {
        "ok": False,
        "error": {
            **_describe(cause),
            "message": str(cause),
            "command": getattr(err, "cmd", cmd),
            "index": getattr(err, "index", None),
        },
    }


def _serve(out: Any, conf: dict[str, str]) -> int:
    """Answers one JSON line per batch line on stdin until stdin closes."""
    runner = Runner(conf)
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                answer: dict[str, Any] = {
                    "ok": True,
                    "results": _commands(runner, json.loads(line)["commands"]),
                }
            except Exception as err:
                answer = _failure(err, "batch")
            sys.stderr.flush()
            out.write(json.dumps(answer) + "\n")
            out.flush()
    finally:
        runner.close()
    return 0


def main() -> int:
    # The JVM inherits fd 1; keep a private copy for the JSON answer and point fd 1 at stderr.
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    pin_process()
    if len(sys.argv) >= 2 and sys.argv[1] == "serve":
        conf = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
        return _serve(out, {k: str(v) for k, v in conf.items()})
    ns = _parser().parse_args()
    runner = Runner(_pairs(ns.conf))
    try:
        if ns.cmd in ("batch", "spark-batch"):
            answer: dict[str, Any] = {"ok": True, "results": _batch(runner, ns.target)}
        else:
            answer = {"ok": True, "result": runner.run(ns.cmd, _args(ns))}
        code = 0
    except Exception as err:
        answer = _failure(err, ns.cmd)
        code = 1
    finally:
        runner.close()
    out.write(json.dumps(answer) + "\n")
    out.flush()
    return code


if __name__ == "__main__":
    code = main()
    sys.stderr.flush()
    # The answer is out; native threads of the peers have aborted at interpreter teardown
    # before, which would turn a good answer into a crash.
    os._exit(code)
