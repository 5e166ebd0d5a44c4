"""Plain text of an article tree: one paragraph per line."""

from __future__ import annotations

import math
import re

import lxml.etree
from lxml.html import HtmlElement

from ..page import BLOCK_TAGS
from ..words import count_words

SPACE_RE = re.compile(r"[ \t\r\n\f\v\u00a0]+")
# Typical adult silent reading speed (words per minute) for non-fiction.
READING_WORDS_PER_MINUTE = 230
LINE_BREAK = "\n"
CAPTIONED_TAGS = frozenset({"figure", "figcaption"})


def article_text(article: HtmlElement) -> str:
    """Text of `article`, a line per block element (paragraph, heading, list item, cell...).
    Figures are left out: a caption describes a picture, it is not part of the story's text."""
    pieces: list[str] = []
    walker = lxml.etree.iterwalk(article, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        if event == "start" and el.tag in CAPTIONED_TAGS:
            walker.skip_subtree()
            pieces.append(LINE_BREAK)
            continue
        if event == "start":
            if el.tag in BLOCK_TAGS:
                pieces.append(LINE_BREAK)
            if el.text:
                pieces.append(el.text)
            continue
        if event == "end" and el.tag in BLOCK_TAGS:
            pieces.append(LINE_BREAK)
        if el is not article and el.tail:
            pieces.append(el.tail)
    lines = (SPACE_RE.sub(" ", line).strip() for line in "".join(pieces).split(LINE_BREAK))
    return "\n".join(line for line in lines if line)


def word_count(text: str) -> int:
    return count_words(text)


def reading_minutes(words: int) -> int:
    return math.ceil(words / READING_WORDS_PER_MINUTE) if words else 0
