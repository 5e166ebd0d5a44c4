"""Cutting a phrase out of running text and mending what is left around it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Punctuation and symbols (dashes, bullets, arrows, stars, slashes, guillemets...) that mark off
# a title's segments when spaces surround them, whichever a farm picks ("Brand ▸ Title",
# "Brand >> Title", "Title ★ Brand")...
MARK_CATEGORIES = frozenset({"Pd", "Po", "Pi", "Pf", "Sm", "So", "Sk"})
# ...but not the marks that belong to a name, a number, a quote or a sentence ("Q&A", "5 %",
# "“Yes” – he said"); a colon separates only where a headline's own colon cannot be meant.
NOT_SEPARATORS = frozenset("&%#@+=*,.;:!?¡¿'\"‘’“”„‚`´¨¸©®°±×÷§¶…‰′″")
# Marks are looked for in the scripts' punctuation and symbol blocks, and emoji.
MARK_RANGES = ((0x21, 0x3040), (0x1F300, 0x1FB00))
SEPARATOR_MARKS = "".join(
    chr(code)
    for first, last in MARK_RANGES
    for code in range(first, last)
    if unicodedata.category(chr(code)) in MARK_CATEGORIES and chr(code) not in NOT_SEPARATORS
)
SEPARATOR_MARKS_CLASS = re.escape(SEPARATOR_MARKS)
# Separators that join a spliced phrase to a title ("Brand|Title", "Brand - Title", "Brand ▸
# Title"), and the two the marks leave out: "Brand_Title", "Brand: Title".
SEPARATOR_CHARS = rf"\s_:{SEPARATOR_MARKS_CLASS}"
LEADING_SEPARATOR_RE = re.compile(rf"^[{SEPARATOR_CHARS}]+")
TRAILING_SEPARATOR_RE = re.compile(rf"[{SEPARATOR_CHARS}]+$")
# Punctuation that takes no space before it.
CLOSING_PUNCTUATION = ",.;:!?)]}”’»"


def mend(before: str, after: str) -> str:
    """Join the text on either side of a removed phrase so it reads as if it was never there."""
    if not before.strip():
        return before + LEADING_SEPARATOR_RE.sub("", after)
    if not after.strip():
        return TRAILING_SEPARATOR_RE.sub("", before) + after
    left, right = before.rstrip(), after.lstrip()
    if right[0] in CLOSING_PUNCTUATION:
        return left + right
    return left + " " + right


def cut(text: str, start: int, end: int) -> str:
    return mend(text[:start], text[end:])


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching [start, end) spans joined into one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def cut_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Cut several [start, end) spans (overlaps joined), last first so offsets stay valid."""
    for start, end in reversed(merge_spans(spans)):
        text = cut(text, start, end)
    return text


def find_all(text: str, phrase: str, *, case_sensitive: bool = True) -> list[tuple[int, int]]:
    """Every occurrence of `phrase` in `text` not inside a longer word ("_" separates words,
    as in "Brand_Title")."""
    if not phrase:
        return []
    flags = 0 if case_sensitive else re.IGNORECASE
    pattern = re.compile(r"(?<![^\W_])" + re.escape(phrase) + r"(?![^\W_])", flags)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def remove_phrases(text: str, phrases: Iterable[str]) -> str:
    """Cut every whole-word occurrence of each phrase, longest phrase first."""
    for phrase in sorted(set(phrases), key=len, reverse=True):
        text = cut_spans(text, find_all(text, phrase))
    return text
