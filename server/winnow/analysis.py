"""Running analyses for the web layer, within the page limits the settings set."""

from __future__ import annotations

from flask import Flask, current_app

from . import pipeline
from .errors import unprocessable
from .page import Limits, PageError
from .rules import NO_RULES, SiteRules


def limits_from_config(config: dict) -> Limits:
    return Limits(max_elements=config["MAX_ELEMENTS"], max_depth=config["MAX_DEPTH"])


def site_rules(url: str) -> SiteRules:
    """What reports taught the server about the page's site."""
    return NO_RULES


def run(html: str, url: str, rules: SiteRules, hidden: frozenset[str] = frozenset()) -> dict:
    """The analyze response for one page; a page that cannot be analyzed is a 422."""
    try:
        return pipeline.analyze(html, url, rules, limits_from_config(current_app.config), hidden)
    except PageError as exc:
        raise unprocessable(str(exc)) from exc


def init_app(app: Flask) -> None:
    app.extensions["winnow.analysis"] = run
