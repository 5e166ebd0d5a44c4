"""Running analyses for the web layer, within the page limits the settings set."""

from __future__ import annotations

import atexit
import logging
import threading

import sqlalchemy as sa
from flask import current_app

from . import pipeline, store
from .detectors import injected_spam
from .errors import ApiError, unprocessable
from .page import Limits, PageError
from .site_rules import NO_RULES, SiteRules
from .workers import AnalysisFailed, AnalysisPool, AnalysisTimeout, Job

log = logging.getLogger(__name__)
POOL_KEY = "winnow.analysis_pool"
_pool_lock = threading.Lock()


def limits_from_config(config: dict) -> Limits:
    return Limits(max_elements=config["MAX_ELEMENTS"], max_depth=config["MAX_DEPTH"])


def site_rules(url: str, client: str | None = None) -> SiteRules:
    """What reports taught the server about the page's site (for everyone, and `client`'s own
    reports); none when the store is down (an analysis never fails for want of its database)."""
    try:
        return store.rules_for(url, client)
    except sa.exc.SQLAlchemyError as exc:
        log.warning("learned rules unavailable, analyzing without them: %s", exc)
        return NO_RULES


def remember(url: str, result: dict) -> None:
    """Add the phrases this page's own evidence found spliced to its site's memory."""
    phrases = [
        a["quote"]
        for a in result["annotations"]
        if a["kind"] == "injected_spam" and a["rule"] == injected_spam.RULE_PHRASE
    ]
    if not phrases:
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
            pool = AnalysisPool(app.config["ANALYSIS_WORKERS"], app.config["ANALYSIS_TIMEOUT"])
            app.extensions[POOL_KEY] = pool
            atexit.register(pool.close)
    return pool


def run(html: str, url: str, rules: SiteRules, hidden: frozenset[str] = frozenset()) -> dict:
    """The analyze response for one page. A page that cannot be analyzed, or not within the
    time budget, is a 422; a worker that failed is a 503."""
    limits = limits_from_config(current_app.config)
    pool = _pool()
    try:
        if pool is None:
            result = pipeline.analyze(html, url, rules, limits, hidden)
        else:
            result = pool.run(Job(html, url, rules, limits, hidden))
    except PageError as exc:
        raise unprocessable(str(exc)) from exc
    except AnalysisTimeout as exc:
        raise ApiError(
            422, "analysis_timeout", f"The page was not analyzed in time: {exc}."
        ) from exc
    except AnalysisFailed as exc:
        raise ApiError(503, "analysis_failed", f"Analysis failed: {exc}; try again.") from exc
    remember(url, result)
    return result
