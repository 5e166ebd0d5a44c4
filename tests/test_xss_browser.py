"""Each XSS vector's reader view, rendered in headless Chromium: no script runs, no dialog opens,
nothing is fetched from the canary host."""

from __future__ import annotations

import pytest

from winnow.pipeline import analyze
from xss_vectors import CANARY, VECTORS, page_with

pytestmark = pytest.mark.e2e

MARKER = "WINNOW-XSS-RAN"
# Long enough for error handlers and fetches that a vector starts at load to show.
SETTLE_MS = 150
# The page's own script defines the function every vector tries to call, so any vector that
# manages to run code leaves the marker in the console.
HARNESS = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'>"
    f"<script>window.winnowXss = n => console.log('{MARKER} ' + n);</script>"
    "</head><body>{reader}</body></html>"
)


@pytest.fixture(scope="module")
def browser(playwright, chromium):
    launched = playwright.chromium.launch(
        executable_path=chromium,
        headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    yield launched
    launched.close()


def render(browser, html: str) -> tuple[list[str], list[str], list[str]]:
    """(console markers, dialogs, canary fetches) seen while showing `html` in the harness."""
    page = browser.new_page()
    ran, dialogs, fetched = [], [], []
    page.on("console", lambda message: ran.append(message.text) if MARKER in message.text else None)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: None)

    def watch(route):
        if route.request.url.startswith(CANARY.rsplit("/", 1)[0]):
            fetched.append(route.request.url)
            route.abort()
        elif route.request.url.startswith("https://news.example/"):
            route.fulfill(status=404, body="")
        else:
            route.continue_()

    page.route("**/*", watch)
    page.set_content(HARNESS.format(reader=html), wait_until="load")
    page.wait_for_timeout(SETTLE_MS)
    page.close()
    return ran, dialogs, fetched


def test_the_harness_notices_markup_that_runs(browser):
    ran, dialogs, fetched = render(
        browser,
        f"<img src=x onerror=winnowXss(1)><img src=y onerror=\"fetch('{CANARY}/x')\">"
        "<img src=z onerror=alert(2)>",
    )
    assert ran == [f"{MARKER} 1"] and dialogs == ["2"] and fetched == [f"{CANARY}/x"]


@pytest.mark.parametrize("number", range(len(VECTORS)))
def test_the_reader_view_of_an_xss_vector_runs_nothing(browser, number):
    reader = analyze(page_with(VECTORS[number]), "https://news.example/budget.html")["reader"]
    assert render(browser, reader["html"]) == ([], [], []), (VECTORS[number], reader["html"])
