"""Reading a request's JSON fields: each checked and bounded, each failure the 400 that says
which field is wrong. Used by the web layer and by the analysis workers, which parse the analyze
request themselves so that the server process never holds a page."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from .errors import bad_request

MAX_URL_CHARS = 2048
MAX_HIDDEN_IDS = 100_000


def json_object(data: bytes) -> dict[str, Any]:
    """The body's JSON object (UTF-8, -16 or -32), or the matching 400."""
    if not data:
        raise bad_request("The request body is empty; send a JSON object.")
    try:
        body = json.loads(data)
    except ValueError:
        raise bad_request("The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.")
    return body


def required_string(body: dict[str, Any], field: str, max_chars: int) -> str:
    value = body.get(field)
    if value is None:
        raise bad_request(f"`{field}` is required.")
    return optional_string(body, field, max_chars) or ""


def optional_string(body: dict[str, Any], field: str, max_chars: int | None = None) -> str | None:
    value = body.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_request(f"`{field}` must be a string.")
    if max_chars is not None and len(value) > max_chars:
        raise bad_request(f"`{field}` is longer than {max_chars} characters.")
    return value


def page_url(body: dict[str, Any]) -> str:
    url = required_string(body, "url", MAX_URL_CHARS).strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad_request("`url` must be an absolute http(s) URL.")
    return url


def hidden_ids(body: dict[str, Any]) -> frozenset[str]:
    """The optional `hidden` field: data-winnow-ids the browser did not render."""
    value = body.get("hidden")
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad_request("`hidden` must be a list of data-winnow-id strings.")
    if len(value) > MAX_HIDDEN_IDS:
        raise bad_request(f"`hidden` lists more than {MAX_HIDDEN_IDS} ids.")
    return frozenset(value)
