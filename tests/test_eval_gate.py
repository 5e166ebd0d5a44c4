"""The eval gate: Winnow's figures on the dev corpus, the extraction benchmark and the spam-farm
simulator's pages never fall below bench/baseline.json, and no page's reader view is empty or
much worse than readability-lxml alone on the same page."""

from __future__ import annotations

import json

import lxml.html
import pytest

from bench.evaluate import BASELINE_FILE, check, evaluate, load
from bench.scoring import PageFigures, Scoreboard

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("data", ["corpus", "extraction", "sim"])
def test_figures_and_pages_meet_the_committed_baseline(data):
    baseline = json.loads(BASELINE_FILE.read_text())[data]
    board = evaluate(load(data), progress=False)
    problems = check(board.figures(), baseline, board)
    assert not problems, "\n".join(problems)


def test_check_reports_a_figure_below_its_floor():
    problems = check(
        {"reader_f1_clean": 0.5, "errors": 3},
        {"floors": {"reader_f1_clean": 0.9}, "ceilings": {"errors": 0}},
    )
    assert len(problems) == 2


def board_of(*pages: PageFigures) -> Scoreboard:
    board = Scoreboard()
    board.pages.extend(pages)
    return board


RULES = {"floors": {}, "pages": {"max_below_readability": 0.05}}


def test_check_names_a_page_far_below_readability():
    board = board_of(
        PageFigures("fine", "clean", 0.97, readability_f1=0.99),
        PageFigures("hurt", "clean", 0.90, readability_f1=0.99),
    )
    (problem,) = check({}, RULES, board)
    assert problem.startswith("hurt: reader F1 0.900, 0.090 below")


def test_check_names_an_empty_reader():
    board = board_of(PageFigures("blank", "farm", 0.0, readability_f1=0.98, reader_empty=True))
    (problem,) = check({}, RULES, board)
    assert problem.startswith("blank: empty reader view")


def test_a_known_page_passes_while_it_is_below_and_fails_once_it_is_not():
    rules = {"pages": {"max_below_readability": 0.05, "known_below": {"p": "a detector's cut"}}}
    assert check({}, rules, board_of(PageFigures("p", "trap", 0.9, readability_f1=1.0))) == []
    (problem,) = check({}, rules, board_of(PageFigures("p", "trap", 0.99, readability_f1=1.0)))
    assert "take it off the known list" in problem


def test_page_rules_need_readability_figures():
    (problem,) = check({}, RULES, board_of(PageFigures("p", "clean", 0.99)))
    assert "readability-lxml's figures" in problem


def test_another_extractor_is_scored_per_variant():
    board = Scoreboard()
    truth = {
        "variant": "clean",
        "article_text": "The council approved the budget on Tuesday night.",
    }
    board.add_other("trafilatura", truth, "The council approved the budget on Tuesday night.")
    board.add_other("trafilatura", {**truth, "variant": "farm"}, "Something else entirely here.")
    figures = board.figures()
    assert figures["trafilatura_f1_clean"] == 1.0
    assert figures["trafilatura_f1_farm"] == 0.0


TRAP_TRUTH = {
    "variant": "trap",
    "url": "https://news.example/story",
    "article_text": "Harbor Transit cut two lines. Riders asked Harbor Transit why.",
    "trap": {"kind": "real name", "text": "Harbor Transit", "occurrences_in_article": 2},
    "link_blocks": [],
    "hidden_links": [],
}


def add_trap_page(board: Scoreboard, reader_text: str, readability_text: str) -> None:
    tree = lxml.html.fromstring("<html><body><p>page</p></body></html>")
    board.add(TRAP_TRUTH, tree, {"reader": {"text": reader_text}, "annotations": []}, "trap")
    board.add_baseline(TRAP_TRUTH, readability_text)


def test_trap_words_cut_from_the_reader_are_counted_as_lost():
    board = Scoreboard()
    add_trap_page(board, "cut two lines. Riders asked why.", TRAP_TRUTH["article_text"])
    assert board.figures()["trap_words_lost"] == 2


def test_trap_words_that_readability_alone_drops_are_not_winnows_loss():
    board = Scoreboard()
    add_trap_page(board, "Harbor Transit cut two lines.", "Harbor Transit cut two lines.")
    assert board.figures()["trap_words_lost"] == 0


CLAUSE_TRUTH = {
    "variant": "spliced",
    "url": "https://news.example/story",
    "title": "Council cuts two lines",
    "article_text": "The council cut two lines, officials said.",
    "spam": [
        {
            "text": "Quorvex",
            "inserted": ", according to Quorvex",
            "where": "paragraph",
            "form": "body according to",
            "xpath": "/html/body/p",
        }
    ],
    "link_blocks": [],
    "hidden_links": [],
}


def spliced_board(quote: str, truth: dict = CLAUSE_TRUTH) -> dict:
    board = Scoreboard()
    tree = lxml.html.fromstring(
        '<html><body><p data-winnow-id="7">The council cut two lines, according to Quorvex, '
        "officials said.</p></body></html>"
    )
    annotation = {"kind": "injected_spam", "node": 7, "quote": quote}
    board.add(truth, tree, {"reader": {"text": ""}, "annotations": [annotation]}, "s")
    return board.figures()


def test_a_quote_of_the_whole_insertion_counts_only_in_the_figure_that_reads_it():
    figures = spliced_board("according to Quorvex")
    assert figures["spam_recall"] == 0.0
    assert figures["spam_recall_counting_inserted"] == 1.0
    assert figures["spam_precision"] == 0.0
    assert figures["spam_precision_counting_inserted"] == 1.0


def test_a_quote_of_the_brand_alone_counts_in_both_figures():
    figures = spliced_board("Quorvex")
    assert figures["spam_precision"] == 1.0
    assert figures["spam_precision_counting_inserted"] == 1.0


def test_a_truth_without_insertions_has_no_counting_inserted_figure():
    plain = {
        **CLAUSE_TRUTH,
        "spam": [{k: v for k, v in CLAUSE_TRUTH["spam"][0].items() if k != "inserted"}],
    }
    figures = spliced_board("Quorvex", plain)
    assert figures["spam_recall"] == 1.0
    assert "spam_recall_counting_inserted" not in figures
    assert "spam_precision_counting_inserted" not in figures
