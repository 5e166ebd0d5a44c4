"""Detectors: pure functions from a parsed page and the site's learned rules to findings."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..findings import Finding
from ..page import Page
from ..site_rules import SiteRules

Detector = Callable[[Page, SiteRules], Sequence[Finding]]
