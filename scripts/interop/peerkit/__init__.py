"""Drives the real Delta peers (delta-rs and delta-spark) for tributary's interop tests.

Every command takes plain JSON-able arguments and returns a JSON-able result, so the same
code serves the CLI (peer.py), batches (many commands in one Spark JVM) and make_golden.py.
"""
