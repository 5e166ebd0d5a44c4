"""The reader view's own behaviour on real answers: it shows server text as text, sanitizes the
server's HTML again, follows `dir`, and keeps the reader's settings."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from support import (
    Extension,
    PageUrl,
    RecordingProxy,
    WinnowUI,
    analyzed,
    wait_removed,
    wait_settled,
)

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


# A speechSynthesis that records what it is asked to say and "says" each utterance in 300 ms.
SPEECH_STUB_JS = """(() => {
    const calls = [];
    const stub = {
        speaking: false, pending: false, paused: false,
        speak(u) {
            calls.push({ text: u.text, rate: u.rate, lang: u.lang });
            setTimeout(() => u.onend && u.onend(new Event("end")), 300);
        },
        cancel() { calls.push('cancel'); },
        pause() {}, resume() {}, getVoices() { return []; },
        addEventListener() {}, removeEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: stub, configurable: true });
    window.__speechCalls = calls;
})();"""


def seed_reader(extension: Extension, page_url: PageUrl, seed_html: str) -> tuple[Page, Page]:
    news = analyzed(extension, page_url(seed_html, "seed.html"))
    return news, open_reader(extension, news)


def test_reader_tab_survives_a_reload_after_the_news_tab_closed(
    extension: Extension, page_url: PageUrl, seed_html: str, seed_expected: dict
) -> None:
    news, view = seed_reader(extension, page_url, seed_html)
    news.close()
    view.reload()
    view.wait_for_selector("#article:not([hidden])")
    expect(view.locator("#title")).to_have_text(seed_expected["title"])
    assert view.locator("#content p").count() == len(seed_expected["paragraphs"])


def test_reader_settings_typeface_spacing_and_theme_that_follows_the_system(
    extension: Extension, page_url: PageUrl, seed_html: str
) -> None:
    _, view = seed_reader(extension, page_url, seed_html)
    body = view.locator("body")
    view.emulate_media(color_scheme="dark")
    assert view.locator("html").evaluate("(el) => getComputedStyle(el).backgroundColor") == (
        "rgb(23, 25, 28)"
    )
    view.emulate_media(color_scheme="light")
    assert view.locator("html").evaluate("(el) => getComputedStyle(el).backgroundColor") == (
        "rgb(253, 253, 251)"
    )
    serif = body.evaluate("(el) => getComputedStyle(el).fontFamily")
    view.get_by_role("button", name="Sans").click()
    assert body.evaluate("(el) => getComputedStyle(el).fontFamily") != serif
    assert "Georgia" in serif
    normal = body.evaluate("(el) => parseFloat(getComputedStyle(el).lineHeight)")
    view.get_by_role("button", name="Loose line spacing").click()
    loose = body.evaluate("(el) => parseFloat(getComputedStyle(el).lineHeight)")
    assert loose == pytest.approx(normal / 1.6 * 1.9, rel=0.01)
    assert (extension.storage("readerFont"), extension.storage("readerLineHeight")) == (
        "sans",
        "loose",
    )
    expect(view.get_by_role("button", name="Sans")).to_have_attribute("aria-pressed", "true")


def test_read_aloud_starts_pauses_and_changes_speed(
    extension: Extension, page_url: PageUrl, seed_html: str, seed_expected: dict
) -> None:
    extension.context.add_init_script(SPEECH_STUB_JS)
    _, view = seed_reader(extension, page_url, seed_html)
    # A tab the extension opens may run its scripts before Playwright has attached to it (it
    # did once on a loaded machine, and the real speech engine failed): after a reload the
    # stub is in place for certain.
    view.reload()
    view.wait_for_selector("#article:not([hidden])")
    assert view.evaluate("Array.isArray(window.__speechCalls)")
    listen = view.locator("#listen")
    listen.click()
    expect(listen).to_have_text("Pause")
    expect(listen).to_have_attribute("aria-pressed", "true")
    view.wait_for_function("() => window.__speechCalls.filter((c) => c.text).length >= 2")
    spoken = [c for c in view.evaluate("window.__speechCalls") if isinstance(c, dict)]
    first = " ".join(seed_expected["paragraphs"][0].split())
    assert spoken[0] == {"text": first, "rate": 1, "lang": "en"}
    assert spoken[1]["text"] == " ".join(seed_expected["paragraphs"][1].split())

    view.locator("#rate").select_option("1.5")
    view.wait_for_function("() => window.__speechCalls.some((c) => c.rate === 1.5)")
    assert extension.storage("readerSpeechRate") == 1.5
    listen.click()
    expect(listen).to_have_text("Listen")
    assert view.evaluate("window.__speechCalls.at(-1)") == "cancel"
    assert view.locator("#content .speaking").count() == 1, "the place is kept for Listen"


def test_reader_shortcut_opens_the_reader_view_of_the_page(
    extension: Extension, page_url: PageUrl, seed_html: str, seed_expected: dict
) -> None:
    news = analyzed(extension, page_url(seed_html, "seed.html"))
    # The browser runs the command on a real key press (Alt+Shift+R); headless Chromium has no
    # way to press a browser shortcut, so the test calls the worker's command as the browser does.
    with extension.context.expect_page() as opened:
        extension.worker.evaluate(
            """async (url) => {
                const [tab] = await chrome.tabs.query({ url });
                await commands['open-reader'](tab);
            }""",
            news.url,
        )
    view = opened.value
    view.wait_for_selector("#article:not([hidden])")
    expect(view.locator("#title")).to_have_text(seed_expected["title"])


def test_reader_shortcut_on_a_page_not_analyzed_yet_analyzes_it_first(
    extension: Extension, page_url: PageUrl, seed_html: str, seed_expected: dict
) -> None:
    news = analyzed(extension, page_url(seed_html, "seed.html"))
    extension.press(news)
    wait_removed(news)
    # Forget the analysis, as after the page's tab navigated: only a new one can fill the view.
    extension.worker.evaluate("() => chrome.storage.session.clear()")
    with extension.context.expect_page() as opened:
        extension.worker.evaluate(
            """async (url) => {
                const [tab] = await chrome.tabs.query({ url });
                await commands['open-reader'](tab);
            }""",
            news.url,
        )
    assert wait_settled(news) == "done"
    view = opened.value
    view.wait_for_selector("#article:not([hidden])")
    expect(view.locator("#title")).to_have_text(seed_expected["title"])
