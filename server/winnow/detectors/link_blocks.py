"""Link blocks: lists and grids of other stories, told apart from site chrome and judged by
whether their stories are the article's.

A story link is a link whose text reads like a headline (STORY_LINK_MIN_WORDS words or more) on
a line of its own, not a link inside a sentence. Its card is the largest element around it that
holds no other story link and little else: an image, a one- or two-sentence summary, a date, a
heading of its own. A block is an element made of at least MIN_BLOCK_LINKS cards and little
more (one heading, a "more" link); it is a story list when its cards are bare links and a card
grid when they carry summaries. Class names play no part.

A block that is the site's own furniture (site_chrome: where its links lead, whether it sits in
the page's navigation, header or footer, or in a larger menu) is not a story list and is never
flagged. Every other block's headlines are compared with the article's topic (topic.py): a
block whose headlines are mostly unrelated is flagged and leaves the reader view; one whose
headlines are mostly about the article is on-topic (informational, and left out of the reader
view too); anything less clear is left alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import lxml.etree
from lxml.html import HtmlElement

from ..findings import Finding, Kind
from ..page import BLOCK_TAGS, HEADING_TAGS, NON_CONTENT_TAGS, Page, element_text
from ..site_rules import SiteRules
from ..titles import declared_title, headline_element
from ..words import count_words, normalize_space, words
from .blocks import MIN_BLOCK_LINKS, leaves_reader
from .site_chrome import Target, judge_chrome, link_target
from .topic import Relation, Topic, article_topic

# A story link's text is a headline: menu items and breadcrumbs are one to three words. A
# shorter headline counts when it opens a card with a summary.
STORY_LINK_MIN_WORDS = 4
SHORT_HEADLINE_MIN_WORDS = 2
# A link starts a line of its own when at most this many words come before it on the line
# ("Video: ...", "3. ...", "Nov 20, 2019"); a link inside a sentence has more.
STANDALONE_MAX_WORDS_BEFORE = 3
# A card holds one story link and at most this many other words (a two-sentence summary, a
# date and a byline), other links (a section, an author, "read more"), paragraphs and headings.
CARD_MAX_OTHER_WORDS = 70
CARD_MAX_OTHER_LINKS = 3
CARD_MAX_PROSE = 2
CARD_MAX_HEADINGS = 2
# A block has at least MIN_BLOCK_LINKS cards...
# ...text outside them is at most this share of its words (a heading, a "more" link, dates)...
MAX_LOOSE_SHARE = 0.3
# ...and at most one heading sits outside them (two headings make two blocks).
MAX_LOOSE_HEADINGS = 1
# Cards with this many words of their own beside the headline, on average, make a card grid.
GRID_MIN_SUMMARY_WORDS = 8
# A block inside a larger run of links (a mega menu) is part of it when that run holds this
# many links and headlines are less than this share of its link text.
MENU_MIN_LINKS = 25
MENU_MAX_STORY_SHARE = 0.4
# A block is unrelated when at least this share of its headlines are unrelated, and at least
# MARGIN times as many as are related; related the other way round, with RELATED_MIN_SHARE.
UNRELATED_MIN_SHARE = 0.5
MARGIN = 2
RELATED_MIN_SHARE = 0.5
# A heading or label is a few words.
MAX_LABEL_WORDS = 6
# A grid is the article itself, not a block beside it, and is never flagged, when it holds
# this share of the page's running text or more; or half of it when its cards are the items of
# an ordered list (a numbered roundup: "10 things you need to know today").
ARTICLE_PROSE_SHARE = 0.85
ROUNDUP_PROSE_SHARE = 0.5

DISPLAY_NONE_RE = re.compile(r"display\s*:\s*none", re.I)

RULE_UNRELATED = "unrelated-link-block"
RULE_RELATED = "related-link-block"
# The rule names this module's findings carry (pipeline.RULES maps each to this module).
RULES = (RULE_UNRELATED, RULE_RELATED)


@dataclass
class LinkBlock:
    root: HtmlElement
    links: list[HtmlElement]
    label: str | None
    grid: bool = False
    chrome: tuple[str, ...] = ()
    """Why the block is site chrome rather than a list of stories (empty when it is not)."""
    related_links: int = 0
    unrelated_links: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return element_text(self.root)

    @property
    def related_share(self) -> float:
        return self.related_links / len(self.links) if self.links else 0.0

    @property
    def unrelated_share(self) -> float:
        return self.unrelated_links / len(self.links) if self.links else 0.0

    @property
    def shape(self) -> str:
        stories = f"{len(self.links)} stories"
        return f"a grid of {stories} with summaries" if self.grid else f"a list of {stories}"


@dataclass(slots=True)
class _Tally:
    """What one element's subtree holds."""

    words: float = 0.0
    link_words: float = 0.0
    links: int = 0
    story_links: int = 0
    story_words: float = 0.0
    headings: int = 0
    prose: int = 0
    headline: bool = False

    def add(self, other: _Tally) -> None:
        """Add a child's counts (story links are counted up from each story link)."""
        self.words += other.words
        self.link_words += other.link_words
        self.links += other.links
        self.headings += other.headings
        self.prose += other.prose
        self.headline = self.headline or other.headline


@dataclass(slots=True)
class _Cards:
    """The cards beneath one element, and what they hold."""

    count: int = 0
    words: float = 0.0
    link_words: float = 0.0
    headings: int = 0
    prose: int = 0


def _words_before_on_line(link: HtmlElement, limit: float) -> float:
    """Words on the link's line before it (up to `limit`): back through its siblings to a line
    break or the start of its block."""
    count = 0.0
    el = link
    while count <= limit:
        prev = el.getprevious()
        while prev is not None and count <= limit:
            count += count_words(prev.tail or "")
            if prev.tag in BLOCK_TAGS:
                return count
            if isinstance(prev.tag, str) and prev.tag not in NON_CONTENT_TAGS:
                count += count_words(prev.text_content())
            prev = prev.getprevious()
        parent = el.getparent()
        if parent is None:
            break
        count += count_words(parent.text or "")
        if parent.tag in BLOCK_TAGS:
            break
        el = parent
    return count


def stands_alone(link: HtmlElement) -> bool:
    """Whether a link starts a line of its own (a headline) rather than sitting in a sentence."""
    return _words_before_on_line(link, STANDALONE_MAX_WORDS_BEFORE) <= STANDALONE_MAX_WORDS_BEFORE


def _tallies(page: Page, headline: HtmlElement | None) -> dict[HtmlElement, _Tally]:
    """Per element, the words, links, headings and running text its subtree holds."""
    tallies: defaultdict[HtmlElement, _Tally] = defaultdict(_Tally)
    in_links = {el for a in page.body.iter("a") for el in a.iter()}
    for slot, count in zip(page.text_slots, page.slot_words, strict=True):
        own = tallies[slot.element]
        own.words += count
        if slot.element in in_links:
            own.link_words += count
    for el in page.body.iter(*HEADING_TAGS):
        tallies[el].headings += 1
    for block in page.prose:
        tallies[block.element].prose += 1
    if headline is not None:
        tallies[headline].headline = True
    body = page.body
    for _, el in lxml.etree.iterwalk(body, events=("end",)):
        mine = tallies.get(el)
        if mine is None or el is body:
            continue
        if el.tag == "a" and mine.words:
            mine.links += 1
        tallies[el.getparent()].add(mine)
    return tallies


def _card(
    link: HtmlElement,
    tallies: dict[HtmlElement, _Tally],
    body: HtmlElement,
    stories_allowed: int = 1,
) -> HtmlElement:
    """The largest element around a story link that is still only its card: it holds no other
    story link (`stories_allowed` counts the link itself once it is one), no headline, and
    little besides the link."""
    card = link
    for el in link.iterancestors():
        if el is body:
            break
        t = tallies[el]
        if (
            t.story_links > stories_allowed
            or t.links > CARD_MAX_OTHER_LINKS + 1
            or t.headline
            or t.words - t.link_words > CARD_MAX_OTHER_WORDS
            or t.prose > CARD_MAX_PROSE
            or t.headings > CARD_MAX_HEADINGS
        ):
            break
        card = el
    return card


def _count_story(link: HtmlElement, tallies: dict[HtmlElement, _Tally], body: HtmlElement) -> None:
    words_ = tallies[link].words
    for el in (link, *link.iterancestors()):
        t = tallies[el]
        t.story_links += 1
        t.story_words += words_
        if el is body:
            break


def _words_before(link: HtmlElement, card: HtmlElement) -> float:
    """Words of the card's text that come before the link."""
    before = 0.0
    for event, el in lxml.etree.iterwalk(card, events=("start", "end")):
        if el is link:
            break
        if event == "start" and el.text and el.tag not in NON_CONTENT_TAGS:
            before += count_words(el.text)
        elif event == "end" and el is not card and el.tail:
            before += count_words(el.tail)
    return before


def _titles_a_card(link: HtmlElement, tallies: dict, page: Page) -> bool:
    """Whether a short link (a headline of two or three words) to a story, not to a place in
    one (a comment), opens a card with a summary."""
    href = link.get("href") or ""
    if "#" in href:
        return False
    card = _card(link, tallies, page.body, stories_allowed=0)
    t = tallies[card]
    return (
        card is not link
        and t.words - t.link_words >= GRID_MIN_SUMMARY_WORDS
        and link_target(href, page) == Target.STORY
        and _words_before(link, card) <= STANDALONE_MAX_WORDS_BEFORE
    )


def story_links(page: Page, tallies: dict[HtmlElement, _Tally]) -> list[HtmlElement]:
    """Links that read as headlines, counted into the tallies of their ancestors: links of
    STORY_LINK_MIN_WORDS words or more on a line of their own, and shorter ones (two or three
    words) that open a card with a summary."""
    links = [a for a in page.body.iter("a") if (t := tallies.get(a)) is not None and t.words]
    stories = []
    for link in links:
        if tallies[link].words >= STORY_LINK_MIN_WORDS and stands_alone(link):
            stories.append(link)
            _count_story(link, tallies, page.body)
    found = set(stories)
    for link in links:
        if (
            link not in found
            and tallies[link].words >= SHORT_HEADLINE_MIN_WORDS
            and _titles_a_card(link, tallies, page)
            and stands_alone(link)
        ):
            found.add(link)
            _count_story(link, tallies, page.body)
    return [a for a in links if a in found]


def _cards(
    stories: list[HtmlElement], tallies: dict[HtmlElement, _Tally], body: HtmlElement
) -> dict[HtmlElement, _Cards]:
    """Per element, the cards beneath it (summed in one walk up the tree)."""
    sums: dict[HtmlElement, _Cards] = {}
    for link in stories:
        card = _card(link, tallies, body)
        if card not in sums:
            t = tallies[card]
            sums[card] = _Cards(1, t.words, t.link_words, t.headings, t.prose)
    if not sums:
        return sums
    for _, el in lxml.etree.iterwalk(body, events=("end",)):
        mine = sums.get(el)
        if mine is None or el is body:
            continue
        parent = el.getparent()
        up = sums.get(parent)
        if up is None:
            up = sums[parent] = _Cards()
        up.count += mine.count
        up.words += mine.words
        up.link_words += mine.link_words
        up.headings += mine.headings
        up.prose += mine.prose
    return sums


def _is_block(t: _Tally, c: _Cards) -> bool:
    return (
        c.count >= MIN_BLOCK_LINKS
        and not t.headline
        and t.prose == c.prose
        and t.headings - c.headings <= MAX_LOOSE_HEADINGS
        and t.words - c.words <= MAX_LOOSE_SHARE * t.words
    )


def label(root: HtmlElement) -> str | None:
    """The block's heading: an h2-h6 inside it, else a short text line before its first link."""
    for heading in root.iter(*HEADING_TAGS):
        if heading.find(".//a") is not None:
            continue
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


def _menu_around(root: HtmlElement, tallies: dict, body: HtmlElement) -> tuple[int, float] | None:
    """The links and headline share of the run of links around the block (the largest
    ancestor with no running text), when that run is a menu rather than more stories."""
    region = None
    for el in root.iterancestors():
        if el is body:
            break
        t = tallies[el]
        if t.prose or t.headline or t.link_words < (1 - MAX_LOOSE_SHARE) * t.words:
            break
        region = t
    if region is None or region.links < MENU_MIN_LINKS or not region.link_words:
        return None
    share = region.story_words / region.link_words
    return (region.links, share) if share < MENU_MAX_STORY_SHARE else None


def find_blocks(page: Page) -> list[LinkBlock]:
    """Every list or grid of story links, each at its root: the largest element that holds only
    its cards, a heading and little else; with why it is site chrome, when it is."""
    tallies = _tallies(page, headline_element(page))
    stories = story_links(page, tallies)
    cards = _cards(stories, tallies, page.body)
    candidates = {
        el
        for el, c in cards.items()
        if el is not page.body and _is_block(tallies[el], c) and not _in_paragraph(el)
    }
    # A run of two or more blocks side by side (lists without headings one after another) is
    # as many blocks, not one.
    runs = {el for el in candidates if sum(child in candidates for child in el) >= 2}
    split = runs | {a for el in runs for a in el.iterancestors()}
    roots = [
        el
        for el in candidates
        if el not in split and (el.getparent() not in candidates or el.getparent() in split)
    ]
    position = {a: i for i, a in enumerate(stories)}
    blocks = []
    for root in roots:
        links = [a for a in root.iter("a") if a in position]
        c = cards[root]
        summary_words = (c.words - c.link_words) / c.count
        block = LinkBlock(root, links, label(root))
        block.grid = summary_words >= GRID_MIN_SUMMARY_WORDS
        block.chrome = judge_chrome(
            root, links, page, lambda el: tallies[el].links, _menu_around(root, tallies, page.body)
        )
        blocks.append(block)
    blocks.sort(key=lambda b: position[b.links[0]])
    return blocks


def _hides(el: HtmlElement) -> bool:
    """Whether an element is never seen by its own markup (the hidden attribute, an inline
    display:none): pages keep copies of the article hidden for their scripts."""
    style = el.get("style")
    return el.get("hidden") is not None or bool(style and DISPLAY_NONE_RE.search(style))


def _running_text(page: Page, blocks: list[LinkBlock]) -> tuple[list[str], dict]:
    """The visible running text outside every block, and the words of running text in each."""
    roots = {b.root for b in blocks}
    # Per element: None when hidden, else the block root holding it (False: no block).
    place: dict[HtmlElement, HtmlElement | bool | None] = {}

    def where(el: HtmlElement) -> HtmlElement | bool | None:
        walked = []
        found: HtmlElement | bool | None = False
        node: HtmlElement | None = el
        while node is not None:
            if node in place:
                found = place[node]
                break
            walked.append(node)
            if _hides(node):
                found = None
                break
            node = node.getparent()
        for done in reversed(walked):
            if found is not None and done in roots:
                found = done
            place[done] = found
        return place[el]

    outside: list[str] = []
    inside: dict[HtmlElement, int] = {}
    for prose in page.prose:
        root = where(prose.element)
        if root is None:
            continue
        if root is False:
            outside.append(prose.text)
        else:
            inside[root] = inside.get(root, 0) + prose.word_count
    return outside, inside


def _numbered(block: LinkBlock) -> bool:
    """Whether the block's headlines are items of an ordered list."""
    return any(a.tag == "li" and a.getparent().tag == "ol" for a in block.links[0].iterancestors())


def _is_the_article(block: LinkBlock, inside: dict, outside_words: int) -> bool:
    words_in = inside.get(block.root, 0)
    if not words_in:
        return False
    share = words_in / (words_in + outside_words)
    return share >= ARTICLE_PROSE_SHARE or (share >= ROUNDUP_PROSE_SHARE and _numbered(block))


def _article_topic(page: Page, paragraphs: list[str]) -> Topic:
    """The topic of the page's running text outside every block (a card grid's summaries are
    not the article), titled by its title and headline."""
    headline = headline_element(page)
    titles = [declared_title(page), page.title_text]
    if headline is not None:
        titles.append(headline.text_content())
    return article_topic(paragraphs, titles, page.root.get("lang") or "")


def judge(block: LinkBlock, topic: Topic) -> LinkBlock:
    for link in block.links:
        text = normalize_space(link.text_content())
        relation = topic.relation(text)
        if relation == Relation.RELATED:
            block.related_links += 1
            if not block.examples:
                block.examples.append(text)
        elif relation == Relation.UNRELATED:
            block.unrelated_links += 1
    return block


def relation(block: LinkBlock) -> Relation:
    """The block's verdict by the majority of its headlines, with a margin."""
    if (
        block.unrelated_share >= UNRELATED_MIN_SHARE
        and block.unrelated_links >= MARGIN * block.related_links
    ):
        return Relation.UNRELATED
    if (
        block.related_share >= RELATED_MIN_SHARE
        and block.related_links >= MARGIN * block.unrelated_links
    ):
        return Relation.RELATED
    return Relation.UNCLEAR


def _finding(block: LinkBlock) -> Finding | None:
    total = len(block.links)
    verdict = relation(block)
    counted = (
        f"{block.related_links} of {total} headlines share the article's topic, "
        f"{block.unrelated_links} do not"
    )
    if verdict == Relation.UNRELATED:
        return Finding(
            Kind.UNRELATED_LINKS,
            block.root,
            block.text,
            _confidence(block),
            RULE_UNRELATED,
            [counted, f"{block.shape} with little other text"],
            label=block.label,
            removes_element=leaves_reader(Kind.UNRELATED_LINKS),
        )
    if verdict == Relation.RELATED:
        reasons = [counted, block.shape]
        if block.examples:
            reasons.append(f"for example “{block.examples[0]}”")
        return Finding(
            Kind.RELATED_LINKS,
            block.root,
            block.text,
            block.related_share,
            RULE_RELATED,
            reasons,
            label=block.label,
            removes_element=leaves_reader(Kind.RELATED_LINKS),
        )
    return None


def _confidence(block: LinkBlock) -> float:
    """1.0 when every headline is unrelated, falling to 0.7 at the thresholds."""
    return 0.7 + 0.3 * (block.unrelated_share - UNRELATED_MIN_SHARE) / (1 - UNRELATED_MIN_SHARE)


def detect(page: Page, rules: SiteRules) -> list[Finding]:
    blocks = [b for b in find_blocks(page) if not b.chrome]
    if not blocks:
        return []
    outside, inside = _running_text(page, blocks)
    outside_words = sum(len(words(text)) for text in outside)
    if any(_is_the_article(b, inside, outside_words) for b in blocks):
        # The article's own items are its text, and the topic to judge the others by.
        blocks = [b for b in blocks if not _is_the_article(b, inside, outside_words)]
        outside, inside = _running_text(page, blocks)
    topic = _article_topic(page, outside)
    if not blocks or not topic.judgeable:
        return []
    findings = [_finding(judge(block, topic)) for block in blocks]
    return [f for f in findings if f is not None]
