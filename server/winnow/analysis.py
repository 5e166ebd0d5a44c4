"""Running analyses for the web layer, within the page limits the settings set."""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections.abc import Iterable
from typing import BinaryIO

import sqlalchemy as sa
from flask import Response, current_app

from . import jobs, store
from .errors import ApiError
from .page import Limits, host_of
from .site_rules import NO_RULES, SiteRules
from .workers import AnalysisFailed, AnalysisPool, AnalysisTimeout, ServerBusy

log = logging.getLogger(__name__)
POOL_KEY = "winnow.analysis_pool"
_pool_lock = threading.Lock()


def limits_from_config(config: dict) -> Limits:
    return Limits(max_elements=config["MAX_ELEMENTS"], max_depth=config["MAX_DEPTH"])


def job_settings(config: dict) -> jobs.JobSettings:
    return jobs.JobSettings(
        limits_from_config(config),
        config["ALLOW_FETCH"],
        config["FETCH_TIMEOUT"],
        config["FETCH_MAX_BYTES"],
    )


def site_rules(url: str, client: str | None = None) -> SiteRules:
    """What reports taught the server about the page's site (for everyone, and `client`'s own
    reports); none when the store is down (an analysis never fails for want of its database)."""
    try:
        return store.rules_for(url, client)
    except sa.exc.SQLAlchemyError as exc:
        log.warning("learned rules unavailable, analyzing without them: %s", exc)
        return NO_RULES


def remember(url: str, phrases: Iterable[str]) -> None:
    """Add the phrases this page's own evidence found spliced to its site's memory."""
    phrases = list(phrases)
    if not phrases or not host_of(url):
        return
    try:
        store.remember_phrases(url, phrases)
    except sa.exc.SQLAlchemyError as exc:
        log.warning("site memory not updated: %s", exc)


def _pool() -> AnalysisPool | None:
    """The app's worker processes (started on first use), or None to analyze in-thread."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config["ANALYSIS_WORKERS"] <= 0:
        return None
    with _pool_lock:
        pool = app.extensions.get(POOL_KEY)
        if pool is None:
            pool = AnalysisPool(app.config["ANALYSIS_WORKERS"], app.config["ANALYSIS_WAIT"])
            app.extensions[POOL_KEY] = pool
            atexit.register(pool.close)
    return pool


def respond(body: BinaryIO, client: str | None = None) -> Response:
    """The analyze response for one request body, by the request's one deadline
    (ANALYSIS_TIMEOUT from now): 503 with Retry-After when no worker is free within
    ANALYSIS_WAIT (and half the budget), 422 when the page is still being analyzed at the
    deadline, having had at least half the budget to itself."""
    config = current_app.config
    budget = config["ANALYSIS_TIMEOUT"]
    deadline = time.monotonic() + budget
    settings = job_settings(config)

    def rules_for(url: str) -> SiteRules:
        return site_rules(url, client)

    pool = _pool()
    try:
        if pool is None:
            answer = jobs.perform(body.read(), settings, rules_for)
        else:
            answer = pool.run(body, settings, rules_for, deadline, budget)
    except ServerBusy as exc:
        raise ApiError(
            503,
            "server_busy",
            f"The server is busy analyzing other pages; {exc}.",
            {"Retry-After": str(exc.retry_after)},
        ) from exc
    except AnalysisTimeout as exc:
        raise ApiError(
            422,
            "analysis_timeout",
            f"The page was not analyzed within the time budget of {budget:g} seconds.",
        ) from exc
    except AnalysisFailed as exc:
        raise ApiError(503, "analysis_failed", f"Analysis failed: {exc}; try again.") from exc
    remember(answer.url, answer.remember)
    return Response(answer.body, mimetype="application/json")
