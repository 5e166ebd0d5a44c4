"""The real `winnow serve` in a subprocess: see bench.server, which the benchmarks share."""

from bench.server import WinnowServer, free_port, get_json

__all__ = ["WinnowServer", "free_port", "get_json"]
