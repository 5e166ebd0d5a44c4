"""Calls to a real `winnow serve` over HTTP, answered with their status, headers and JSON body."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from bench.server import WinnowServer

TIMEOUT_SECONDS = 60


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: Any

    def error_code(self) -> str:
        """The code of the API's one error shape (and a check that it is that shape)."""
        assert set(self.body) == {"error"}, self.body
        assert set(self.body["error"]) == {"code", "message"}, self.body
        assert self.body["error"]["message"]
        return self.body["error"]["code"]


def call(
    server: WinnowServer | str,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    """One request; `body` is sent as JSON unless it is bytes."""
    base = server if isinstance(server, str) else server.url
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    sent = {"Content-Type": "application/json"} if data is not None else {}
    request = urllib.request.Request(base + path, data, {**sent, **(headers or {})}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return _answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as exc:
        return _answer(exc.code, exc.headers, exc.read())


def _answer(status: int, headers, raw: bytes) -> Answer:
    content_type = headers.get("Content-Type", "")
    body = json.loads(raw) if raw and content_type.startswith("application/json") else raw
    return Answer(status, dict(headers.items()), body)
