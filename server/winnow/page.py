"""The submitted page, parsed once and shared by every step of the analysis."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, TypeVar
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from . import settings
from .words import count_words, normalize_space

NODE_ID_ATTR = "data-winnow-id"

# Elements whose text a reader never sees as prose.
NON_CONTENT_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head"}
)
# Elements that start a new line of text: a text run never crosses one of them.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "title",
        "html",
    }
)
T = TypeVar("T")
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


# A block with fewer words is a label, a menu item or a caption, not running text.
PROSE_MIN_WORDS = 12
# A block whose words are mostly link text is a list of links, not running text.
PROSE_MAX_LINK_DENSITY = 0.5


def _inside_link(slot: TextSlot, holder: HtmlElement) -> bool:
    """Whether the slot's text is link text: inside an <a> below its block `holder`."""
    el = slot.element
    while el is not None:
        if el.tag == "a":
            return True
        if el is holder:
            return False
        el = el.getparent()
    return False


def _fast_parser() -> lxml.html.HTMLParser:
    """lxml.html's parser with every element a plain HtmlElement: lxml.html's default lookup
    runs Python code for each element proxy (to give forms their own classes), which costs more
    than the rest of the analysis on large pages."""
    parser = lxml.html.HTMLParser()
    parser.set_element_class_lookup(
        lxml.etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    return parser


PARSER = _fast_parser()


# Characters an XML tree cannot store: C0 controls other than tab and line ends, the two
# non-characters U+FFFE/U+FFFF, and halves of surrogate pairs that JSON strings can carry.
UNSTORABLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The same C0 controls as bytes, and the two non-characters: found in C without the regex
# engine, which takes twice as long to scan a page that has none (nearly every page).
UNSTORABLE_CONTROLS = bytes(b for b in range(32) if chr(b) not in "\t\n\r")
NON_CHARACTERS = ("\ufffe", "\uffff")
BINARY_SNIFF_CHARS = 4096
# More than this share of unstorable characters in the first BINARY_SNIFF_CHARS: binary data.
BINARY_MAX_SHARE = 0.1
# The page's elements (not its comments or processing instructions), counted in C.
ELEMENT_COUNT_XPATH = lxml.etree.XPath("count(//*)")


class PageError(ValueError):
    """The page cannot be analyzed (empty, not HTML, over a structural limit)."""


@dataclass(frozen=True)
class Limits:
    max_elements: int = settings.default("MAX_ELEMENTS")
    max_depth: int = settings.default("MAX_DEPTH")


@dataclass
class TextBlock:
    """The text a block element holds directly (not inside nested blocks), in slots."""

    element: HtmlElement
    slots: list[TextSlot]
    text: str = ""
    word_count: int = 0
    link_word_count: int = 0
    link_slots: list[TextSlot] = field(default_factory=list)
    """Its slots that are a link's words."""

    @property
    def link_density(self) -> float:
        return self.link_word_count / self.word_count if self.word_count else 0.0

    @cached_property
    def link_spans(self) -> list[tuple[int, int]]:
        """Where its links' words are in `text` (start, end): `text` is its slots' words one
        space apart, so each slot with words starts one space after the previous one ends."""
        spans, position = [], 0
        links = set(map(id, self.link_slots))
        for slot in self.slots:
            piece = normalize_space(slot.text)
            if not piece:
                continue
            start = position + 1 if position else 0
            position = start + len(piece)
            if id(slot) in links:
                spans.append((start, position))
        return spans


@dataclass(frozen=True)
class TextSlot:
    """One text node: `element.text` when `child` is None, else `child.tail` inside `element`."""

    element: HtmlElement
    child: HtmlElement | None

    @property
    def text(self) -> str:
        return (self.element.text if self.child is None else self.child.tail) or ""


def element_text(element: HtmlElement) -> str:
    """The text a reader sees in an element, its text nodes joined by spaces (so that
    `<li>One</li><li>Two</li>` reads "One Two", not "OneTwo"), scripts and styles left out."""
    pieces = []
    walker = lxml.etree.iterwalk(element, events=("start", "end"))
    for event, el in walker:
        if event == "start":
            if el.tag in NON_CONTENT_TAGS:
                walker.skip_subtree()
            elif el.text:
                pieces.append(el.text)
        elif el is not element and el.tail:
            pieces.append(el.tail)
    return normalize_space(" ".join(pieces))


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _check_structure(root: HtmlElement, limits: Limits) -> None:
    if ELEMENT_COUNT_XPATH(root) > limits.max_elements:
        raise PageError(f"The page has more than {limits.max_elements} elements.")
    if _deeper_than(limits.max_depth)(root):
        raise PageError(f"The page nests elements deeper than {limits.max_depth} levels.")


@lru_cache(maxsize=8)
def _deeper_than(depth: int) -> lxml.etree.XPath:
    """True of a tree with an element more than `depth` levels deep (the root is level 1): a
    path of `depth` + 1 steps, which libxml2 follows in C, level by level, until none is left
    (a Python walk of every element took half as long again)."""
    return lxml.etree.XPath("boolean(/" + "/".join(["*"] * (depth + 1)) + ")")


def _xml_compatible(html: str) -> str:
    """The text without what lxml cannot hold (NUL and other control characters, lone
    surrogates); a page made mostly of them is binary data, not HTML."""
    sample = html[:BINARY_SNIFF_CHARS]
    if sample and len(UNSTORABLE_RE.findall(sample)) > BINARY_MAX_SHARE * len(sample):
        raise PageError("The page looks like binary data, not HTML.")
    return UNSTORABLE_RE.sub("", html) if _has_unstorable(html) else html


def _has_unstorable(html: str) -> bool:
    try:
        encoded = html.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    controls = len(encoded.translate(None, UNSTORABLE_CONTROLS)) != len(encoded)
    return controls or any(ch in html for ch in NON_CHARACTERS)


def parse_html(html: str | bytes, limits: Limits | None = None) -> HtmlElement:
    """Parse a whole document with lxml (the parser the contract's xpaths refer to)."""
    if not html or not html.strip():
        raise PageError("The page is empty.")
    if isinstance(html, str):
        html = _xml_compatible(html)
        if not html.strip():
            raise PageError("The page is empty.")
    try:
        root = lxml.html.document_fromstring(html, parser=PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise PageError(f"The page could not be parsed as HTML: {exc}") from exc
    _check_structure(root, limits or Limits())
    if root.find("body") is None and not normalize_space(root.text_content()):
        raise PageError("The page has no content.")
    return root


class Page:
    """A parsed page plus what every detector asks of it, computed once on demand."""

    def __init__(
        self, root: HtmlElement, url: str, reported_hidden: frozenset[str] = frozenset()
    ) -> None:
        self.root = root
        self.url = url
        self.reported_hidden = reported_hidden
        """data-winnow-ids of elements the browser reported as not rendered."""
        self.host = host_of(url)
        self._tree = root.getroottree()
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()` once per page: for facts that modules outside this one derive."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @classmethod
    def from_html(
        cls,
        html: str | bytes,
        url: str,
        limits: Limits | None = None,
        reported_hidden: frozenset[str] = frozenset(),
    ) -> Page:
        return cls(parse_html(html, limits), url, reported_hidden)

    # -- addressing -------------------------------------------------------------------------
    @staticmethod
    def node_id(element: HtmlElement) -> str | None:
        return element.get(NODE_ID_ATTR)

    def xpath_of(self, element: HtmlElement) -> str:
        return self._tree.getpath(element)

    # -- structure --------------------------------------------------------------------------
    @cached_property
    def body(self) -> HtmlElement:
        body = self.root.find("body")
        return body if body is not None else self.root

    @cached_property
    def title_element(self) -> HtmlElement | None:
        found = self.root.find(".//title")
        return found

    @cached_property
    def title_text(self) -> str:
        el = self.title_element
        return normalize_space(el.text_content()) if el is not None else ""

    @cached_property
    def meta(self) -> dict[str, str]:
        """`<meta name|property|itemprop=... content=...>`, keys lower-cased, first one wins."""
        found: dict[str, str] = {}
        for el in self.root.iter("meta"):
            key = el.get("property") or el.get("name") or el.get("itemprop")
            content = el.get("content")
            if key and content and key.lower() not in found:
                found[key.lower()] = content.strip()
        return found

    @cached_property
    def json_ld(self) -> list[dict]:
        """Every JSON-LD object on the page, with @graph lists flattened."""
        objects: list[dict] = []
        for script in self.root.iter("script"):
            if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
                continue
            try:
                data = json.loads(script.text)
            except ValueError:
                continue
            stack = [data]
            while stack:
                item = stack.pop()
                if isinstance(item, list):
                    stack.extend(item)
                elif isinstance(item, dict):
                    objects.append(item)
                    if isinstance(item.get("@graph"), list):
                        stack.extend(item["@graph"])
        return objects

    @cached_property
    def headings(self) -> list[HtmlElement]:
        """Non-empty <h1> and <h2> elements, in document order."""
        return [h for h in self.body.iter("h1", "h2") if normalize_space(h.text_content())]

    @cached_property
    def text_slots(self) -> list[TextSlot]:
        """Every non-blank text node of the body in document order, outside script and the like."""
        slots: list[TextSlot] = []
        walker = lxml.etree.iterwalk(self.body, events=("start", "end", "comment", "pi"))
        for event, el in walker:
            if event == "start":
                if el.tag in NON_CONTENT_TAGS:
                    walker.skip_subtree()
                elif el.text and el.text.strip():
                    slots.append(TextSlot(el, None))
            elif el is not self.body and el.tail and el.tail.strip():
                slots.append(TextSlot(el.getparent(), el))
        return slots

    @cached_property
    def slot_words(self) -> list[int]:
        """The words of each of text_slots (counted once for every detector)."""
        return [count_words(slot.text) for slot in self.text_slots]

    @cached_property
    def blocks(self) -> list[TextBlock]:
        """Text grouped by the nearest block element that holds it, in document order."""
        by_element: dict[HtmlElement, TextBlock] = {}
        for slot, count in zip(self.text_slots, self.slot_words, strict=True):
            holder = slot.element
            while holder.tag not in BLOCK_TAGS and holder.getparent() is not None:
                holder = holder.getparent()
            block = by_element.get(holder)
            if block is None:
                block = by_element[holder] = TextBlock(holder, [])
            block.slots.append(slot)
            block.word_count += count
            if _inside_link(slot, holder):
                block.link_word_count += count
                block.link_slots.append(slot)
        for block in by_element.values():
            block.text = normalize_space(" ".join(s.text for s in block.slots))
        return list(by_element.values())

    @cached_property
    def prose(self) -> list[TextBlock]:
        """Blocks that read as running text: enough words, mostly not links."""
        return [
            b
            for b in self.blocks
            if b.word_count >= PROSE_MIN_WORDS
            and b.link_density <= PROSE_MAX_LINK_DENSITY
            and b.element.tag not in HEADING_TAGS
        ]

    @cached_property
    def document_order(self) -> dict[HtmlElement, int]:
        return {el: i for i, el in enumerate(self.root.iter())}
