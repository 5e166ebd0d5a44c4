"""Trimming what readability leaves around and inside the article: the headline again, the
byline, date and share lines above the first paragraph, dates, counters and widgets below the
last one, lines that are mostly links, and image captions.

Every rule looks at a line's text and structure (its words, how much of it is link text, where
it sits relative to the article's paragraphs), never at class names. Trimming is planned first
and applied after: the reader's safety net can refuse a plan that would remove too much.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lxml.html import HtmlElement

from ..page import PROSE_MIN_WORDS
from ..words import count_words, normalize_space, words

# A paragraph of running text has at least PROSE_MIN_WORDS words (as the page's prose does);
# shorter lines above the first one are the byline, the date, share buttons and labels.
# A line is a link line ("Read more: ...", a list of other stories) when links hold this share
# of its words...
LINK_LINE_MIN_SHARE = 0.6
# ...and it is no longer than a headline.
LINK_LINE_MAX_WORDS = 25
# A line above the first paragraph is still the article's when it is a sentence: this many
# words or more, ending as a sentence ends ("You shouldn't just believe them."), not cut short
# as teasers are ("Family is what holds us…").
SENTENCE_MIN_WORDS = 5
SENTENCE_END_RE = re.compile(r"(?<!\.\.)[.!?][\"'”’»)]*$")
# Words of the lines that only stamp or count the article: dates and times, counters, share and
# comment widgets ("Date:2025-07-25 10:38:53", "(0)", "Views: 3764", "Share Submit").
MONTHS = """jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
    july august september october november december""".split()
WEEKDAYS = """mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday
    saturday sunday""".split()
CLOCK_WORDS = (
    "am pm a m p gmt utc est edt cst cdt mst mdt pst pdt et ct pt bst cet cest ist".split()
)
DATE_WORDS = frozenset(MONTHS + WEEKDAYS + CLOCK_WORDS)
# A line of dates alone may be the article's (a timetable); with one of these words, or as a
# lone number, it is the page's.
META_LABELS = frozenset(
    """published updated posted modified date time last on at by views view reads read
    comments comment replies reply likes like votes vote shares share print email submit loading
    min mins minutes""".split()
)
META_LINE_MAX_WORDS = 10
NUMBER_RE = re.compile(r"^\d+(?:st|nd|rd|th|h)?$")
# A line is an image's caption when this share of its word runs (of CAPTION_SHINGLE words) is
# in the alt or title text of an image on the page.
CAPTION_SHINGLE = 3
CAPTION_MIN_SHARE = 0.8
# A line is also a caption when it ends by crediting a picture: "(Image: GETTY)", "(AP
# Photo/Jane Doe)", "(Photo by Jane Doe/Getty Images)"; if it is not longer than this...
CREDIT_RE = re.compile(
    r"[(\[]\s*(?:image|photo|picture|pic|credit|foto|photograph)s?\b[^)\]]*[)\]]\s*$"
    r"|\([^()]*\b(?:photo|images?|getty)\b[^()]*\)\s*$",
    re.IGNORECASE,
)
CAPTION_MAX_WORDS = 60
# ...or when it is a credit of its own, "Photo: Jane Doe, AP", no longer than a name and an
# agency: a paragraph under a "Photos:" label is the article's ("PHOTOS: The band is
# nominated for the Hall of Fame's class of 2020, which…").
CREDIT_LINE_RE = re.compile(
    r"^(?:photo|image|picture|credit|foto)s?\s*(?:credit)?\s*:", re.IGNORECASE
)
CREDIT_LINE_MAX_WORDS = 12
# A link line that ends as a statement ends is the article's own sentence with links in it
# ("Follow NBC Latino on Facebook, Twitter and Instagram."), unless it shouts in capitals as
# calls to action do ("GET THE QUIZ: INSTANT DOWNLOAD!"); a question is as often another
# story's headline ("Who will make the Rock Hall in 2020?").
STATEMENT_END_RE = re.compile(r"(?<!\.\.)[.!][\"'”’»)]*$")
# A line that is nothing but a web address is a source the article cites, written out.
URL_LINE_RE = re.compile(r"^(?:https?://|www\.)\S+$")
# Block elements a line of the article is made of.
LINE_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "address")
# Headings above the first paragraph that are kept: they title a section, not the page.
SECTION_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
HEADING_TAGS = SECTION_HEADINGS | {"h1"}
KEEP_TAGS = frozenset({"figure", "img", "picture", "table", "ul", "ol", "blockquote", "pre"})
_NESTED_LINE_TAGS = frozenset(LINE_TAGS) | KEEP_TAGS

# Reasons a line is trimmed, as they appear in the reader's stats.
REPEATED_HEADLINE = "repeated headline"
ABOVE_ARTICLE = "line above the article"
BELOW_ARTICLE = "date, counter or widget below the article"
LINK_LINE = "link line"
CAPTION = "image caption"


@dataclass(frozen=True)
class PageText:
    """What the page says about its article besides the article: the headline's spellings (the
    reader's title, the page's headline element) and the texts of its images."""

    titles: tuple[str, ...] = ()
    image_texts: tuple[str, ...] = ()


@dataclass
class Line:
    """A block element of the article that holds one line of text and no nested line."""

    element: HtmlElement
    text: str
    words: int
    link_words: int
    key: tuple[str, ...]
    """Its words, case-folded: what repeats of the headline and captions are compared by."""

    @property
    def link_share(self) -> float:
        return self.link_words / self.words if self.words else 0.0


def _words_key(text: str) -> tuple[str, ...]:
    return tuple(words(text.casefold()))


def _holding_lines(article: HtmlElement) -> set[HtmlElement]:
    """Elements with a line element (or a kept block) somewhere below them."""
    holding: set[HtmlElement] = set()
    for el in article.iter(*_NESTED_LINE_TAGS):
        for ancestor in el.iterancestors():
            if ancestor in holding:
                break
            holding.add(ancestor)
    return holding


def article_lines(article: HtmlElement) -> list[Line]:
    holding = _holding_lines(article)
    lines = []
    for el in article.iter(*LINE_TAGS):
        if el in holding:
            continue
        text = normalize_space(el.text_content())
        if not text:
            continue
        linked = sum(count_words(a.text_content()) for a in el.iter("a"))
        lines.append(Line(el, text, count_words(text), linked, _words_key(text)))
    return lines


def _shingles(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    return set(zip(*(words[i:] for i in range(CAPTION_SHINGLE)), strict=False))


def _caption_shingles(image_texts: Iterable[str]) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for text in set(image_texts):
        found |= _shingles(_words_key(text))
    return found


def _is_caption(line: Line, captions: set[tuple[str, ...]]) -> bool:
    if line.element.tag in HEADING_TAGS:
        return False  # a section heading may well say what the picture under it shows
    if line.words <= CAPTION_MAX_WORDS and CREDIT_RE.search(line.text):
        return True
    if line.words <= CREDIT_LINE_MAX_WORDS and CREDIT_LINE_RE.match(line.text):
        return True
    if not captions:
        return False
    mine = _shingles(line.key)
    return bool(mine) and len(mine & captions) >= CAPTION_MIN_SHARE * len(mine)


def _is_paragraph(line: Line, titles: set[tuple[str, ...]]) -> bool:
    return (
        line.words >= PROSE_MIN_WORDS
        and line.link_share < LINK_LINE_MIN_SHARE
        and line.key not in titles
    )


def _is_sentence(line: Line) -> bool:
    return (
        line.words >= SENTENCE_MIN_WORDS
        and line.link_share < LINK_LINE_MIN_SHARE
        and SENTENCE_END_RE.search(line.text) is not None
    )


def _is_meta_line(line: Line) -> bool:
    """A line made only of dates, times, counts and widget labels."""
    if line.words > META_LINE_MAX_WORDS:
        return False
    if not all(NUMBER_RE.match(w) or w in DATE_WORDS or w in META_LABELS for w in line.key):
        return False
    return len(line.key) == 1 or any(w in META_LABELS for w in line.key)


def _is_statement(line: Line) -> bool:
    return (
        line.words >= SENTENCE_MIN_WORDS
        and STATEMENT_END_RE.search(line.text) is not None
        and not line.text.isupper()
    )


def _is_link_line(line: Line, text_outside_links: str) -> bool:
    """Mostly links and no longer than a headline: a pointer to other stories ("Read more:
    …"), unless it is a web address written out, a statement, or a name the article also
    writes outside its links (a product linked to its shop in one recipe, written plain in
    the next)."""
    if line.words > LINK_LINE_MAX_WORDS or line.link_share < LINK_LINE_MIN_SHARE:
        return False
    if URL_LINE_RE.match(line.text) or _is_statement(line):
        return False
    return line.text not in text_outside_links


def plan_trim(article: HtmlElement, page_text: PageText) -> list[tuple[Line, str]]:
    """The lines to drop from `article`, each with its reason."""
    keys = {_words_key(t) for t in page_text.titles if t}
    captions = _caption_shingles(page_text.image_texts)
    keys.discard(())
    lines = article_lines(article)
    body = [i for i, line in enumerate(lines) if _is_paragraph(line, keys)]
    if not body:
        return []  # a short page: every line may be content
    first, last = body[0], body[-1]
    # The article's text outside its link lines, to tell its own names from pointers.
    text_outside_links = "\n".join(
        line.text for line in lines if line.link_share < LINK_LINE_MIN_SHARE
    )
    plan = []
    for i, line in enumerate(lines):
        if line.key in keys:
            plan.append((line, REPEATED_HEADLINE))
        elif i < first and line.element.tag not in SECTION_HEADINGS and not _is_sentence(line):
            plan.append((line, ABOVE_ARTICLE))
        elif _is_caption(line, captions):
            plan.append((line, CAPTION))
        elif i > last and _is_meta_line(line):
            plan.append((line, BELOW_ARTICLE))
        elif _is_link_line(line, text_outside_links):
            plan.append((line, LINK_LINE))
    return plan


def apply_trim(plan: list[tuple[Line, str]]) -> Counter:
    """Drop the planned lines; how many for each reason."""
    done: Counter = Counter()
    for line, reason in plan:
        if line.element.getparent() is not None:
            line.element.drop_tree()
            done[reason] += 1
    return done
