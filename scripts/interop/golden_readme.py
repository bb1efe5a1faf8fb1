"""Renders tests/fixtures/delta/README.md from catalog.json (so the two never disagree)."""

from __future__ import annotations

import json
from typing import Any

HEADER = """# Golden Delta tables

Written by the real peers (delta-spark and delta-rs) and committed, so tests can read
tables we did not write. **Generated** by `bash scripts/interop/make-golden.sh` together
with `catalog.json`; edit `scripts/interop/golden_tables.py` (the recipes) or
`scripts/interop/golden_readme.py` (this text), never these files by hand.

- `catalog.json` holds, per table and version, the schema, the rows (sorted by their
  canonical JSON, in the value forms of `tests/interop/normalize.ts`), the commit's
  operation and `commitTimestamp` (commitInfo.timestamp, epoch ms), the protocol, the
  configuration and checkpoint facts. Tests assert against it; the rows below are the same.
- Every version was read back by the writer and by the other peer; `crossRead` says
  whether the other peer saw identical rows and schema (or its error).
- Paths in the logs are relative; make-golden refuses a table that mentions an absolute
  path. Hadoop's `.*.crc` side files are removed; Delta's own `_delta_log/*.crc`
  (version checksums from delta-spark) are kept.
- Git does not keep file modification times. delta-spark resolves `timestampAsOf` by the
  commit file's mtime: copy a table and restore mtimes from commitInfo first
  (`copyGoldenTable` in `tests/interop/golden.ts`). Never write into this folder from a test.
"""


def _features(protocol: dict[str, Any]) -> str:
    reader, writer = protocol.get("readerFeatures") or [], protocol.get("writerFeatures") or []
    names = sorted(set(reader) | set(writer))
    return ", ".join(names) if names else "-"


def _protocol(protocol: dict[str, Any]) -> str:
    return f"({protocol.get('minReaderVersion')},{protocol.get('minWriterVersion')})"


def _index(tables: list[dict[str, Any]]) -> list[str]:
    lines = ["| table | writer | protocol | features | tests |", "| --- | --- | --- | --- | --- |"]
    for t in tables:
        p = t["protocol"]
        lines.append(
            f"| [`{t['name']}`](#{t['name']}) | {t['writer']} | {_protocol(p)} | "
            f"{_features(p)} | {t['short']} |"
        )
    return lines


def _section(t: dict[str, Any]) -> list[str]:
    cp = t["checkpoint"]
    lines = [
        f"## {t['name']}",
        "",
        t["summary"],
        "",
        f"- What it tests: {t['tests']}",
        f"- Writer: `{t['writer']}`",
        f"- Protocol: {_protocol(t['protocol'])}, features: {_features(t['protocol'])}",
        f"- Partition columns: {', '.join(t['partitionColumns']) or '-'}",
        f"- Configuration: `{json.dumps(t['configuration'], sort_keys=True)}`",
        f"- Latest version: {t['latestVersion']}",
    ]
    if cp:
        lines += [
            f"- Checkpoint: `{json.dumps(cp['lastCheckpoint'])}` in `_last_checkpoint`; "
            f"files {', '.join(f'`{f}`' for f in cp['files'])}",
            f"- Checkpoint `add` fields: {', '.join(cp['addFields'])}",
        ]
    lines += [f"- Note: {n}" for n in t["notes"]]
    if "adds" in t:
        lines += ["", "Add actions of version 0 (path as written, partition values):", "", "```"]
        lines += [json.dumps(a, ensure_ascii=False) for a in t["adds"]]
        lines += ["```"]
    lines += ["", "| version | operation | read by the other peer | rows |"]
    lines += ["| --- | --- | --- | --- |"]
    for v in t["versions"]:
        lines.append(f"| {v['version']} | {v['operation']} | {v['crossRead']} | {len(v['rows'])} |")
    shown: Any = None
    for v in t["versions"]:
        lines += ["", f"Version {v['version']} ({v['operation']}):"]
        if v["schema"] != shown:
            cols = ", ".join(f"{f['name']} {_type(f['type'])}" for f in v["schema"]["fields"])
            lines[-1] += f" schema `{cols}`"
            shown = v["schema"]
        lines += ["", "```"]
        lines += [json.dumps(r, ensure_ascii=False) for r in v["rows"]] or ["(no rows)"]
        lines += ["```"]
    return lines + [""]


def _type(t: Any) -> str:
    return t if isinstance(t, str) else json.dumps(t)


def render_readme(catalog: dict[str, Any]) -> str:
    lines = [HEADER]
    for profile, versions in catalog["peers"].items():
        peers = ", ".join(f"{k} {v}" for k, v in versions.items())
        lines.append(f"Peers of profile `{profile}` at its last regeneration: {peers}.")
    lines.append("")
    lines += _index(catalog["tables"]) + [""]
    for t in catalog["tables"]:
        lines += _section(t)
    return "\n".join(lines)
