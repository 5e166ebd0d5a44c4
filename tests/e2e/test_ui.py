"""The extension's own UI on the seed page, against the real `winnow serve`: folding blocks,
reporting mistakes and misses, reports that wait for the server, and what a report teaches."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect
from support import (
    NEEDS_CLIENT_TOKEN,
    Extension,
    PageUrl,
    RecordingProxy,
    analyzed,
    flagged,
    reports,
    screenshot,
    wait_for,
    wait_removed,
    wait_settled,
)

from bench.server import WinnowServer

pytestmark = pytest.mark.e2e

FINLOGIC = "FinLogic FinLogic Quantitative Think Tank Center"
ETHERMAC = "Ethermac Exchange View"
# A folded block keeps one line: the label's.
FOLDED_HEIGHT_PX = 30


@pytest.fixture
def seed(extension: Extension, page_url: PageUrl, seed_html: str) -> Page:
    """The seed page after one press, answered by the session's server (no reports sent)."""
    return analyzed(extension, page_url(seed_html, "seed.html"))


@pytest.fixture
def own_seed(
    extension: Extension, own_server: WinnowServer, page_url: PageUrl, seed_html: str
) -> Page:
    """The seed page after one press, answered by this test's own server: for reports."""
    extension.set_options(serverUrl=own_server.url)
    return analyzed(extension, page_url(seed_html, "seed.html"))


def height(locator: Locator) -> float:
    return locator.evaluate("(el) => el.getBoundingClientRect().height")


def label(page: Page, heading: str) -> Locator:
    return page.locator('[data-winnow-ui="labels"] .label').filter(has_text=f"Unrelated: {heading}")


def miss_status(page: Page) -> Locator:
    return page.locator("#winnow-root .miss-status")


def test_unrelated_block_folds_to_its_label_and_comes_back(seed: Page) -> None:
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
    screenshot(seed, "seed-folded.png", full_page=True)
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


@NEEDS_CLIENT_TOKEN
def test_not_unrelated_on_a_label_reports_the_block(
    own_seed: Page, own_server: WinnowServer
) -> None:
    label(own_seed, "Related").locator("button.fp").click()
    expect(label(own_seed, "Related").locator(".status")).to_have_attribute(
        "data-state", "recorded"
    )
    (report,) = reports(own_server, "news.test")
    assert (report["verdict"], report["kind"]) == ("false_positive", "unrelated_links")
    assert (report["label"], report["rule"]) == ("Related", "unrelated-link-block")


@NEEDS_CLIENT_TOKEN
def test_selected_text_is_reported_as_missed_spam(own_seed: Page, own_server: WinnowServer) -> None:
    own_seed.evaluate(
        """() => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector('.zan a'));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    own_seed.locator("#winnow-root button.report-selection").click()
    expect(miss_status(own_seed)).to_have_attribute("data-state", "recorded")
    (report,) = reports(own_server, "news.test")
    assert (report["verdict"], report["kind"], report["quote"]) == (
        "missed",
        "injected_spam",
        "veryGood!",
    )


@NEEDS_CLIENT_TOKEN
def test_picked_block_is_reported_as_missed_unrelated_links(
    own_seed: Page, own_server: WinnowServer
) -> None:
    own_seed.locator("#winnow-root button.pick-block").click()
    own_seed.locator(".nav a", has_text="Markets").click()
    expect(miss_status(own_seed)).to_have_attribute("data-state", "recorded")
    assert own_seed.url.endswith("/seed.html"), "picking a block must not follow the link"
    (report,) = reports(own_server, "news.test")
    assert (report["verdict"], report["kind"]) == ("missed", "unrelated_links")
    assert "Markets" in report["quote"] and "Crypto" in report["quote"]


@NEEDS_CLIENT_TOKEN
def test_report_waits_while_the_server_is_down_and_goes_when_it_is_back(
    own_seed: Page, own_server: WinnowServer, extension: Extension
) -> None:
    own_server.stop()
    finding = own_seed.locator('#winnow-root .finding[data-kind="injected_spam"]').nth(2)
    finding.locator("button.fp").click()
    expect(finding.locator(".status")).to_have_attribute("data-state", "queued")
    assert len(extension.storage("pendingReports")) == 1

    own_server.restart()
    # An answered analysis is what tells the extension that the server is back.
    extension.press(own_seed)
    wait_removed(own_seed)
    extension.press(own_seed)
    assert wait_settled(own_seed) == "done"
    listed = wait_for(lambda: reports(own_server, "news.test"))
    assert [(r["verdict"], r["quote"]) for r in listed] == [("false_positive", ETHERMAC)]
    assert wait_for(lambda: extension.storage("pendingReports") == [])


# A block the server leaves alone by itself: its links are too short to be story headlines.
# Both pages share its shape and heading; their links differ, as on a real site.
MORE_READS = """<div class="more-reads"><h3>More from the harbour desk</h3>{links}</div>"""
HARBOUR_TEXT = (
    "The harbour board approved the dredging plan on Tuesday after a long debate about its cost. "
    "Ferry operators said the deeper channel would let larger boats dock at the old pier. "
    "Residents asked the board to publish the dredging budget before work starts in spring. "
)


def harbour_page(headline: str, links: list[str]) -> str:
    anchors = "".join(f'<a href="/harbour/{i}.html">{text}</a> ' for i, text in enumerate(links))
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{headline}</title></head><body>"
        f"<article><h1>{headline}</h1>{f'<p>{HARBOUR_TEXT}</p>' * 3}</article>"
        f"{MORE_READS.format(links=anchors)}</body></html>"
    )


@NEEDS_CLIENT_TOKEN
def test_picked_block_teaches_the_server_that_block_on_the_site(
    extension: Extension, own_proxy: RecordingProxy, page_url: PageUrl
) -> None:
    first = analyzed(
        extension,
        page_url(
            harbour_page("Dredging plan approved", ["Ferry times", "Pier repairs", "Port fees"]),
            "first.html",
        ),
    )
    assert flagged(first, "unrelated_links") == [], "the server flags the block by itself"
    first.locator("#winnow-root button.pick-block").click()
    first.locator(".more-reads a").first.click()
    expect(miss_status(first)).to_have_attribute("data-state", "recorded")
    (report,) = own_proxy.bodies("/api/feedback")
    assert (report["verdict"], report["kind"]) == ("missed", "unrelated_links")
    assert report["annotation"] == {
        "label": "More from the harbour desk",
        "shape": "div.more-reads",
    }

    second = analyzed(
        extension,
        page_url(
            harbour_page(
                "Ferry operators back the plan", ["Tide tables", "Dock strike", "Boat show"]
            ),
            "second.html",
        ),
    )
    expect(second.locator(".more-reads")).to_have_attribute("data-winnow-flag", "unrelated_links")
    expect(label(second, "More from the harbour desk")).to_be_visible()
    found = own_proxy.answers("/api/analyze")[-1]["annotations"]
    assert [(a["kind"], a["rule"]) for a in found] == [("unrelated_links", "learned-missed-block")]
