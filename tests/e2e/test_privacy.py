"""What leaves the browser: never what the user typed, passwords or hidden inputs. The server
URL option points at a proxy that records the request body on its way to the real server."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import Page
from support import Extension, PageUrl, RecordingProxy, wait_settled

pytestmark = pytest.mark.e2e

FORM_PAGE = Path(__file__).parent / "pages" / "form.html"
TYPED = {
    'input[name="name"]': "typed-name-secret",
    'input[name="password"]': "typed-password-secret",
    'textarea[name="comment"]': "typed-comment-secret",
}
IN_MARKUP = [
    "hidden-csrf-token-in-markup",
    "default-name-in-markup",
    "password-in-markup",
    "comment-in-markup",
]


@pytest.fixture
def sent_html(extension: Extension, proxy: RecordingProxy, page_url: PageUrl) -> tuple[Page, str]:
    """The form page with fields filled in, and the HTML the extension sent for it."""
    page = extension.open(page_url(FORM_PAGE.read_text(encoding="utf-8")))
    for selector, value in TYPED.items():
        page.fill(selector, value)
    extension.press(page)
    assert wait_settled(page) == "done"
    (request,) = proxy.bodies("/api/analyze")
    return page, request["html"]


def test_form_values_passwords_and_hidden_inputs_are_never_sent(
    proxy: RecordingProxy, sent_html: tuple[Page, str]
) -> None:
    page, html = sent_html
    raw = json.dumps([r.body.decode() for r in proxy.requests])
    for secret in [*TYPED.values(), *IN_MARKUP]:
        assert secret not in raw
    form = lxml.html.document_fromstring(html).get_element_by_id("comment")
    assert form.xpath(".//input[@type='password' or @type='hidden']") == []
    assert form.xpath(".//option[@selected] | .//input[@checked]") == []
    assert page.input_value('input[name="password"]') == "typed-password-secret"


def test_sent_ids_name_the_live_elements(sent_html: tuple[Page, str]) -> None:
    page, html = sent_html
    tree = lxml.html.document_fromstring(html)
    sent_ids = [el.get("data-winnow-id") for el in tree.iter() if isinstance(el.tag, str)]
    assert sent_ids[:2] == ["0", "1"]
    for element in ("h1", "textarea", "button"):
        (sent,) = tree.xpath(f"//{element}")
        live = page.eval_on_selector(element, "(el) => el.getAttribute('data-winnow-id')")
        assert sent.get("data-winnow-id") == live


def test_nothing_is_sent_until_the_button_is_pressed(
    extension: Extension, proxy: RecordingProxy, page_url: PageUrl
) -> None:
    page = extension.open(page_url(FORM_PAGE.read_text(encoding="utf-8")))
    page.wait_for_timeout(500)
    assert proxy.requests == []
