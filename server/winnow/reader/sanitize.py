"""Make the article HTML safe to show: allowlisted markup only, absolute http(s) URLs only.

Two layers. First the lxml tree is cleaned (elements that must never reach a reader are dropped
with their text, lazy images get a real `src`, every URL is resolved and checked). Then bleach
re-parses the serialized HTML with an allowlist, so whatever the first layer missed cannot
survive as markup.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import bleach
import lxml.etree
from lxml.html import HtmlElement

ALLOWED_TAGS = frozenset(
    """a abbr article b blockquote br caption cite code col colgroup dd del div dl dt em
    figcaption figure h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp section small
    span strong sub sup table tbody td tfoot th thead time tr u ul var""".split()
)
ALLOWED_ATTRIBUTES = {
    "*": ["dir", "lang", "title"],
    "a": ["href"],
    "img": ["src", "srcset", "sizes", "alt", "width", "height", "loading"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
    "ol": ["start", "reversed"],
    "time": ["datetime"],
    "blockquote": ["cite"],
    "q": ["cite"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
# Dropped with everything inside them: their content is code, chrome or a way to run code.
DROP_WITH_CONTENT = frozenset(
    """script style noscript template iframe frame frameset object embed applet form input
    button select textarea option svg math base meta link head title canvas audio video source
    track dialog portal marquee""".split()
)
# h1 is the reader's own title; an h1 inside the article becomes a section heading.
RENAME_TAGS = {"h1": "h2"}
# Attributes that sites use to hold the real image URL until a script swaps it in.
LAZY_SRC_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-url", "data-hi-res-src")
LAZY_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset")
# A src that is only a placeholder (a 1x1 gif, a data: URI, an empty string).
PLACEHOLDER_SRC_RE = re.compile(r"^(?:data:|about:|$)|(?:blank|spacer|placeholder|pixel)\.", re.I)
URL_ATTRS = ("href", "src", "cite")
SRCSET_SPLIT_RE = re.compile(r",\s+|,(?=\S+:)")

_CLEANER = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def safe_url(value: str | None, base: str) -> str | None:
    """`value` resolved against `base`, or None unless it is an http(s) or mailto URL."""
    if not value:
        return None
    value = value.strip()
    try:
        absolute = urljoin(base, value)
        scheme = urlsplit(absolute).scheme.lower()
    except ValueError:
        return None
    return absolute if scheme in ALLOWED_PROTOCOLS else None


def _safe_srcset(value: str, base: str) -> str | None:
    candidates = []
    for candidate in SRCSET_SPLIT_RE.split(value.strip()):
        parts = candidate.split()
        if not parts:
            continue
        url = safe_url(parts[0], base)
        if url and not url.startswith("mailto:"):
            candidates.append(" ".join([url, *parts[1:2]]))
    return ", ".join(candidates) or None


def _fix_lazy_image(img: HtmlElement) -> None:
    src = img.get("src") or ""
    if PLACEHOLDER_SRC_RE.search(src):
        lazy = next((img.get(a) for a in LAZY_SRC_ATTRS if img.get(a)), None)
        if lazy:
            img.set("src", lazy)
    if not img.get("srcset"):
        lazy_set = next((img.get(a) for a in LAZY_SRCSET_ATTRS if img.get(a)), None)
        if lazy_set:
            img.set("srcset", lazy_set)


def _allowed_attributes(tag: str) -> frozenset[str]:
    return frozenset(ALLOWED_ATTRIBUTES["*"]) | frozenset(ALLOWED_ATTRIBUTES.get(tag, ()))


def _clean_urls(el: HtmlElement, base_url: str) -> None:
    if el.tag == "img":
        srcset = el.get("srcset")
        if srcset is not None:
            safe = _safe_srcset(srcset, base_url)
            if safe:
                el.set("srcset", safe)
            else:
                del el.attrib["srcset"]
    for attr in URL_ATTRS:
        if attr in el.attrib:
            url = safe_url(el.get(attr), base_url)
            if url:
                el.set(attr, url)
            else:
                del el.attrib[attr]


def clean_tree(article: HtmlElement, base_url: str) -> None:
    """In place: drop dangerous elements with their content, unwrap other unknown tags, keep
    only allowlisted attributes, resolve and check every URL. The bleach pass then has little
    left to do (and it is the slow one)."""
    lxml.etree.strip_elements(
        article,
        *DROP_WITH_CONTENT,
        lxml.etree.Comment,
        lxml.etree.ProcessingInstruction,
        with_tail=False,
    )
    unknown = {el.tag for el in article.iter() if el.tag not in ALLOWED_TAGS and el.tag != "h1"}
    unknown.discard(article.tag)
    if unknown:
        lxml.etree.strip_tags(article, *unknown)
    for el in article.iter():
        el.tag = RENAME_TAGS.get(el.tag, el.tag)
        if el.tag == "img":
            _fix_lazy_image(el)
        allowed = _allowed_attributes(el.tag)
        for attr in [a for a in el.attrib if a not in allowed]:
            del el.attrib[attr]
        _clean_urls(el, base_url)


def sanitize_html(html: str) -> str:
    """The allowlist pass: only ALLOWED_TAGS with ALLOWED_ATTRIBUTES and safe protocols remain."""
    return _CLEANER.clean(html)
