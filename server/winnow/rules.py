"""Learned rules: what user reports taught the server about one site (or about every site).

The store turns reports into a `SiteRules`; the pipeline hands it to the detectors, which stay
pure functions of the page and these rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .page import normalize_space


def normalize_quote(text: str) -> str:
    """The form in which quotes are stored and compared: spaces collapsed, case folded."""
    return normalize_space(text).casefold()


@dataclass(frozen=True)
class LearnedRule:
    kind: str
    quote: str
    scope: str
    """"site" (reports from this host) or "global" (independent clients on several hosts)."""
    reports: int = 1
    label: str | None = None


@dataclass(frozen=True)
class SiteRules:
    host: str = ""
    suppress: tuple[LearnedRule, ...] = ()
    """Quotes users said are not this kind: never flag them as it."""
    add: tuple[LearnedRule, ...] = ()
    """Text users said was missed: flag it as this kind."""
    remembered_phrases: dict[str, int] = field(default_factory=dict)
    """Normalized phrases found spliced on this host before, with the number of pages."""

    def suppression_for(self, kind: str, quote: str) -> LearnedRule | None:
        key = normalize_quote(quote)
        return next((r for r in self.suppress if r.kind == kind and r.quote == key), None)


NO_RULES = SiteRules()
