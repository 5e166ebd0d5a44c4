"""One analyze request, from its raw body to the bytes of its answer: parse and check the JSON,
fetch the page when asked to and allowed, get the site's rules, run the pipeline, serialize.

It runs in an analysis worker (or, without workers, in the request thread) and needs nothing
of Flask: the rules come from `rules_for`, which the server process answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from . import pipeline
from .errors import ApiError, bad_request, unprocessable
from .fetch import Fetcher, FetchError
from .fields import hidden_ids, json_object, optional_string, page_url
from .page import Limits, PageError
from .site_rules import SiteRules

RulesFor = Callable[[str], SiteRules]


@dataclass(frozen=True)
class JobSettings:
    """What an analysis needs to know of the server's settings."""

    limits: Limits
    allow_fetch: bool
    fetch_timeout: float
    fetch_max_bytes: int


@dataclass(frozen=True)
class Answer:
    """The analyze response as JSON bytes, the page's URL, and the phrases its site should
    remember."""

    body: bytes
    url: str
    remember: tuple[str, ...]


def _fetch(url: str, settings: JobSettings) -> tuple[str, str]:
    if not settings.allow_fetch:
        raise bad_request("`html` is required: this server does not fetch pages itself.")
    try:
        fetched = Fetcher(settings.fetch_timeout, settings.fetch_max_bytes).fetch(url)
    except FetchError as exc:
        raise ApiError(422, "fetch_failed", str(exc)) from exc
    return fetched.html, fetched.url


def perform(data: bytes, settings: JobSettings, rules_for: RulesFor) -> Answer:
    """The answer to one analyze request body; an ApiError for a request or page that cannot
    be analyzed."""
    body = json_object(data)
    del data
    url = page_url(body)
    html = optional_string(body, "html")
    hidden = hidden_ids(body)
    del body
    if html is None:
        html, url = _fetch(url, settings)
    try:
        analysis = pipeline.run(html, url, rules_for(url), settings.limits, hidden)
    except PageError as exc:
        raise unprocessable(str(exc)) from exc
    encoded = json.dumps(analysis.response, ensure_ascii=False, separators=(",", ":")).encode()
    return Answer(encoded, url, analysis.remember)
