"""The HTTP API: POST /api/analyze, GET /api/health (and the feedback routes)."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Response, jsonify, request
from flask_limiter.util import get_remote_address

from . import __version__, analysis, clients, store
from .errors import ApiError, bad_request
from .fields import json_object, optional_string, page_url, required_string
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


def require_json() -> None:
    if request.mimetype != "application/json":
        raise ApiError(
            415,
            "unsupported_media_type",
            "Send the request body as JSON (Content-Type: application/json).",
        )


def json_body() -> dict[str, Any]:
    """The request's JSON object, or the matching 415/400 error."""
    require_json()
    return json_object(request.get_data(cache=True))


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
    """The page's analysis. The body goes to an analysis worker as it arrives (the worker
    reads the JSON), and the worker's answer comes back as it is: this process never holds
    the page or the response as objects."""
    require_json()
    client = clients.current()
    return analysis.respond(request.stream, client.id if client else None)


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
