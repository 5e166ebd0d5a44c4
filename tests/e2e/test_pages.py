"""Beyond the seed: a spam-farm page from the corpus, and an ordinary article with no spam."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Page
from support import ROOT, Extension, PageUrl, WinnowUI, flagged, highlights, wait_settled

pytestmark = pytest.mark.e2e

CASES = ROOT / "bench" / "data" / "corpus-dev" / "cases"
# One farm page with a hidden link block, one with an on-topic block that must stay unflagged.
CORPUS_CASES = ["0e014df693f1-farm", "14cc2a0ca59c-farm"]
CLEAN_PAGE = Path(__file__).parent / "pages" / "clean-article.html"
# The flag on the truth's block root, or on the element inside or around it that the server
# chose as the block's root (the corpus scores a block by its links, not by the exact element).
XPATH_FLAG_JS = """(xpath) => {
    const block = document.evaluate(
        xpath, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null
    ).singleNodeValue;
    const flag = '[data-winnow-flag]';
    const flagged = block.closest(flag) || block.querySelector(flag);
    return flagged ? flagged.getAttribute('data-winnow-flag') : null;
}"""


def corpus_case(case: str) -> tuple[str, dict]:
    folder = CASES / case
    html = gzip.decompress((folder / "page.html.gz").read_bytes()).decode("utf-8")
    return html, json.loads((folder / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(params=CORPUS_CASES)
def corpus_page(
    request: pytest.FixtureRequest, extension: Extension, page_url: PageUrl
) -> tuple[Page, dict]:
    """A corpus farm page after one press of the button, with the truth about it."""
    html, truth = corpus_case(request.param)
    page = extension.open(page_url(html, f"{request.param}.html"))
    extension.press(page)
    assert wait_settled(page) == "done"
    return page, truth


def test_corpus_page_has_every_visible_splice_highlighted(corpus_page: tuple[Page, dict]) -> None:
    page, truth = corpus_page
    on_page = Counter(s["text"] for s in truth["spam"] if s["where"] != "title")
    assert Counter(h["text"] for h in highlights(page)) == on_page
    # A phrase in the <title> is listed with its copies, saying where that one is.
    groups = WinnowUI(page).texts('.finding[data-kind="injected_spam"]')
    for text in {s["text"] for s in truth["spam"] if s["where"] == "title"}:
        assert any(text in group and "page title" in group for group in groups), groups


def test_corpus_page_has_its_unrelated_blocks_flagged(corpus_page: tuple[Page, dict]) -> None:
    page, truth = corpus_page
    unrelated = [b for b in truth["link_blocks"] if b["relation"] == "unrelated"]
    assert len(flagged(page, "unrelated_links")) == len(unrelated)
    for block in truth["link_blocks"]:
        flag = page.evaluate(XPATH_FLAG_JS, block["xpath"])
        assert (flag == "unrelated_links") == (block["relation"] == "unrelated"), block
    hidden = WinnowUI(page).count('.finding[data-kind="hidden_links"][data-where="hidden"]')
    assert hidden == len(truth["hidden_links"])


def test_page_without_spam_gets_nothing_flagged_and_no_error(
    extension: Extension, page_url: PageUrl
) -> None:
    page: Page = extension.open(page_url(CLEAN_PAGE.read_text(encoding="utf-8")))
    extension.press(page)
    assert wait_settled(page) == "done"
    assert highlights(page) == []
    assert page.locator("[data-winnow-flag]").count() == 0
    ui = WinnowUI(page)
    assert ui.count(".finding") == 0
    assert ui.text(".message") == "Nothing to flag on this page."
    assert extension.errors == []
