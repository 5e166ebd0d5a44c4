"""Winnow's extension in headless Chromium, shared by the browser tests and the benchmark of
click-to-first-mark (bench/extension.py): Chromium with the unpacked extension, pages served
as http://news.test:PORT/..., the toolbar button pressed as a click does, and Winnow's status."""

from __future__ import annotations

import threading
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


def wait_removed(page: Page, timeout: int = STATUS_TIMEOUT_MS) -> None:
    page.wait_for_function(
        "() => !document.documentElement.hasAttribute('data-winnow-status')", timeout=timeout
    )
