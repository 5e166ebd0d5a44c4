"""A page cannot drive Winnow (issue 13): its UI is in closed shadow roots, and every handler
ignores the events a script makes. After Winnow annotated the page, the page's own script
clicks, hovers, selects and types everything it can reach; no report leaves the browser and
nothing Winnow drew changes."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page
from support import Extension, PageUrl, RecordingProxy, WinnowUI, analyzed, highlights

pytestmark = pytest.mark.e2e

# The page's attack, run in the page's own world: it keeps the page in place (the clicks would
# follow links), then fires every kind of event Winnow listens to, at everything it can reach.
ATTACK_JS = """async () => {
    const host = document.getElementById('winnow-root');
    const hosts = [...document.querySelectorAll('[data-winnow-ui]')];
    const seen = { shadowRoot: host.shadowRoot, hosts: hosts.length };
    addEventListener('click', (e) => e.preventDefault());
    const mouse = (type, el, x, y) => el.dispatchEvent(new MouseEvent(type, {
        bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, view: window }));
    const pointer = (type, el, x, y) => el.dispatchEvent(new PointerEvent(type, {
        bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, pointerId: 1,
        isPrimary: true, button: 0, buttons: 1 }));
    const key = (el, init) => ['keydown', 'keypress', 'keyup'].forEach((type) =>
        el.dispatchEvent(new KeyboardEvent(type, {
            bubbles: true, composed: true, cancelable: true, ...init })));
    const everything = [...document.querySelectorAll('*')];
    // Select the text Winnow flagged, as a reader would before reporting it.
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('.zan a'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    document.dispatchEvent(new Event('selectionchange'));
    for (const el of everything) {
        const box = el.getBoundingClientRect();
        const x = box.left + box.width / 2, y = box.top + box.height / 2;
        for (const type of ['pointerdown', 'pointermove', 'pointerup']) pointer(type, el, x, y);
        for (const type of ['mouseover', 'mousedown', 'mouseup', 'click']) mouse(type, el, x, y);
        el.click();
    }
    // Where Winnow drew: the highlighted phrases and the block labels' layer.
    const marks = [...(CSS.highlights.get('winnow-spam') || [])];
    for (const r of marks.map((range) => range.getBoundingClientRect())) {
        const target = document.elementFromPoint(r.left + 2, r.top + 2) || document.body;
        pointer('pointermove', target, r.left + 2, r.top + 2);
        mouse('click', target, r.left + 2, r.top + 2);
    }
    for (const el of [document, window, document.body, host, ...hosts]) {
        for (const k of ['Escape', 'Enter', ' ', 'Tab', 'ArrowDown']) key(el, { key: k });
        key(el, { key: 'W', code: 'KeyW', altKey: true, shiftKey: true });
        key(el, { key: 'R', code: 'KeyR', altKey: true, shiftKey: true });
    }
    host.focus();
    key(host, { key: 'Enter' });
    window.dispatchEvent(new Event('resize'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return seen;
}"""

# What Winnow shows, to compare before and after the attack.
STATE_JS = """(roots, _, find, text) => ({
    panel: text(roots.panel.querySelector('.panel')),
    collapsed: roots.panel.querySelector('.panel').hasAttribute('data-collapsed'),
    dock: roots.panel.querySelector('.panel').dataset.dock,
    outcomes: find('panel', '.status[data-state]').length
        + find('labels', '.status[data-state]').length,
    labels: find('labels', '.label').map(text),
    card: !!roots.card,
})"""

PAGE_STATE_JS = """() => ({
    status: document.documentElement.getAttribute('data-winnow-status'),
    flags: document.querySelectorAll('[data-winnow-flag]').length,
    folded: document.querySelectorAll('[data-winnow-collapsed]').length,
    picking: document.documentElement.hasAttribute('data-winnow-picking'),
    url: location.href,
})"""


def state(page: Page) -> tuple[dict, dict, list]:
    return WinnowUI(page).evaluate(STATE_JS), page.evaluate(PAGE_STATE_JS), highlights(page)


def test_page_script_cannot_reach_winnows_ui_or_send_a_report(
    extension: Extension, proxy: RecordingProxy, page_url: PageUrl, seed_html: str
) -> None:
    page = analyzed(extension, page_url(seed_html, "seed.html"))
    before = state(page)
    assert before[1]["flags"] == 3 and len(before[2]) == 3

    seen = page.evaluate(ATTACK_JS)

    assert seen == {"shadowRoot": None, "hosts": 2}
    assert state(page) == before
    assert [r.path for r in proxy.requests if r.path.startswith("/api/feedback")] == []
    assert [r.method for r in proxy.requests if r.path == "/api/analyze"] == ["POST"]
    assert extension.storage("pendingReports") in (None, [])
    # The seed's own scripts fail when clicked (it links a jQuery that is not there); Winnow
    # must have logged nothing.
    assert [e for e in extension.errors if e.startswith("console:")] == []


def test_picker_takes_only_real_clicks(
    extension: Extension, proxy: RecordingProxy, page_url: PageUrl, seed_html: str
) -> None:
    page = analyzed(extension, page_url(seed_html, "seed.html"))
    ui = WinnowUI(page)
    ui.click("button.pick-block")
    page.evaluate(
        """() => {
            const link = document.querySelector('.nav a');
            link.addEventListener('click', (e) => e.preventDefault());
            link.click();
            document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        }"""
    )
    page.wait_for_timeout(500)
    assert page.evaluate("document.documentElement.hasAttribute('data-winnow-picking')")
    assert proxy.bodies("/api/feedback") == []
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.documentElement.hasAttribute('data-winnow-picking')")
    assert proxy.bodies("/api/feedback") == []


def header(exchange, name: str) -> str | None:
    return next((v for k, v in exchange.headers.items() if k.lower() == name.lower()), None)


def test_extension_registers_once_and_sends_its_token_with_every_call(
    extension: Extension, own_proxy: RecordingProxy, page_url: PageUrl, seed_html: str
) -> None:
    page = analyzed(extension, page_url(seed_html, "seed.html"))
    ui = WinnowUI(page)
    ui.click('.finding[data-kind="injected_spam"] button.fp')
    ui.wait_attribute('.finding[data-kind="injected_spam"] .status', "data-state", "recorded")
    ui.click('.finding[data-kind="injected_spam"] .status button.withdraw')
    ui.wait_attribute('.finding[data-kind="injected_spam"] .status', "data-state", "withdrawn")
    analyzed(extension, page_url(seed_html, "again.html"))

    (issued,) = own_proxy.sent("POST", "/api/clients")
    identity = json.loads(issued.answer)
    token = identity["token"]
    assert extension.storage("clients") == {own_proxy.url: identity}
    calls = [
        *own_proxy.sent("POST", "/api/analyze"),
        *own_proxy.sent("POST", "/api/feedback"),
        *[r for r in own_proxy.requests if r.method == "DELETE"],
    ]
    assert [r.method for r in calls] == ["POST", "POST", "POST", "DELETE"]
    assert {header(r, "X-Winnow-Client") for r in calls} == {token}
    assert header(issued, "X-Winnow-Client") is None


def test_a_token_the_server_forgot_is_replaced(
    extension: Extension, own_proxy: RecordingProxy, page_url: PageUrl, seed_html: str
) -> None:
    forgotten = {"client": "c" * 32, "token": "not-a-token-this-server-issued"}
    extension.set_options(clients={own_proxy.url: forgotten})
    analyzed(extension, page_url(seed_html, "seed.html"))
    first, second = own_proxy.sent("POST", "/api/analyze")
    assert (header(first, "X-Winnow-Client"), first.status) == (forgotten["token"], 401)
    assert second.status == 200
    assert header(second, "X-Winnow-Client") == extension.storage("clients")[own_proxy.url]["token"]
    assert len(own_proxy.sent("POST", "/api/clients")) == 1
