"""Regenerates the golden Delta tables in tests/fixtures/delta with the real peers.

Builds every table of golden_tables.py in a scratch directory (one Spark JVM for all),
reads every version back with the writer and with the other peer, strips Hadoop's
checksum files, refuses any table whose files mention an absolute path, then replaces the
fixtures and writes catalog.json (rows per version, commit times, protocol) and README.md.

  .tributary/interop/venv/bin/python scripts/interop/make_golden.py [--profile P] [table ...]

Only tables of the profile (default "main") are built; make-golden.sh runs each profile
with its own venv. The catalog keeps the entries of tables not rebuilt.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from golden_readme import render_readme  # noqa: E402
from golden_tables import TABLES, Golden  # noqa: E402
from peerkit.runner import Runner  # noqa: E402
from peerkit.runtime import pin_process  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "delta"
COMMIT = re.compile(r"^(\d{20})\.json$")
SIZE_LIMIT = 1_000_000


def build(runner: Runner, golden: Golden, path: Path) -> None:
    for step in golden.steps:
        runner.run(step["cmd"], {**step, "table": str(path)})


def commits(path: Path) -> list[dict[str, Any]]:
    """Each commit's actions, in version order (the fixtures keep every commit)."""
    log = path / "_delta_log"
    names = sorted(n.name for n in log.iterdir() if COMMIT.match(n.name))
    out = []
    for name in names:
        actions = [json.loads(line) for line in (log / name).read_text().splitlines() if line]
        out.append({"version": int(name[:20]), "actions": actions})
    return out


def last_action(log: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for commit in log:
        for action in commit["actions"]:
            found = action.get(kind, found)
    return found


def read_all(runner: Runner, prefix: str, path: Path, latest: int) -> list[Any]:
    results: list[Any] = []
    for v in range(latest + 1):
        try:
            results.append(runner.run(f"{prefix}-read", {"table": str(path), "version": v}))
        except Exception as err:  # a peer that cannot read a table is a fact to record
            results.append({"error": f"{type(err).__name__}: {str(err).splitlines()[0]}"})
    return results


def checkpoint_info(path: Path) -> dict[str, Any] | None:
    import pyarrow.parquet as pq

    log = path / "_delta_log"
    files = sorted(p.name for p in log.iterdir() if ".checkpoint." in p.name)
    if not files:
        return None
    last = json.loads((log / "_last_checkpoint").read_text())
    # A v2 checkpoint's top-level file may be JSON; its file actions are in the sidecars.
    sidecars = sorted((log / "_sidecars").glob("*.parquet")) if (log / "_sidecars").is_dir() else []
    parquet = [log / f for f in files if f.endswith(".parquet")] + sidecars
    add = pq.read_schema(parquet[0]).field("add").type
    return {
        "files": files,
        "lastCheckpoint": {k: last[k] for k in ("version", "size", "parts") if k in last},
        "addFields": [add.field(i).name for i in range(add.num_fields)],
    }


def describe(runner: Runner, golden: Golden, path: Path) -> dict[str, Any]:
    log = commits(path)
    latest = log[-1]["version"]
    mine, other = ("spark", "rs") if golden.writer == "delta-spark" else ("rs", "spark")
    own, cross = read_all(runner, mine, path, latest), read_all(runner, other, path, latest)
    versions = []
    for commit, got, seen in zip(log, own, cross, strict=True):
        if "error" in got:
            raise RuntimeError(f"{golden.name} v{commit['version']}: the writer cannot read it")
        info = next(a["commitInfo"] for a in commit["actions"] if "commitInfo" in a)
        if "error" in seen:
            check = seen["error"]
        else:
            same = seen["rows"] == got["rows"] and seen["schema"] == got["schema"]
            check = "identical" if same else "DIFFERS"
        versions.append(
            {
                "version": commit["version"],
                "operation": info.get("operation"),
                "commitTimestamp": info.get("timestamp"),
                "crossRead": check,
                "schema": got["schema"],
                "rows": got["rows"],
            }
        )
    protocol = last_action(log, "protocol")
    metadata = last_action(log, "metaData")
    first = next(a["commitInfo"] for a in log[0]["actions"] if "commitInfo" in a)
    entry: dict[str, Any] = {
        "name": golden.name,
        "writer": first.get("engineInfo") or first.get("clientVersion"),
        "short": golden.short,
        "summary": golden.summary,
        "tests": golden.tests,
        "notes": golden.notes,
        "protocol": protocol,
        "partitionColumns": metadata.get("partitionColumns", []),
        "configuration": metadata.get("configuration", {}),
        "checkpoint": checkpoint_info(path),
        "latestVersion": latest,
        "versions": versions,
    }
    if "escaping" in golden.name:
        entry["adds"] = [
            {"path": a["add"]["path"], "partitionValues": a["add"]["partitionValues"]}
            for a in log[0]["actions"]
            if "add" in a
        ]
    return entry


def clean(path: Path) -> None:
    """Drops what the local Hadoop file system adds beside Delta's own files."""
    for f in list(path.rglob(".*.crc")):
        f.unlink()
    for d in sorted((p for p in path.rglob("*") if p.is_dir()), reverse=True):
        if not any(d.iterdir()):
            d.rmdir()  # e.g. _delta_log/_staged_commits; git would drop it anyway


def refuse_absolute_paths(path: Path, scratch: Path) -> None:
    needle = str(scratch).encode()
    for f in path.rglob("*"):
        if f.is_file() and needle in f.read_bytes():
            raise RuntimeError(f"{f} mentions the absolute path {scratch}")


def size_of(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv: list[str]) -> int:
    pin_process()
    profile = "main"
    if argv[:1] == ["--profile"] and len(argv) > 1:
        profile, argv = argv[1], argv[2:]
    unknown = set(argv) - {g.name for g in TABLES}
    if unknown:
        print(f"golden: unknown tables {sorted(unknown)}", file=sys.stderr)
        return 2
    chosen = [g for g in TABLES if g.profile == profile and (not argv or g.name in argv)]
    if not chosen:
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="tributary-golden-"))
    runner = Runner()
    catalog_file = OUT / "catalog.json"
    old = json.loads(catalog_file.read_text()) if catalog_file.exists() else {"tables": []}
    entries = {t["name"]: t for t in old["tables"]}
    try:
        for golden in chosen:
            path = scratch / golden.name
            print(f"golden: {golden.name}", file=sys.stderr)
            build(runner, golden, path)
            clean(path)
            refuse_absolute_paths(path, scratch)
            entries[golden.name] = describe(runner, golden, path)
        runner.close()
        OUT.mkdir(parents=True, exist_ok=True)
        for golden in chosen:
            shutil.rmtree(OUT / golden.name, ignore_errors=True)
            shutil.copytree(scratch / golden.name, OUT / golden.name)
    finally:
        runner.close()
        shutil.rmtree(scratch, ignore_errors=True)
    order = [g.name for g in TABLES]
    tables = sorted(entries.values(), key=lambda t: order.index(t["name"]))
    peers = old.get("peers", {})
    peers[profile] = {n: package_version(n) for n in ("deltalake", "pyspark", "delta-spark")}
    catalog = {"peers": peers, "tables": tables}
    catalog_file.write_text(json.dumps(catalog, indent=1) + "\n")
    (OUT / "README.md").write_text(render_readme(catalog))
    total = size_of(OUT)
    for t in tables:
        print(f"golden: {t['name']:28} {size_of(OUT / t['name']):8} bytes", file=sys.stderr)
    print(f"golden: total {total} bytes in {OUT.relative_to(ROOT)}", file=sys.stderr)
    if total > SIZE_LIMIT:
        print(f"golden: over the {SIZE_LIMIT} byte budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
