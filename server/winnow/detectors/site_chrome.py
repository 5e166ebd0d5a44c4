"""Site chrome: the site's own furniture (menus, header, footer, share and follow buttons, legal
links), told apart from lists of stories by what its links are and where it sits, never by
class names.

A story link leads to another page of content: its URL has a slug of words or an id. Chrome
leads home, to a section, to this very page (share buttons, anchors), to another site carrying
this page's address (share), to a profile on another site (follow), or nowhere (scripts).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from functools import lru_cache
from urllib.parse import SplitResult, quote, unquote, urlsplit

from lxml.html import HtmlElement

from ..page import Page

# A path segment spelling a headline: this many words joined by dashes or underscores
# ("/city-budget-vote", not "/privacy-policy").
SLUG_MIN_WORDS = 3
# Ids in a path or query: a run of digits this long ("/news/48213.html", "?p=5521").
ID_MIN_DIGITS = 4
# A section is a path of at most this many segments without an id or a slug ("/news/world/").
MAX_SECTION_SEGMENTS = 2
# A profile on another site is its home or one segment ("facebook.example/TheDailyPaper").
MAX_PROFILE_SEGMENTS = 1
SLUG_SPLIT_RE = re.compile(r"[-_+.,]+")
DIGITS_RE = re.compile(rf"\d{{{ID_MIN_DIGITS},}}")
NUMBER_RE = re.compile(r"\d+")
# An opaque id in a query ("watch?v=a8Xk2pQ9zT"): letters and digits mixed, this long or longer.
QUERY_ID_RE = re.compile(r"=(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{6,}")
# Hrefs that go nowhere a reader reads: scripts, mail, phone numbers.
NOWHERE_SCHEMES = ("javascript:", "mailto:", "tel:", "sms:", "data:")
# Pages of files, not stories.
INDEX_NAMES = frozenset({"index", "default", "home", "main"})
# HTML elements and ARIA roles that are site furniture by their meaning.
LANDMARK_TAGS = frozenset({"header", "nav", "footer", "menu"})
LANDMARK_ROLES = frozenset({"banner", "navigation", "contentinfo", "menu", "menubar"})
# Navigation landmarks are menus whatever their size; a header or footer is chrome when it
# holds more links than any story list puts there.
NAVIGATION_TAGS = frozenset({"nav", "menu"})
NAVIGATION_ROLES = frozenset({"navigation", "menu", "menubar"})
LANDMARK_MIN_LINKS = 25
# A block whose story links lead to chrome this often is chrome.
MAX_CHROME_TARGET_SHARE = 0.5


class Target(StrEnum):
    """Where a link leads."""

    STORY = "a story"
    SECTION = "a section"
    HOME = "a home page"
    THIS_PAGE = "this page"
    SHARE = "sharing this page"
    PROFILE = "a profile on another site"
    NOWHERE = "no page"


CHROME_TARGETS = frozenset(Target) - {Target.STORY}


def _site(host: str) -> str:
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def same_site(host: str, page_host: str) -> bool:
    host, mine = _site(host), page_host
    return host == mine or host.endswith("." + mine) or mine.endswith("." + host)


def _carries_page_url(href: str, page_url: str) -> bool:
    bare = page_url.split("://", 1)[-1]
    return bool(bare) and (bare in href or bare in unquote(href) or quote(bare, safe="") in href)


def _segment_has_id_or_slug(segment: str, min_slug_words: int) -> bool:
    stem = segment.rsplit(".", 1)[0] if "." in segment[-6:] else segment
    if DIGITS_RE.search(stem):
        return True
    return len([w for w in SLUG_SPLIT_RE.split(stem) if w]) >= min_slug_words


def _has_id(query: str) -> bool:
    return bool(DIGITS_RE.search(query) or QUERY_ID_RE.search(query))


def _path_target(path: str, query: str) -> Target:
    segments = [unquote(s) for s in path.split("/") if s]
    if segments and segments[-1].rsplit(".", 1)[0].lower() in INDEX_NAMES:
        segments.pop()
    if not segments:
        return Target.STORY if _has_id(query) else Target.HOME
    if any(_segment_has_id_or_slug(s, SLUG_MIN_WORDS) for s in segments) or _has_id(query):
        return Target.STORY
    return Target.SECTION if len(segments) <= MAX_SECTION_SEGMENTS else Target.STORY


def link_target(href: str | None, page: Page) -> Target:
    """Where a link leads, from its href alone."""
    return _target((href or "").strip(), page.url, page.host)


@lru_cache(maxsize=64)
def _split(url: str) -> SplitResult:
    return urlsplit(url)


@lru_cache(maxsize=4096)
def _target(href: str, page_url: str, page_host: str) -> Target:
    if not href or href.lower().startswith(NOWHERE_SCHEMES):
        return Target.NOWHERE
    if href.startswith("#"):
        return Target.THIS_PAGE
    try:
        parts = urlsplit(href)
        mine = _split(page_url)
    except ValueError:
        return Target.NOWHERE
    if parts.scheme and parts.scheme not in ("http", "https"):
        return Target.NOWHERE
    host = parts.hostname or ""
    if host and not same_site(host, page_host):
        if _carries_page_url(href, page_url):
            return Target.SHARE
        segments = [s for s in parts.path.split("/") if s]
        profile = not segments or not _segment_has_id_or_slug(segments[0], SLUG_MIN_WORDS)
        if len(segments) <= MAX_PROFILE_SEGMENTS and not _has_id(parts.query) and profile:
            return Target.PROFILE
        return _path_target(parts.path, parts.query)
    if (parts.path or mine.path).rstrip("/") == mine.path.rstrip("/"):
        # The same path with another id in its query is another story ("article.php?id=7").
        ids = NUMBER_RE.findall(parts.query)
        if not ids or ids == NUMBER_RE.findall(mine.query):
            return Target.THIS_PAGE
    return _path_target(parts.path, parts.query)


def landmark(el: HtmlElement, stop: HtmlElement) -> HtmlElement | None:
    """The nearest header, nav, footer or menu (by tag or ARIA role) holding `el`, below `stop`."""
    for node in (el, *el.iterancestors()):
        if node is stop:
            return None
        if node.tag in LANDMARK_TAGS or (node.get("role") or "").strip() in LANDMARK_ROLES:
            return node
    return None


def is_navigation(el: HtmlElement) -> bool:
    return el.tag in NAVIGATION_TAGS or (el.get("role") or "").strip() in NAVIGATION_ROLES


def judge_chrome(
    root: HtmlElement,
    story_links: list[HtmlElement],
    page: Page,
    links_in: Callable[[HtmlElement], int],
    menu: tuple[int, float] | None = None,
) -> tuple[str, ...]:
    """Why a block found by its shape is site chrome (nothing when it is not). `links_in` counts
    the links with text in an element; `menu` is the number of links and the headline share of
    a larger menu the block is part of, if any."""
    reasons = []
    targets = [link_target(a.get("href"), page) for a in story_links]
    chrome = [t for t in targets if t in CHROME_TARGETS]
    if targets and len(chrome) > MAX_CHROME_TARGET_SHARE * len(targets):
        kinds = ", ".join(dict.fromkeys(str(t) for t in chrome))
        reasons.append(f"{len(chrome)} of {len(targets)} links lead to {kinds}, not to stories")
    place = landmark(root, page.body)
    if place is not None:
        name = place.get("role") or place.tag
        if is_navigation(place):
            reasons.append(f"inside the page's navigation ({name})")
        else:
            links = links_in(place)
            if links > LANDMARK_MIN_LINKS:
                reasons.append(f"inside the page's {name}, which holds {links} links")
    if menu is not None:
        links, share = menu
        reasons.append(f"part of a menu of {links} links, {share:.0%} of its link text headlines")
    return tuple(reasons)
