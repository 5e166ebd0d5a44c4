"""The blind spam-farm generator writes cases that Winnow's corpus reader and scorer read, and
Winnow's figures on them (seed 7) meet the "blind" part of bench/baseline.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from bench.corpus import load_cases
from bench.evaluate import BASELINE_FILE, check, evaluate

pytestmark = pytest.mark.slow

SEED = 7
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("blind-farm")
    subprocess.run(
        [sys.executable, "-m", "bench.blind_farm", "--seed", str(SEED), "--out", str(out)],
        check=True,
        capture_output=True,
        cwd=REPO,
    )
    return list(load_cases(out))


def test_every_benchmark_page_gives_a_clean_a_spliced_and_a_trap_case(corpus):
    variants = {}
    for case in corpus:
        variants.setdefault(case.truth["source"], set()).add(case.truth["variant"])
    assert len(variants) > 100
    assert all(v == {"clean", "spliced", "trap"} for v in variants.values())


def test_each_spliced_occurrence_is_in_the_element_its_xpath_names(corpus):
    for case in (c for c in corpus if c.truth["variant"] == "spliced"):
        tree = lxml.html.document_fromstring(case.raw_html).getroottree()
        assert case.truth["spam"], case.name
        for entry in case.truth["spam"]:
            (element,) = tree.xpath(entry["xpath"])
            assert entry["text"] in element.text_content(), (case.name, entry)


def test_trap_cases_have_no_spam_and_name_their_trap(corpus):
    for case in (c for c in corpus if c.truth["variant"] == "trap"):
        assert case.truth["spam"] == []
        assert case.truth["trap"]["kind"] and case.truth["trap"]["text"]


def test_winnow_meets_the_blind_baseline(corpus):
    baseline = json.loads(BASELINE_FILE.read_text())["blind"]
    board = evaluate(corpus, progress=False)
    problems = check(board.figures(), baseline, board)
    assert not problems, "\n".join(problems)
