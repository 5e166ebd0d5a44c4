"""The reader view: readability's article, minus what the findings remove, made safe."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Sequence

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from ..findings import Finding, Kind
from ..page import Page, TextBlock, normalize_space
from ..textedit import cut_spans
from ..titles import headline_element
from . import metadata
from .extract import extract_article
from .sanitize import clean_tree, sanitize_html
from .text import article_text, reading_minutes, word_count
from .trim import trim_article

# When readability keeps none of the first ANCHOR_PARAGRAPHS paragraphs after the headline
# (checked by a run of ANCHOR_SAMPLE_WORDS words from each), and they hold ANCHOR_MIN_WORDS
# words or more, the article is looked for around the headline instead.
ANCHOR_PARAGRAPHS = 3
ANCHOR_SAMPLE_WORDS = 6
ANCHOR_MIN_WORDS = 60
# Links whose href runs script are page widgets ("veryGood!" vote buttons), never article text.
SCRIPT_HREF_PREFIX = "javascript:"


def _touched_elements(finding: Finding) -> tuple[HtmlElement, ...]:
    if finding.cuts_span:
        slot = finding.span.slot
        return (slot.element,) if slot.child is None else (slot.element, slot.child)
    return (finding.element,)


def _copy_with_removals(
    page: Page, findings: Sequence[Finding], only: HtmlElement | None = None
) -> HtmlElement:
    """A copy of the page with every removing finding applied (spans cut, elements dropped),
    and with `only` as the sole content of its body when given."""
    clone = copy.deepcopy(page.root)
    removing = [f for f in findings if f.removes_anything]
    if not removing and only is None:
        return clone
    touched = {el for f in removing for el in _touched_elements(f)}
    if only is not None:
        touched.add(only)
    copies = list(clone.iter())
    position = {el: i for i, el in enumerate(page.root.iter()) if el in touched}

    spans: dict[tuple[HtmlElement, HtmlElement | None], list[tuple[int, int]]] = defaultdict(list)
    for finding in removing:
        if finding.cuts_span:
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
        if not finding.cuts_span:
            twin = copies[position[finding.element]]
            if twin.getparent() is not None:
                twin.drop_tree()
    if only is not None:
        _keep_only(clone, copies[position[only]])
    return clone


def _keep_only(root: HtmlElement, keep: HtmlElement) -> None:
    body = root.find("body")
    if body is None or keep is body:
        return
    body.append(keep)
    for child in list(body):
        if child is not keep:
            body.remove(child)
    body.text = None


def _blocks_after(page: Page, headline: HtmlElement) -> list[TextBlock]:
    """The first paragraphs of running text after the headline."""
    order = page.document_order
    start = order.get(headline, 0)
    after = [b for b in page.prose if order.get(b.element, -1) > start]
    return after[:ANCHOR_PARAGRAPHS]


def _common_ancestor(a: HtmlElement, b: HtmlElement) -> HtmlElement:
    lineage = {a, *a.iterancestors()}
    return next(el for el in (b, *b.iterancestors()) if el in lineage)


def _holds(article_text: str, block: TextBlock) -> bool:
    """Whether the article kept the block: a run of its words from the middle is in it."""
    tokens = block.text.split()
    middle = len(tokens) // 2
    return " ".join(tokens[middle : middle + ANCHOR_SAMPLE_WORDS]) in article_text


def _anchored_to_headline(page: Page, article: HtmlElement) -> HtmlElement | None:
    """Where readability chose text away from the headline (a list of teasers outweighing a
    short article), the element holding the headline and the paragraphs after it."""
    headline = headline_element(page)
    after = _blocks_after(page, headline) if headline is not None else []
    if not after:
        return None
    kept = normalize_space(article.text_content())
    lead = after[0]
    if _holds(kept, lead) or lead.word_count < ANCHOR_MIN_WORDS:
        return None
    return _common_ancestor(headline, lead.element)


def _drop_script_links(article: HtmlElement) -> None:
    for link in list(article.iter("a")):
        if (link.get("href") or "").strip().lower().startswith(SCRIPT_HREF_PREFIX):
            link.drop_tree()


def build_reader(page: Page, findings: Sequence[Finding]) -> dict:
    spam_phrases = {f.quote for f in findings if f.kind == Kind.INJECTED_SPAM and f.cuts_span}
    article = extract_article(lambda: _copy_with_removals(page, findings))
    anchor = _anchored_to_headline(page, article)
    if anchor is not None:
        article = extract_article(lambda: _copy_with_removals(page, findings, only=anchor))
    title = metadata.clean_title(page, spam_phrases)
    _drop_script_links(article)
    trim_article(article, title)
    clean_tree(article, page.url)
    text = article_text(article)
    html = sanitize_html(lxml.etree.tostring(article, encoding="unicode", method="html"))
    count = word_count(text)
    lang = metadata.language(page)
    images = (img.get("src") for img in article.iter("img") if img.get("src"))
    return {
        "title": title,
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
