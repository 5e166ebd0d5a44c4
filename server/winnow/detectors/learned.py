"""What users reported, applied to the page: text and blocks they said were missed are flagged;
findings they said were wrong are withdrawn (and listed as such, with the rule that did it).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from ..findings import Finding, Kind, TextSpan
from ..page import Page, TextSlot, element_text, normalize_space
from ..site_rules import BLOCK_KINDS, LearnedRule, SiteRules, normalize_quote
from ..textedit import find_all
from .link_blocks import MIN_STORY_LINKS, label

RULE_MISSED_TEXT = "learned-missed-text"
RULE_MISSED_BLOCK = "learned-missed-block"
RULE_SUPPRESSED = "learned-false-positive"
# Users' reports are trusted less than the page's own evidence, more than a guess.
SITE_RULE_SCORE = 0.8
GLOBAL_RULE_SCORE = 0.9
# Where a block's heading may sit: headings, or a bold or plain line above its links.
LABEL_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "div", "p")


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
            "reasons": [self.rule.describe()],
        }


def _score(rule: LearnedRule) -> float:
    return GLOBAL_RULE_SCORE if rule.scope == "global" else SITE_RULE_SCORE


def _text_findings(page: Page, rule: LearnedRule) -> list[Finding]:
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
                    _score(rule),
                    RULE_MISSED_TEXT,
                    [rule.describe()],
                    span=TextSpan(slot, start, end),
                )
            )
    return findings


def _shape(shape: str | None) -> tuple[str, frozenset[str]] | None:
    """A reported shape as (tag, classes); None when absent."""
    if not shape:
        return None
    tag, *classes = shape.split(".")
    return tag.lower(), frozenset(c for c in classes if c)


def _shape_matches(el: HtmlElement, tag: str, classes: frozenset[str]) -> bool:
    return el.tag == tag and classes <= set((el.get("class") or "").split())


def _has_heading(el: HtmlElement, label: str) -> bool:
    wanted = normalize_quote(label)
    return any(
        normalize_quote(h.text_content()) == wanted
        for h in el.iter(*LABEL_TAGS)
        if len(normalize_space(h.text_content())) <= len(label) + 2
    )


def _block_matches(el: HtmlElement, rule: LearnedRule) -> bool:
    """Like the reported block: the same heading, and the same tag (and classes, if it had
    any). Without a heading, only a shape with classes is distinctive enough: a bare "ul"
    would match every list of the site, its menu included."""
    shape = _shape(rule.shape)
    if rule.label:
        if not _has_heading(el, rule.label):
            return False
        return shape is None or _shape_matches(el, *shape)
    return shape is not None and bool(shape[1]) and _shape_matches(el, *shape)


def _block_findings(page: Page, rule: LearnedRule) -> list[Finding]:
    """Blocks like the one reported, holding links, outermost first."""
    findings: list[Finding] = []
    for el in page.body.iter():
        if not isinstance(el.tag, str) or len(el.findall(".//a")) < MIN_STORY_LINKS:
            continue
        if any(f.element in el.iterancestors() for f in findings) or not _block_matches(el, rule):
            continue
        findings.append(
            Finding(
                Kind(rule.kind),
                el,
                element_text(el),
                _score(rule),
                RULE_MISSED_BLOCK,
                [rule.describe()],
                label=label(el) or rule.label,
                removes_element=rule.kind != Kind.RELATED_LINKS,
            )
        )
    return findings


def detect(page: Page, rules: SiteRules) -> list[Finding]:
    """Findings for what users reported as missed on this site (or everywhere)."""
    findings: list[Finding] = []
    for rule in rules.add:
        if rule.kind in BLOCK_KINDS:
            findings += _block_findings(page, rule)
        else:
            findings += _text_findings(page, rule)
    return findings


def withdraw(findings: list[Finding], rules: SiteRules) -> tuple[list[Finding], list[Withdrawn]]:
    """Findings minus those users said are wrong; and the withdrawn ones with their rules."""
    kept, withdrawn = [], []
    for finding in findings:
        rule = rules.suppression_for(str(finding.kind), finding.quote, finding.label)
        if rule is None or finding.rule in (RULE_MISSED_TEXT, RULE_MISSED_BLOCK):
            kept.append(finding)
        else:
            withdrawn.append(Withdrawn(finding, rule))
    return kept, withdrawn
