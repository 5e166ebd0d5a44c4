"""What the browser tests share: the extension in Chromium and a page server (from
bench/browser.py, which the benchmark uses too), a recording proxy in front of the real server,
and a way into Winnow's closed UI."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from bench.browser import (
    PAGE_HOST,
    ROOT,
    Extension,
    PageServer,
    status,
    wait_removed,
    wait_settled,
)
from bench.server import WinnowServer

__all__ = [
    "PAGE_HOST",
    "ROOT",
    "Extension",
    "PageServer",
    "RecordingProxy",
    "WinnowUI",
    "analyzed",
    "flagged",
    "highlights",
    "reports",
    "screenshot",
    "status",
    "traces",
    "wait_for",
    "wait_removed",
    "wait_settled",
]

ARTIFACTS = ROOT / "tests" / "artifacts"
# The maintainer's token of the tests' own servers: it lists every client's reports.
ADMIN_TOKEN = "e2e-admin-token-0123456789"


@dataclass
class Recorded:
    """One exchange that went through a RecordingProxy: the request, and the answer it got
    (status None when the real server could not be reached)."""

    method: str
    path: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    status: int | None = None
    answer: bytes = b""


Rewrite = Callable[[str, dict], dict]
"""Changes a real 200 JSON answer (path, answer) before the extension gets it."""
PageUrl = Callable[..., str]
"""The page_url fixture: serve HTML at a path of the test's own, get its URL."""

# Not forwarded: they describe one connection, not the request or the answer.
HOP_HEADERS = frozenset(
    {"host", "connection", "keep-alive", "content-length", "transfer-encoding", "server", "date"}
)
# The extension waits 30 s for an analysis; the proxy must not give up before it does.
UPSTREAM_TIMEOUT_S = 60


class RecordingProxy:
    """Forwards every request unchanged to a real `winnow serve` and hands back its real answer,
    keeping a copy of both: for the tests that check exactly what the extension sends. When the
    real server is down the proxy drops the connection, so the extension sees what it would see.
    A `rewrite` exists for the one answer the real server never gives; say why where it is used."""

    def __init__(self, upstream: str, rewrite: Rewrite | None = None) -> None:
        self.upstream = upstream.rstrip("/")
        self.requests: list[Recorded] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                proxy._forward(self)

            def do_POST(self) -> None:
                proxy._forward(self)

            def do_DELETE(self) -> None:
                proxy._forward(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.rewrite = rewrite
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def _forward(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        exchange = Recorded(
            handler.command, handler.path, handler.rfile.read(length), dict(handler.headers)
        )
        self.requests.append(exchange)
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP_HEADERS}
        request = urllib.request.Request(
            self.upstream + handler.path,
            data=exchange.body if handler.command == "POST" else None,
            headers=headers,
            method=handler.command,
        )
        try:
            with urllib.request.urlopen(request, timeout=UPSTREAM_TIMEOUT_S) as response:
                status, answer_headers, answer = response.status, response.headers, response.read()
        except urllib.error.HTTPError as exc:
            status, answer_headers, answer = exc.code, exc.headers, exc.read()
        except OSError:
            handler.close_connection = True
            return
        if self.rewrite is not None and status == 200:
            path = handler.path.split("?")[0]
            answer = json.dumps(self.rewrite(path, json.loads(answer))).encode()
        exchange.status, exchange.answer = status, answer
        handler.send_response(status)
        for name, value in answer_headers.items():
            if name.lower() not in HOP_HEADERS:
                handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(answer)))
        handler.end_headers()
        handler.wfile.write(answer)

    def bodies(self, path: str) -> list[dict]:
        """The JSON bodies the extension POSTed to `path`, in order."""
        return [json.loads(r.body) for r in self.requests if r.method == "POST" and r.path == path]

    def sent(self, method: str, path: str) -> list[Recorded]:
        """The requests the extension made with this method to this path (query left out)."""
        return [r for r in self.requests if r.method == method and r.path.split("?")[0] == path]

    def answers(self, path: str) -> list[dict]:
        """The real server's JSON answers to the requests to `path`, in order."""
        return [json.loads(r.answer) for r in self.requests if r.path == path and r.answer]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# Runs in the extension's isolated world, where chrome.dom opens Winnow's closed shadow roots:
# `roots` maps each piece of UI (panel, labels, card) to its root, `arg` is the Python argument,
# `find(where, selector, text?)` lists matching elements, `text(el)` is an element's text.
UI_WORLD_JS = """(async () => {
    const roots = {};
    for (const host of document.querySelectorAll('[data-winnow-ui]')) {
        const root = chrome.dom.openOrClosedShadowRoot(host);
        if (root) roots[host.getAttribute('data-winnow-ui')] = root;
    }
    const find = (where, selector, text) => [...(roots[where]?.querySelectorAll(selector) ?? [])]
        .filter((el) => text == null || el.textContent.includes(text));
    const text = (el) => el.textContent.replace(/\\s+/g, ' ').trim();
    return await (%s)(roots, %s, find, text);
})()"""


class WinnowUI:
    """Winnow's own UI on a page (panel, block labels, hover card). Its shadow roots are closed,
    so page scripts (and Playwright's locators) cannot reach it: the tests read it from the
    extension's isolated world through the DevTools protocol, and press it with real input
    events, as a person does. `where` names the piece of UI (its data-winnow-ui)."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def evaluate(self, function: str, arg: Any = None) -> Any:
        """Run `(roots, arg, find, text) => ...` in the extension's world; its JSON result."""
        cdp = self.page.context.new_cdp_session(self.page)
        try:
            contexts: list[dict] = []
            cdp.on("Runtime.executionContextCreated", lambda e: contexts.append(e["context"]))
            cdp.send("Runtime.enable")
            worlds = [c["id"] for c in contexts if c["name"] == "Winnow"]
            if not worlds:
                raise AssertionError("Winnow's content scripts are not on this page")
            result = cdp.send(
                "Runtime.evaluate",
                {
                    "expression": UI_WORLD_JS % (function, json.dumps(arg)),
                    "contextId": worlds[-1],
                    "awaitPromise": True,
                    "returnByValue": True,
                },
            )
        finally:
            cdp.detach()
        if "exceptionDetails" in result:
            raise AssertionError(f"in Winnow's world: {result['exceptionDetails']}")
        return result["result"].get("value")

    def texts(self, selector: str, where: str = "panel") -> list[str]:
        """The text of every element that matches, spaces collapsed (shown or not)."""
        return self.evaluate(
            "(roots, [w, s], find, text) => find(w, s).map(text)",
            [where, selector],
        )

    def count(self, selector: str, where: str = "panel") -> int:
        return len(self.texts(selector, where))

    def text(self, selector: str, where: str = "panel") -> str:
        found = self.texts(selector, where)
        assert found, f"nothing matches {selector} in Winnow's {where}"
        return found[0]

    def attribute(self, selector: str, name: str, where: str = "panel") -> str | None:
        return self.evaluate(
            "(roots, [w, s, n], find) => find(w, s)[0]?.getAttribute(n) ?? null",
            [where, selector, name],
        )

    def box(self, selector: str, where: str = "panel", text: str | None = None) -> dict:
        """The box in the viewport of the first shown element that matches, after scrolling it
        into view within the panel."""
        box = self.evaluate(
            """(roots, [w, s, t], find) => {
                const el = find(w, s, t).find((e) => e.getClientRects().length > 0);
                if (!el) return null;
                el.scrollIntoView({ block: 'nearest' });
                const r = el.getBoundingClientRect();
                return { x: r.x, y: r.y, width: r.width, height: r.height };
            }""",
            [where, selector, text],
        )
        assert box, f"nothing shown matches {selector} in Winnow's {where}"
        return box

    def click(self, selector: str, where: str = "panel", text: str | None = None) -> None:
        """A real click (a trusted event) in the middle of the element."""
        box = self.box(selector, where, text)
        self.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    def focused(self, where: str = "panel") -> dict | None:
        """The element that has the focus inside this piece of UI, or None."""
        return self.evaluate(
            """(roots, w) => {
                const el = roots[w]?.activeElement;
                return el ? { tag: el.localName, cls: el.className, text: el.innerText.trim(),
                              label: el.getAttribute('aria-label') } : null;
            }""",
            where,
        )

    def wait_for(self, function: str, arg: Any = None, timeout: float = 10.0) -> Any:
        """Poll `(roots, arg, find) => ...` until it returns something truthy; that value."""
        value = wait_for(lambda: self.evaluate(function, arg), timeout=timeout)
        assert value, f"timed out waiting for {function} ({arg})"
        return value

    def wait_text(self, selector: str, text: str, where: str = "panel") -> None:
        self.wait_for(
            "(roots, [w, s, t], find) => find(w, s, t).length > 0", [where, selector, text]
        )

    def wait_attribute(
        self, selector: str, name: str, value: str, where: str = "panel", timeout: float = 10.0
    ) -> None:
        self.wait_for(
            "(roots, [w, s, n, v], find) => find(w, s).some((el) => el.getAttribute(n) === v)",
            [where, selector, name, value],
            timeout=timeout,
        )


HIGHLIGHTS_JS = """() => {
    const found = CSS.highlights.get('winnow-spam');
    return found ? [...found].map((range) => ({
        text: range.toString(),
        element: range.commonAncestorContainer.parentElement.localName,
    })) : [];
}"""

TRACES_JS = """() => ({
    ids: document.querySelectorAll('[data-winnow-id]').length,
    flags: document.querySelectorAll('[data-winnow-flag], [data-winnow-collapsed]').length,
    ui: document.querySelectorAll('#winnow-root, [data-winnow-ui]').length,
    status: document.documentElement.hasAttribute('data-winnow-status'),
    highlight: CSS.highlights.has('winnow-spam') || CSS.highlights.has('winnow-spam-uncertain'),
    sheets: document.adoptedStyleSheets.length,
})"""

NO_TRACES = {"ids": 0, "flags": 0, "ui": 0, "status": False, "highlight": False, "sheets": 0}


def highlights(page: Page) -> list[dict]:
    """The ranges registered under the highlight name winnow-spam: text and element."""
    return page.evaluate(HIGHLIGHTS_JS)


def traces(page: Page) -> dict:
    """Everything Winnow may leave on a page, counted."""
    return page.evaluate(TRACES_JS)


def flagged(page: Page, kind: str) -> list[str]:
    """The text of each element flagged with this kind."""
    return page.eval_on_selector_all(
        f'[data-winnow-flag="{kind}"]', "(els) => els.map((el) => el.innerText)"
    )


def screenshot(page: Page, name: str, full_page: bool = False) -> Path:
    """Save a picture of the page into tests/artifacts/ (for people to look at)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


def wait_for(predicate: Callable[[], Any], timeout: float = 10.0, interval: float = 0.1) -> Any:
    """Poll `predicate` until it returns something truthy; that value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def reports(server: WinnowServer, host: str) -> list[dict]:
    """The reports the real server lists for this host (GET /api/feedback with the admin
    token, which lists every client's), newest first."""
    request = urllib.request.Request(
        f"{server.url}/api/feedback?host={host}&limit=500",
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)["items"]


def analyzed(extension: Extension, url: str) -> Page:
    """The page at `url` after one press of the button, once Winnow is done with it."""
    page = extension.open(url)
    extension.press(page)
    assert wait_settled(page) == "done"
    return page
