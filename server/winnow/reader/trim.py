"""Trimming what readability leaves around the article: the headline again, byline and date
lines above the first paragraph (they have fields of their own), and lines that are only a link.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from ..page import count_words, normalize_space

# A paragraph of running text has at least this many words; shorter lines above the first one
# are the byline, the date, share buttons and labels.
PARAGRAPH_MIN_WORDS = 12
# A line is a link line ("Read more on ... by clicking here") when links hold this share of it.
LINK_LINE_MIN_SHARE = 0.8
# Block elements a line of the article is made of.
LINE_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "address")
# Headings above the first paragraph that are kept: they title a section, not the page.
SECTION_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
KEEP_TAGS = frozenset({"figure", "img", "picture", "table", "ul", "ol", "blockquote", "pre"})


def _own_line(el: HtmlElement) -> bool:
    """Whether `el` is a line of its own: it holds text and no nested line element."""
    return bool(normalize_space(el.text_content())) and not any(
        isinstance(c.tag, str) and c.tag in LINE_TAGS + tuple(KEEP_TAGS)
        for c in el.iterdescendants()
    )


def _link_share(el: HtmlElement) -> float:
    total = count_words(el.text_content())
    linked = sum(count_words(a.text_content()) for a in el.iter("a"))
    return linked / total if total else 0.0


def _word_count(el: HtmlElement) -> int:
    return count_words(el.text_content())


def trim_article(article: HtmlElement, title: str) -> None:
    """In place: drop the lines above the first paragraph that are not content, and link lines."""
    title_key = normalize_space(title).casefold()
    lines = [el for el in article.iter(*LINE_TAGS) if _own_line(el)]
    if not any(_word_count(el) >= PARAGRAPH_MIN_WORDS for el in lines):
        return  # a short page: every line may be content
    for el in lines:
        if el.getparent() is None:
            continue
        if _word_count(el) >= PARAGRAPH_MIN_WORDS:
            break
        is_title = normalize_space(el.text_content()).casefold() == title_key
        if is_title or el.tag not in SECTION_HEADINGS:
            el.drop_tree()
    for el in list(article.iter("p", "div", "li")):
        if el.getparent() is None or not _own_line(el):
            continue
        if _word_count(el) < PARAGRAPH_MIN_WORDS and _link_share(el) >= LINK_LINE_MIN_SHARE:
            el.drop_tree()
