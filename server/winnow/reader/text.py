"""Plain text of an article tree: one paragraph per line."""

from __future__ import annotations

import math
import re

import lxml.etree
from lxml.html import HtmlElement

from ..page import BLOCK_TAGS

SPACE_RE = re.compile(r"[ \t\r\n\f\v\u00a0]+")
# Letters of scripts written without spaces count one word each.
CJK_CHAR_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
WORD_RE = re.compile(r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
# Typical adult silent reading speed (words per minute) for non-fiction.
READING_WORDS_PER_MINUTE = 230
LINE_BREAK = "\n"


def article_text(article: HtmlElement) -> str:
    """Text of `article`, a line per block element (paragraph, heading, list item, cell...)."""
    pieces: list[str] = []
    walker = lxml.etree.iterwalk(article, events=("start", "end", "comment", "pi"))
    for event, el in walker:
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
    return len(WORD_RE.findall(text)) + len(CJK_CHAR_RE.findall(text))


def reading_minutes(words: int) -> int:
    return math.ceil(words / READING_WORDS_PER_MINUTE) if words else 0
