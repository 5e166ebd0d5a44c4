"""The one analysis pipeline: parse once, run the detectors, build the reader view."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from .detectors import Detector, hidden_links, injected_spam, learned, link_blocks
from .findings import Finding, Kind
from .page import Limits, Page
from .reader import build_reader
from .site_rules import NO_RULES, SiteRules

DETECTOR_MODULES = (injected_spam, link_blocks, hidden_links, learned)
DETECTORS: tuple[Detector, ...] = tuple(module.detect for module in DETECTOR_MODULES)
# Every rule name an annotation (or a withdrawal) can carry, and the module whose code it names.
RULES: dict[str, str] = {
    rule: module.__name__ for module in DETECTOR_MODULES for rule in module.RULES
}


def _where(finding: Finding) -> tuple:
    span = finding.span
    return (finding.kind, finding.element, span.start if span else None, span.end if span else None)


def find(
    page: Page, rules: SiteRules = NO_RULES, detectors: Sequence[Detector] = DETECTORS
) -> tuple[list[Finding], list[learned.Withdrawn]]:
    """Every detector's findings (the first to flag a place keeps it), minus those that users'
    reports withdrew; and the withdrawn ones."""
    findings: dict[tuple, Finding] = {}
    for detector in detectors:
        for finding in detector(page, rules):
            findings.setdefault(_where(finding), finding)
    return learned.withdraw(list(findings.values()), rules)


@dataclass(frozen=True)
class Analysis:
    response: dict
    """The analyze response, as the contract describes it."""
    remember: tuple[str, ...]
    """Phrases the page's own evidence found spliced in: what its site should remember."""


def analyze(
    html: str | bytes,
    url: str,
    rules: SiteRules = NO_RULES,
    limits: Limits | None = None,
    hidden_ids: frozenset[str] = frozenset(),
) -> dict:
    """The analyze response for one page, as the contract describes it. `hidden_ids` are the
    data-winnow-ids the browser reported as not rendered."""
    return run(html, url, rules, limits, hidden_ids).response


def run(
    html: str | bytes,
    url: str,
    rules: SiteRules = NO_RULES,
    limits: Limits | None = None,
    hidden_ids: frozenset[str] = frozenset(),
) -> Analysis:
    """The analysis of one page: its response and what its site should remember."""
    started = time.perf_counter()
    page = Page.from_html(html, url, limits, hidden_ids)
    findings, withdrawn = find(page, rules)
    reader = build_reader(page, findings)
    annotations = [f.to_annotation(page, f"a{i}") for i, f in enumerate(findings, start=1)]
    stats: dict = {"findings": len(findings), "reader": reader.source}
    if reader.steps:
        stats["reader_steps"] = reader.steps
    if withdrawn:
        stats["withdrawn"] = [w.describe() for w in withdrawn]
    stats["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
    remember = tuple(
        dict.fromkeys(
            f.quote
            for f in findings
            if f.kind is Kind.INJECTED_SPAM and f.rule == injected_spam.RULE_PHRASE
        )
    )
    response = {"url": url, "reader": reader.fields, "annotations": annotations, "stats": stats}
    return Analysis(response, remember)
