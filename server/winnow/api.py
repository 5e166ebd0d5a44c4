"""The HTTP API: POST /api/analyze, GET /api/health (and the feedback routes)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, jsonify, request

from . import __version__, analysis
from .errors import ApiError, bad_request
from .fetch import Fetcher, FetchError

bp = Blueprint("api", __name__, url_prefix="/api")

MAX_URL_CHARS = 2048
MAX_HIDDEN_IDS = 100_000


def json_body() -> dict[str, Any]:
    """The request's JSON object, or the matching 415/400 error."""
    if request.mimetype != "application/json":
        raise ApiError(
            415,
            "unsupported_media_type",
            "Send the request body as JSON (Content-Type: application/json).",
        )
    if not request.get_data(cache=True):
        raise bad_request("The request body is empty; send a JSON object.")
    body = request.get_json(silent=True)
    if body is None:
        raise bad_request("The request body is not valid JSON.")
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


@bp.get("/health")
def health() -> Response:
    return jsonify({"status": "ok", "version": __version__})


@bp.post("/analyze")
def analyze() -> Response:
    body = json_body()
    url = page_url(body)
    html = optional_string(body, "html")
    hidden = hidden_ids(body)
    if html is None:
        html, url = fetch_page(url)
    return jsonify(analysis.run(html, url, analysis.site_rules(url), hidden))


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


def fetch_page(url: str) -> tuple[str, str]:
    """The page at `url` through the guarded fetcher, when this server is allowed to fetch."""
    config = current_app.config
    if not config["ALLOW_FETCH"]:
        raise bad_request("`html` is required: this server does not fetch pages itself.")
    fetcher = Fetcher(config["FETCH_TIMEOUT"], config["FETCH_MAX_BYTES"])
    try:
        fetched = fetcher.fetch(url)
    except FetchError as exc:
        raise ApiError(422, "fetch_failed", str(exc)) from exc
    return fetched.html, fetched.url
