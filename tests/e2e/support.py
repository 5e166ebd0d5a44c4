"""What the browser tests share: the extension in Chromium and a page server (from
bench/browser.py, which the benchmark uses too), a recording proxy in front of the real server,
and a way into Winnow's closed UI."""

from __future__ import annotations

import json
import threading
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
    WinnowUI,
    status,
    wait_changed,
    wait_for,
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
    "wait_changed",
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
