"""Words, defined once: how every part of Winnow splits text into words and counts them.

Scripts written without spaces (Chinese, Japanese) have no boundaries to split at; a word there
is taken to be UNSPACED_CHARS_PER_WORD characters, so that a Japanese headline and an English one
of the same weight count alike, in link blocks, titles, prose and reading time.
"""

from __future__ import annotations

import math
import re

UNSPACED_SCRIPTS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# About the length of a word in Chinese and Japanese text.
UNSPACED_CHARS_PER_WORD = 2
SPACED_WORD_RE = re.compile(rf"[^\W{UNSPACED_SCRIPTS}]+")
UNSPACED_RUN_RE = re.compile(f"[{UNSPACED_SCRIPTS}]+")
TOKEN_RE = re.compile(rf"[^\W{UNSPACED_SCRIPTS}]+|[{UNSPACED_SCRIPTS}]+")
ASCII_WORD_RE = re.compile(r"\w+", re.ASCII)


def normalize_space(text: str) -> str:
    """Runs of whitespace as one space, none at either end (str.split() splits at exactly the
    characters the regular expression \\s matches)."""
    return " ".join(text.split())


def spaced_words(text: str) -> list[str]:
    """The words of scripts that space them (unspaced text left out): terms to compare."""
    return SPACED_WORD_RE.findall(text)


def words(text: str) -> list[str]:
    """The words of `text` in order; unspaced text in pieces of UNSPACED_CHARS_PER_WORD."""
    if text.isascii():
        return ASCII_WORD_RE.findall(text)
    if not UNSPACED_RUN_RE.search(text):
        return SPACED_WORD_RE.findall(text)
    found = []
    for match in TOKEN_RE.finditer(text):
        token = match.group()
        if UNSPACED_RUN_RE.fullmatch(token):
            step = UNSPACED_CHARS_PER_WORD
            found += [token[i : i + step] for i in range(0, len(token), step)]
        else:
            found.append(token)
    return found


def count_words(text: str) -> int:
    """len(words(text)), without building the list."""
    if text.isascii():
        return len(ASCII_WORD_RE.findall(text))
    unspaced = UNSPACED_RUN_RE.findall(text)
    return len(SPACED_WORD_RE.findall(text)) + sum(
        math.ceil(len(run) / UNSPACED_CHARS_PER_WORD) for run in unspaced
    )
