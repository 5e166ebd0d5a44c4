"""Learned rules: what user reports taught the server about one site (or about every site).

The store turns reports into a `SiteRules`; the pipeline hands it to the detectors, which stay
pure functions of the page and these rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .page import normalize_space

BLOCK_KINDS = frozenset({"unrelated_links", "hidden_links", "related_links"})


def normalize_quote(text: str) -> str:
    """The form in which quotes are stored and compared: spaces collapsed, case folded."""
    return normalize_space(text).casefold()


@dataclass(frozen=True)
class LearnedRule:
    kind: str
    quote: str
    """The reported quote, normalized."""
    scope: str
    """"site" (this host's reports) or "global" (clients on several hosts agree)."""
    verdict: str
    """"false_positive" (stop flagging) or "missed" (start flagging)."""
    clients: int = 1
    hosts: int = 1
    label: str | None = None
    """A link block's heading, which identifies the block on the site's other pages."""
    shape: str | None = None
    """A link block's tag and classes ("div.hot-list"), as the reporting browser saw them."""

    def describe(self) -> str:
        said = "is not" if self.verdict == "false_positive" else "was missed as"
        people = f"{self.clients} {'person' if self.clients == 1 else 'people'}"
        where = "on this site" if self.scope == "site" else f"on {self.hosts} sites"
        return f"learned rule: {people} {where} reported this {said} {self.kind.replace('_', ' ')}"

    def matches(self, kind: str, quote: str, label: str | None) -> bool:
        if kind != self.kind:
            return False
        if normalize_quote(quote) == self.quote:
            return True
        return (
            kind in BLOCK_KINDS
            and bool(label)
            and normalize_quote(label or "") == (normalize_quote(self.label or ""))
        )


@dataclass(frozen=True)
class SiteRules:
    host: str = ""
    suppress: tuple[LearnedRule, ...] = ()
    """Users said these are not of their kind: never flag them as it."""
    add: tuple[LearnedRule, ...] = ()
    """Users said these were missed: flag them as their kind."""
    remembered_phrases: dict[str, int] = field(default_factory=dict)
    """Normalized phrases found spliced into other pages of this host, with the page count."""

    def suppression_for(
        self, kind: str, quote: str, label: str | None = None
    ) -> LearnedRule | None:
        return next((r for r in self.suppress if r.matches(kind, quote, label)), None)


NO_RULES = SiteRules()
