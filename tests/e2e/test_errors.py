"""Winnow never fails silently: a page too large for the server, a page the browser does not let
extensions read."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import Extension, PageUrl, WinnowUI, wait_for, wait_settled

from bench.server import WinnowServer

pytestmark = pytest.mark.e2e


def test_page_too_large_for_the_server_is_said_plainly(
    extension: Extension, page_url: PageUrl, seed_html: str, tmp_path: Path
) -> None:
    small = WinnowServer(tmp_path, WINNOW_MAX_BODY_BYTES="2000")
    try:
        extension.set_options(serverUrl=small.url)
        page = extension.open(page_url(seed_html, "seed.html"))
        extension.press(page)
        assert wait_settled(page).startswith("error:")
        ui = WinnowUI(page)
        assert ui.text(".message") == "This page is too large for your Winnow server."
        assert ui.count(".error-actions button") == 0
    finally:
        small.stop()


def test_browser_page_gets_a_message_on_the_button(extension: Extension) -> None:
    page = extension.open("chrome://version/")
    extension.press(page)
    tab_id = extension.worker.evaluate(
        "() => chrome.tabs.query({active: true, lastFocusedWindow: true}).then(([tab]) => tab.id)"
    )
    badge = wait_for(
        lambda: extension.worker.evaluate("(tabId) => chrome.action.getBadgeText({tabId})", tab_id)
    )
    assert badge == "!"
    title = extension.worker.evaluate("(tabId) => chrome.action.getTitle({tabId})", tab_id)
    assert "do not let extensions read chrome: pages" in title
