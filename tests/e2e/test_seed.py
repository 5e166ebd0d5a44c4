"""The seed page, pressed through the toolbar button, against the real `winnow serve`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from support import (
    NEEDS_CLIENT_TOKEN,
    NO_TRACES,
    Extension,
    PageUrl,
    RecordingProxy,
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


def panel_findings(page: Page, kind: str) -> Locator:
    return page.locator(f'#winnow-root .finding[data-kind="{kind}"]')


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
    labels = annotated.locator('[data-winnow-ui="labels"] .label .text').all_inner_texts()
    assert sorted(labels) == [
        "Unrelated: Ranking · 8 stories",
        "Unrelated: Recommendation · 8 stories",
        "Unrelated: Related · 10 stories",
    ]


def test_panel_lists_every_finding_including_the_title(annotated: Page) -> None:
    expect(panel_findings(annotated, "injected_spam")).to_have_count(4)
    expect(panel_findings(annotated, "unrelated_links")).to_have_count(3)
    title = annotated.locator('#winnow-root .finding[data-where="title"]')
    expect(title).to_have_count(1)
    expect(title).to_contain_text(FINLOGIC)
    expect(title).to_contain_text("page title")
    headings = annotated.locator("#winnow-root h2")
    expect(headings).to_contain_text(["Spliced spam (4)", "Unrelated link blocks (3)"])


def test_reader_view_shows_the_clean_article(
    annotated: Page, extension: Extension, seed_expected: dict
) -> None:
    with extension.context.expect_page() as opened:
        annotated.locator("#winnow-root button.reader").click()
    reader = opened.value
    reader.wait_for_selector("#article:not([hidden])")
    expect(reader.locator("#title")).to_have_text(seed_expected["title"])
    paragraphs = [" ".join(p.split()) for p in reader.locator("#content p").all_inner_texts()]
    assert paragraphs == seed_expected["paragraphs"]
    assert "veryGood!" not in reader.locator("main").inner_text()
    screenshot(reader, "seed-reader.png")


@NEEDS_CLIENT_TOKEN
def test_not_spam_sends_a_valid_report(
    extension: Extension,
    own_proxy: RecordingProxy,
    own_server: WinnowServer,
    page_url: PageUrl,
    seed_html: str,
) -> None:
    annotated = analyzed(extension, page_url(seed_html, "seed.html"))
    finding = annotated.locator('#winnow-root .finding[data-where="title"]')
    expect(finding).to_have_count(1)
    finding.locator("button.fp").click()
    expect(finding.locator(".status")).to_have_attribute("data-state", "recorded")

    (report,) = own_proxy.bodies("/api/feedback")
    assert set(report) == FEEDBACK_FIELDS
    assert report["url"] == annotated.url
    assert (report["verdict"], report["kind"], report["quote"]) == (
        "false_positive",
        "injected_spam",
        FINLOGIC,
    )
    assert report["annotation"]["xpath"] == "/html/head/title"
    assert re.fullmatch(r"[0-9a-f-]{36}", report["client"])
    (listed,) = reports(own_server, "news.test")
    assert (listed["verdict"], listed["quote"]) == ("false_positive", FINLOGIC)


def test_second_press_removes_every_trace(annotated: Page, extension: Extension) -> None:
    extension.press(annotated)
    wait_removed(annotated)
    assert traces(annotated) == NO_TRACES


def test_escape_removes_every_trace(annotated: Page) -> None:
    annotated.keyboard.press("Escape")
    wait_removed(annotated)
    assert traces(annotated) == NO_TRACES


def test_panel_says_when_the_server_is_not_running(
    extension: Extension, page_url: PageUrl, seed_html: str, tmp_path: Path
) -> None:
    stopped = WinnowServer(tmp_path)
    stopped.stop()
    extension.set_options(serverUrl=stopped.url)
    page = extension.open(page_url(seed_html, "seed.html"))
    extension.press(page)
    assert wait_settled(page).startswith("error:")
    message = page.locator("#winnow-root .message")
    expect(message).to_contain_text("not running")
    expect(message).to_contain_text("winnow serve")
