"""readability-lxml's article choice, run on a tree the pipeline already parsed.

readability-lxml re-parses its input and runs lxml's Cleaner over the whole page on every pass
(scripts, styles, comments, links made absolute); on a parsed tree that is most of its cost.
The pipeline hands it a fresh copy of the page per pass instead, stripped of what the Cleaner
would strip, and resolves URLs later on the article alone.

Some of readability's steps are done here the same way in less time: it looks for unlikely
candidates among every element, though only an element with a class or an id can be one; it
serializes every <div>'s children to search them for block tags, which on nested <div>s
serializes the same subtree once per ancestor; and it measures text with three regular
expressions that try every position of every whitespace run. Each gives what readability's own
code gives (tests/test_reader_extract.py compares them on every page case).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import lxml.etree
import lxml.html
from lxml.html import HtmlElement, fragment_fromstring
from readability import Document
from readability.readability import REGEXES, Unparseable

log = logging.getLogger(__name__)

# What readability's own cleaning removes before it scores paragraphs.
STRIPPED_TAGS = ("script", "style", "link", "noscript", "template")
# Page furniture by its HTML meaning (not by class names): never the article, and dropping it
# first spares readability scoring it.
FURNITURE_TAGS = ("nav", "footer", "button", "select", "svg", "iframe")
STRIPPED_NODES = (lxml.etree.Comment, lxml.etree.ProcessingInstruction)
# Elements with these attributes, read through the attribute axis (libxml2 tests attributes
# there far faster than in a predicate on every element).
HIDDEN_XPATH = lxml.etree.XPath("//@hidden/..")
STYLED_XPATH = lxml.etree.XPath("//@style/..")
# readability drops elements whose class or id says "tweet", "comment", "sidebar"... before it
# scores anything; a quotation is the article's whatever its class (an embedded tweet the story
# quotes), so quotations lose their class and id first.
QUOTE_TAGS = ("blockquote",)
# Only these can be unlikely candidates: readability reads an element's class and id...
CLASSED_XPATH = lxml.etree.XPath("descendant::*[@class or @id]")
# ...and keeps those in code or holding the article (its own queries, compiled once).
IN_CODE_XPATH = lxml.etree.XPath("ancestor-or-self::pre | ancestor-or-self::code")
HOLDS_ARTICLE_XPATH = lxml.etree.XPath(
    "descendant-or-self::main | descendant-or-self::article | descendant-or-self::math"
)
# readability turns a <div> into a <p> when the markup of its children has none of these tags
# (the pattern matches a tag by the start of its name: "<p" is also "<pre", "<picture").
BLOCK_MARKUP_RE = REGEXES["divToPElementsRe"]
# Children of a <div> that readability gathers into a new <p> with their neighbours.
INLINE_TAGS = frozenset(
    {"a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u"}
)


# readability's clean(): a whitespace run of 255 or more becomes 255 spaces, one holding a line
# break becomes that break, a tab or a run of spaces and tabs one space. The same expressions,
# except that a run is only tried from its start and the last one starts with a tab or a space.
LONG_SPACE_RE = re.compile(r"(?<!\s)\s{255,}")
LONG_SPACE = " " * 255
BREAK_SPACE_RE = re.compile(r"\s*\n\s*")
TAB_OR_SPACES_RE = re.compile(r"\t| [ \t]+")


def clean(text: str) -> str:
    """readability's clean() of `text`."""
    text = LONG_SPACE_RE.sub(LONG_SPACE, text)
    if "\n" in text:
        text = BREAK_SPACE_RE.sub("\n", text)
    if "\t" in text or "  " in text:
        text = TAB_OR_SPACES_RE.sub(" ", text)
    return text.strip()


def text_length(el: HtmlElement) -> int:
    return len(clean(el.text_content() or ""))


def _unlikely_name(class_and_id: str) -> bool:
    """readability's test of an element's "class id"."""
    return bool(
        REGEXES["unlikelyCandidatesRe"].search(class_and_id)
        and not REGEXES["okMaybeItsACandidateRe"].search(class_and_id)
    )


def _holding_block_markup(root: HtmlElement) -> set[HtmlElement]:
    """Every node whose markup (its own and its descendants') BLOCK_MARKUP_RE finds: one walk
    up from each node that matches, instead of serializing each subtree."""
    holding: set[HtmlElement] = set()
    for node in root.iter():
        tag = node.tag
        if isinstance(tag, str):
            found = BLOCK_MARKUP_RE.match("<" + tag)
        else:
            # A comment or processing instruction is serialized with its text as it is.
            found = BLOCK_MARKUP_RE.search(node.text or "")
        while found and node is not None and node not in holding:
            holding.add(node)
            node = node.getparent()
    return holding


class _TreeDocument(Document):
    def __init__(self, make_tree: Callable[[], HtmlElement]) -> None:
        super().__init__(None)
        self._make_tree = make_tree
        self.article: HtmlElement | None = None

    def get_clean_html(self) -> str:
        # readability serializes its article for the caller to parse again; keep the tree it
        # serialized instead (its length decides whether readability tries a gentler pass).
        self.article = self.html
        return lxml.etree.tounicode(self.html, method="html")

    def _parse(self, input: object) -> HtmlElement:
        doc = self._make_tree()
        for el in HIDDEN_XPATH(doc):
            el.drop_tree()
        for el in STYLED_XPATH(doc):
            if REGEXES["displayNoneRe"].search(el.get("style")):
                el.drop_tree()
        lxml.etree.strip_elements(
            doc, *STRIPPED_TAGS, *FURNITURE_TAGS, *STRIPPED_NODES, with_tail=False
        )
        for quote in doc.iter(*QUOTE_TAGS):
            quote.attrib.pop("class", None)
            quote.attrib.pop("id", None)
        self.encoding = "utf-8"
        return doc

    def remove_unlikely_candidates(self) -> None:
        unlikely: dict[str, bool] = {}  # a page repeats its class names many times
        for elem in CLASSED_XPATH(self.html):
            s = "{} {}".format(elem.get("class", ""), elem.get("id", ""))
            if len(s) < 2:
                continue
            if s not in unlikely:
                unlikely[s] = _unlikely_name(s)
            if (
                unlikely[s]
                and elem.tag not in ["html", "body"]
                and not IN_CODE_XPATH(elem)
                and not HOLDS_ARTICLE_XPATH(elem)
            ):
                elem.drop_tree()

    def get_link_density(self, elem: HtmlElement) -> float:
        link_length = sum(text_length(a) for a in elem.findall(".//a"))
        return float(link_length) / max(text_length(elem), 1)

    def score_paragraphs(self) -> dict[HtmlElement, dict]:
        candidates: dict[HtmlElement, dict] = {}
        ordered = []
        for elem in self.tags(self._html(), "p", "pre", "td", "blockquote"):
            parent_node = elem.getparent()
            if parent_node is None:
                continue
            grand_parent_node = parent_node.getparent()
            inner_text = clean(elem.text_content() or "")
            inner_text_len = len(inner_text)
            if inner_text_len < self.min_text_length:
                continue
            if parent_node not in candidates:
                candidates[parent_node] = self.score_node(parent_node)
                ordered.append(parent_node)
            if grand_parent_node is not None and grand_parent_node not in candidates:
                candidates[grand_parent_node] = self.score_node(grand_parent_node)
                ordered.append(grand_parent_node)
            content_score = 1
            content_score += len(inner_text.split(","))
            content_score += min((inner_text_len / 100), 3)
            candidates[parent_node]["content_score"] += content_score
            if grand_parent_node is not None:
                candidates[grand_parent_node]["content_score"] += content_score / 2.0
        for elem in ordered:
            candidates[elem]["content_score"] *= 1 - self.get_link_density(elem)
        return candidates

    def transform_misused_divs_into_paragraphs(self) -> None:
        # A <div> that becomes a <p>, and a <p> made from loose text, both match the pattern
        # as the <div> did, so the set found before the first change holds to the end.
        holding = _holding_block_markup(self.html)
        for elem in self.tags(self.html, "div"):
            if not any(child in holding for child in elem):
                elem.tag = "p"

        for elem in self.tags(self.html, "div"):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                p = fragment_fromstring("<p/>")
                p.text = elem.text
                elem.text = None
                elem.insert(0, p)
                paragraph = p

            for child in children:
                if child.tag == "br":
                    paragraph = None
                    continue
                if child.tag not in INLINE_TAGS or child in holding:
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = fragment_fromstring("<p/>")
                    child.addprevious(paragraph)
                paragraph.append(child)

            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = fragment_fromstring("<p/>")
                    p.text = child.tail
                    child.tail = None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()


def extract_article(make_tree: Callable[[], HtmlElement]) -> HtmlElement:
    """readability's article from trees made by `make_tree` (called once per pass), as a
    <div> detached from the page."""
    document = _TreeDocument(make_tree)
    try:
        document.summary(html_partial=True)
    except Unparseable as exc:
        log.info("readability found no article: %s", exc)
    article = document.article
    if article is None:
        return lxml.html.fragment_fromstring("<div></div>")
    if article.tag != "div" or article.getparent() is not None:
        # readability fell back to the whole <body> (or page) when it found no candidate.
        wrapper = lxml.html.fragment_fromstring("<div></div>")
        if article.tag == "body":
            wrapper.text = article.text
            wrapper.extend(list(article))
        else:
            wrapper.append(article)
        return wrapper
    return article
