"""A short version of bench/load.py: the real server under concurrent load answers every
request, and its memory does not run away."""

from __future__ import annotations

import pytest

from bench.load import MAX_MAIN_GROWTH, MAX_MEMORY_GROWTH, measure

pytestmark = pytest.mark.slow


def test_concurrent_load_has_no_errors_bounded_memory_and_fair_answers():
    levels, soaked, fair = measure(quick=True)
    assert [len(level.errors) for level in levels] == [0, 0, 0], [lv.errors[:3] for lv in levels]
    assert all(level.requests > 0 for level in levels)
    assert soaked.level.errors == []
    assert soaked.main_growth <= MAX_MAIN_GROWTH, soaked.samples
    assert soaked.total_growth <= MAX_MEMORY_GROWTH, soaked.samples
    assert fair.holds, (fair.seconds, fair.statuses, fair.missing_retry_after)
