"""The reader view: readability's article, minus what the findings remove, made safe."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from ..findings import Finding, Kind
from ..page import Page
from ..textedit import cut_spans, remove_phrases
from ..titles import headline_element
from ..words import count_words, normalize_space
from . import metadata
from .anchor import headline_lead, holds
from .extract import extract_article
from .sanitize import clean_tree, sanitize_html
from .text import article_text, reading_minutes, word_count
from .trim import PageText, apply_trim, plan_trim

# Links whose href runs script are page widgets ("veryGood!" vote buttons), never article text.
SCRIPT_HREF_PREFIX = "javascript:"
# Image attributes whose text a caption repeats.
IMAGE_TEXT_ATTRS = ("alt", "title")
# The safety net: Winnow's own steps never leave much less article than readability's choice.
# A trimming plan that would remove more than this share of the article's words is refused.
TRIM_MAX_SHARE = 0.5
# An article anchored to the headline replaces readability's only when it keeps the paragraph
# after the headline and at least this share of readability's words: teasers outweigh a short
# article (the one page seen: 29%), a fragment around the headline is much shorter still.
ANCHOR_MIN_SHARE = 0.2
# When the findings' removals dropped more running text than readability's article kept,
# readability is asked again with only their phrase cuts, and that article is shown when the
# first one holds less than this share of its words (a finding that swallowed the article).
REMOVALS_MIN_SHARE = 0.25
# Where the reader came from, for the response's stats.
FROM_WINNOW = "winnow"
FROM_READABILITY = "readability"


@dataclass
class ReaderView:
    """The reader fields, where the article came from (Winnow's steps, or readability-lxml's own
    choice when the safety net refused a step) and what each step did."""

    fields: dict
    source: str = FROM_WINNOW
    steps: list[str] = field(default_factory=list)


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
    twins = {el: _twin(clone, el) for el in touched}

    spans: dict[tuple[HtmlElement, HtmlElement | None], list[tuple[int, int]]] = defaultdict(list)
    for finding in removing:
        if finding.cuts_span:
            slot = finding.span.slot
            spans[(slot.element, slot.child)].append((finding.span.start, finding.span.end))
    for (element, child), cuts in spans.items():
        if child is None:
            twin = twins[element]
            twin.text = cut_spans(twin.text or "", cuts)
        else:
            twin = twins[child]
            twin.tail = cut_spans(twin.tail or "", cuts)
    for finding in removing:
        if not finding.cuts_span:
            twin = twins[finding.element]
            if twin.getparent() is not None:
                twin.drop_tree()
    if only is not None:
        _keep_only(clone, twins[only])
    return clone


def _twin(clone: HtmlElement, element: HtmlElement) -> HtmlElement:
    """The element of `clone` (a deep copy of the page's root) at `element`'s place: found by
    its child indexes from the root, without a proxy for every element of the copy."""
    steps = []
    parent = element.getparent()
    while parent is not None:
        steps.append(parent.index(element))
        element, parent = parent, parent.getparent()
    twin = clone
    for index in reversed(steps):
        twin = twin[index]
    return twin


def _keep_only(root: HtmlElement, keep: HtmlElement) -> None:
    body = root.find("body")
    if body is None or keep is body:
        return
    body.append(keep)
    for child in list(body):
        if child is not keep:
            body.remove(child)
    body.text = None


def _drop_script_links(article: HtmlElement) -> None:
    for link in list(article.iter("a")):
        if (link.get("href") or "").strip().lower().startswith(SCRIPT_HREF_PREFIX):
            link.drop_tree()


def _words(article: HtmlElement) -> int:
    return count_words(" ".join(article.itertext()))


def _dropped_prose_words(page: Page, findings: Sequence[Finding]) -> int:
    """Words of running text inside the elements that removing findings drop whole."""
    dropped = {f.element for f in findings if f.removes_element}
    if not dropped:
        return 0
    return sum(
        b.word_count
        for b in page.prose
        if b.element in dropped or any(a in dropped for a in b.element.iterancestors())
    )


def _readability_choice(
    page: Page, findings: Sequence[Finding], view: ReaderView
) -> tuple[HtmlElement, Sequence[Finding]]:
    """readability's article on the page minus what the findings remove, and the findings
    applied: only their phrase cuts when the elements they drop held nearly all of it."""
    article = extract_article(lambda: _copy_with_removals(page, findings))
    dropped = _dropped_prose_words(page, findings)
    kept = _words(article) if dropped else 0  # counted only when there is something to weigh
    if dropped <= kept:
        return article, findings
    cuts = [f for f in findings if f.cuts_span]
    uncut = extract_article(lambda: _copy_with_removals(page, cuts))
    whole = _words(uncut)
    if kept >= REMOVALS_MIN_SHARE * whole:
        return article, findings
    view.source = FROM_READABILITY
    view.steps.append(
        f"removals undone: the elements the findings drop held {whole - kept} of the "
        f"{whole} words of readability's article"
    )
    return uncut, cuts


def _anchored(
    page: Page, findings: Sequence[Finding], article: HtmlElement, view: ReaderView
) -> HtmlElement:
    """The article found around the headline where readability left out the paragraph after
    it; readability's article when the anchored one lost that paragraph too, or is a fragment
    of it."""
    found = headline_lead(page, article)
    if found is None:
        return article
    anchor, lead = found
    anchored = extract_article(lambda: _copy_with_removals(page, findings, only=anchor))
    if not holds(normalize_space(anchored.text_content()), lead):
        view.source = FROM_READABILITY
        view.steps.append(
            f"not anchored to the headline: around it readability also leaves out the "
            f"{lead.word_count}-word paragraph after it"
        )
        return article
    if _words(anchored) < ANCHOR_MIN_SHARE * _words(article):
        view.source = FROM_READABILITY
        view.steps.append(
            f"not anchored to the headline: the article around it has {_words(anchored)} words, "
            f"readability's {_words(article)}"
        )
        return article
    view.steps.append(
        f"anchored to the headline: readability left out the {lead.word_count}-word "
        "paragraph after it"
    )
    return anchored


def _page_text(page: Page, title: str, spam_phrases: set[str]) -> PageText:
    headline = headline_element(page)
    titles = [title]
    if headline is not None:
        text = normalize_space(headline.text_content())
        titles += [text, normalize_space(remove_phrases(text, spam_phrases))]
    images = (
        normalize_space(img.get(attr) or "")
        for img in page.root.iter("img")
        for attr in IMAGE_TEXT_ATTRS
    )
    return PageText(tuple(titles), tuple(text for text in images if text))


def _trim(article: HtmlElement, page_text: PageText, view: ReaderView) -> None:
    plan = plan_trim(article, page_text)
    if not plan:
        return
    removed = sum(line.words for line, _ in plan)
    total = _words(article)
    if removed > TRIM_MAX_SHARE * total:
        view.source = FROM_READABILITY
        view.steps.append(
            f"trimming refused: it would remove {removed} of the article's {total} words"
        )
        return
    done = apply_trim(plan)
    view.steps.append(
        f"trimmed {sum(done.values())} lines: "
        + ", ".join(f"{reason} {n}" for reason, n in sorted(done.items()))
    )


def build_reader(page: Page, findings: Sequence[Finding]) -> ReaderView:
    spam_phrases = {f.quote for f in findings if f.kind == Kind.INJECTED_SPAM and f.cuts_span}
    view = ReaderView({})
    article, applied = _readability_choice(page, findings, view)
    article = _anchored(page, applied, article, view)
    title = metadata.clean_title(page, spam_phrases)
    _drop_script_links(article)
    _trim(article, _page_text(page, title, spam_phrases), view)
    clean_tree(article, page.url)
    text = article_text(article)
    html = sanitize_html(lxml.etree.tostring(article, encoding="unicode", method="html"))
    count = word_count(text)
    lang = metadata.language(page)
    images = (img.get("src") for img in article.iter("img") if img.get("src"))
    view.fields = {
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
    return view
