"""The one analysis pipeline: parse once, run the detectors, build the reader view."""

from __future__ import annotations

import time
from collections.abc import Sequence

from .detectors import Detector, hidden_links, injected_spam, learned, link_blocks
from .findings import Finding
from .page import Limits, Page
from .reader import build_reader
from .rules import NO_RULES, SiteRules

DETECTORS: tuple[Detector, ...] = (
    injected_spam.detect,
    link_blocks.detect,
    hidden_links.detect,
    learned.detect,
)


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


def analyze(
    html: str | bytes,
    url: str,
    rules: SiteRules = NO_RULES,
    limits: Limits | None = None,
    hidden_ids: frozenset[str] = frozenset(),
) -> dict:
    """The analyze response for one page, as the contract describes it. `hidden_ids` are the
    data-winnow-ids the browser reported as not rendered."""
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
    return {"url": url, "reader": reader.fields, "annotations": annotations, "stats": stats}
