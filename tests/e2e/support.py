"""What the browser tests share: the real server, a page server, and the extension in Chromium."""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Playwright, Worker

from servers import WinnowServer, get_json

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
ARTIFACTS = ROOT / "tests" / "artifacts"
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


def chromium_path() -> str | None:
    """The Chromium to drive ($CHROMIUM or Debian's), or None when it is not installed."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    return path if Path(path).is_file() else None


@dataclass
class Recorded:
    """A request a StubServer received."""

    path: str
    body: bytes


Responder = Callable[[str, dict], tuple[int, dict]]
PageUrl = Callable[..., str]
"""The page_url fixture: serve HTML at a path of the test's own, get its URL."""


class StubServer:
    """A small JSON server that records what it receives and answers through `responder`: for
    the tests that check what the extension sends, or that need an answer the real server
    does not give yet."""

    def __init__(self, responder: Responder, port: int = 0) -> None:
        self.requests: list[Recorded] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                stub.requests.append(Recorded(self.path, body))
                status, answer = responder(self.path, json.loads(body or b"{}"))
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def bodies(self, path: str) -> list[dict]:
        return [json.loads(r.body) for r in self.requests if r.path == path]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


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


def wait_settled(page: Page, timeout: int = STATUS_TIMEOUT_MS) -> str:
    """Wait until Winnow is done or failed on the page; its status."""
    page.wait_for_function(
        """() => {
            const s = document.documentElement.getAttribute('data-winnow-status');
            return s === 'done' || (s || '').startsWith('error');
        }""",
        timeout=timeout,
    )
    return status(page) or ""


def wait_removed(page: Page, timeout: int = STATUS_TIMEOUT_MS) -> None:
    page.wait_for_function(
        "() => !document.documentElement.hasAttribute('data-winnow-status')", timeout=timeout
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
    highlight: CSS.highlights.has('winnow-spam'),
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


def reports_for(server: WinnowServer, host: str) -> Any:
    """GET /api/feedback?host=H, or the error it answered with (while the route is missing)."""
    try:
        return get_json(f"{server.url}/api/feedback?host={host}")
    except urllib.error.HTTPError as exc:
        return {"http_error": exc.code}
