"""The one analysis pipeline: parse once, run the detectors, build the reader view."""

from __future__ import annotations

import time
from collections.abc import Sequence

from .detectors import Detector, hidden_links, injected_spam, link_blocks
from .findings import Finding
from .page import Limits, Page
from .reader import build_reader
from .rules import NO_RULES, SiteRules

DETECTORS: tuple[Detector, ...] = (
    injected_spam.detect,
    link_blocks.detect,
    hidden_links.detect,
)


def find(
    page: Page, rules: SiteRules = NO_RULES, detectors: Sequence[Detector] = DETECTORS
) -> list[Finding]:
    findings: list[Finding] = []
    for detector in detectors:
        findings.extend(detector(page, rules))
    return findings


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
    findings = find(page, rules)
    reader = build_reader(page, findings)
    annotations = [f.to_annotation(page, f"a{i}") for i, f in enumerate(findings, start=1)]
    elapsed_ms = (time.perf_counter() - started) * 1000
    return {
        "url": url,
        "reader": reader,
        "annotations": annotations,
        "stats": {"elapsed_ms": round(elapsed_ms, 1), "findings": len(findings)},
    }
