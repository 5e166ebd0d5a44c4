"""What detectors return: a finding with its evidence, and what it removes from the reader view."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from lxml.html import HtmlElement

from .page import Page, TextSlot


class Kind(StrEnum):
    INJECTED_SPAM = "injected_spam"
    UNRELATED_LINKS = "unrelated_links"
    HIDDEN_LINKS = "hidden_links"
    RELATED_LINKS = "related_links"


@dataclass(frozen=True)
class TextSpan:
    """Characters [start, end) of one text node."""

    slot: TextSlot
    start: int
    end: int


@dataclass
class Finding:
    """One annotation-to-be. `span` says where the flagged text is; the reader view loses those
    characters when `removes_span` is set too (a finding not sure enough to cut keeps it);
    `removes_element`: it loses the whole element; neither: the finding is informational."""

    kind: Kind
    element: HtmlElement
    quote: str
    score: float
    rule: str
    reasons: list[str] = field(default_factory=list)
    label: str | None = None
    span: TextSpan | None = None
    removes_element: bool = False
    removes_span: bool = True
    scope: str | None = None
    """For findings of learned rules: whose reports made them ("client", "site", "global")."""

    @property
    def cuts_span(self) -> bool:
        return self.span is not None and self.removes_span

    @property
    def removes_anything(self) -> bool:
        return self.cuts_span or self.removes_element

    def to_annotation(self, page: Page, annotation_id: str) -> dict:
        return {
            "id": annotation_id,
            "kind": str(self.kind),
            "node": page.node_id(self.element),
            "xpath": page.xpath_of(self.element),
            "quote": self.quote,
            "label": self.label,
            "score": round(min(max(self.score, 0.0), 1.0), 3),
            "rule": self.rule,
            "reasons": list(self.reasons),
        } | ({"scope": self.scope} if self.scope else {})
