"""The HTTP API: POST /api/analyze, GET /api/health (and the feedback routes)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, jsonify, request
from flask_limiter.util import get_remote_address

from . import __version__, analysis, clients, store
from .errors import ApiError, bad_request
from .fetch import Fetcher, FetchError
from .findings import Kind
from .limits import (
    analyze_limit,
    anonymous_or_unlimited,
    client_issue_limit,
    client_key,
    feedback_limit,
    limiter,
    unlimited_address,
)
from .security import is_admin
from .site_rules import BLOCK_KINDS, Verdict, missed_block_problem, missed_quote_problem

bp = Blueprint("api", __name__, url_prefix="/api")

MAX_URL_CHARS = 2048
MAX_HIDDEN_IDS = 100_000
VERDICTS = tuple(v.value for v in Verdict)
KINDS = tuple(k.value for k in Kind)
MAX_QUOTE_CHARS = 4000
MAX_COMMENT_CHARS = 500
MAX_RULE_CHARS = 100
MAX_LABEL_CHARS = 200
MAX_SHAPE_CHARS = 200
# Older clients still send their own id in the body; it is checked, then ignored (the token
# decides who sent a report).
CLIENT_RE = re.compile(r"^[A-Za-z0-9_-]{8,100}$")
REPORT_ID_RE = re.compile(r"[0-9a-f]{32}")
# str.isdigit() also takes "¹" and "٣", which int() then refuses.
ASCII_DIGITS_RE = re.compile(r"[0-9]{1,19}")


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


@bp.post("/clients")
@limiter.limit(client_issue_limit, key_func=get_remote_address, exempt_when=unlimited_address)
def issue_client() -> tuple[Response, int]:
    """A new client id and its secret token, for the X-Winnow-Client header."""
    body = json_body()
    if body:
        raise bad_request("Send an empty JSON object: `{}`.")
    try:
        client, token = clients.issue(get_remote_address())
    except sa.exc.SQLAlchemyError as exc:
        raise database_unavailable(exc) from exc
    return jsonify({"client": client.id, "token": token}), 201


@bp.post("/analyze")
@limiter.limit(analyze_limit, key_func=client_key, exempt_when=anonymous_or_unlimited)
@limiter.limit(analyze_limit, key_func=get_remote_address, exempt_when=unlimited_address)
def analyze() -> Response:
    body = json_body()
    url = page_url(body)
    html = optional_string(body, "html")
    hidden = hidden_ids(body)
    if html is None:
        html, url = fetch_page(url)
    client = clients.current()
    rules = analysis.site_rules(url, client.id if client else None)
    return jsonify(analysis.run(html, url, rules, hidden))


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


def _choice(body: dict[str, Any], field: str, allowed: tuple[str, ...]) -> str:
    value = body.get(field)
    if value not in allowed:
        raise bad_request(f"`{field}` must be one of: {', '.join(allowed)}.")
    return value


def parse_report(body: dict[str, Any], client: str) -> store.Report:
    """A feedback report from its JSON, every field checked and bounded, sent by `client`. A
    missed report must be able to do only what it says: a real phrase, or a block named by its
    shape."""
    url = page_url(body)
    verdict = Verdict(_choice(body, "verdict", VERDICTS))
    kind = _choice(body, "kind", KINDS)
    quote = required_string(body, "quote", MAX_QUOTE_CHARS).strip()
    if not quote:
        raise bad_request("`quote` must not be empty.")
    sent_client = optional_string(body, "client", 100)
    if sent_client is not None and not CLIENT_RE.match(sent_client):
        raise bad_request("`client` must be 8 to 100 letters, digits, dashes or underscores.")
    annotation = body.get("annotation") or {}
    if not isinstance(annotation, dict):
        raise bad_request("`annotation` must be an object.")
    label = optional_string(annotation, "label", MAX_LABEL_CHARS)
    shape = optional_string(annotation, "shape", MAX_SHAPE_CHARS)
    if verdict is Verdict.MISSED:
        problem = (
            missed_block_problem(label, shape)
            if kind in BLOCK_KINDS
            else missed_quote_problem(quote)
        )
        if problem:
            raise bad_request(f"This report cannot be used: {problem}.")
    return store.Report(
        url=url,
        verdict=verdict,
        kind=kind,
        quote=quote,
        client=client,
        comment=optional_string(body, "comment", MAX_COMMENT_CHARS),
        rule=optional_string(annotation, "rule", MAX_RULE_CHARS),
        label=label,
        shape=shape,
    )


def database_unavailable(exc: Exception) -> ApiError:
    return ApiError(
        503,
        "database_unavailable",
        "The feedback store is unavailable right now; the report was not recorded. "
        "Try again later (analysis keeps working).",
    )


@bp.post("/feedback")
@limiter.limit(feedback_limit, key_func=client_key)
@limiter.limit(feedback_limit, key_func=get_remote_address)
def post_feedback() -> tuple[Response, int]:
    client = clients.required()
    report = parse_report(json_body(), client.id)
    try:
        report_id, created = store.record(report)
    except sa.exc.SQLAlchemyError as exc:
        raise database_unavailable(exc) from exc
    return jsonify({"id": report_id, "status": "recorded"}), (201 if created else 200)


def _int_arg(name: str, default: int | None, low: int, high: int) -> int | None:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not ASCII_DIGITS_RE.fullmatch(raw) or not low <= int(raw) <= high:
        raise bad_request(f"`{name}` must be a whole number from {low} to {high}.")
    return int(raw)


@bp.get("/feedback")
def get_feedback() -> Response:
    """The calling client's own reports; every report for a maintainer (the admin token)."""
    owner = None if is_admin() else clients.required().id
    host = request.args.get("host") or None
    limit = _int_arg("limit", store.DEFAULT_PAGE_SIZE, 1, store.MAX_PAGE_SIZE) or 1
    before = _int_arg("before", None, 1, 2**62)
    try:
        items, cursor = store.list_reports(host, limit, before, client=owner)
    except sa.exc.SQLAlchemyError as exc:
        raise database_unavailable(exc) from exc
    return jsonify({"items": items, "next": str(cursor) if cursor else None})


@bp.delete("/feedback/<report_id>")
def delete_feedback(report_id: str) -> tuple[str, int]:
    """Forget one of the calling client's own reports (and what it alone taught)."""
    client = clients.required()
    try:
        forgotten = REPORT_ID_RE.fullmatch(report_id) and store.forget(report_id, client.id)
    except sa.exc.SQLAlchemyError as exc:
        raise database_unavailable(exc) from exc
    if not forgotten:
        raise ApiError(404, "not_found", "This client has no report with that id.")
    return "", 204
