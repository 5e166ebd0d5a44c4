"""Winnow's own benchmarks: corpus evaluation, load, learning."""
