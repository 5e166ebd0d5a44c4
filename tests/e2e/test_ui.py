"""The extension's own UI on the seed page, against the real `winnow serve`: folding blocks,
reporting mistakes and misses, reports that wait for the server, and what a report teaches."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect
from support import (
    Extension,
    PageUrl,
    RecordingProxy,
    WinnowUI,
    analyzed,
    flagged,
    highlights,
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
# A folded block keeps its heading's line and its label: a few lines at most.
FOLDED_HEIGHT_PX = 80
SPAM = '.finding[data-kind="injected_spam"]'


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


def label_selector(heading: str) -> str:
    return f'.label[aria-label$="“{heading}”"]'


def test_unrelated_block_folds_to_its_heading_and_label_and_comes_back(seed: Page) -> None:
    ui = WinnowUI(seed)
    related = seed.locator(".related")
    ui.click(f"{label_selector('Related')} button.toggle", "labels")
    expect(related).to_have_attribute("data-winnow-collapsed", "")
    assert height(related) <= FOLDED_HEIGHT_PX
    expect(related.locator("h3")).to_be_visible()
    assert ui.text(f"{label_selector('Related')} button.toggle", "labels") == "Show"
    ui.click(f"{label_selector('Related')} button.toggle", "labels")
    expect(related).not_to_have_attribute("data-winnow-collapsed", "")
    assert height(related) > FOLDED_HEIGHT_PX * 2


def test_hide_all_clutter_then_show_all(seed: Page) -> None:
    ui = WinnowUI(seed)
    blocks = seed.locator('[data-winnow-flag="unrelated_links"]')
    ui.click("button.hide-all")
    assert ui.texts(".finding button.toggle") == ["Show"] * 3
    assert [height(blocks.nth(i)) <= FOLDED_HEIGHT_PX for i in range(3)] == [True] * 3
    screenshot(seed, "seed-folded.png", full_page=True)
    ui.click("button.show-all")
    assert ui.texts(".finding button.toggle") == ["Hide"] * 3
    assert [height(blocks.nth(i)) > FOLDED_HEIGHT_PX * 2 for i in range(3)] == [True] * 3


def test_hovering_a_highlight_shows_why_and_not_spam(seed: Page) -> None:
    box = seed.evaluate(
        "() => [...CSS.highlights.get('winnow-spam')][0].getBoundingClientRect().toJSON()"
    )
    seed.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2)
    ui = WinnowUI(seed)
    ui.wait_text(".card", FINLOGIC, "card")
    assert "in the headline" in ui.text(".card", "card")
    assert "3 places" in ui.text(".card .quote", "card")
    assert ui.text(".card button.fp", "card") == "Not spam"


def test_not_unrelated_on_a_label_reports_the_block(
    own_seed: Page, own_server: WinnowServer
) -> None:
    ui = WinnowUI(own_seed)
    ui.click(f"{label_selector('Related')} button.fp", "labels")
    ui.wait_attribute(f"{label_selector('Related')} .status", "data-state", "recorded", "labels")
    (report,) = reports(own_server, "news.test")
    assert (report["verdict"], report["kind"]) == ("false_positive", "unrelated_links")
    assert (report["label"], report["rule"]) == ("Related", "unrelated-link-block")


def test_selected_text_is_reported_as_missed_spam(own_seed: Page, own_server: WinnowServer) -> None:
    ui = WinnowUI(own_seed)
    # One word is no phrase: the server says why, and the panel shows its words.
    own_seed.locator(".zan a").select_text()
    ui.click("button.report-selection")
    ui.wait_attribute(".miss-status", "data-state", "failed")
    assert "at least 2 words" in ui.text(".miss-status")

    own_seed.locator(".foot .wrap").select_text()
    ui.click("button.report-selection")
    ui.wait_attribute(".miss-status", "data-state", "recorded")
    (report,) = reports(own_server, "news.test")
    assert (report["verdict"], report["kind"], report["quote"]) == (
        "missed",
        "injected_spam",
        "Copyright © NextFrontier Finance",
    )


def test_picked_block_is_reported_as_missed_unrelated_links(
    own_seed: Page, own_server: WinnowServer
) -> None:
    ui = WinnowUI(own_seed)
    ui.click("button.pick-block")
    own_seed.locator(".nav a", has_text="Markets").click()
    ui.wait_attribute(".miss-status", "data-state", "recorded")
    assert own_seed.url.endswith("/seed.html"), "picking a block must not follow the link"
    (report,) = reports(own_server, "news.test")
    assert (report["verdict"], report["kind"]) == ("missed", "unrelated_links")
    assert "Markets" in report["quote"] and "Crypto" in report["quote"]


def test_queued_report_says_so_and_turns_recorded_when_the_server_is_back(
    own_seed: Page, own_server: WinnowServer, extension: Extension
) -> None:
    own_server.stop()
    ui = WinnowUI(own_seed)
    ethermac = f'{SPAM}[data-places="1"]'
    ui.click(f"{ethermac} button.fp")
    ui.wait_attribute(f"{ethermac} .status", "data-state", "queued")
    assert ui.text(f"{ethermac} .status .said") == (
        "Saved: it goes to the server when the server is back."
    )
    assert len(extension.storage("pendingReports")) == 1

    own_server.restart()
    # No press, no reload: the extension tries again by itself and tells the page.
    ui.wait_attribute(f"{ethermac} .status", "data-state", "recorded", timeout=20)
    listed = reports(own_server, "news.test")
    assert [(r["verdict"], r["quote"]) for r in listed] == [("false_positive", ETHERMAC)]
    assert wait_for(lambda: extension.storage("pendingReports") == [])


def test_withdrawn_report_is_gone_from_the_server(
    own_seed: Page, own_server: WinnowServer, own_proxy: RecordingProxy
) -> None:
    ui = WinnowUI(own_seed)
    ui.click(f"{SPAM} button.fp")
    ui.wait_attribute(f"{SPAM} .status", "data-state", "recorded")
    assert len(reports(own_server, "news.test")) == 1
    ui.click(f"{SPAM} .status button.withdraw")
    ui.wait_attribute(f"{SPAM} .status", "data-state", "withdrawn")
    assert reports(own_server, "news.test") == []
    (deleted,) = own_proxy.sent(
        "DELETE", f"/api/feedback/{own_proxy.answers('/api/feedback')[0]['id']}"
    )
    assert deleted.status == 204


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
    ui = WinnowUI(first)
    ui.click("button.badge")
    ui.click("button.pick-block")
    first.locator(".more-reads a").first.click()
    ui.wait_attribute(".miss-status", "data-state", "recorded")
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
    second_ui = WinnowUI(second)
    assert second_ui.count(label_selector("More from the harbour desk"), "labels") == 1
    assert "Learned from your own report" in second_ui.text('.finding[data-kind="unrelated_links"]')
    found = own_proxy.answers("/api/analyze")[-1]["annotations"]
    assert [(a["kind"], a["rule"]) for a in found] == [("unrelated_links", "learned-missed-block")]


def test_options_page_lists_this_browsers_reports_and_withdraws_one(
    own_seed: Page, own_server: WinnowServer, extension: Extension
) -> None:
    ui = WinnowUI(own_seed)
    ui.click(f"{SPAM} button.fp")
    ui.wait_attribute(f"{SPAM} .status", "data-state", "recorded")
    options = extension.context.new_page()
    options.goto(f"chrome-extension://{extension.ext_id}/options/options.html")
    item = options.locator("#reports li")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"“{FINLOGIC}” on news.test")
    item.get_by_role("button", name="Withdraw").click()
    expect(item).to_contain_text("Withdrawn: the server forgot it.")
    assert reports(own_server, "news.test") == []


def test_own_report_applies_to_the_next_analysis_at_once_and_the_panel_says_why(
    own_seed: Page, extension: Extension
) -> None:
    ui = WinnowUI(own_seed)
    ethermac = f'{SPAM}[data-places="1"]'
    ui.click(f"{ethermac} button.fp")
    ui.wait_attribute(f"{ethermac} .status", "data-state", "recorded")
    extension.press(own_seed)
    wait_removed(own_seed)
    extension.press(own_seed)
    assert wait_settled(own_seed) == "done"
    assert ETHERMAC not in [h["text"] for h in highlights(own_seed)]
    assert ui.texts(".withdrawn li") == [f"“{ETHERMAC}” after your own report"]
