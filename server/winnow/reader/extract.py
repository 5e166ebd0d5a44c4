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
# readability drops elements whose class or id says "tweet", "comment", "sidebar"... before it
# scores anything; a quotation is the article's whatever its class (an embedded tweet the story
# quotes), so quotations lose their class and id first.
QUOTE_TAGS = ("blockquote",)
STYLED_XPATH = lxml.etree.XPath("//*[@style]")


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
