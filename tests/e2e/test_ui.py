"""The extension's own UI on the seed page, against a stub server with the finished server's
answer: folding blocks, reporting mistakes and misses, reports that wait for the server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect
from stub_answers import ETHERMAC, FINLOGIC, seed_responder
from support import Extension, PageUrl, StubServer, screenshot, wait_for, wait_removed, wait_settled

pytestmark = pytest.mark.e2e

# A folded block keeps one line: the label's.
FOLDED_HEIGHT_PX = 30


@pytest.fixture
def stub(seed_expected: dict) -> Iterator[StubServer]:
    server = StubServer(seed_responder(seed_expected))
    yield server
    server.stop()


@pytest.fixture
def seed(extension: Extension, stub: StubServer, page_url: PageUrl, seed_html: str) -> Page:
    """The seed page after one press, answered by the stub."""
    extension.set_options(serverUrl=stub.url)
    page = extension.open(page_url(seed_html, "seed.html"))
    extension.press(page)
    assert wait_settled(page) == "done"
    return page


def height(locator: Locator) -> float:
    return locator.evaluate("(el) => el.getBoundingClientRect().height")


def label(page: Page, heading: str) -> Locator:
    return page.locator('[data-winnow-ui="labels"] .label').filter(has_text=f"Unrelated: {heading}")


def test_unrelated_block_folds_to_its_label_and_comes_back(seed: Page) -> None:
    screenshot(seed, "stub-annotated.png", full_page=True)
    related = seed.locator(".related")
    label(seed, "Related").locator("button.toggle").click()
    expect(related).to_have_attribute("data-winnow-collapsed", "")
    assert height(related) <= FOLDED_HEIGHT_PX
    expect(label(seed, "Related")).to_be_visible()
    label(seed, "Related").locator("button.toggle").click()
    expect(related).not_to_have_attribute("data-winnow-collapsed", "")
    assert height(related) > FOLDED_HEIGHT_PX * 5


def test_hide_all_clutter_then_show_all(seed: Page) -> None:
    blocks = seed.locator('[data-winnow-flag="unrelated_links"]')
    seed.locator("#winnow-root button.hide-all").click()
    expect(seed.locator("#winnow-root .finding button.toggle")).to_have_text(["show"] * 3)
    assert [height(blocks.nth(i)) <= FOLDED_HEIGHT_PX for i in range(3)] == [True] * 3
    screenshot(seed, "stub-folded.png", full_page=True)
    seed.locator("#winnow-root button.show-all").click()
    expect(seed.locator("#winnow-root .finding button.toggle")).to_have_text(["hide"] * 3)
    assert [height(blocks.nth(i)) > FOLDED_HEIGHT_PX * 5 for i in range(3)] == [True] * 3


def test_hovering_a_highlight_shows_why_and_not_spam(seed: Page) -> None:
    box = seed.evaluate(
        "() => [...CSS.highlights.get('winnow-spam')][0].getBoundingClientRect().toJSON()"
    )
    seed.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2)
    card = seed.locator('[data-winnow-ui="card"] .card')
    expect(card).to_contain_text(FINLOGIC)
    expect(card).to_contain_text("in the headline")
    expect(card.locator("button.fp")).to_have_text("Not spam")


def test_not_unrelated_on_a_label_reports_the_block(seed: Page, stub: StubServer) -> None:
    label(seed, "Related").locator("button.fp").click()
    expect(label(seed, "Related").locator(".status")).to_have_attribute("data-state", "recorded")
    (report,) = stub.bodies("/api/feedback")
    assert (report["verdict"], report["kind"]) == ("false_positive", "unrelated_links")
    assert report["annotation"]["label"] == "Related"


def test_selected_text_is_reported_as_missed_spam(seed: Page, stub: StubServer) -> None:
    seed.evaluate(
        """() => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector('.zan a'));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    seed.locator("#winnow-root button.report-selection").click()
    expect(seed.locator("#winnow-root .miss-status")).to_have_attribute("data-state", "recorded")
    (report,) = stub.bodies("/api/feedback")
    assert report["verdict"] == "missed"
    assert (report["kind"], report["quote"]) == ("injected_spam", "veryGood!")


def test_picked_block_is_reported_as_missed_unrelated_links(seed: Page, stub: StubServer) -> None:
    seed.locator("#winnow-root button.pick-block").click()
    seed.locator(".nav a", has_text="Markets").click()
    expect(seed.locator("#winnow-root .miss-status")).to_have_attribute("data-state", "recorded")
    assert seed.url.endswith("/seed.html"), "picking a block must not follow the link"
    (report,) = stub.bodies("/api/feedback")
    assert (report["verdict"], report["kind"]) == ("missed", "unrelated_links")
    assert "Markets" in report["quote"] and "Crypto" in report["quote"]


def test_report_waits_while_the_server_is_down_and_goes_when_it_is_back(
    seed: Page, stub: StubServer, extension: Extension, seed_expected: dict
) -> None:
    stub.stop()
    finding = seed.locator('#winnow-root .finding[data-kind="injected_spam"]').nth(2)
    finding.locator("button.fp").click()
    expect(finding.locator(".status")).to_have_attribute("data-state", "queued")
    assert len(extension.storage("pendingReports")) == 1

    back = StubServer(seed_responder(seed_expected), port=stub.port)
    try:
        extension.press(seed)
        wait_removed(seed)
        extension.press(seed)
        assert wait_settled(seed) == "done"
        sent = wait_for(lambda: back.bodies("/api/feedback"))
        assert [r["quote"] for r in sent] == [ETHERMAC]
        assert wait_for(lambda: extension.storage("pendingReports") == [])
    finally:
        back.stop()
