"""The article's topic, and how much of it a headline shares.

Each term of the article is weighted as BM25 weighs a term's frequency in a document (it grows
with use and saturates), counting the title and headline as extra uses and weighting names
(words the article writes capitalised mid-sentence) higher. A headline's score is the sum of the
weights of the article's terms it uses: a story about the same people, places and things scores
high whatever its wording; an unrelated story shares a common word or two at most. Between the
two thresholds a headline is unclear and counts for neither side.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import stopwordsiso

from ..words import UNSPACED_RUN_RE, spaced_words

# BM25's saturation: a term used k times weighs k·(K1+1)/(k+K), at most K1+1, where K grows
# with the article's length (a word used once in a long article says little about its topic).
K1 = 1.2
B = 0.75
TYPICAL_ARTICLE_TERMS = 300
# The title and the headline state the topic: their words count as this many extra uses, when
# the article's text uses them at least TITLE_MIN_USES times (a brand spliced into the title
# and the dateline is not the article's topic).
TITLE_EXTRA_USES = 1
TITLE_MIN_USES = 2
# A name shared with the article is stronger evidence than a common word.
NAME_WEIGHT = 2.0
# A word is a name when the article capitalises it mid-sentence at least this share of its uses.
NAME_MIN_CAPITALISED_SHARE = 0.5
# Words too short or too common to say what a text is about.
MIN_TERM_CHARS = 3
# Scripts without spaces are compared by pairs of characters, each weighing less than a word.
HIRAGANA_RE = re.compile("^[\u3040-\u309f]+$")
BIGRAM_WEIGHT = 0.5
# A headline sharing two or more terms is about the article at or above this score, and not
# about it at or below the lower one; in between it is unclear.
RELATED_MIN_SCORE = 2.5
UNRELATED_MAX_SCORE = 1.4
# One shared term alone is chance unless it is central to the article: a name it keeps using.
CENTRAL_MIN_WEIGHT = 3.0
CENTRAL_MIN_USES = 4
NAME_MIN_USES_FOR_UNCLEAR = 2
# A headline quoting the article (a run of this many of its words, this many of them not
# stopwords) is about it.
QUOTE_WORDS = 4
QUOTE_MIN_CONTENT_WORDS = 2
# An article shorter than this says too little to judge other stories against.
MIN_ARTICLE_TERMS = 25
# Always added to the page's own language: headlines in English turn up everywhere.
EXTRA_LANGUAGES = ("en",)
SENTENCE_END = '.!?:;"“”«»'
# A capitalised word (Latin, Greek, Cyrillic) right after a character that does not end a
# sentence, or after such a character and one space.
_NOT_AN_END = "[^\\s" + re.escape(SENTENCE_END) + "]"
MID_SENTENCE_CAPITALISED_RE = re.compile(
    rf"(?:(?<={_NOT_AN_END} )|(?<={_NOT_AN_END}))\b[A-ZÀ-ÖØ-ÞΑ-ΩА-ЯЁ][^\W\d_]*"
)


class Relation(StrEnum):
    RELATED = "related"
    UNRELATED = "unrelated"
    UNCLEAR = "unclear"


@lru_cache(maxsize=64)
def stopwords_for(lang: str) -> frozenset[str]:
    code = lang.split("-")[0].lower() if lang else ""
    codes = {*EXTRA_LANGUAGES, code} & set(stopwordsiso.langs())
    return frozenset(w for c in codes for w in stopwordsiso.stopwords(c))


def _bigrams(text: str) -> list[str]:
    grams = []
    for run in UNSPACED_RUN_RE.findall(text):
        grams += [run[i : i + 2] for i in range(len(run) - 1)]
    return [g for g in grams if not HIRAGANA_RE.match(g)]


def _is_term(word: str, stopwords: frozenset[str]) -> bool:
    return len(word) >= MIN_TERM_CHARS and word not in stopwords and not word.isdigit()


def _term_counts(tokens: list[str], text: str, stopwords: frozenset[str]) -> Counter:
    counts = Counter(tokens)
    for word in counts.keys() & stopwords:
        del counts[word]
    for word in [w for w in counts if len(w) < MIN_TERM_CHARS or w.isdigit()]:
        del counts[word]
    if not text.isascii():
        counts.update(_bigrams(text))
    return counts


def term_counts(text: str, stopwords: frozenset[str]) -> Counter:
    """How often `text` uses each word that can say what it is about (case folded), and each
    pair of characters of scripts written without spaces."""
    return _term_counts(spaced_words(text.casefold()), text, stopwords)


def terms(text: str, stopwords: frozenset[str]) -> set[str]:
    """The distinct terms of `text` (see term_counts)."""
    found = {w for w in spaced_words(text.casefold()) if _is_term(w, stopwords)}
    if not text.isascii():
        found.update(_bigrams(text))
    return found


def _capitalised_mid_sentence(text: str) -> Counter:
    """How often each word is written capitalised where a sentence does not start (`text` has
    its spaces normalized: one between words, a line break between paragraphs)."""
    return Counter(w.casefold() for w in MID_SENTENCE_CAPITALISED_RE.findall(text))


def _runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return set(zip(*(tokens[i:] for i in range(QUOTE_WORDS)), strict=False))


@dataclass
class Topic:
    """The article's terms with their weights, and its runs of words (to find quotes)."""

    weights: dict[str, float]
    names: frozenset[str]
    """Terms the article writes as names (capitalised mid-sentence)."""
    uses: dict[str, int]
    """How often the article's text (its title aside) uses each term."""
    runs: set[tuple[str, ...]]
    """Every run of QUOTE_WORDS words of the article, case folded (to find quotes)."""
    stopwords: frozenset[str]
    size: int
    """How many terms the article has: too few and no headline can be judged against it."""

    @property
    def judgeable(self) -> bool:
        return self.size >= MIN_ARTICLE_TERMS

    def quoted(self, text: str) -> bool:
        """Whether `text` repeats a run of the article's words (not only stopwords)."""
        return any(
            sum(w not in self.stopwords for w in run) >= QUOTE_MIN_CONTENT_WORDS
            for run in _runs(spaced_words(text.casefold())) & self.runs
        )

    def shared(self, text: str) -> list[str]:
        """The article's terms the text uses, each once."""
        return [t for t in terms(text, self.stopwords) if t in self.weights]

    def score(self, text: str) -> float:
        return sum(self.weights[t] for t in self.shared(text))

    def central(self, term: str) -> bool:
        return self.weights[term] >= CENTRAL_MIN_WEIGHT and self.uses[term] >= CENTRAL_MIN_USES

    def _single(self, term: str) -> Relation:
        """One shared term: a central one makes the headline about the article; a name the
        article uses more than once leaves it unclear (a story about the same person from
        another angle); anything else is chance."""
        if self.central(term):
            return Relation.RELATED
        if term in self.names and self.uses[term] >= NAME_MIN_USES_FOR_UNCLEAR:
            return Relation.UNCLEAR
        return Relation.UNRELATED

    def relation(self, text: str) -> Relation:
        by_terms = self._by_terms(text)
        if by_terms != Relation.RELATED and self.quoted(text):
            return Relation.RELATED
        return by_terms

    def _by_terms(self, text: str) -> Relation:
        shared = self.shared(text)
        if len(shared) == 1:
            return self._single(shared[0])
        if not shared:
            return Relation.UNRELATED
        score = sum(self.weights[t] for t in shared)
        if score >= RELATED_MIN_SCORE:
            return Relation.RELATED
        if score <= UNRELATED_MAX_SCORE:
            return Relation.UNRELATED
        return Relation.UNCLEAR


def _saturated(uses: float, size: int) -> float:
    k = K1 * (1 - B + B * size / TYPICAL_ARTICLE_TERMS)
    return uses * (K1 + 1) / (uses + k)


def article_topic(paragraphs: Iterable[str], titles: Iterable[str], lang: str) -> Topic:
    """The topic of an article made of `paragraphs`, titled by `titles` (title, headline)."""
    stopwords = stopwords_for(lang)
    text = "\n".join(paragraphs)
    tokens = spaced_words(text.casefold())
    uses = _term_counts(tokens, text, stopwords)
    capitalised = _capitalised_mid_sentence(text)
    in_text = Counter(uses)
    size = sum(in_text.values())
    for term in {t for title in titles for t in terms(title, stopwords)}:
        if in_text[term] >= TITLE_MIN_USES:
            uses[term] += TITLE_EXTRA_USES
    weights = {}
    names = set()
    for term, count in uses.items():
        weight = _saturated(count, size)
        if capitalised[term] and capitalised[term] >= NAME_MIN_CAPITALISED_SHARE * in_text[term]:
            weight *= NAME_WEIGHT
            names.add(term)
        if not term.isascii() and UNSPACED_RUN_RE.match(term):
            weight *= BIGRAM_WEIGHT
        weights[term] = weight
    return Topic(weights, frozenset(names), dict(in_text), _runs(tokens), stopwords, size)
