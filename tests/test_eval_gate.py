"""The eval gate: Winnow's figures on the dev corpus never fall below bench/baseline.json."""

from __future__ import annotations

import json

import pytest

from bench.corpus import load_cases, load_extraction_pages
from bench.evaluate import BASELINE_FILE, check, evaluate, load, select

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("data", "load"), [("corpus", load_cases), ("extraction", load_extraction_pages)]
)
def test_figures_meet_the_committed_baseline(data, load):
    baseline = json.loads(BASELINE_FILE.read_text())[data]
    figures = evaluate(load(), progress=False, compare=False).figures()
    problems = check(figures, baseline)
    assert not problems, "\n".join(problems)


def test_check_reports_a_figure_below_its_floor():
    problems = check(
        {"reader_f1_clean": 0.5, "errors": 3},
        {"floors": {"reader_f1_clean": 0.9}, "ceilings": {"errors": 0}},
    )
    assert len(problems) == 2


def test_simulated_blocks_meet_the_committed_baseline():
    """The simulator's held-out blocks pages (story lists, card grids, on-topic blocks, every
    hiding technique) against the sim section of the baseline."""
    baseline = json.loads(BASELINE_FILE.read_text())["sim"]
    cases = select(load("sim"), "held-out", {"blocks"})
    assert cases
    figures = evaluate(cases, progress=False, compare=False).figures()
    problems = check(figures, baseline)
    assert not problems, "\n".join(problems)
