"""Long pages: the part the reader sees is marked first, from a request of its own, while the
server analyzes the whole page; and the panel stays short and usable however many findings a
page has."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler

import pytest
from support import (
    Extension,
    PageUrl,
    RecordingProxy,
    WinnowUI,
    highlights,
    status,
    wait_for,
    wait_settled,
)

from bench.pages import long_page
from bench.server import WinnowServer

pytestmark = pytest.mark.e2e

# The whole page is larger than this; the first part is far smaller.
WHOLE_PAGE_MIN_BYTES = 1_500_000
LONG_SETTLE_MS = 60_000


class HoldingProxy(RecordingProxy):
    """A recording proxy that holds the whole long page's analysis until released, so the test
    sees what the reader sees while the server is still at work."""

    def __init__(self, upstream: str) -> None:
        super().__init__(upstream)
        self.release = threading.Event()
        self.held = threading.Event()

    def _forward(self, handler: BaseHTTPRequestHandler) -> None:
        if int(handler.headers.get("Content-Length") or 0) > WHOLE_PAGE_MIN_BYTES:
            self.held.set()
            self.release.wait(timeout=60)
        super()._forward(handler)


@pytest.fixture
def holding(extension: Extension, winnow_server: WinnowServer):
    proxy = HoldingProxy(winnow_server.url)
    extension.set_options(serverUrl=proxy.url)
    yield proxy
    proxy.release.set()
    proxy.stop()


def test_long_page_is_marked_from_its_first_part_then_done_from_the_whole(
    extension: Extension, holding: HoldingProxy, page_url: PageUrl, seed_html: str
) -> None:
    page = extension.open(page_url(long_page(seed_html), "long.html"))
    extension.press(page)
    assert wait_for(holding.held.is_set)
    # The whole page waits at the proxy: what is drawn came from the first part alone.
    page.wait_for_function("() => CSS.highlights.has('winnow-spam')")
    assert len(highlights(page)) == 3
    assert status(page) == "running"
    ui = WinnowUI(page)
    assert "Checking the rest of the page" in ui.text(".message")

    holding.release.set()
    assert wait_settled(page, timeout=LONG_SETTLE_MS) == "done"
    first, whole = holding.bodies("/api/analyze")
    assert len(first["html"]) < len(whole["html"]) / 10
    assert whole["html"].count(">Comment ") == 8000
    assert ">Comment 7999:" not in first["html"]
    assert len(highlights(page)) == 3
    assert ui.texts("h3") == ["Spliced spam (2)", "Unrelated link blocks (3)"]


# A page with many hidden link blocks: more findings than one page of the panel's list.
HIDDEN_BLOCKS = 60


def many_hidden_blocks() -> str:
    blocks = "".join(
        f'<div style="display:none"><a href="https://spam{i}.example/">Casino offer {i}</a></div>'
        for i in range(HIDDEN_BLOCKS)
    )
    body = "<p>The harbour board approved the dredging plan on Tuesday after a long debate.</p>"
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Harbour plan</title></head><body>"
        f"<article><h1>Harbour plan approved</h1>{body * 5}</article>{blocks}</body></html>"
    )


def test_a_long_list_of_findings_comes_in_pages(extension: Extension, page_url: PageUrl) -> None:
    page = extension.open(page_url(many_hidden_blocks()))
    extension.press(page)
    assert wait_settled(page) == "done"
    ui = WinnowUI(page)
    hidden = '.finding[data-kind="hidden_links"]'
    assert ui.text('[data-section="hidden_links"] h3') == f"Hidden links ({HIDDEN_BLOCKS})"
    assert ui.count(hidden) == 25
    assert ui.text(".more button") == "Show 25 more (35 left)"
    ui.click(".more button")
    assert ui.count(hidden) == 50
    # The focus goes to the first item the button brought, not back to the top.
    focused_item = ui.evaluate(
        """(roots, _, find) => find('panel', '.finding')
            .indexOf(roots.panel.activeElement.closest('.finding'))"""
    )
    assert focused_item == 25
    ui.click(".more button")
    assert ui.count(hidden) == HIDDEN_BLOCKS
    assert ui.count(".more") == 0
