"""Rows for the splice model: what each candidate becomes, and how much it weighs."""

from __future__ import annotations

from bench.corpus import Case
from bench.train_splice import STORY_ROW_WEIGHT, page_rows

HTML = (
    "<html lang='en'><head><title>Quorvex | Council approves the new budget</title></head>"
    "<body><article><h1>Quorvex | Council approves the new budget</h1>"
    "<p>The council met on Monday evening and Quorvex voted on the plan after a long debate.</p>"
    "<p>Members argued about the cost of the bridge, Quorvex said the mayor on Tuesday.</p>"
    "</article></body></html>"
)


def case(base: str) -> Case:
    truth = {"variant": "spliced", "base": base, "spam": [{"text": "Quorvex"}]}
    return Case("c", "spliced", "https://news.example/a.html", truth, HTML)


def test_a_spliced_candidate_is_labelled_spam():
    rows = page_rows(case("benchmark"), None)
    assert 1 in rows.labels and len(rows.labels) == len(rows.features)


def test_rows_from_a_money_story_weigh_less():
    assert set(page_rows(case("benchmark"), None).weights) == {1.0}
    assert set(page_rows(case("story"), None).weights) == {STORY_ROW_WEIGHT}
