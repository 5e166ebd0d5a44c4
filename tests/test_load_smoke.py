"""A short version of bench/load.py: the real server under concurrent load answers every
request, and its memory does not run away."""

from __future__ import annotations

import pytest

from bench.load import MAX_MEMORY_GROWTH, measure

pytestmark = pytest.mark.slow


def test_concurrent_load_has_no_errors_and_bounded_memory():
    levels, samples, soak = measure(quick=True)
    assert [len(level.errors) for level in levels] == [0, 0, 0], [lv.errors[:3] for lv in levels]
    assert all(level.requests > 0 for level in levels)
    assert soak.errors == []
    warm, last = samples[0][1], samples[-1][1]
    assert last <= warm * (1 + MAX_MEMORY_GROWTH)
