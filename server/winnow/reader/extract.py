"""readability-lxml's article choice, run on a tree the pipeline already parsed.

readability-lxml re-parses its input and runs lxml's Cleaner over the whole page on every pass
(scripts, styles, comments, links made absolute); on a parsed tree that is most of its cost.
The pipeline hands it a fresh copy of the page per pass instead, stripped of what the Cleaner
would strip, and resolves URLs later on the article alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import lxml.etree
import lxml.html
from lxml.html import HtmlElement
from readability import Document
from readability.readability import REGEXES, Unparseable

log = logging.getLogger(__name__)

# What readability's own cleaning removes before it scores paragraphs.
STRIPPED_TAGS = ("script", "style", "link", "noscript", "template")
# Page furniture by its HTML meaning (not by class names): never the article, and dropping it
# first spares readability scoring it.
FURNITURE_TAGS = ("nav", "footer", "button", "select", "svg", "iframe")
STRIPPED_NODES = (lxml.etree.Comment, lxml.etree.ProcessingInstruction)
HIDDEN_XPATH = lxml.etree.XPath("//*[@hidden]")
STYLED_XPATH = lxml.etree.XPath("//*[@style]")


class _TreeDocument(Document):
    def __init__(self, make_tree: Callable[[], HtmlElement]) -> None:
        super().__init__(None)
        self._make_tree = make_tree

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
        self.encoding = "utf-8"
        return doc


def extract_article(make_tree: Callable[[], HtmlElement]) -> HtmlElement:
    """readability's article from trees made by `make_tree` (called once per pass)."""
    try:
        summary = _TreeDocument(make_tree).summary(html_partial=True)
    except Unparseable as exc:
        log.info("readability found no article: %s", exc)
        summary = ""
    if summary.strip():
        try:
            return lxml.html.fragment_fromstring(summary, create_parent="div")
        except (AssertionError, lxml.etree.ParserError):
            # lxml asserts when readability hands back a document with no <body> at all.
            log.info("readability returned no article body")
    return lxml.html.fragment_fromstring("<div></div>")
