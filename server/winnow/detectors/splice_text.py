"""The page's text as the splice detector reads it: the title, the headline and the body's lines,
each as tokens with offsets, and every place a phrase occurs with the words around it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

import lxml.etree
from lxml.html import HtmlElement

from ..page import PROSE_MAX_LINK_DENSITY, Page, TextBlock, TextSlot
from ..titles import headline_element
from ..words import normalize_space
from .blocks import MIN_BLOCK_LINKS
from .lexicon import CITING_WORDS

# A word: letters and digits, with the apostrophes, dots, hyphens and ampersands names carry
# inside them ("O'Neil", "U.S", "Coca-Cola", "AT&T").
TOKEN_RE = re.compile(r"[^\W_](?:[\w&'’.\-]*[^\W_])?")
# Words as counted, indexed and compared: no apostrophe inside, so "Trump’s" is "Trump".
WORD_PATTERN = r"[^\W_](?:[\w&.\-]*[^\W_])?"
WORD_RE = re.compile(WORD_PATTERN)
# Between two units of text in the joined body: no unit's normalized text holds a line break.
UNIT_SEPARATOR = "\n"
SENTENCE_END = ".!?…"
SENTENCE_END_RE = re.compile(r"[.!?…]")
# A period after one to three letters starting with a capital is an abbreviation's.
ABBREVIATION_RE = re.compile(r"(?:^|[\s.])[A-Z][a-z]{0,2}\.$")
SENTENCE_LOOKBACK = 12
POSSESSIVE_RE = re.compile(r"^['’]s?\b")
# The possessive of a name ending in "s": a bare apostrophe before a lower-case word
# ("Anastassiades’ work").
BARE_POSSESSIVE_RE = re.compile(r"^['’] +[^\W\d_A-Z]")
# The word at either end of a piece of context (citing words are plain letters).
LAST_WORD_RE = re.compile(r"(?<![\w'’])[^\W\d_]+$")
FIRST_WORD_RE = re.compile(r"^[^\W\d_]+(?![\w'’])")
# The marks that set a phrase off as an aside: "(X)", "— X —", ", X,". An aside a dash opens
# closes with a dash; a comma after it closes nothing: it ends the subject of a clause the dash
# opened ("(Reuters) - TLUSD, the stablecoin…") or the first item of a list ("— TLUSD, USDC…").
OPENING_FRAMES = "(—–-,"
CLOSING_FRAMES = ")—–-,"
DASHES = "—–-"
# A relative clause after a name's closing comma ("an online pharmacy, RxHaven24, which it
# said…"): the commas are the sentence's own, around a name it goes on to describe; a farm's
# aside is followed by the rest of the sentence it was put into.
RELATIVE_CLAUSE_RE = re.compile(r"^,\s+(?:which|who|whose|whom)\b")
# A mark that sets what comes before it off from the rest of its sentence.
MARKED_OFF_RE = re.compile(rf"\s?[:|{DASHES}]\s")
# How much text around a place its context features read.
CONTEXT_CHARS = 40
# A teaser: another story's summary in a card, where the story's headline link (this many words
# or more) comes first and the card holds at most TEASER_MAX_CHARS characters (a headline and a
# sentence or two; counted in characters, as words are not spaced in every language). An
# article's paragraphs sit in a container of thousands.
TEASER_LINK_MIN_WORDS = 3
TEASER_MAX_CHARS = 400
# The card is the text's own block, its parent or its grandparent.
TEASER_REACH = 2


class Token(NamedTuple):
    text: str
    start: int
    end: int
    opens_sentence: bool = False


# "Trump’s" is the name "Trump" in the possessive.
POSSESSIVE_SUFFIXES = ("'s", "’s")


def tokenize(text: str) -> list[Token]:
    """The words of `text`, each knowing whether it opens a sentence."""
    tokens = []
    previous_end = 0
    opens = True
    for match in TOKEN_RE.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if word[-2:] in POSSESSIVE_SUFFIXES:
            word, end = word[:-2], end - 2
        if not opens and SENTENCE_END_RE.search(text, previous_end, start):
            opens = sentence_initial(text, start)
        tokens.append(Token(word, start, end, opens))
        previous_end, opens = end, False
    return tokens


def sentence_initial(text: str, start: int) -> bool:
    """Whether the text at `start` opens a sentence (or the whole text); the period of an
    abbreviation ("Mr.", "U.S.") ends none."""
    before = text[max(0, start - SENTENCE_LOOKBACK) : start].rstrip(" \"“‘'(")
    if not before:
        return start < SENTENCE_LOOKBACK or not text[:start].strip()
    return before[-1] in SENTENCE_END and not ABBREVIATION_RE.search(before)


class UnitKind(StrEnum):
    """Where a line of the page's text sits."""

    TITLE = "title"
    HEADLINE = "headline"
    PROSE = "prose"
    """Running text of the body."""
    LINE = "line"
    """A short line of the body (a dateline, a byline, a brand line...)."""


@dataclass
class Unit:
    """One line of the page's text: the <title>, the headline, or a block of the body."""

    kind: UnitKind
    text: str
    element: HtmlElement
    block: TextBlock | None = None

    @cached_property
    def in_card(self) -> bool:
        """In a card that leads with another story's headline link: a summary of that story,
        not the article's text (read once per unit, however many places it holds)."""
        el, block = self.element, self.block
        if el is None or block is None:
            return False
        spans = block.link_spans
        if spans and spans[0][0] == 0 and _headline_link(block.text[: spans[0][1]]):
            return len(block.text) <= TEASER_MAX_CHARS
        for container in itertools.islice(el.iterancestors(), TEASER_REACH):
            if not _holds_at_most(container, TEASER_MAX_CHARS):
                return False
            if _leads_with_a_headline_link(container, el):
                return True
        return False


@dataclass
class Place:
    """One occurrence of a phrase in a unit, with what surrounds it."""

    unit: Unit
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.unit.text[self.start : self.end]

    @property
    def before(self) -> str:
        """Up to CONTEXT_CHARS of text before the place: enough to read its context."""
        return self.unit.text[max(0, self.start - CONTEXT_CHARS) : self.start]

    @property
    def after(self) -> str:
        return self.unit.text[self.end : self.end + CONTEXT_CHARS]

    @cached_property
    def previous_word(self) -> str | None:
        """The word right before, when only spaces separate them."""
        before = self.before
        if not before or not before[-1].isspace():
            return None
        words = TOKEN_RE.findall(before)
        stripped = before.rstrip()
        return words[-1] if words and stripped and stripped[-1].isalnum() else None

    @cached_property
    def next_word(self) -> str | None:
        after = self.after
        if not after or not after[0].isspace():
            return None
        match = TOKEN_RE.match(after.lstrip())
        return match.group() if match else None

    @property
    def possessive(self) -> bool:
        """Followed by "'s", or by a bare apostrophe after a final "s" that closes no quotation
        the sentence opened ("Anastassiades’ work", not "‘Jewels’ was")."""
        after = self.after
        if POSSESSIVE_RE.match(after):
            return True
        quoted = quotation_open(self.before, ("‘",), ("’",))
        return self.text.endswith("s") and not quoted and bool(BARE_POSSESSIVE_RE.match(after))

    @property
    def opens_sentence(self) -> bool:
        return sentence_initial(self.unit.text, self.start)

    @property
    def marked_off(self) -> bool:
        """Set off from the rest of its sentence by a mark after it ("Brand: The council…",
        "Brand — The council…"), as a kicker is."""
        return bool(MARKED_OFF_RE.match(self.after))

    @property
    def in_link(self) -> bool:
        """Inside one of its block's links: a link's words, not running text."""
        block = self.unit.block
        spans = block.link_spans if block is not None else []
        return any(start <= self.start and self.end <= end for start, end in spans)

    @property
    def teaser(self) -> bool:
        """Running text of another story's summary in a card (`Unit.in_card`)."""
        return self.unit.in_card and not self.in_link

    @property
    def framed(self) -> bool:
        """Set off as an aside: "(X)", "— X —", ", X,", but not before a relative clause that
        describes it (`described`)."""
        return _sets_off(self.before.rstrip()[-1:], self.after.lstrip()[:1]) and not self.described

    @property
    def described(self) -> bool:
        """Followed by a relative clause about it (", which", ", who")."""
        return RELATIVE_CLAUSE_RE.match(self.after) is not None

    @property
    def cited(self) -> bool:
        """Named as the source in an aside of its own: ", per X,", ", X said,", ", according
        to X,"."""
        before, cited_before = _strip_citing(self.before, LAST_WORD_RE, from_end=True)
        after, cited_after = _strip_citing(self.after, FIRST_WORD_RE, from_end=False)
        return (cited_before or cited_after) and _sets_off(before[-1:], after[:1])

    @property
    def closes_sentence_set_off(self) -> bool:
        """Set off by a comma or a dash and ending its sentence, a citing word or none after it
        (", X.", " - X.", ", X said."): where a farm appends a brand to a finished sentence."""
        left = self.before.rstrip()[-1:]
        after, _ = _strip_citing(self.after, FIRST_WORD_RE, from_end=False)
        return bool(left) and left in "," + DASHES and after[:1] in SENTENCE_END

    @property
    def glued(self) -> bool:
        """Stuck to the text around it without a space ("SEOUL,Brand", "BrandThe")."""
        before, after = self.before, self.after
        return bool(before and before[-1] in ",.;:!?)]”’»") or bool(after and after[0].isalnum())


def quotation_open(text: str, opening: tuple[str, ...], closing: tuple[str, ...]) -> bool:
    """Whether the text opens a quotation that it does not close: an opening mark after its
    last closing one."""
    opened = max(text.rfind(mark) for mark in opening)
    return opened >= 0 and not any(mark in text[opened + 1 :] for mark in closing)


def _sets_off(left: str, right: str) -> bool:
    """Whether the marks on either side of a phrase set it off as an aside."""
    if not left or left not in OPENING_FRAMES or not right or right not in CLOSING_FRAMES:
        return False
    return left not in DASHES or right in DASHES


def _strip_citing(text: str, word_re: re.Pattern, from_end: bool) -> tuple[str, bool]:
    """The text without the citing words next to the phrase ("according to", "said"), spaces
    stripped; and whether there were any."""
    found = False
    while True:
        text = text.rstrip() if from_end else text.lstrip()
        match = word_re.search(text)
        if match is None or match.group().casefold() not in CITING_WORDS:
            return text, found
        text = text[: match.start()] if from_end else text[match.end() :]
        found = True


def _headline_link(text: str) -> bool:
    return len(text.split()) >= TEASER_LINK_MIN_WORDS


def _holds_at_most(container: HtmlElement, chars: int) -> bool:
    """Whether the container's text is this short, read no further than needed (a place in a
    comment thread of thousands of paragraphs must not read the thread once per place)."""
    total = 0
    for text in container.itertext():
        total += len(" ".join(text.split()))
        if total > chars:
            return False
    return True


def _leads_with_a_headline_link(container: HtmlElement, el: HtmlElement) -> bool:
    """Whether a link of a headline's length comes before `el` inside `container`."""
    for node in container.iter("a", el.tag):
        if node is el:
            return False
        if node.tag == "a" and _headline_link(node.text_content()):
            return True
    return False


def _word_char(ch: str) -> bool:
    return ch.isalnum()


def whole_word_at(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is not part of a longer word ("_" separates words)."""
    return not (start > 0 and _word_char(text[start - 1])) and not (
        end < len(text) and _word_char(text[end])
    )


@dataclass
class PageText:
    """The page's title, headline and body lines, read once."""

    page: Page
    _places: dict[str, list[Place]] = field(default_factory=dict)

    @cached_property
    def headline(self) -> HtmlElement | None:
        return headline_element(self.page)

    @cached_property
    def headline_elements(self) -> frozenset[HtmlElement]:
        return frozenset(self.headline.iter()) if self.headline is not None else frozenset()

    @cached_property
    def title(self) -> Unit | None:
        el = self.page.title_element
        return Unit(UnitKind.TITLE, self.page.title_text, el) if el is not None else None

    @cached_property
    def headline_unit(self) -> Unit | None:
        if self.headline is None:
            return None
        return Unit(UnitKind.HEADLINE, normalize_space(self.headline.text_content()), self.headline)

    @cached_property
    def body(self) -> list[Unit]:
        """The body's blocks of text, headline and lists of links left out."""
        prose = {id(block) for block in self.page.prose}
        units = []
        for block in self.page.blocks:
            if block.element in self.headline_elements:
                continue
            if block.link_density > PROSE_MAX_LINK_DENSITY and id(block) not in prose:
                continue
            kind = UnitKind.PROSE if id(block) in prose else UnitKind.LINE
            units.append(Unit(kind, block.text, block.element, block))
        return units

    @cached_property
    def prose(self) -> list[Unit]:
        return [u for u in self.body if u.kind == UnitKind.PROSE]

    @cached_property
    def lead(self) -> list[Unit]:
        """The article's paragraphs of sentences after the headline, in order (a page may carry
        prose-like text above its article, and a byline or date line just under its headline);
        all of the page's when none follows a headline."""
        paragraphs = [u for u in self.prose if SENTENCE_END_RE.search(u.text)] or self.prose
        if self.headline is None:
            return paragraphs
        order = self.page.document_order
        after = order.get(self.headline, -1)
        return [u for u in paragraphs if order.get(u.element, -1) > after] or paragraphs

    @cached_property
    def first_paragraph(self) -> Unit | None:
        return self.lead[0] if self.lead else None

    @cached_property
    def joined(self) -> tuple[str, list[int]]:
        """The body's text in one string, units apart by a line break (which no unit's text
        holds), and where each unit starts in it: one search finds a phrase everywhere."""
        starts, position = [], 0
        for unit in self.body:
            starts.append(position)
            position += len(unit.text) + len(UNIT_SEPARATOR)
        return UNIT_SEPARATOR.join(u.text for u in self.body), starts

    @cached_property
    def word_counts(self) -> Counter:
        """How often each word occurs in the body (case kept)."""
        return Counter(WORD_RE.findall(self.joined[0]))

    def places(self, phrase: str) -> list[Place]:
        """Where `phrase` occurs in the body, whole words, case-sensitive (cached: several
        pieces of evidence ask)."""
        if phrase not in self._places:
            text, starts = self.joined
            found = []
            start = text.find(phrase) if phrase else -1
            while start >= 0:
                end = start + len(phrase)
                if whole_word_at(text, start, end) and UNIT_SEPARATOR not in phrase:
                    number = bisect.bisect_right(starts, start) - 1
                    offset = starts[number]
                    found.append(Place(self.body[number], start - offset, end - offset))
                start = text.find(phrase, start + 1)
            self._places[phrase] = found
        return self._places[phrase]

    @cached_property
    def body_slots(self) -> list[TextSlot]:
        return [slot for unit in self.body if unit.block is not None for slot in unit.block.slots]

    @cached_property
    def lines_under_headline(self) -> list[HtmlElement]:
        if self.headline is None:
            return []
        return short_lines_under(self.headline, {u.element for u in self.prose})


# A line under the headline that could be a brand line: one to eight words of a name...
LINE_MIN_WORDS = 1
LINE_MAX_WORDS = 8
LINE_MAX_CHARS = 80
NAME_CHARS_RE = re.compile(r"^[^\W\d_][\w\s&'’.:\-]*$")
# ...among this many lines of text after the headline...
LINE_MAX_DISTANCE = 4
# ...and not an item of a list of links: how far up its list's container may be.
LIST_CONTAINER_LEVELS = 2
# A link of this many words is a story's headline, not a label or a brand line's tag...
HEADLINE_WORDS = 5
# ...and a list of them is mostly link text.
LIST_MIN_LINK_SHARE = 0.7
LINKS_XPATH = lxml.etree.XPath(".//a[@href]")


def short_lines_under(headline: HtmlElement, prose: set[HtmlElement]) -> list[HtmlElement]:
    """Short one-line elements among the first lines after the headline: where fake brand lines
    go (and bylines, sections and sponsor lines too)."""
    found: list[HtmlElement] = []
    lines_seen = 0
    for el in _following(headline):
        if lines_seen >= LINE_MAX_DISTANCE:
            break
        if not isinstance(el.tag, str) or not normalize_space(el.text or ""):
            continue
        lines_seen += 1
        if el not in prose and _is_short_line(el) and not _in_a_list_of_links(el):
            found.append(el)
    return found


def _in_a_list_of_links(el: HtmlElement) -> bool:
    """One of the items of a list of stories (another story's headline in a list under the
    headline): its container, a level or two up, is mostly links, a block's worth of them
    headlines."""
    for level, ancestor in enumerate(el.iterancestors()):
        if level >= LIST_CONTAINER_LEVELS:
            return False
        links = [len(TOKEN_RE.findall(a.text_content())) for a in LINKS_XPATH(ancestor)]
        if sum(1 for count in links if count >= HEADLINE_WORDS) < MIN_BLOCK_LINKS:
            continue
        words = len(TOKEN_RE.findall(ancestor.text_content()))
        if sum(links) >= LIST_MIN_LINK_SHARE * words:
            return True
    return False


def _following(el: HtmlElement):
    """Every element after `el` in document order, outside `el` itself."""
    for anchor in (el, *el.iterancestors()):
        for sibling in anchor.itersiblings():
            yield from sibling.iter()


def _is_short_line(el: HtmlElement) -> bool:
    """An element whose own text is one short line and that holds no other element's text."""
    text = normalize_space(el.text or "")
    if not text or any(normalize_space(c.text_content()) for c in el if isinstance(c.tag, str)):
        return False
    count = len(TOKEN_RE.findall(text))
    return (
        LINE_MIN_WORDS <= count <= LINE_MAX_WORDS
        and len(text) <= LINE_MAX_CHARS
        and bool(NAME_CHARS_RE.match(text))
    )
