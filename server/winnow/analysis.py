"""Running analyses for the web layer, within the page limits the settings set."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import current_app

from . import pipeline, store
from .detectors import injected_spam
from .errors import unprocessable
from .page import Limits, PageError
from .rules import NO_RULES, SiteRules

log = logging.getLogger(__name__)


def limits_from_config(config: dict) -> Limits:
    return Limits(max_elements=config["MAX_ELEMENTS"], max_depth=config["MAX_DEPTH"])


def site_rules(url: str) -> SiteRules:
    """What reports taught the server about the page's site; none when the store is down (an
    analysis never fails for want of its database)."""
    try:
        return store.rules_for(url)
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


def run(html: str, url: str, rules: SiteRules, hidden: frozenset[str] = frozenset()) -> dict:
    """The analyze response for one page; a page that cannot be analyzed is a 422."""
    try:
        result = pipeline.analyze(html, url, rules, limits_from_config(current_app.config), hidden)
    except PageError as exc:
        raise unprocessable(str(exc)) from exc
    remember(url, result)
    return result
