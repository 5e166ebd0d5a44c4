"""The reader view's own behaviour, from a stub answer: it sanitizes the server's HTML again,
shows server text as text, follows `dir`, and keeps the reader's settings."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from support import Extension, PageUrl, Responder, StubServer, wait_settled

pytestmark = pytest.mark.e2e

HOSTILE_HTML = (
    "<p>First paragraph.</p>"
    '<script>window.pwned = "script"</script>'
    '<img src="http://news.test/x.png" onerror="window.pwned = \'img\'">'
    "<p><a href=\"javascript:window.pwned='link'\">a link</a></p>"
    '<iframe src="http://news.test/frame.html"></iframe>'
)
RTL_TEXT = "مرحبا بالعالم"


def answer(reader: dict) -> Responder:
    def respond(path: str, body: dict) -> tuple[int, dict]:
        base = {"title": "", "html": "", "text": "", "word_count": 2, "reading_minutes": 1}
        return 200, {"url": body["url"], "reader": {**base, **reader}, "annotations": []}

    return respond


def open_reader(extension: Extension, page_url: PageUrl, reader: dict) -> Page:
    stub = StubServer(answer(reader))
    try:
        extension.set_options(serverUrl=stub.url)
        page = extension.open(page_url("<!DOCTYPE html><title>t</title><p>Some article.</p>"))
        extension.press(page)
        assert wait_settled(page) == "done"
        with extension.context.expect_page() as opened:
            page.locator("#winnow-root button.reader").click()
        view = opened.value
        view.wait_for_selector("#article:not([hidden])")
        return view
    finally:
        stub.stop()


def test_reader_sanitizes_the_server_html_again(extension: Extension, page_url: PageUrl) -> None:
    view = open_reader(extension, page_url, {"title": "<b>Bold</b> title", "html": HOSTILE_HTML})
    expect(view.locator("#title")).to_have_text("<b>Bold</b> title")
    content = view.locator("#content")
    expect(content.locator("p").first).to_have_text("First paragraph.")
    assert content.locator("script, iframe, [onerror]").count() == 0
    assert "javascript:" not in (content.locator("a").get_attribute("href") or "")
    assert view.evaluate("window.pwned") is None


def test_reader_follows_rtl_and_keeps_its_settings(extension: Extension, page_url: PageUrl) -> None:
    view = open_reader(
        extension, page_url, {"title": RTL_TEXT, "html": f"<p>{RTL_TEXT}</p>", "dir": "rtl"}
    )
    expect(view.locator("#article")).to_have_attribute("dir", "rtl")
    view.get_by_role("button", name="Dark").click()
    view.get_by_role("button", name="A+").click()
    root = view.locator("html")
    expect(root).to_have_attribute("data-theme", "dark")
    assert extension.storage("readerTheme") == "dark"
    assert extension.storage("readerFontSize") == 20
