"""The reader view's own behaviour on real answers: it shows server text as text, sanitizes the
server's HTML again, follows `dir`, and keeps the reader's settings."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from support import Extension, PageUrl, RecordingProxy, WinnowUI, analyzed

from bench.server import WinnowServer

pytestmark = pytest.mark.e2e

HOSTILE_HTML = (
    "<p>First paragraph.</p>"
    '<script>window.pwned = "script"</script>'
    '<img src="http://news.test/x.png" onerror="window.pwned = \'img\'">'
    "<p><a href=\"javascript:window.pwned='link'\">a link</a></p>"
    '<iframe src="http://news.test/frame.html"></iframe>'
)
HARBOUR = "The council met on Tuesday to discuss the new harbour plan and what it will cost."
RTL_TITLE = "مرحبا بالعالم"
RTL_SENTENCE = "اجتمع المجلس يوم الثلاثاء لمناقشة خطة الميناء الجديدة وميزانيتها."


def article(title: str, sentence: str, lang: str = "en", direction: str = "ltr") -> str:
    """A plain article page: long enough for the server to find the article in it."""
    paragraphs = f"<p>{' '.join([sentence] * 4)}</p>" * 3
    return (
        f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><title>{title}</title>'
        f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def open_reader(extension: Extension, page: Page) -> Page:
    with extension.context.expect_page() as opened:
        WinnowUI(page).click("button.reader, button.badge-reader")
    view = opened.value
    view.wait_for_selector("#article:not([hidden])")
    return view


def test_reader_shows_server_text_as_text(extension: Extension, page_url: PageUrl) -> None:
    title = "&lt;b&gt;Bold&lt;/b&gt; title"
    view = open_reader(extension, analyzed(extension, page_url(article(title, HARBOUR))))
    expect(view.locator("#title")).to_have_text("<b>Bold</b> title")
    assert view.locator("#title b").count() == 0


def test_reader_sanitizes_the_server_html_again(
    extension: Extension, page_url: PageUrl, winnow_server: WinnowServer
) -> None:
    # The one rewritten answer in the suite: the real server sanitizes the reader HTML itself,
    # so only a rewrite can check that the reader view does not trust it. The rest of the answer
    # (title, text, annotations) is the real server's.
    def hostile(path: str, answer: dict) -> dict:
        if path != "/api/analyze":
            return answer
        return {**answer, "reader": {**answer["reader"], "html": HOSTILE_HTML}}

    proxy = RecordingProxy(winnow_server.url, rewrite=hostile)
    try:
        extension.set_options(serverUrl=proxy.url)
        view = open_reader(extension, analyzed(extension, page_url(article("Harbour", HARBOUR))))
    finally:
        proxy.stop()
    content = view.locator("#content")
    expect(content.locator("p").first).to_have_text("First paragraph.")
    assert content.locator("script, iframe, [onerror]").count() == 0
    assert "javascript:" not in (content.locator("a").get_attribute("href") or "")
    assert view.evaluate("window.pwned") is None


def test_reader_follows_rtl_and_keeps_its_settings(extension: Extension, page_url: PageUrl) -> None:
    page = analyzed(extension, page_url(article(RTL_TITLE, RTL_SENTENCE, "ar", "rtl")))
    view = open_reader(extension, page)
    expect(view.locator("#title")).to_have_text(RTL_TITLE)
    expect(view.locator("#article")).to_have_attribute("dir", "rtl")
    view.get_by_role("button", name="Dark").click()
    view.get_by_role("button", name="Larger text").click()
    root = view.locator("html")
    expect(root).to_have_attribute("data-theme", "dark")
    assert extension.storage("readerTheme") == "dark"
    assert extension.storage("readerFontSize") == 20
