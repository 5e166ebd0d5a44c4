"""A clean page the simulator builds on: its tree, its article paragraphs, headline and title.

The simulator finds these on its own (from the page's markup and the benchmark's true article
body), without Winnow's code, so that its truth does not share Winnow's mistakes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import lxml.html
from lxml.html import HtmlElement

WORD_RE = re.compile(r"\w+", re.UNICODE)
SPACE_RE = re.compile(r"\s+")
# A paragraph of the article has at least this many words...
PARAGRAPH_MIN_WORDS = 8
# ...and this share of its 3-word runs are in the true article body.
PARAGRAPH_MIN_SHARE = 0.9
SHINGLE = 3
TITLE_SPLIT_RE = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
# A heading is the headline when this share of its words is in the title.
HEADLINE_MIN_OVERLAP = 0.6
# "The", "A", "In": capitalised only because a sentence starts with them.
NAME_RE = re.compile(
    r"(?<![\w.])((?:Mr\.|Ms\.|Mrs\.|Dr\.) )?([A-Z][\w’'&.-]+(?: [A-Z][\w’'&-]+){0,2})"
)
NAME_MIN_USES = 2
# What a base page is: one of the extraction benchmark's, or one of the money stories.
BENCHMARK_KIND = "benchmark"
STORY_KIND = "story"
NAME_MIN_CHARS = 4


def normalize(text: str) -> str:
    return SPACE_RE.sub(" ", text).strip()


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def shingles(text: str) -> set[tuple[str, ...]]:
    tokens = [w.lower() for w in words(text)]
    return {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def overlap(part: str, whole: str) -> float:
    mine = [w.lower() for w in words(part)]
    theirs = {w.lower() for w in words(whole)}
    return sum(w in theirs for w in mine) / len(mine) if mine else 0.0


@dataclass
class BasePage:
    source: str
    url: str
    html: str
    article_text: str
    kind: str = BENCHMARK_KIND
    """Where the page comes from: BENCHMARK_KIND, or STORY_KIND (bench/sim/stories.py)."""

    def tree(self) -> HtmlElement:
        """A fresh parse to edit (each case edits its own)."""
        return lxml.html.document_fromstring(self.html)

    @cached_property
    def _tree(self) -> HtmlElement:
        return self.tree()

    @cached_property
    def meta_title(self) -> str:
        for key in ("og:title", "twitter:title"):
            for el in self._tree.iter("meta"):
                if (el.get("property") or el.get("name")) == key and el.get("content"):
                    return normalize(el.get("content"))
        return ""

    @cached_property
    def title_text(self) -> str:
        el = self._tree.find(".//title")
        return normalize(el.text_content()) if el is not None else ""

    @cached_property
    def headline_path(self) -> str | None:
        """The xpath of the heading that carries the headline, if the page has one."""
        reference = self.meta_title or self.title_text
        best, best_score = None, HEADLINE_MIN_OVERLAP
        for heading in self._tree.iter("h1", "h2"):
            text = normalize(heading.text_content())
            score = overlap(text, reference) + (0.1 if heading.tag == "h1" else 0.0)
            if text and score >= best_score and len(words(text)) >= 3:
                best, best_score = heading, score
        return self._tree.getroottree().getpath(best) if best is not None else None

    @cached_property
    def true_title(self) -> str:
        """The headline: the headline element's text, else the longest title segment."""
        if self.headline_path:
            return normalize(self._tree.xpath(self.headline_path)[0].text_content())
        source = self.meta_title or self.title_text
        segments = [s for s in TITLE_SPLIT_RE.split(source) if s.strip()]
        return max(segments, key=len) if segments else source

    @cached_property
    def paragraph_paths(self) -> list[str]:
        """Xpaths of the <p> elements holding the article's text, in document order."""
        truth = shingles(self.article_text)
        found = []
        for el in self._tree.iter("p"):
            text = normalize(el.text_content())
            if len(words(text)) < PARAGRAPH_MIN_WORDS:
                continue
            mine = shingles(text)
            if mine and len(mine & truth) >= PARAGRAPH_MIN_SHARE * len(mine):
                found.append(self._tree.getroottree().getpath(el))
        return found

    @cached_property
    def repeated_names(self) -> list[tuple[str, int]]:
        """Names the article itself uses more than once ("Harbor Transit", "Mr. Trump"), most
        used first, with their counts in the true article body."""
        counts: Counter = Counter()
        for line in self.article_text.split("\n"):
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                for match in NAME_RE.finditer(sentence):
                    if match.start() == 0 and not match.group(1):
                        continue
                    name = (match.group(1) or "") + match.group(2)
                    name = name.rstrip(".’'")
                    if len(name) >= NAME_MIN_CHARS:
                        counts[name] += 1
        verified = []
        for name, _ in counts.most_common():
            uses = len(re.findall(rf"(?<![\w]){re.escape(name)}(?![\w])", self.article_text))
            if uses >= NAME_MIN_USES:
                verified.append((name, uses))
        return sorted(verified, key=lambda item: -item[1])
