"""The per-stage profile: each stage is charged only its own time, and timing the reader's
parts leaves the reader's code as it was."""

from __future__ import annotations

import winnow.reader
from bench.profile import BASELINE, READER_PARTS, StageClock, profile_page, reader_parts_timed
from helpers import SEED_URL


def test_a_stage_inside_another_is_taken_off_the_outer_one():
    seconds = iter([0.0, 0.010, 0.030, 0.035])  # outer starts, inner starts, ends, outer ends
    clock = StageClock(now=lambda: next(seconds))
    clock.time("outer", lambda: clock.time("inner", lambda: None))
    assert round(clock.spent["inner"], 6) == 20.0
    assert round(clock.spent["outer"], 6) == 15.0


def test_timing_the_reader_parts_restores_every_attribute():
    original = winnow.reader.sanitize_html
    before = [owner.__dict__.get(name) for _, owner, name in READER_PARTS]
    with reader_parts_timed(StageClock()):
        assert winnow.reader.sanitize_html is not original
    assert [owner.__dict__.get(name) for _, owner, name in READER_PARTS] == before
    assert winnow.reader.sanitize_html is original


def test_profile_page_times_every_stage_of_the_seed_page(seed_html):
    timings = profile_page(seed_html, SEED_URL, rounds=1)
    expected = {"parse", "injected_spam", "link_blocks", "reader: bleach", BASELINE}
    assert expected <= set(timings)
    assert all(ms >= 0 for ms in timings.values())
