"""Titles are made of segments ("Brand|Headline -Site"); this module splits and names them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .page import Page
from .textedit import SEPARATOR_MARKS_CLASS
from .words import normalize_space, words

# A pipe or underscore always separates; a dash only with a space on at least one side, so that
# "US-South Korea" stays whole while "Headline -Site" and "Brand - Headline" split; any other
# mark (up to three: "||", ">>") with spaces on both sides ("Brand ▸ Headline", "Headline / Site").
SEPARATOR_RE = re.compile(
    r"\s*[|_¦•·»«~]\s*|\s+[-–—]+\s*|\s*[-–—]+\s+|\s*::\s*"
    rf"|\s+[{SEPARATOR_MARKS_CLASS}]{{1,3}}\s+"
)
# Segments a phrase can be spliced into also end at a colon ("Brand: Headline", "LIVE: ..."),
# which a headline may hold itself: only the splice detector splits there.
SEGMENT_SEPARATOR_RE = re.compile(SEPARATOR_RE.pattern + r"|\s*:\s+")
# What a title may write before its site's host name ("www.wday.ru", "https://site.example").
WEB_ADDRESS_PREFIXES = ("https://", "http://", "www.")
# Host name labels that say nothing about the site's name.
GENERIC_HOST_LABELS = frozenset({"www", "m", "amp", "mobile", "news", "edition", "en"})
SITE_NAME_META_KEYS = ("og:site_name", "application-name", "al:ios:app_name")
SITE_TYPES = ("WebSite", "Organization", "NewsMediaOrganization")
# A heading is the headline when this share of its words is in og:title or <title>...
HEADLINE_MIN_TITLE_OVERLAP = 0.5
# ...and it has this share of the title's words (a sidebar's "World News" is not the headline)...
HEADLINE_MIN_TITLE_COVERAGE = 0.3
# ...and an <h1> beats an <h2> that matches the title equally well.
HEADLINE_H1_BONUS = 0.25
# A link to the home page ("/", "https://site.example/") has at most this many slashes.
MAX_HOME_LINK_SLASHES = 3
# A site's name is a few words; a longer logo alt or copyright line is a sentence.
MAX_SITE_NAME_WORDS = 5
# "Copyright © 2024 NextFrontier Finance. All rights reserved." -> "NextFrontier Finance"
COPYRIGHT_RE = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*([^\d|,.;:©]{2,60})", re.I
)
# Shorter host names must equal the segment ("ap" must not be read into "Apple Pay").
MIN_PARTIAL_HOST_MATCH = 4
# A segment that starts with the host's name names the site or one of its sections:
# "Express.co.uk", "CNNPolitics", "BBC Sport".
MIN_HOST_PREFIX_CHARS = 3
# Words that may be left out when a name spells its host ("The", "News", "International").
SKIPPABLE_WORDS_PER = 3


@dataclass(frozen=True)
class Segment:
    text: str
    start: int
    end: int


def split_title(text: str, separators: re.Pattern[str] = SEPARATOR_RE) -> list[Segment]:
    """The non-blank segments of `text` between title separators, with their offsets."""
    segments: list[Segment] = []
    position = 0
    for match in [*separators.finditer(text), None]:
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


def split_segments(text: str) -> list[Segment]:
    """Segments of a title or headline, a colon separating too."""
    return split_title(text, SEGMENT_SEPARATOR_RE)


def squash(text: str) -> str:
    """Lower-case letters and digits only: "NextFrontier Finance" -> "nextfrontierfinance"."""
    return "".join(w.lower() for w in words(text))


def host_names(page: Page) -> list[str]:
    """The host's distinctive labels, squashed ("nextfrontier-finance.example" -> [...])."""
    labels = [label for label in page.host.split(".") if label not in GENERIC_HOST_LABELS]
    return [squash(label) for label in labels[:-1] or labels if squash(label)]


def declared_title(page: Page) -> str:
    """og:title or twitter:title: the page's own statement of its headline."""
    return page.meta.get("og:title") or page.meta.get("twitter:title") or ""


def declared_site_names(page: Page) -> list[str]:
    """Names the page itself declares for its site (meta tags, JSON-LD), except any that is
    really the headline (some sites put the headline in application-name)."""
    return page.memo("declared_site_names", lambda: _declared_site_names(page))


def _declared_site_names(page: Page) -> list[str]:
    names = [page.meta.get(key, "") for key in SITE_NAME_META_KEYS]
    for obj in page.json_ld:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(publisher["name"])
        if obj.get("@type") in SITE_TYPES and isinstance(obj.get("name"), str):
            names.append(obj["name"])
    headline = normalize_space(declared_title(page))
    cleaned = (normalize_space(n) for n in names if n and n.strip())
    return list(dict.fromkeys(n for n in cleaned if n != headline))


def shown_site_names(page: Page) -> list[str]:
    """Names the page shows for its site: the logo's alt text, the copyright line."""
    return page.memo("shown_site_names", lambda: _shown_site_names(page))


def _shown_site_names(page: Page) -> list[str]:
    names = []
    for img in _linked_images(page.body):
        href = next(img.iterancestors("a")).get("href") or ""
        if href.count("/") > MAX_HOME_LINK_SLASHES or "#" in href:
            continue
        if urlsplit(href).path not in ("", "/"):
            continue
        alt = normalize_space(img.get("alt") or "")
        if alt and len(words(alt)) <= MAX_SITE_NAME_WORDS:
            names.append(alt)
    for slot in page.text_slots:
        text = slot.text
        # (text.lower() holds "(c)" exactly when text holds "(c)" or "(C)".)
        if "©" not in text and "opyright" not in text and "(c)" not in text and "(C)" not in text:
            continue
        if match := COPYRIGHT_RE.search(text):
            name = normalize_space(match.group(1))
            if name and len(words(name)) <= MAX_SITE_NAME_WORDS:
                names.append(name)
    return list(dict.fromkeys(names))


def _linked_images(body: HtmlElement) -> list[HtmlElement]:
    """Images with alt text inside a link (a logo). One walk of the tree's <img>s takes two
    thirds of the time of the XPath ".//a[@href]//img[@alt]", which sorts what its nested steps
    find."""
    return [
        img
        for img in body.iter("img")
        if img.get("alt") is not None
        and any(a.get("href") is not None for a in img.iterancestors("a"))
    ]


def spells_host(segment: str, host: str) -> bool:
    """Whether `host` is spelled by leading letters of the segment's words, in order, with few
    words left out: "New York Times" spells "nytimes", "Los Angeles Times" "latimes", "The
    Jerusalem Post" "jpost"."""
    names = [w.lower() for w in words(segment)]
    fewest_skipped = {0: 0}
    for name in names:
        step: dict[int, int] = {}
        for at, skipped in fewest_skipped.items():
            step[at] = min(step.get(at, len(names)), skipped + 1)
            for n in range(1, len(name) + 1):
                if not host.startswith(name[:n], at):
                    break
                step[at + n] = min(step.get(at + n, len(names)), skipped)
        fewest_skipped = step
    allowed = max(1, len(names) // SKIPPABLE_WORDS_PER)
    return len(host) in fewest_skipped and fewest_skipped[len(host)] <= allowed


def looks_like_site_name(segment: str, page: Page) -> bool:
    """True when the segment names the site: declared as such, or spelled like its host."""
    squashed = squash(segment)
    if not squashed:
        return False
    known, hosts = page.memo("site_name_keys", lambda: _site_name_keys(page))
    if squashed in known or _web_address(segment) == _web_address(page.host):
        return True
    return any(
        squashed == host
        or (squashed.startswith(host) and len(host) >= MIN_HOST_PREFIX_CHARS)
        or (len(host) >= MIN_PARTIAL_HOST_MATCH and spells_host(segment, host))
        for host in hosts
    )


def _web_address(text: str) -> str:
    """A host name as a title writes it, or the page's own: "www.wday.ru" -> "wday.ru"."""
    address = text.strip().casefold().rstrip("/")
    for prefix in WEB_ADDRESS_PREFIXES:
        address = address.removeprefix(prefix)
    return address


def _site_name_keys(page: Page) -> tuple[frozenset[str], list[str]]:
    """The site's names, declared or shown, squashed; and its host's names."""
    names = declared_site_names(page) + shown_site_names(page)
    return frozenset(squash(name) for name in names), host_names(page)


def word_overlap(part: str, whole: str) -> float:
    """Share of `part`'s words (case-folded) that `whole` also has."""
    mine = [w.casefold() for w in words(part)]
    theirs = {w.casefold() for w in words(whole)}
    return sum(1 for w in mine if w in theirs) / len(mine) if mine else 0.0


def headline_element(page: Page) -> HtmlElement | None:
    """The heading that carries the headline: of the <h1>s (else <h2>s), the one sharing most
    words with og:title and <title>; None when no heading shares enough."""
    return page.memo("headline_element", lambda: _headline_element(page))


def _headline_element(page: Page) -> HtmlElement | None:
    reference = {w.casefold() for w in words(f"{declared_title(page)} {page.title_text}")}
    main_title = declared_title(page) or page.title_text
    best: tuple[float, int, HtmlElement] | None = None
    for index, heading in enumerate(page.headings):
        text = normalize_space(heading.text_content())
        mine = [w.casefold() for w in words(text)]
        score = sum(1 for w in mine if w in reference) / len(mine) if mine else 0.0
        rank = (score + (HEADLINE_H1_BONUS if heading.tag == "h1" else 0.0), -index, heading)
        if score < HEADLINE_MIN_TITLE_OVERLAP or (best is not None and rank[:2] <= best[:2]):
            continue
        if word_overlap(main_title, text) >= HEADLINE_MIN_TITLE_COVERAGE and not (
            looks_like_site_name(text, page)
        ):
            best = rank
    return best[2] if best else None
