"""Learned rules: what user reports taught the server about one site, for one client, or for
every site.

The store reads reports, `policy` decides which of them become rules and in which scope, and
the pipeline hands the resulting `SiteRules` to the detectors, which stay pure functions of the
page and these rules.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum

import stopwordsiso

from .words import count_words, normalize_space

BLOCK_KINDS = frozenset({"unrelated_links", "hidden_links", "related_links"})
# A missed phrase must be a real phrase: one word, or a few letters, match everywhere ("the").
MIN_QUOTE_WORDS = 2
MIN_QUOTE_LETTERS = 8
# A block's shape: its root's tag, then its classes ("div.hot-list").
SHAPE_RE = re.compile(r"[a-z][a-z0-9-]*(\.[A-Za-z0-9_-]+)*")
# Elements no learned block rule may name: the whole page.
FORBIDDEN_SHAPE_TAGS = frozenset({"html", "body", "head"})


class Verdict(StrEnum):
    FALSE_POSITIVE = "false_positive"
    """The annotation is wrong: stop flagging this."""
    MISSED = "missed"
    """This should have been flagged."""

    @property
    def opposite(self) -> Verdict:
        return Verdict.MISSED if self is Verdict.FALSE_POSITIVE else Verdict.FALSE_POSITIVE


class Scope(StrEnum):
    CLIENT = "client"
    """The reporting client's own analyses of that site."""
    SITE = "site"
    """Everyone's analyses of that site."""
    GLOBAL = "global"
    """Every site."""


def normalize_quote(text: str) -> str:
    """The form in which quotes are stored and compared: spaces collapsed, case folded."""
    return normalize_space(text).casefold()


@functools.cache
def _stopwords() -> frozenset[str]:
    """Common words of every language stopwords-iso knows: a phrase of only these is no brand."""
    return frozenset(stopwordsiso.stopwords(list(stopwordsiso.langs())))


def missed_quote_problem(quote: str) -> str | None:
    """Why a quote cannot be a missed phrase (too short, only common words), or None."""
    text = normalize_quote(quote)
    if count_words(text) < MIN_QUOTE_WORDS or sum(c.isalpha() for c in text) < MIN_QUOTE_LETTERS:
        return (
            f"a missed phrase must have at least {MIN_QUOTE_WORDS} words and "
            f"{MIN_QUOTE_LETTERS} letters"
        )
    words = re.findall(r"\w+", text)
    if all(w in _stopwords() or w.isdigit() for w in words):
        return "a missed phrase must not be made only of common words"
    return None


@dataclass(frozen=True)
class Shape:
    """A block root's tag and classes, as the reporting browser saw them."""

    tag: str
    classes: frozenset[str]

    @classmethod
    def parse(cls, shape: str | None) -> Shape | None:
        """The shape, or None when absent, malformed or naming the whole page."""
        if not shape or not SHAPE_RE.fullmatch(shape.strip()):
            return None
        tag, *classes = shape.strip().split(".")
        if tag.lower() in FORBIDDEN_SHAPE_TAGS:
            return None
        return cls(tag.lower(), frozenset(classes))

    def __str__(self) -> str:
        return ".".join([self.tag, *sorted(self.classes)])


def missed_block_problem(label: str | None, shape: str | None) -> str | None:
    """Why a missed block report cannot identify a block on later pages, or None. A block is
    named by its shape; without a heading the shape must have a class (a bare `ul` is every
    list of the site)."""
    parsed = Shape.parse(shape)
    if parsed is None:
        return (
            "a missed block needs `annotation.shape`: its root's tag and classes "
            "(`div.hot-list`), not html, head or body"
        )
    if not parsed.classes and not (label and label.strip()):
        return "a missed block without a heading needs a shape with a class (`div.hot-list`)"
    return None


def rule_key(kind: str, quote: str, label: str | None, shape: str | None) -> str:
    """What makes two reports the same rule: the normalized quote; for a block reported with
    its shape, the shape and heading (its text changes from page to page, they do not)."""
    parsed = Shape.parse(shape) if kind in BLOCK_KINDS else None
    if parsed is not None:
        return f"block:{parsed}|{normalize_quote(label or '')}"
    return normalize_quote(quote)


@dataclass(frozen=True)
class LearnedRule:
    kind: str
    quote: str
    """The reported quote, normalized."""
    scope: Scope
    verdict: Verdict
    support: int = 1
    """Distinct networks that agree (site scope), for the reasons line."""
    label: str | None = None
    """A link block's heading, which identifies the block on the site's other pages."""
    shape: str | None = None
    """A link block's tag and classes ("div.hot-list"), as the reporting browser saw them."""
    key: str = ""
    """What the rule is about (`rule_key`); the quote when not given."""

    @property
    def identity(self) -> tuple[str, str]:
        """(kind, key): rules with the same identity are about the same thing."""
        return self.kind, self.key or self.quote

    @property
    def is_block(self) -> bool:
        return self.kind in BLOCK_KINDS

    def describe(self) -> str:
        said = "is not" if self.verdict is Verdict.FALSE_POSITIVE else "was missed as"
        what = f"{said} {self.kind.replace('_', ' ')}"
        if self.scope is Scope.CLIENT:
            return f"learned rule: your own report says this {what}"
        if self.scope is Scope.GLOBAL:
            return f"learned rule: a maintainer accepted, for every site, that this {what}"
        if self.support >= 2:
            return f"learned rule: people on {self.support} networks reported this {what} here"
        return f"learned rule: a maintainer accepted, for this site, that this {what}"


@dataclass(frozen=True)
class SiteRules:
    host: str = ""
    suppress: tuple[LearnedRule, ...] = ()
    """Users said these are not of their kind: never flag them as it."""
    add: tuple[LearnedRule, ...] = ()
    """Users said these were missed: flag them as their kind."""
    remembered_phrases: dict[str, int] = field(default_factory=dict)
    """Normalized phrases found spliced into other pages of this host, with the page count."""


NO_RULES = SiteRules()
