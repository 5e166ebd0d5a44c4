"""Winnow's extension in headless Chromium, shared by the browser tests, the benchmark of
click-to-first-mark (bench/extension.py) and the README's pictures (bench/screenshots.py):
Chromium with the unpacked extension, pages served as http://news.test:PORT/..., the toolbar
button pressed as a click does, Winnow's status, and a way into its closed UI."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Playwright, Worker

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "extension"
PAGE_HOST = "news.test"
STATUS_TIMEOUT_MS = 10_000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    f"--disable-extensions-except={EXTENSION}",
    f"--load-extension={EXTENSION}",
    "--enable-unsafe-extension-debugging",
    f"--host-resolver-rules=MAP {PAGE_HOST} 127.0.0.1",
]


class PageServer:
    """Serves test pages from memory as http://news.test:PORT/... (mapped to 127.0.0.1)."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path.split("?")[0])
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body or b"not found")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def add(self, path: str, html: str) -> str:
        """Serve `html` at `path`; the page's URL. Each test uses its own path: the tab is found
        by its URL when the button is pressed."""
        self.pages[path] = html.encode("utf-8")
        return f"http://{PAGE_HOST}:{self.port}{path}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class Extension:
    """Winnow loaded in a fresh Chromium profile."""

    context: BrowserContext
    ext_id: str
    errors: list[str] = field(default_factory=list)

    @classmethod
    def launch(cls, playwright: Playwright, chromium: str, profile: Path) -> Extension:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        worker = (
            context.service_workers[0]
            if context.service_workers
            else context.wait_for_event("serviceworker")
        )
        extension = cls(context, worker.url.split("/")[2])
        context.on("console", extension._record_console)
        return extension

    def _record_console(self, message: ConsoleMessage) -> None:
        """Keep the errors the extension logs (worker or content scripts), not the page's own."""
        source = message.location.get("url", "")
        if message.type == "error" and (message.worker or source.startswith("chrome-extension:")):
            self.errors.append(f"console: {message.text}")

    @property
    def worker(self) -> Worker:
        """The service worker as it is now (MV3 workers stop when idle and come back)."""
        for worker in self.context.service_workers:
            if self.ext_id in worker.url:
                return worker
        return self.context.wait_for_event("serviceworker")

    def set_options(self, **options: Any) -> None:
        self.worker.evaluate("(o) => chrome.storage.local.set(o)", options)

    def storage(self, key: str) -> Any:
        return self.worker.evaluate("(k) => chrome.storage.local.get(k).then((s) => s[k])", key)

    def open(self, url: str) -> Page:
        page = self.context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(f"{url}: {exc}"))
        page.goto(url)
        return page

    def press(self, page: Page) -> None:
        """Press the toolbar button for this page's tab, as a click does (activeTab included)."""
        cdp = self.context.browser.new_browser_cdp_session()
        try:
            tabs = cdp.send("Target.getTargets", {"filter": [{"type": "tab"}]})["targetInfos"]
            (tab,) = [t for t in tabs if t["url"] == page.url]
            cdp.send("Extensions.triggerAction", {"id": self.ext_id, "targetId": tab["targetId"]})
        finally:
            cdp.detach()

    def close(self) -> None:
        self.context.close()


def status(page: Page) -> str | None:
    return page.evaluate("document.documentElement.getAttribute('data-winnow-status')")


def wait_settled(page: Page, timeout: int = STATUS_TIMEOUT_MS, accept: tuple[str, ...] = ()) -> str:
    """Wait until Winnow is done or failed on the page (or in one of the `accept` states, such
    as "off"); its status."""
    page.wait_for_function(
        """(accept) => {
            const s = document.documentElement.getAttribute('data-winnow-status') || '';
            return s === 'done' || s.startsWith('error') || accept.includes(s);
        }""",
        arg=list(accept),
        timeout=timeout,
    )
    return status(page) or ""


def wait_changed(page: Page, previous: str | None, timeout: int = STATUS_TIMEOUT_MS) -> None:
    """Wait until Winnow's status on the page is no longer `previous`: after a press or a Retry
    from a settled state, `wait_settled` alone could read the old state before the extension
    has taken the press up."""
    page.wait_for_function(
        "(previous) => document.documentElement.getAttribute('data-winnow-status') !== previous",
        arg=previous,
        timeout=timeout,
    )


def wait_removed(page: Page, timeout: int = STATUS_TIMEOUT_MS) -> None:
    page.wait_for_function(
        "() => !document.documentElement.hasAttribute('data-winnow-status')", timeout=timeout
    )


def wait_for(predicate: Callable[[], Any], timeout: float = 10.0, interval: float = 0.1) -> Any:
    """Poll `predicate` until it returns something truthy; that value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


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
