"""The seed page, pressed through the toolbar button, against the real `winnow serve`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from support import (
    NO_TRACES,
    Extension,
    PageUrl,
    RecordingProxy,
    WinnowUI,
    analyzed,
    flagged,
    highlights,
    reports,
    screenshot,
    traces,
    wait_removed,
    wait_settled,
)

from bench.server import WinnowServer

pytestmark = pytest.mark.e2e

FINLOGIC = "FinLogic FinLogic Quantitative Think Tank Center"
ETHERMAC = "Ethermac Exchange View"
FEEDBACK_FIELDS = {"url", "verdict", "kind", "quote", "annotation", "client"}


@pytest.fixture
def annotated(extension: Extension, page_url: PageUrl, seed_html: str) -> Page:
    """The seed page after one press of the button."""
    return analyzed(extension, page_url(seed_html, "seed.html"))


def test_press_highlights_the_three_spliced_phrases_on_the_page(
    annotated: Page, extension: Extension
) -> None:
    found = sorted((h["element"], h["text"]) for h in highlights(annotated))
    assert found == [("a", ETHERMAC), ("h1", FINLOGIC), ("p", FINLOGIC)]
    screenshot(annotated, "seed-annotated.png", full_page=True)
    assert extension.errors == []


def test_press_flags_the_three_link_lists_and_not_the_navigation(
    annotated: Page, seed_expected: dict
) -> None:
    blocks = flagged(annotated, "unrelated_links")
    assert len(blocks) == 3
    for expected in seed_expected["unrelated_link_blocks"]:
        (block,) = [text for text in blocks if expected["links"][0] in text]
        assert all(link in block for link in expected["links"])
    in_nav = annotated.eval_on_selector(
        ".top", "(top) => top.querySelectorAll('[data-winnow-flag]').length"
    )
    assert in_nav == 0
    ui = WinnowUI(annotated)
    assert sorted(ui.texts(".label .text", "labels")) == [
        "Unrelated · 10 stories",
        "Unrelated · 8 stories",
        "Unrelated · 8 stories",
    ]
    names = ui.evaluate(
        "(roots, _, find) => find('labels', '.label').map((l) => l.getAttribute('aria-label'))"
    )
    assert sorted(names) == [
        "Unrelated · 10 stories: “Related”",
        "Unrelated · 8 stories: “Ranking”",
        "Unrelated · 8 stories: “Recommendation”",
    ]


def test_panel_groups_findings_by_phrase_and_block(annotated: Page) -> None:
    ui = WinnowUI(annotated)
    spam = ui.texts('.finding[data-kind="injected_spam"] .what')
    assert spam == [f"“{FINLOGIC}” · 2 places", f"“{ETHERMAC}”"]
    assert ui.attribute('.finding[data-kind="injected_spam"]', "data-places") == "3"
    assert "page title" in ui.text('.finding[data-kind="injected_spam"] .where')
    assert ui.count('.finding[data-kind="unrelated_links"]') == 3
    assert ui.texts("h3") == ["Spliced spam (2)", "Unrelated link blocks (3)"]
    assert ui.text(".badge-text") == "2 spam · 3 unrelated"


def test_reader_view_shows_the_clean_article(
    annotated: Page, extension: Extension, seed_expected: dict
) -> None:
    with extension.context.expect_page() as opened:
        WinnowUI(annotated).click("button.reader")
    reader = opened.value
    reader.wait_for_selector("#article:not([hidden])")
    expect(reader.locator("#title")).to_have_text(seed_expected["title"])
    paragraphs = [" ".join(p.split()) for p in reader.locator("#content p").all_inner_texts()]
    assert paragraphs == seed_expected["paragraphs"]
    assert "veryGood!" not in reader.locator("main").inner_text()
    screenshot(reader, "seed-reader.png")


def test_not_spam_sends_one_valid_report_for_every_copy_of_a_phrase(
    extension: Extension,
    own_proxy: RecordingProxy,
    own_server: WinnowServer,
    page_url: PageUrl,
    seed_html: str,
) -> None:
    annotated = analyzed(extension, page_url(seed_html, "seed.html"))
    ui = WinnowUI(annotated)
    ui.click('.finding[data-kind="injected_spam"] button.fp')
    ui.wait_attribute('.finding[data-kind="injected_spam"] .status', "data-state", "recorded")

    (report,) = own_proxy.bodies("/api/feedback")
    assert set(report) == FEEDBACK_FIELDS
    assert report["url"] == annotated.url
    assert (report["verdict"], report["kind"], report["quote"]) == (
        "false_positive",
        "injected_spam",
        FINLOGIC,
    )
    assert report["annotation"]["xpath"].startswith("/html/body/")
    assert re.fullmatch(r"[\w-]{8,100}", report["client"])
    (listed,) = reports(own_server, "news.test")
    assert (listed["verdict"], listed["quote"]) == ("false_positive", FINLOGIC)


def test_second_press_removes_every_trace(annotated: Page, extension: Extension) -> None:
    extension.press(annotated)
    wait_removed(annotated)
    assert traces(annotated) == NO_TRACES


def test_escape_in_the_panel_removes_every_trace_and_gives_the_focus_back(
    annotated: Page,
) -> None:
    assert WinnowUI(annotated).focused() is not None
    annotated.keyboard.press("Escape")
    wait_removed(annotated)
    assert traces(annotated) == NO_TRACES
    assert annotated.evaluate("document.activeElement === document.body")


def test_panel_says_when_the_server_is_not_running(
    extension: Extension, page_url: PageUrl, seed_html: str, tmp_path: Path
) -> None:
    stopped = WinnowServer(tmp_path)
    stopped.stop()
    extension.set_options(serverUrl=stopped.url)
    page = extension.open(page_url(seed_html, "seed.html"))
    extension.press(page)
    assert wait_settled(page).startswith("error:")
    ui = WinnowUI(page)
    message = ui.text(".message")
    assert "not running" in message
    assert "winnow serve" in message
    assert ui.texts(".error-actions button") == ["Retry"]
