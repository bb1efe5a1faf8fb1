#!/usr/bin/env python3
"""Writes tributary's subset of Spark Connect's .proto files.

The field numbers, names and enums are protocol facts, so they are not typed by hand:
this script reads the serialized FileDescriptorProtos inside PySpark's generated
`pyspark/sql/connect/proto/*_pb2.py` (the version pinned in versions.env), keeps the
service methods and oneof cases listed below plus everything they reference, and
renders proto3 text into proto/spark/connect/. Cases left out of a oneof are listed in
a comment with their numbers, so adding one is a one-word change here and a rerun.

Usage (after `npm run spark:start` has made the venv, which has pyspark and protobuf):
  .tributary/spark/venv/bin/python scripts/spark/proto-subset.py [--check]
--check writes nothing and exits 1 if proto/spark/connect/ differs from what it would write.
"""

import ast
import glob
import os
import sys

from google.protobuf import descriptor_pb2 as d

PKG = "spark.connect"
METHODS = [
    "ExecutePlan", "AnalyzePlan", "Config", "Interrupt", "ReattachExecute",
    "ReleaseExecute", "ReleaseSession", "FetchErrorDetails",
]
ROOTS = [".spark.connect.Plan"]
# message -> oneof -> cases kept; other oneofs and plain fields are kept whole.
ONEOFS = {
    ".spark.connect.Relation": {"rel_type": [
        "read", "project", "filter", "join", "set_op", "sort", "limit", "aggregate", "sql",
        "local_relation", "sample", "offset", "deduplicate", "range", "subquery_alias",
        "repartition", "to_df", "with_columns_renamed", "show_string", "drop", "tail",
        "with_columns", "hint", "unpivot", "to_schema", "repartition_by_expression",
        "fill_na", "drop_na", "replace", "summary", "describe",
    ]},
    ".spark.connect.Expression": {"expr_type": [
        "literal", "unresolved_attribute", "unresolved_function", "expression_string",
        "unresolved_star", "alias", "cast", "unresolved_regex", "sort_order",
        "lambda_function", "window", "unresolved_extract_value", "update_fields",
        "unresolved_named_lambda_variable", "named_argument_expression",
    ]},
    ".spark.connect.Command": {"command_type": [
        "write_operation", "create_dataframe_view", "write_operation_v2", "sql_command",
        "write_stream_operation_start", "streaming_query_command",
        "streaming_query_manager_command",
    ]},
    ".spark.connect.ExecutePlanResponse": {"response_type": [
        "arrow_batch", "sql_command_result", "result_complete", "execution_progress",
        "write_stream_operation_start_result", "streaming_query_command_result",
        "streaming_query_manager_command_result",
    ]},
    ".spark.connect.AnalyzePlanRequest": {"analyze": [
        "schema", "explain", "tree_string", "is_local", "input_files", "spark_version",
        "ddl_parse", "same_semantics", "semantic_hash",
    ]},
    ".spark.connect.AnalyzePlanResponse": {"result": [
        "schema", "explain", "tree_string", "is_local", "input_files", "spark_version",
        "ddl_parse", "same_semantics", "semantic_hash",
    ]},
}
WELL_KNOWN = {".google.protobuf.Any": "google/protobuf/any.proto"}
SCALARS = {
    v: k[len("TYPE_"):].lower()
    for k, v in d.FieldDescriptorProto.Type.items()
    if k not in ("TYPE_MESSAGE", "TYPE_ENUM", "TYPE_GROUP")
}
HEADER = """// Licensed to the Apache Software Foundation (ASF) under one or more contributor license
// agreements; see Apache Spark's NOTICE. Licensed under the Apache License, Version 2.0.
//
// A subset of Apache Spark {version}'s spark/connect/{name}, written by
// scripts/spark/proto-subset.py from PySpark's descriptors. Do not edit: rerun the script.
"""


def load(folder):
    files = {}
    for path in sorted(glob.glob(os.path.join(folder, "*_pb2.py"))):
        for node in ast.walk(ast.parse(open(path).read())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "AddSerializedFile":
                fd = d.FileDescriptorProto.FromString(node.args[0].value)
                files[fd.name] = fd
    return files


def index(files):
    """Full name -> (kind, descriptor, file name, parent full name)."""
    types = {}

    def walk(prefix, fname, msgs, enums):
        for e in enums:
            types[f"{prefix}.{e.name}"] = ("enum", e, fname, prefix)
        for m in msgs:
            full = f"{prefix}.{m.name}"
            types[full] = ("message", m, fname, prefix)
            walk(full, fname, m.nested_type, m.enum_type)

    for fd in files.values():
        walk("." + fd.package, fd.name, fd.message_type, fd.enum_type)
    return types


def kept_fields(full, m):
    rules = ONEOFS.get(full, {})
    out, dropped = [], []
    for f in m.field:
        if f.HasField("oneof_index") and not f.proto3_optional:
            keep = rules.get(m.oneof_decl[f.oneof_index].name)
            if keep is not None and f.name not in keep:
                dropped.append(f)
                continue
        out.append(f)
    return out, dropped


def closure(types, service):
    reached = set()
    todo = list(ROOTS)
    for meth in service.method:
        if meth.name in METHODS:
            todo += [meth.input_type, meth.output_type]
    while todo:
        name = todo.pop()
        if name in reached or name not in types:
            continue
        reached.add(name)
        kind, desc, _, parent = types[name]
        if parent in types:
            todo.append(parent)
        if kind == "message":
            for f in kept_fields(name, desc)[0]:
                if f.type_name:
                    todo.append(f.type_name)
    return reached


def json_default(name):
    parts = name.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


class Renderer:
    def __init__(self, types, reached):
        self.types = types
        self.reached = reached

    def ref(self, target, scope):
        """The shortest name that protobuf's scope rules resolve to `target` from `scope`."""
        parts = target.lstrip(".").split(".")
        for i in range(len(parts) - 1, -1, -1):
            candidate = parts[i:]
            if self.resolve(candidate, scope) == target:
                return ".".join(candidate)
        return target

    def resolve(self, parts, scope):
        s = scope
        while True:
            first = f"{s}.{parts[0]}" if s else f".{parts[0]}"
            if first in self.types or self.is_package(first):
                return ".".join([first] + parts[1:])
            if not s:
                return None
            s = s.rsplit(".", 1)[0] if "." in s.lstrip(".") else ""

    def is_package(self, name):
        return any(t.startswith(name + ".") for t in self.types) and name not in self.types

    def field_type(self, f, scope):
        if f.type_name in WELL_KNOWN:
            return f.type_name.lstrip(".")
        if f.type_name:
            kind, desc, _, _ = self.types[f.type_name]
            if kind == "message" and desc.options.map_entry:
                k, v = desc.field[0], desc.field[1]
                return f"map<{self.field_type(k, scope)}, {self.field_type(v, scope)}>"
            return self.ref(f.type_name, scope)
        return SCALARS[f.type]

    def field(self, f, scope, indent, in_oneof):
        label = ""
        if f.label == d.FieldDescriptorProto.LABEL_REPEATED and not self.is_map(f):
            label = "repeated "
        elif f.proto3_optional:
            label = "optional "
        opts = []
        if f.json_name and f.json_name != json_default(f.name):
            opts.append(f'json_name = "{f.json_name}"')
        if f.options.deprecated:
            opts.append("deprecated = true")
        suffix = f" [{', '.join(opts)}]" if opts else ""
        pad = "  " * indent
        return f"{pad}{label}{self.field_type(f, scope)} {f.name} = {f.number}{suffix};"

    def is_map(self, f):
        if not f.type_name or f.type_name in WELL_KNOWN:
            return False
        kind, desc, _, _ = self.types[f.type_name]
        return kind == "message" and desc.options.map_entry

    def enum(self, e, indent):
        pad = "  " * indent
        lines = [f"{pad}enum {e.name} {{"]
        lines += [f"{pad}  {v.name} = {v.number};" for v in e.value]
        return lines + [f"{pad}}}"]

    def message(self, full, m, indent):
        pad = "  " * indent
        lines = [f"{pad}message {m.name} {{"]
        for e in m.enum_type:
            if f"{full}.{e.name}" in self.reached:
                lines += self.enum(e, indent + 1)
        for n in m.nested_type:
            if f"{full}.{n.name}" in self.reached and not n.options.map_entry:
                lines += self.message(f"{full}.{n.name}", n, indent + 1)
        fields, dropped = kept_fields(full, m)
        done = set()
        for f in fields:
            real_oneof = f.HasField("oneof_index") and not f.proto3_optional
            if not real_oneof:
                lines.append(self.field(f, full, indent + 1, False))
                continue
            if f.oneof_index in done:
                continue
            done.add(f.oneof_index)
            lines.append(f"{pad}  oneof {m.oneof_decl[f.oneof_index].name} {{")
            for g in fields:
                if g.HasField("oneof_index") and g.oneof_index == f.oneof_index:
                    lines.append(self.field(g, full, indent + 2, True))
            left = [g for g in dropped if g.oneof_index == f.oneof_index]
            if left:
                names = ", ".join(f"{g.name} = {g.number}" for g in left)
                lines.append(f"{pad}    // Not in tributary's subset: {names}.")
            lines.append(f"{pad}  }}")
        if m.reserved_range:
            nums = ", ".join(
                str(r.start) if r.end == r.start + 1 else f"{r.start} to {r.end - 1}"
                for r in m.reserved_range
            )
            lines.append(f"{pad}  reserved {nums};")
        if m.reserved_name:
            lines.append(f"{pad}  reserved {', '.join(repr(n).replace(chr(39), chr(34)) for n in m.reserved_name)};")
        return lines + [f"{pad}}}"]


def main(src, out, version, check=False):
    files = load(src)
    types = index(files)
    service = files["spark/connect/base.proto"].service[0]
    reached = closure(types, service)
    r = Renderer(types, reached)
    stale = []
    os.makedirs(out, exist_ok=True)
    for fname, fd in files.items():
        body = []
        deps = set()
        for e in fd.enum_type:
            if f".{PKG}.{e.name}" in reached:
                body += r.enum(e, 0) + [""]
        for m in fd.message_type:
            full = f".{PKG}.{m.name}"
            if full in reached:
                body += r.message(full, m, 0) + [""]
        if fname == "spark/connect/base.proto":
            body += ["service SparkConnectService {"]
            for meth in service.method:
                if meth.name in METHODS:
                    stream = "stream " if meth.server_streaming else ""
                    body.append(
                        f"  rpc {meth.name}({r.ref(meth.input_type, '.' + PKG)}) returns "
                        f"({stream}{r.ref(meth.output_type, '.' + PKG)}) {{}}"
                    )
            body += ["}", ""]
        if not body:
            continue
        for name in reached:
            kind, desc, owner, _ = types[name]
            if owner == fname and kind == "message":
                for f in kept_fields(name, desc)[0]:
                    if f.type_name in WELL_KNOWN:
                        deps.add(WELL_KNOWN[f.type_name])
                    elif f.type_name and types[f.type_name][2] != fname:
                        deps.add(types[f.type_name][2])
        text = HEADER.format(version=version, name=os.path.basename(fname))
        text += '\nsyntax = "proto3";\n\npackage spark.connect;\n\n'
        text += "".join(f'import "{dep}";\n' for dep in sorted(deps))
        text += ("\n" if deps else "") + "\n".join(body).rstrip() + "\n"
        target = os.path.join(out, os.path.basename(fname))
        if check:
            current = open(target).read() if os.path.exists(target) else None
            if current != text:
                print(f"differs: {target}")
                stale.append(target)
            continue
        with open(target, "w") as fh:
            fh.write(text)
        print(f"wrote {os.path.basename(fname)}")
    if stale:
        sys.exit(1)


def pinned_version(here):
    with open(os.path.join(here, "versions.env")) as fh:
        for line in fh:
            if line.startswith("PYSPARK_VERSION="):
                return line.split("=", 1)[1].strip()
    raise SystemExit("PYSPARK_VERSION missing from versions.env")


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    import pyspark

    version = pinned_version(here)
    if pyspark.__version__ != version:
        raise SystemExit(f"pyspark {pyspark.__version__} is not the pinned {version}")
    src = os.path.join(os.path.dirname(pyspark.__file__), "sql", "connect", "proto")
    main(src, os.path.join(root, "proto", "spark", "connect"), version, "--check" in sys.argv[1:])
