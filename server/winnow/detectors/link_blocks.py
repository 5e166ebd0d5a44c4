"""Link blocks: lists of story links, told apart by whether their stories are the article's.

A block is found by its shape, not its class names: an element holding at least
MIN_STORY_LINKS links of headline length, little text besides them, and at most one heading.
Its stories are compared with the article by the content words they share with it; a block
whose links mostly share nothing is unrelated padding and leaves the reader view.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import lxml.etree
import stopwordsiso
from lxml.html import HtmlElement

from ..findings import Finding, Kind
from ..page import HEADING_TAGS, Page, element_text, normalize_space, words
from ..site_rules import SiteRules
from ..titles import declared_title, headline_element

# A story link's text is a headline: menu items and breadcrumbs are one or two words.
STORY_LINK_MIN_WORDS = 4
# A block lists at least this many stories...
MIN_STORY_LINKS = 3
# ...and its text is mostly link text (its heading aside).
MIN_LINK_TEXT_SHARE = 0.7
# Words of a link that are too short or too common to say what it is about.
MIN_CONTENT_WORD_CHARS = 3
# A link is about the article when it quotes it (shares a run of this many words with it)...
QUOTE_WORDS = 3
# ...or shares this many words the article dwells on (title words, or words it uses this
# often), or one title word the article also uses that often.
MIN_SHARED_SALIENT_WORDS = 2
SALIENT_WORD_MIN_USES = 3
# A block is unrelated when fewer than this share of its links are about the article...
MAX_RELATED_SHARE_FOR_UNRELATED = 0.4
# ...and related when at least this share are (in between it is left alone).
MIN_RELATED_SHARE_FOR_RELATED = 0.5
# A heading or label is a few words.
MAX_LABEL_WORDS = 6
# Always added to the page's own language: headlines in English turn up everywhere.
EXTRA_LANGUAGES = ("en",)

RULE_UNRELATED = "unrelated-link-block"
RULE_RELATED = "related-link-block"


@lru_cache(maxsize=64)
def stopwords_for(lang: str) -> frozenset[str]:
    code = lang.split("-")[0].lower() if lang else ""
    codes = {*EXTRA_LANGUAGES, code} & set(stopwordsiso.langs())
    return frozenset(w for c in codes for w in stopwordsiso.stopwords(c))


def content_words(text: str, stopwords: frozenset[str]) -> list[str]:
    return [
        w
        for w in (w.casefold() for w in words(text))
        if len(w) >= MIN_CONTENT_WORD_CHARS and w not in stopwords and not w.isdigit()
    ]


@dataclass
class LinkBlock:
    root: HtmlElement
    links: list[HtmlElement]
    label: str | None
    text: str = ""
    related_links: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def related_share(self) -> float:
        return self.related_links / len(self.links) if self.links else 0.0


@dataclass
class _Tally:
    """Word counts of one element's subtree."""

    words: int = 0
    link_words: int = 0
    story_links: int = 0
    headings: int = 0
    prose: int = 0


def _tallies(page: Page) -> dict[HtmlElement, _Tally]:
    """Per element: words, link words, story links, headings and prose blocks beneath it."""
    tallies: dict[HtmlElement, _Tally] = {}
    prose = {block.element for block in page.prose}

    def tally(el: HtmlElement) -> _Tally:
        found = tallies.get(el)
        if found is None:
            found = tallies[el] = _Tally()
        return found

    in_links = {el for a in page.body.iter("a") for el in a.iter()}
    for slot in page.text_slots:
        own = tally(slot.element)
        count = len(words(slot.text))
        own.words += count
        if slot.element in in_links:
            own.link_words += count
    for link in page.body.iter("a"):
        if len(words(link.text_content())) >= STORY_LINK_MIN_WORDS:
            tally(link).story_links += 1
    for el in page.body.iter(*HEADING_TAGS):
        tally(el).headings += 1
    for el in prose:
        tally(el).prose += 1
    walker = lxml.etree.iterwalk(page.body, events=("end",))
    for _, el in walker:
        mine = tallies.get(el)
        parent = el.getparent()
        if mine is None or parent is None or el is page.body:
            continue
        up = tally(parent)
        up.words += mine.words
        up.link_words += mine.link_words
        up.story_links += mine.story_links
        up.headings += mine.headings
        up.prose += mine.prose
    return tallies


def _is_block(t: _Tally) -> bool:
    return (
        t.story_links >= MIN_STORY_LINKS
        and t.headings <= 1
        and t.prose == 0
        and t.words > 0
        and t.link_words >= MIN_LINK_TEXT_SHARE * t.words
    )


def label(root: HtmlElement) -> str | None:
    """The block's heading: an h2-h6 inside it, else a short text line before its first link."""
    for heading in root.iter(*HEADING_TAGS):
        text = normalize_space(heading.text_content())
        if text and len(words(text)) <= MAX_LABEL_WORDS:
            return text
    for el in root.iter():
        if el.tag == "a":
            return None
        text = normalize_space(el.text or "") if isinstance(el.tag, str) else ""
        if text and len(words(text)) <= MAX_LABEL_WORDS:
            return text
    return None


def _in_paragraph(el: HtmlElement) -> bool:
    """Links inside a <p> are part of its text (a popover, a list of names), not a block."""
    return el.tag == "p" or any(a.tag == "p" for a in el.iterancestors())


def find_blocks(page: Page) -> list[LinkBlock]:
    """Every list of story links, each at its root: the largest element that still holds
    only that list and its heading."""
    tallies = _tallies(page)
    roots = []
    for el, t in tallies.items():
        if not _is_block(t) or el is page.body or _in_paragraph(el):
            continue
        parent = el.getparent()
        parent_tally = tallies.get(parent) if parent is not None else None
        if parent_tally is not None and parent is not page.body and _is_block(parent_tally):
            continue
        roots.append(el)
    order = page.document_order
    roots.sort(key=lambda el: order.get(el, 0))
    blocks = []
    for root in roots:
        links = [a for a in root.iter("a") if len(words(a.text_content())) >= STORY_LINK_MIN_WORDS]
        blocks.append(LinkBlock(root, links, label(root), element_text(root)))
    return blocks


@dataclass
class ArticleTopic:
    words: Counter
    title_words: set[str]
    quotes: set[tuple[str, ...]]
    stopwords: frozenset[str]

    def salient(self, word: str) -> bool:
        return word in self.title_words or self.words[word] >= SALIENT_WORD_MIN_USES


def _runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + QUOTE_WORDS]) for i in range(len(tokens) - QUOTE_WORDS + 1)}


def article_topic(page: Page) -> ArticleTopic:
    stopwords = stopwords_for(page.root.get("lang") or "")
    headline = headline_element(page)
    title = " ".join(
        [declared_title(page), page.title_text]
        + ([headline.text_content()] if headline is not None else [])
    )
    counts: Counter = Counter()
    quotes: set[tuple[str, ...]] = set()
    for block in page.prose:
        counts.update(content_words(block.text, stopwords))
        quotes |= _runs([w.casefold() for w in words(block.text)])
    return ArticleTopic(counts, set(content_words(title, stopwords)), quotes, stopwords)


def about_article(text: str, topic: ArticleTopic) -> bool:
    """Whether a link's text is about the article: it quotes it, or shares its topic words."""
    tokens = [w.casefold() for w in words(text)]
    if any(
        run in topic.quotes and not all(w in topic.stopwords for w in run) for run in _runs(tokens)
    ):
        return True
    mine = set(content_words(text, topic.stopwords))
    salient = {w for w in mine if topic.salient(w)}
    strong = {w for w in salient & topic.title_words if topic.words[w] >= SALIENT_WORD_MIN_USES}
    return len(salient) >= MIN_SHARED_SALIENT_WORDS or bool(strong)


def judge(block: LinkBlock, topic: ArticleTopic) -> LinkBlock:
    for link in block.links:
        text = normalize_space(link.text_content())
        if about_article(text, topic):
            block.related_links += 1
            if len(block.examples) < 1:
                block.examples.append(text)
    return block


def _finding(block: LinkBlock) -> Finding | None:
    total = len(block.links)
    share = block.related_share
    counted = f"{block.related_links} of {total} links share a topic with the article"
    if share < MAX_RELATED_SHARE_FOR_UNRELATED:
        return Finding(
            Kind.UNRELATED_LINKS,
            block.root,
            block.text,
            _confidence(share),
            RULE_UNRELATED,
            [counted, f"a list of {total} stories with little other text"],
            label=block.label,
            removes_element=True,
        )
    if share >= MIN_RELATED_SHARE_FOR_RELATED:
        reasons = [counted]
        if block.examples:
            reasons.append(f"for example “{block.examples[0]}”")
        return Finding(
            Kind.RELATED_LINKS,
            block.root,
            block.text,
            share,
            RULE_RELATED,
            reasons,
            label=block.label,
            removes_element=True,
        )
    return None


def _confidence(related_share: float) -> float:
    """1.0 when no link is about the article, falling to 0.7 at the unrelated threshold."""
    return 1.0 - related_share / MAX_RELATED_SHARE_FOR_UNRELATED * 0.3


def detect(page: Page, rules: SiteRules) -> list[Finding]:
    blocks = find_blocks(page)
    if not blocks:
        return []
    topic = article_topic(page)
    findings = [_finding(judge(block, topic)) for block in blocks]
    return [f for f in findings if f is not None]
