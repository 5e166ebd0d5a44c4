"""The reader view's fields besides the article itself: title, byline, date, site, language."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator

import lxml.etree
from dateutil import parser as date_parser

from ..page import Page
from ..textedit import remove_phrases
from ..titles import (
    declared_site_names,
    headline_element,
    looks_like_site_name,
    shown_site_names,
    split_title,
)
from ..words import normalize_space
from .sanitize import safe_url

TITLE_META_KEYS = ("og:title", "twitter:title")
DATE_META_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
)
AUTHOR_META_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")
DESCRIPTION_META_KEYS = ("description", "og:description", "twitter:description")
IMAGE_META_KEYS = ("og:image", "og:image:url", "twitter:image", "twitter:image:src")
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku", "ps", "sd", "ug", "ur", "yi"}
)
# A date written into the page's text, as spam-farm templates do ("Date:2025-04-08 13:28:47").
TEXT_DATE_RE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?(?!\d)")
# Dates are looked for only in short text nodes: a long one is prose that merely mentions a date.
MAX_DATE_TEXT_CHARS = 80
# A class or id naming the byline, in the spellings sites use (matched as substrings).
BYLINE_CLASS_WORDS = ("byline", "Byline", "BYLINE", "author", "Author", "AUTHOR")
# Elements that name the author by their attributes. Read through the attribute axis:
# libxml2 tests attributes there far faster than in a predicate on every element.
_NAMES_BYLINE = " or ".join(f"contains(., '{word}')" for word in BYLINE_CLASS_WORDS)
BYLINE_XPATH = lxml.etree.XPath(
    "(descendant::*/@rel[. = 'author'] | descendant::*/@itemprop[. = 'author']"
    f" | descendant::*/@class[{_NAMES_BYLINE}] | descendant::*/@id[{_NAMES_BYLINE}])/.."
)
BY_PREFIX_RE = re.compile(r"^\s*(?:by|von|par|por|di)\s+", re.I)
MAX_BYLINE_CHARS = 100
# An element with more text than this is a whole author box, not the byline.
MAX_BYLINE_SOURCE_CHARS = 400
EXCERPT_CHARS = 300


def _strip_site_segments(text: str, page: Page) -> str:
    """Drop leading or trailing title segments that name the site; keep the longest otherwise."""
    segments = split_title(text)
    kept = [s for s in segments if not looks_like_site_name(s.text, page)]
    if not kept:
        return normalize_space(text)
    if len(kept) == 1 or len(segments) == len(kept):
        return text[kept[0].start : kept[-1].end] if len(segments) == len(kept) else kept[0].text
    return max(kept, key=lambda s: len(s.text)).text


def clean_title(page: Page, spam_phrases: Iterable[str]) -> str:
    """The headline: og:title, else the <h1>, else <title>; spam phrases and site name cut."""
    phrases = list(spam_phrases)
    for key in TITLE_META_KEYS:
        if page.meta.get(key):
            candidate = normalize_space(remove_phrases(page.meta[key], phrases))
            if candidate:
                return _strip_site_segments(candidate, page)
    heading = headline_element(page)
    if heading is not None:
        candidate = normalize_space(
            remove_phrases(normalize_space(heading.text_content()), phrases)
        )
        if candidate:
            return _strip_site_segments(candidate, page)
    candidate = normalize_space(remove_phrases(page.title_text, phrases))
    return _strip_site_segments(candidate, page) if candidate else ""


def _iso_date(raw: str) -> str | None:
    with warnings.catch_warnings():
        # A zone abbreviation dateutil cannot place ("EST") leaves the time naive, which is
        # the best the page allows.
        warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
        try:
            return date_parser.parse(raw.strip()).isoformat()
        except (ValueError, OverflowError):
            return None


def published(page: Page) -> str | None:
    for key in DATE_META_KEYS:
        if page.meta.get(key) and (found := _iso_date(page.meta[key])):
            return found
    for obj in page.json_ld:
        value = obj.get("datePublished")
        if isinstance(value, str) and (found := _iso_date(value)):
            return found
    for time_el in page.body.iter("time"):
        value = time_el.get("datetime")
        if value and (found := _iso_date(value)):
            return found
    for slot in page.text_slots:
        text = slot.text
        if len(text) > MAX_DATE_TEXT_CHARS or not (match := TEXT_DATE_RE.search(text)):
            continue
        if found := _iso_date(" ".join(g for g in match.groups() if g)):
            return found
    return None


def _clean_byline(raw: str) -> str | None:
    text = normalize_space(BY_PREFIX_RE.sub("", normalize_space(raw)))
    if not text or len(text) > MAX_BYLINE_CHARS or text.startswith(("http://", "https://")):
        return None
    return text


def _json_ld_authors(page: Page) -> Iterable[str]:
    for obj in page.json_ld:
        author = obj.get("author")
        for item in author if isinstance(author, list) else [author]:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                yield item["name"]
            elif isinstance(item, str):
                yield item


def _byline_candidates(page: Page) -> Iterator[str]:
    yield from (page.meta.get(key, "") for key in AUTHOR_META_KEYS)
    yield from _json_ld_authors(page)
    for el in BYLINE_XPATH(page.body):
        text = el.text_content()
        if len(text) <= MAX_BYLINE_SOURCE_CHARS:
            yield text


def byline(page: Page) -> str | None:
    return next((c for c in map(_clean_byline, _byline_candidates(page)) if c), None)


def site_name(page: Page) -> str | None:
    declared = declared_site_names(page)
    if declared:
        return declared[0]
    for segment in split_title(page.title_text):
        if looks_like_site_name(segment.text, page):
            return segment.text
    shown = shown_site_names(page)
    return shown[0] if shown else None


def language(page: Page) -> str | None:
    lang = page.root.get("lang") or page.meta.get("content-language") or page.meta.get("og:locale")
    if not lang or not lang.strip():
        return None
    return lang.strip().replace("_", "-")


def direction(page: Page, lang: str | None) -> str | None:
    for el in (page.root, page.body):
        declared = (el.get("dir") or "").lower()
        if declared in ("ltr", "rtl"):
            return declared
    if lang is None:
        return None
    return "rtl" if lang.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def lead_image(page: Page, article_images: Iterable[str]) -> str | None:
    for key in IMAGE_META_KEYS:
        if url := safe_url(page.meta.get(key), page.url):
            return url
    return next(iter(article_images), None)


def excerpt(page: Page, spam_phrases: Iterable[str], text: str) -> str | None:
    phrases = list(spam_phrases)
    for key in DESCRIPTION_META_KEYS:
        if page.meta.get(key):
            cleaned = normalize_space(remove_phrases(page.meta[key], phrases))
            if cleaned:
                return cleaned
    first = text.split("\n", 1)[0] if text else ""
    if not first:
        return None
    return first if len(first) <= EXCERPT_CHARS else first[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"
