"""Per-site preferences a reader sets from the panel: always hide this site's clutter, never
run Winnow on this site."""

from __future__ import annotations

import pytest
from support import Extension, PageUrl, RecordingProxy, WinnowUI, analyzed, wait_settled

pytestmark = pytest.mark.e2e


def test_always_hide_clutter_folds_the_blocks_now_and_on_the_sites_next_pages(
    extension: Extension, page_url: PageUrl, seed_html: str
) -> None:
    page = analyzed(extension, page_url(seed_html, "seed.html"))
    ui = WinnowUI(page)
    ui.click("input.pref-hide")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-winnow-collapsed]').length === 3"
    )
    assert extension.storage("sitePrefs") == {"news.test": {"hideClutter": True}}

    later = analyzed(extension, page_url(seed_html, "later.html"))
    assert later.locator("[data-winnow-collapsed]").count() == 3
    later_ui = WinnowUI(later)
    assert later_ui.texts(".finding button.toggle") == ["Show"] * 3
    assert later_ui.evaluate("(roots) => roots.panel.querySelector('input.pref-hide').checked")


def test_never_run_here_sends_nothing_until_turned_on_again(
    extension: Extension, proxy: RecordingProxy, page_url: PageUrl, seed_html: str
) -> None:
    page = analyzed(extension, page_url(seed_html, "seed.html"))
    WinnowUI(page).click("input.pref-never")
    assert WinnowUI(page).wait_for(
        "(roots) => roots.panel.querySelector('input.pref-never').checked"
    )
    assert extension.storage("sitePrefs") == {"news.test": {"never": True}}

    other = extension.open(page_url(seed_html, "other.html"))
    extension.press(other)
    assert wait_settled(other, accept=("off",)) == "off"
    ui = WinnowUI(other)
    assert ui.text(".message") == (
        "Winnow is off for news.test: it sends nothing from this site to the server."
    )
    assert len(proxy.bodies("/api/analyze")) == 1, "only the first page was sent"

    ui.click("button.turn-on")
    assert wait_settled(other) == "done"
    assert len(proxy.bodies("/api/analyze")) == 2
    assert extension.storage("sitePrefs") == {}
