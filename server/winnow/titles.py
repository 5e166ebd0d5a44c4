"""Titles are made of segments ("Brand|Headline -Site"); this module splits and names them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .page import Page, normalize_space, words

# A pipe or underscore always separates; a dash only with a space on at least one side, so that
# "US-South Korea" stays whole while "Headline -Site" and "Brand - Headline" split.
SEPARATOR_RE = re.compile(r"\s*[|_¦•·»«]\s*|\s+[-–—]+\s*|\s*[-–—]+\s+|\s*::\s*")
# Host name labels that say nothing about the site's name.
GENERIC_HOST_LABELS = frozenset({"www", "m", "amp", "mobile", "news", "edition", "en"})
# Shorter names match a host only exactly ("ap" must not match "apnews").
MIN_PARTIAL_HOST_MATCH = 4


@dataclass(frozen=True)
class Segment:
    text: str
    start: int
    end: int


def split_title(text: str) -> list[Segment]:
    """The non-blank segments of `text` between title separators, with their offsets."""
    segments: list[Segment] = []
    position = 0
    for match in [*SEPARATOR_RE.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[position:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            segments.append(
                Segment(piece.strip(), position + lead, position + lead + len(piece.strip()))
            )
        if match:
            position = match.end()
    return segments


def squash(text: str) -> str:
    """Lower-case letters and digits only: "NextFrontier Finance" -> "nextfrontierfinance"."""
    return "".join(w.lower() for w in words(text))


def host_names(page: Page) -> list[str]:
    """The host's distinctive labels, squashed ("nextfrontier-finance.example" -> [...])."""
    labels = [label for label in page.host.split(".") if label not in GENERIC_HOST_LABELS]
    return [squash(label) for label in labels[:-1] or labels if squash(label)]


def declared_site_names(page: Page) -> list[str]:
    """Names the page itself declares for its site (meta tags, JSON-LD)."""
    names = [
        page.meta.get(key, "") for key in ("og:site_name", "application-name", "al:ios:app_name")
    ]
    for obj in page.json_ld:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(publisher["name"])
        if obj.get("@type") in ("WebSite", "Organization", "NewsMediaOrganization") and isinstance(
            obj.get("name"), str
        ):
            names.append(obj["name"])
    return [normalize_space(n) for n in names if n and n.strip()]


def looks_like_site_name(segment: str, page: Page) -> bool:
    """True when the segment names the site: declared as such, or spelled like its host."""
    squashed = squash(segment)
    if not squashed:
        return False
    if any(squash(name) == squashed for name in declared_site_names(page)):
        return True
    return any(
        squashed == host
        or (
            min(len(squashed), len(host)) >= MIN_PARTIAL_HOST_MATCH
            and (squashed in host or host in squashed)
        )
        for host in host_names(page)
    )
