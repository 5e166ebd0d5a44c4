"""Anchoring the article to its headline, where readability chose text away from it (a list of
teasers outweighing a short article)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml.html import HtmlElement

from ..page import Page, TextBlock
from ..titles import headline_element
from ..words import normalize_space

# When readability leaves out the first paragraph after the headline (checked by a run of
# ANCHOR_SAMPLE_WORDS words from its middle), and that paragraph holds ANCHOR_MIN_WORDS words or
# more, the article is looked for around the headline instead.
ANCHOR_SAMPLE_WORDS = 6
ANCHOR_MIN_WORDS = 60
# Text inside form controls (a <select> of car makes) is a widget, not a paragraph after the
# headline, however many words its options hold.
CONTROL_TAGS = frozenset({"select", "option", "optgroup", "button", "textarea", "label"})


def _in_control(block: TextBlock) -> bool:
    for slot in block.slots:
        el = slot.element
        while el is not None and el is not block.element:
            if el.tag in CONTROL_TAGS:
                return True
            el = el.getparent()
    return False


def _blocks_after(page: Page, headline: HtmlElement) -> Iterator[TextBlock]:
    """The paragraphs of running text after the headline, in document order."""
    order = page.document_order
    start = order.get(headline, 0)
    return (b for b in page.prose if order.get(b.element, -1) > start and not _in_control(b))


def _common_ancestor(a: HtmlElement, b: HtmlElement) -> HtmlElement:
    lineage = {a, *a.iterancestors()}
    return next(el for el in (b, *b.iterancestors()) if el in lineage)


def holds(article_text: str, block: TextBlock) -> bool:
    """Whether the article kept the block: a run of its words from the middle is in it."""
    tokens = block.text.split()
    middle = len(tokens) // 2
    return " ".join(tokens[middle : middle + ANCHOR_SAMPLE_WORDS]) in article_text


def headline_lead(page: Page, article: HtmlElement) -> tuple[HtmlElement, TextBlock] | None:
    """Where readability's article left out the first paragraph after the headline: the
    element holding both, and that paragraph (the anchored article must keep it)."""
    headline = headline_element(page)
    lead = next(_blocks_after(page, headline), None) if headline is not None else None
    if lead is None or lead.word_count < ANCHOR_MIN_WORDS:
        return None
    if holds(normalize_space(article.text_content()), lead):
        return None
    return _common_ancestor(headline, lead.element), lead
