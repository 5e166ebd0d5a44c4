"""What users reported, applied to the page: text and blocks they said were missed are flagged;
findings they said were wrong are withdrawn (and listed as such, with the rule that did it).

A learned rule can only do what its report says: a missed phrase flags that phrase as whole
words, and the reader loses only it; a missed block flags elements of the reported shape that
are lists of links, never the page itself, the article or most of the page's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from ..findings import Finding, Kind, TextSpan
from ..page import Page, TextSlot, element_text
from ..site_rules import (
    LearnedRule,
    Scope,
    Shape,
    SiteRules,
    missed_block_problem,
    missed_quote_problem,
    normalize_quote,
)
from ..textedit import find_all
from ..words import normalize_space
from .blocks import MIN_BLOCK_LINKS, leaves_reader
from .link_blocks import label

RULE_MISSED_TEXT = "learned-missed-text"
RULE_MISSED_BLOCK = "learned-missed-block"
RULE_SUPPRESSED = "learned-false-positive"
# The rule names this module's findings carry (pipeline.RULES maps each to this module).
RULES = (RULE_MISSED_TEXT, RULE_MISSED_BLOCK, RULE_SUPPRESSED)
# Users' reports are trusted less than the page's own evidence, more than a guess; a client's
# own report, for that client alone, as much as a site's.
SCOPE_SCORES = {Scope.CLIENT: 0.8, Scope.SITE: 0.8, Scope.GLOBAL: 0.9}
# Where a block's heading may sit: headings, or a bold or plain line above its links.
LABEL_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "div", "p")
# A learned block is a list of links: at least this share of its words are link text...
MIN_BLOCK_LINK_SHARE = 0.5
# ...and it never holds this share of the page's words or more (the article, the page).
MAX_BLOCK_PAGE_SHARE = 0.5
NEVER_BLOCKS = frozenset({"html", "body", "head", "main", "article"})


@dataclass(frozen=True)
class Withdrawn:
    """A finding a learned rule withdrew, for the response's stats."""

    finding: Finding
    rule: LearnedRule

    def describe(self) -> dict:
        return {
            "kind": str(self.finding.kind),
            "quote": self.finding.quote,
            "rule": RULE_SUPPRESSED,
            "scope": str(self.rule.scope),
            "reasons": [self.rule.describe()],
        }


def _text_findings(page: Page, rule: LearnedRule) -> list[Finding]:
    if missed_quote_problem(rule.quote):
        return []
    slots = list(page.text_slots)
    if page.title_element is not None and page.title_element.text:
        slots.insert(0, TextSlot(page.title_element, None))
    findings = []
    for slot in slots:
        text = slot.text
        if rule.quote not in text.casefold():
            continue
        for start, end in find_all(text, rule.quote, case_sensitive=False):
            findings.append(
                Finding(
                    Kind(rule.kind),
                    slot.element,
                    text[start:end],
                    SCOPE_SCORES[rule.scope],
                    RULE_MISSED_TEXT,
                    [rule.describe()],
                    span=TextSpan(slot, start, end),
                    scope=str(rule.scope),
                )
            )
    return findings


def _shape_matches(el: HtmlElement, shape: Shape) -> bool:
    return el.tag == shape.tag and shape.classes <= set((el.get("class") or "").split())


def _has_heading(el: HtmlElement, heading: str) -> bool:
    wanted = normalize_quote(heading)
    return any(
        normalize_quote(h.text_content()) == wanted
        for h in el.iter(*LABEL_TAGS)
        if len(normalize_space(h.text_content())) <= len(heading) + 2
    )


def _block_matches(el: HtmlElement, rule: LearnedRule, shape: Shape) -> bool:
    """Like the reported block: the same shape, and the same heading when it had one."""
    if not _shape_matches(el, shape):
        return False
    return not rule.label or _has_heading(el, rule.label)


def _words(text: str) -> int:
    return len(text.split())


def _is_link_list(page: Page, el: HtmlElement) -> bool:
    """Whether removing `el` costs the reader only a list of links: mostly link text, no
    headline, no running text, and far from most of the page's words."""
    if el.tag in NEVER_BLOCKS:
        return False
    if len(el.findall(".//a")) < MIN_BLOCK_LINKS or next(el.iter("h1"), None) is not None:
        return False
    words = _words(element_text(el))
    link_words = sum(_words(element_text(a)) for a in el.iter("a"))
    if not words or link_words < MIN_BLOCK_LINK_SHARE * words:
        return False
    page_words = page.memo("learned.page_words", lambda: _words(element_text(page.body)))
    if words >= MAX_BLOCK_PAGE_SHARE * page_words:
        return False
    inside = set(el.iter())
    return not any(block.element in inside for block in page.prose)


def _block_findings(page: Page, rule: LearnedRule) -> list[Finding]:
    """Blocks like the one reported that are lists of links, outermost first."""
    shape = Shape.parse(rule.shape)
    if shape is None or missed_block_problem(rule.label, rule.shape):
        return []
    findings: list[Finding] = []
    for el in page.body.iter(shape.tag):
        if any(f.element in el.iterancestors() for f in findings):
            continue
        if not _block_matches(el, rule, shape) or not _is_link_list(page, el):
            continue
        findings.append(
            Finding(
                Kind(rule.kind),
                el,
                element_text(el),
                SCOPE_SCORES[rule.scope],
                RULE_MISSED_BLOCK,
                [rule.describe()],
                label=label(el) or rule.label,
                removes_element=leaves_reader(Kind(rule.kind)),
                scope=str(rule.scope),
            )
        )
    return findings


def detect(page: Page, rules: SiteRules) -> list[Finding]:
    """Findings for what users reported as missed on this site (or everywhere)."""
    findings: list[Finding] = []
    for rule in rules.add:
        if rule.is_block:
            findings += _block_findings(page, rule)
        else:
            findings += _text_findings(page, rule)
    return findings


def _suppresses(rule: LearnedRule, finding: Finding) -> bool:
    """Whether a false-positive rule is about this finding: the same quote, or, for a block
    reported with its shape, a block of that shape with that heading. A heading alone
    ("Related") names no block."""
    if str(finding.kind) != rule.kind:
        return False
    if normalize_quote(finding.quote) == rule.quote:
        return True
    shape = Shape.parse(rule.shape) if rule.is_block else None
    if shape is None or not _shape_matches(finding.element, shape):
        return False
    return normalize_quote(finding.label or "") == normalize_quote(rule.label or "")


def withdraw(findings: list[Finding], rules: SiteRules) -> tuple[list[Finding], list[Withdrawn]]:
    """Findings minus those users said are wrong; and the withdrawn ones with their rules."""
    kept, withdrawn = [], []
    for finding in findings:
        if finding.rule in (RULE_MISSED_TEXT, RULE_MISSED_BLOCK):
            kept.append(finding)
            continue
        rule = next((r for r in rules.suppress if _suppresses(r, finding)), None)
        if rule is None:
            kept.append(finding)
        else:
            withdrawn.append(Withdrawn(finding, rule))
    return kept, withdrawn
