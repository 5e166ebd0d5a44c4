"""The reader view: readability's article, minus what the findings remove, made safe."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Sequence

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from ..findings import Finding, Kind
from ..page import Page
from ..textedit import cut_spans
from . import metadata
from .extract import extract_article
from .sanitize import clean_tree, sanitize_html
from .text import article_text, reading_minutes, word_count

# Links whose href runs script are page widgets ("veryGood!" vote buttons), never article text.
SCRIPT_HREF_PREFIX = "javascript:"


def _touched_elements(finding: Finding) -> tuple[HtmlElement, ...]:
    if finding.span is not None:
        slot = finding.span.slot
        return (slot.element,) if slot.child is None else (slot.element, slot.child)
    return (finding.element,)


def _copy_with_removals(page: Page, findings: Sequence[Finding]) -> HtmlElement:
    """A copy of the page with every removing finding applied: spans cut, elements dropped."""
    clone = copy.deepcopy(page.root)
    removing = [f for f in findings if f.removes_anything]
    if not removing:
        return clone
    touched = {el for f in removing for el in _touched_elements(f)}
    copies = list(clone.iter())
    position = {el: i for i, el in enumerate(page.root.iter()) if el in touched}

    spans: dict[tuple[HtmlElement, HtmlElement | None], list[tuple[int, int]]] = defaultdict(list)
    for finding in removing:
        if finding.span is not None:
            slot = finding.span.slot
            spans[(slot.element, slot.child)].append((finding.span.start, finding.span.end))
    for (element, child), cuts in spans.items():
        if child is None:
            twin = copies[position[element]]
            twin.text = cut_spans(twin.text or "", cuts)
        else:
            twin = copies[position[child]]
            twin.tail = cut_spans(twin.tail or "", cuts)
    for finding in removing:
        if finding.span is None:
            twin = copies[position[finding.element]]
            if twin.getparent() is not None:
                twin.drop_tree()
    return clone


def _drop_script_links(article: HtmlElement) -> None:
    for link in list(article.iter("a")):
        if (link.get("href") or "").strip().lower().startswith(SCRIPT_HREF_PREFIX):
            link.drop_tree()


def build_reader(page: Page, findings: Sequence[Finding]) -> dict:
    spam_phrases = {f.quote for f in findings if f.kind == Kind.INJECTED_SPAM}
    article = extract_article(lambda: _copy_with_removals(page, findings))
    _drop_script_links(article)
    clean_tree(article, page.url)
    text = article_text(article)
    html = sanitize_html(lxml.etree.tostring(article, encoding="unicode", method="html"))
    count = word_count(text)
    lang = metadata.language(page)
    images = (img.get("src") for img in article.iter("img") if img.get("src"))
    return {
        "title": metadata.clean_title(page, spam_phrases),
        "byline": metadata.byline(page),
        "published": metadata.published(page),
        "site_name": metadata.site_name(page),
        "lang": lang,
        "dir": metadata.direction(page, lang),
        "lead_image": metadata.lead_image(page, images),
        "excerpt": metadata.excerpt(page, spam_phrases, text),
        "html": html,
        "text": text,
        "word_count": count,
        "reading_minutes": reading_minutes(count),
    }
