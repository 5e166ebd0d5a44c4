"""Winnow never fails silently and always offers a way on: a plain message with one action,
Retry (or a press of the button) after the server was down, a page too large for the server,
a page the browser does not let extensions read."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import (
    Extension,
    PageUrl,
    WinnowUI,
    highlights,
    status,
    wait_changed,
    wait_for,
    wait_settled,
)

from bench.server import WinnowServer

pytestmark = pytest.mark.e2e


@pytest.fixture
def down(extension: Extension, tmp_path: Path) -> WinnowServer:
    """A real server of this test's own, stopped: the extension points at it."""
    server = WinnowServer(tmp_path)
    server.stop()
    extension.set_options(serverUrl=server.url)
    return server


def failed_seed(extension: Extension, page_url: PageUrl, seed_html: str):
    page = extension.open(page_url(seed_html, "seed.html"))
    extension.press(page)
    assert wait_settled(page).startswith("error:")
    return page


def test_a_press_in_the_error_state_analyzes_the_page_once_the_server_is_up(
    extension: Extension, page_url: PageUrl, seed_html: str, down: WinnowServer
) -> None:
    page = failed_seed(extension, page_url, seed_html)
    failed = status(page)
    down.restart()
    try:
        extension.press(page)
        wait_changed(page, failed)
        assert wait_settled(page) == "done"
        assert len(highlights(page)) == 3
    finally:
        down.stop()


def test_retry_analyzes_the_page_once_the_server_is_up(
    extension: Extension, page_url: PageUrl, seed_html: str, down: WinnowServer
) -> None:
    page = failed_seed(extension, page_url, seed_html)
    ui = WinnowUI(page)
    assert ui.attribute(".panel", "data-collapsed") is None, "an error is never folded away"
    assert ui.text(".badge-text") == "Error"
    failed = status(page)
    down.restart()
    try:
        ui.click(".error-actions button.retry")
        wait_changed(page, failed)
        assert wait_settled(page) == "done"
        assert ui.text(".badge-text") == "2 spam · 3 unrelated"
    finally:
        down.stop()


def test_page_too_large_for_the_server_is_said_plainly(
    extension: Extension, page_url: PageUrl, seed_html: str, tmp_path: Path
) -> None:
    small = WinnowServer(tmp_path, WINNOW_MAX_BODY_BYTES="2000")
    try:
        extension.set_options(serverUrl=small.url)
        page = failed_seed(extension, page_url, seed_html)
        ui = WinnowUI(page)
        assert ui.text(".message") == "This page is too large for your Winnow server."
        assert ui.count(".error-actions button") == 0, "no action would help"
        # The server's own words, with its setting's name, wait behind Details.
        assert "WINNOW_" not in ui.text(".message")
        assert ui.count(".error-actions details") == 1
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
