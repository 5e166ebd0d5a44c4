"""Evidence that a phrase was spliced into a page, gathered once per page.

A spam farm that splices its brand into a page leaves traces that hold whatever the brand is:
the phrase is a separate segment of the <title> and the headline while the page's own og:title
lacks it; it recurs inside prose, often breaking the sentence it lands in; its words are found
nowhere else in the article; the page lists it in its meta keywords; a short line under the
headline repeats its first word. This module measures each of those for a candidate phrase.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from lxml.html import HtmlElement

from ..page import PROSE_MAX_LINK_DENSITY, Page, TextSlot, normalize_space, words
from ..textedit import find_all
from ..titles import declared_title, headline_element, looks_like_site_name, split_title

# Words this short say nothing about a topic ("of", "for", "the").
MIN_DISTINCTIVE_WORD_CHARS = 4
# Punctuation glued to the next word ("SEOUL,FinLogic") shows text was spliced there.
GLUED_PUNCTUATION = ",.;:!?)]”’»"
SENTENCE_END = ".!?…"
KEYWORD_SEPARATORS_RE = re.compile(r"[,;，、|]")
# A brand line under a headline is a few words long.
BRAND_LINE_MIN_WORDS = 2
BRAND_LINE_MAX_WORDS = 6
BRAND_LINE_MAX_CHARS = 60
# A brand is a bare name: letters, spaces and the joiners names use ("Lee & Co.", "O'Neil").
NAME_CHARS_RE = re.compile(r"^[^\W\d_][\w\s&'’.\-]*$")
# How many lines of text after the headline a brand line may sit.
BRAND_LINE_MAX_DISTANCE = 4


def lower_words(text: str) -> list[str]:
    return [w.lower() for w in words(text)]


def distinctive(text: str) -> list[str]:
    return [
        w for w in lower_words(text) if len(w) >= MIN_DISTINCTIVE_WORD_CHARS and not w.isdigit()
    ]


@dataclass
class Occurrence:
    """One place where a candidate phrase appears in the page's body text."""

    slot: TextSlot
    start: int
    end: int
    in_prose: bool
    breaks: list[str] = field(default_factory=list)


def sentence_breaks(text: str, start: int, end: int, phrase: str) -> list[str]:
    """Why this occurrence reads as spliced into the sentence around it, if it does."""
    found = []
    before, after = text[:start], text[end:]
    if before and before[-1] in GLUED_PUNCTUATION:
        found.append(f"breaks the sentence: no space after “{before[-1]}”")
    if after and after[0].isalnum():
        found.append("breaks the sentence: glued to the next word")
    prev_words = words(before[-40:])
    next_words = words(after[:40])
    capitalised = phrase[:1].isupper()
    if (
        capitalised
        and prev_words
        and next_words
        and prev_words[-1][:1].islower()
        and next_words[0][:1].islower()
        and not before.rstrip().endswith(tuple(SENTENCE_END))
    ):
        found.append("a capitalised run wedged into a lower-case clause")
    if before.rstrip().endswith(tuple(SENTENCE_END)) and not after.strip():
        found.append("a fragment dangling after the last sentence")
    return found


class SpliceEvidence:
    """What a page offers as evidence about candidate phrases; computed once per page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self._occurrences: dict[str, list[Occurrence]] = {}

    @cached_property
    def title_segments(self) -> list[str]:
        return [s.text for s in split_title(self.page.title_text)]

    @cached_property
    def headline(self) -> HtmlElement | None:
        return headline_element(self.page)

    @cached_property
    def headline_text(self) -> str:
        return normalize_space(self.headline.text_content()) if self.headline is not None else ""

    @cached_property
    def headline_segments(self) -> list[str]:
        segments = [s.text for s in split_title(self.headline_text)]
        return segments if len(segments) > 1 else []

    @cached_property
    def declared_title(self) -> str:
        return declared_title(self.page)

    @cached_property
    def keywords(self) -> list[str]:
        raw = self.page.meta.get("keywords", "") + "," + self.page.meta.get("news_keywords", "")
        return [normalize_space(k) for k in KEYWORD_SEPARATORS_RE.split(raw) if k.strip()]

    @cached_property
    def prose_slots(self) -> set[TextSlot]:
        return {slot for block in self.page.prose for slot in block.slots}

    @cached_property
    def prose_words(self) -> Counter:
        return Counter(w for block in self.page.prose for w in lower_words(block.text))

    @cached_property
    def headline_elements(self) -> frozenset[HtmlElement]:
        """The headline and every element inside it."""
        return frozenset(self.headline.iter()) if self.headline is not None else frozenset()

    @cached_property
    def headline_slots(self) -> list[TextSlot]:
        return [s for s in self.page.text_slots if s.element in self.headline_elements]

    @cached_property
    def body_slots(self) -> list[TextSlot]:
        """Every body text node outside the headline (the headline is judged on its own)."""
        return [s for s in self.page.text_slots if s.element not in self.headline_elements]

    @cached_property
    def chrome_texts(self) -> set[str]:
        """Whole texts of short link-like labels: menu items, section names, tags."""
        return {
            b.text.casefold()
            for b in self.page.blocks
            if b.word_count <= BRAND_LINE_MAX_WORDS and b.link_density > 0
        }

    @cached_property
    def link_list_slots(self) -> set[TextSlot]:
        """Text of links in link-dense blocks: lists of stories, judged as blocks elsewhere."""
        return {
            slot
            for block in self.page.blocks
            if block.link_density > PROSE_MAX_LINK_DENSITY
            for slot in block.slots
        }

    def occurrences(self, phrase: str) -> list[Occurrence]:
        """Every copy of `phrase` in the body outside lists of links (read once per phrase: the
        headline choice and the judging both ask)."""
        if phrase not in self._occurrences:
            self._occurrences[phrase] = self._find(phrase)
        return self._occurrences[phrase]

    def _find(self, phrase: str) -> list[Occurrence]:
        found = []
        for slot in self.body_slots:
            if slot in self.link_list_slots:
                continue
            text = slot.text
            if phrase not in text:
                continue
            for start, end in find_all(text, phrase):
                found.append(
                    Occurrence(
                        slot,
                        start,
                        end,
                        slot in self.prose_slots,
                        sentence_breaks(text, start, end, phrase),
                    )
                )
        return found

    def words_elsewhere(self, phrase: str, occurrences: Iterable[Occurrence]) -> dict[str, int]:
        """How often each distinctive word of `phrase` appears in prose outside its copies."""
        copies = sum(1 for o in occurrences if o.in_prose)
        phrase_words = Counter(lower_words(phrase))
        return {
            w: self.prose_words[w] - copies * phrase_words[w]
            for w in dict.fromkeys(distinctive(phrase))
        }

    def is_site_name(self, phrase: str) -> bool:
        return looks_like_site_name(phrase, self.page)

    def in_declared_title(self, phrase: str) -> bool:
        """Whether og:title carries the phrase: then it is part of the page's own headline."""
        return bool(self.declared_title) and phrase in self.declared_title

    @cached_property
    def brand_line_candidates(self) -> list[HtmlElement]:
        """Short one-line elements among the first lines after the headline: where fake brand
        lines go."""
        headline = self.headline
        if headline is None:
            return []
        prose = {block.element for block in self.page.prose}
        found: list[HtmlElement] = []
        lines_seen = 0
        for el in _following(headline):
            if lines_seen >= BRAND_LINE_MAX_DISTANCE:
                break
            if not isinstance(el.tag, str) or not normalize_space(el.text or ""):
                continue
            lines_seen += 1
            if el not in prose and _is_short_line(el):
                found.append(el)
        return found


def _following(el: HtmlElement) -> Iterator[HtmlElement]:
    """Every element after `el` in document order, outside `el` itself."""
    for anchor in (el, *el.iterancestors()):
        for sibling in anchor.itersiblings():
            yield from sibling.iter()


def _is_short_line(el: HtmlElement) -> bool:
    """An element whose own text is one short line and that holds no other element's text."""
    text = normalize_space(el.text or "")
    if not text or any(normalize_space(c.text_content()) for c in el if isinstance(c.tag, str)):
        return False
    count = len(words(text))
    return (
        BRAND_LINE_MIN_WORDS <= count <= BRAND_LINE_MAX_WORDS
        and len(text) <= BRAND_LINE_MAX_CHARS
        and bool(NAME_CHARS_RE.match(text))
    )
