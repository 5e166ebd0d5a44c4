"""Evidence that a phrase was spliced into a page, for every candidate phrase, from anywhere.

A spam farm splices a phrase in without reading the sentence it lands in, so the traces hold
whatever the phrase is: it sits in the title and headline as a segment of its own, in the
dateline, or in a few unrelated sentences where it never takes part (never after "the", never
"X said" or "X's"), set off by punctuation or wedged between two words of a clause; its words
are rare in the language or the vocabulary of money spam, and the article never uses them
otherwise. A name the article is about does the opposite: it acts in its sentences, appears in
other forms (the surname alone, "Harbor Transit's") and shares the headline's words.

Candidates come from the title and headline segments, phrases the body repeats verbatim, the
dateline, runs of spam-keyword words, meta keywords and the site's memory. Each gets a named
feature vector; `splice_model` weighs it.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import NamedTuple

import lxml.etree
import stopwordsiso
from lxml.html import HtmlElement
from wordfreq import available_languages, get_frequency_dict

from ..page import Page, TextSlot
from ..site_rules import SiteRules, normalize_quote
from ..textedit import find_all
from ..titles import declared_title, looks_like_site_name, split_segments, word_overlap
from ..words import normalize_space
from .lexicon import (
    ACTING_VERBS,
    AGENCIES,
    ATTRIBUTION_WORDS,
    EVERYDAY_TOPICS,
    FOLLOWING_VERBS,
    GOVERNING_WORDS,
    NAME_PARTICLE_ARTICLES,
    NAME_PARTICLES,
    NAMING_MARKS,
    NAMING_WORDS,
    ORGANISATION_WORDS,
    PREPOSITIONS,
    ROLE_ABBREVIATIONS,
    ROLE_TITLES,
    SPAM_JOINERS,
    SPAM_MODIFIERS,
    SPAM_TOPIC_WORDS,
    SPAM_TOPICS,
    SPONSOR_PREFIXES,
)
from .splice_text import (
    FIRST_WORD_RE,
    LAST_WORD_RE,
    POSSESSIVE_SUFFIXES,
    TOKEN_RE,
    WORD_PATTERN,
    WORD_RE,
    PageText,
    Place,
    Token,
    Unit,
    UnitKind,
    quotation_open,
    sentence_initial,
    tokenize,
)
from .topic import stopwords_for

# A phrase is one to six words: brands and keyword phrases are short.
MAX_PHRASE_WORDS = 6
# The word right before or after a phrase, joined to it as a phrase's words are.
PREVIOUS_WORD_RE = re.compile(rf"(?<![\w'’])(?P<word>{WORD_PATTERN}) (?:& )?$")
NEXT_WORD_RE = re.compile(rf" (?:& )?(?P<word>{WORD_PATTERN})")
# A name's particles, an article after them, then its next capitalised part ("Ahmad bin
# Hanbal", "Ursula von der Leyen").
PARTICLE_NAME_RE = re.compile(
    rf"\s+(?:{'|'.join(sorted(NAME_PARTICLES))})"
    rf"(?:\s+(?:{'|'.join(sorted(NAME_PARTICLE_ARTICLES))}))?\s+(?P<part>[^\W\d_])"
)
# A reference in brackets, a name and the number of its part ("[Al Maa-idah 8]", "(John 3:16)",
# "(Article 5)"): a book, a law or a verse the article cites. A farm's parenthesis holds the brand
# alone.
NUMBERED_REFERENCE_RE = re.compile(r"^\s+\d[\d:.,\-–]*\s*[)\]]")
# A web address as a word: a name, a dot and a domain's last part ("PanARMENIAN.Net").
WEB_ADDRESS_RE = re.compile(r"[^\W_][\w\-]*(?:\.[\w\-]+)*\.[^\W\d_]{2,6}")
# A word's runs of letters, between its digits, dots and hyphens ("kioncruth" of
# "KiOncruth24"); a single letter ("a" of "A320") is an initial, not a word.
LETTER_RUN_RE = re.compile(r"[^\W\d_]{2,}")
# A short aside in parentheses after a name, and the word its sentence goes on with
# ("Balmond Studio (United Kingdom) has become…").
ASIDE_THEN_WORD_RE = re.compile(r"\s+\([^()]{1,40}\)\s+(?P<word>[^\W\d_][\w'’\-]*)")
# Words a repeated phrase does not start or end with: what governs a name or attributes to it
# ("the", "at", "according to", "said") is the sentence's, not the name's.
EDGE_WORDS = GOVERNING_WORDS | ATTRIBUTION_WORDS
# Words a line under the headline may open with before the name it gives ("From Brand Markets
# View", "Via Brand", "By Brand Staff"): the name is what echoes a spliced brand.
LINE_LEAD_IN_RE = re.compile(r"(?:from|via|by)\s+", re.IGNORECASE)
# A paragraph's opening words in parentheses, or before a separator a title uses ("Brand: ",
# "Brand | ", "Brand — ").
PARAGRAPH_LEAD_RE = re.compile(
    r"^(?:\((?P<enclosed>[^()]{1,60})\)\s"
    r"|(?P<marked>[^\W_][^.!?:|—–·»~()]{0,58}?)\s?(?P<mark>::|[:|—–·»~]|\s-)\s)"
)
# Different paragraphs that open with a name set off by the same mark are the article's labels.
LABELLED_PARAGRAPHS = 2
# "ApexChain ApexChain": a capitalised word doubled.
DOUBLED_NAME_RE = re.compile(r"(?<![\w'’])([A-Z][\w&.\-]*[^\W_]) \1(?![^\W_])")
# A doubled name's run ends before words the article uses elsewhere (a dateline's "Indonesia").
MIN_DOUBLED_RUN_WORDS = 3
# How far back to look for the word before a phrase.
NEIGHBOUR_CHARS = 60
# How far back to look for a word that names a code ("Promo Code: X").
NAMING_CHARS = 12
# Word frequency on the Zipf scale (wordfreq): 0 unknown, 3 once per million words, 7 "the".
# Invented brand words score 0; a word under RARE_ZIPF is rare enough to say so.
RARE_ZIPF = 2.0
# A word over COMMON_ZIPF is everyday vocabulary (about 3 uses in 100,000 words).
COMMON_ZIPF = 3.5
# Where the page's language has no frequency list, a word counts as this common: no evidence.
UNKNOWN_LANGUAGE_ZIPF = 4.0
ZIPF_SCALE = 8.0
# Zipf = log10 of the frequency per billion words.
ZIPF_OFFSET = 9.0
# The dateline is the start of the first paragraph, up to its dash: "LYON, France (AP) —"...
DATELINE_DASH_RE = re.compile(r"\s(?:[—–]|-{1,2})\s")
DATELINE_MAX_CHARS = 90
MIN_DATELINE_CHARS = 3
# A dateline proper opens with its city in capitals ("LYON,") or names an agency "(AP)": then
# it runs to its last dash ("LYON (AP) — Brand — ..."), else only to its first.
CITY_RE = re.compile(r"^[A-Z][A-Z.'’\- ]+[A-Z][\s,(]")
AGENCY_RE = re.compile(
    r"\((?:"
    + "|".join(("AP", "Reuters", "AFP", "dpa", "UPI", "CNN", "BBC", "EFE", "IANS", "PTI"))
    + r")\)"
)
# ...or, when a dek, a caption or a quote comes first, a dateline proper opening one of the next
# paragraphs.
DATELINE_MAX_PARAGRAPHS = 3
# A keyword run needs this many spam words, one of them a topic word ("loans", "casino").
MIN_KEYWORD_WORDS = 2
# A keyword run bridges a word of at least this many letters ("ed pills", not "a" or "x")...
MIN_BRIDGE_CHARS = 2
# ...and then needs this many spam words: a stuffed search phrase piles them up ("best slot
# machines uk"), a sentence about gambling has two ("online sports betting grew 40%").
BRIDGED_MIN_KEYWORD_WORDS = 3
# A lower-case phrase is the article's own wording when its headline names the phrase's spam
# topic and its prose uses this many other words of it: a story about diet pills says "keto
# gummies" in its own sentences (clean stories on crypto, pills and casinos use 3 to 10).
ON_TOPIC_MIN_WORDS = 3
# The model reads how many other words of its topic the prose uses, counted up to this many
# (a story about the topic uses 3 to 10; a story about anything else none or one).
TOPIC_PROSE_CAP = 6
# The headline segment: og:title or the headline agrees with this share of its words...
HEADLINE_MIN_AGREEMENT = 0.5
# ...agreement outranks the article's use of its words, which outranks length (points per
# unit of each; length counts up to MAX_RANKED_WORDS words).
AGREEMENT_RANK = 10
TOPIC_RANK = 6
MAX_RANKED_WORDS = 5
# A segment the prose repeats word for word (as a splice is) loses this many points.
COPIED_RANK = 4
# Signs that make the number after them an amount of money.
CURRENCY_SIGNS = frozenset("$€£¥₹")
# Words this short say nothing about a topic.
MIN_TOPIC_WORD_CHARS = 3
# Body copies beyond this many add no more evidence.
COPIES_CAP = 4
# A title kicker the prose writes this often, never as a farm would, is the article's name.
KICKER_MIN_COPIES = 2
# An appositive that says what a name is (", the dollar-pegged stablecoin issued by ..."): the
# article introducing its subject. A farm's ", Brand," is followed by the rest of the sentence.
DEFINITION_RE = re.compile(r"^,\s+(?:the|a|an)\s+(?P<words>[^,;:.!?()]{1,80})")
# An embedded post's signature after its author's name: "Name (@handle)".
POST_SIGNATURE_RE = re.compile(r"\s*\(@(?P<handle>\w+)\)")
# Quotation marks that open and close a quoted title (“Saint Seiya”, «Saint Seiya», „Saint
# Seiya“): the straight mark does both, and “ closes what „ opened.
OPENING_QUOTES = ("“", "«", "„", '"')
CLOSING_QUOTES = ("”", "»", "“", '"')
# A short form ended by its full stop right before a name ("Dr. X").
ABBREVIATION_BEFORE_RE = re.compile(r"(?<![\w'’.])([^\W\d_]+)\.\s+$")
# Words that list a name with others, or compare it: it takes part in the sentence.
LISTING_WORDS = frozenset({"and", "or", "than", "nor", "versus", "vs"})
# Links to these paths are bylines: the line names the author, not a brand.
AUTHOR_PATH_RE = re.compile(
    r"/(?:author|authors|by|people|person|profile|staff|writers?|contributors?)/", re.I
)
# Elements marked as the author's, read through the attribute axis (libxml2 tests attributes
# there far faster than in a predicate on every element).
AUTHOR_ELEMENTS_XPATH = lxml.etree.XPath(
    "(descendant::*/@rel[. = 'author'] | descendant::*/@itemprop[. = 'author'])/.."
)
# A label of the page's chrome (menu item, section, tag) has at most this many words.
MAX_CHROME_WORDS = 4
MAX_CHROME_CHARS = 40
SHORT_LINKS_XPATH = lxml.etree.XPath(
    f".//a[string-length(normalize-space(.)) <= {MAX_CHROME_CHARS}]"
)

FEATURES = (
    "title",
    "headline",
    "title_and_headline",
    "declared_title_has",
    "body_copies",
    "body_only",
    "dateline",
    "brand_line",
    "meta_keywords",
    "possessive",
    "governed",
    "verb_after",
    "framed",
    "cited",
    "wedged",
    "opens_sentence",
    "name_part",
    "glued",
    "in_link",
    "teaser",
    "min_zipf",
    "rare_word",
    "title_case",
    "lower_case",
    "all_caps",
    "words",
    "spam_words",
    "spam_topic",
    "doubled",
    "other_forms",
    "headline_words",
    "topic_words",
    "topic_prose",
    "topic_headline",
    "chrome",
    "one_word",
    "title_only_common",
    "line",
    "line_echo",
    "line_is_link",
    "sponsor",
    "byline",
    "digits",
    "org_word",
)
# Read by the lines' trees only: added after the phrases' trees were trained, and a line can
# learn a feature without moving what the phrases learned (`splice_model.LINE_MODEL_FILE`).
LINE_ONLY_FEATURES = ("org_word",)


# The page's language is trusted when its word list knows this share of a sample of the words.
MIN_KNOWN_SHARE = 0.6
LANGUAGE_SAMPLE_WORDS = 300
ENGLISH = "en"
# Languages whose words wordfreq can only split with a dictionary tokenizer: no evidence there.
UNSPACED_LANGUAGES = frozenset({"ja", "zh", "ko", "th"})


@lru_cache(maxsize=1)
def _listed_languages() -> frozenset[str]:
    """The languages wordfreq has a list for (it looks for its files on every call)."""
    return frozenset(available_languages())


def _frequencies(lang: str) -> dict[str, float] | None:
    if not lang or lang in UNSPACED_LANGUAGES or lang not in _listed_languages():
        return None
    return get_frequency_dict(lang)  # loaded once, then kept by wordfreq


def load_word_lists(langs: Iterable[str]) -> None:
    """Load these languages' word lists now rather than on a page's first use."""
    for lang in langs:
        _frequencies(lang)


@lru_cache(maxsize=100_000)
def zipf(word: str, lang: str) -> float:
    """How common a (lower-case) word is on the Zipf scale, in the page's language or in
    English (news in any language quotes English names); as common as UNKNOWN_LANGUAGE_ZIPF
    where no list can judge it: a word in another script than English on a page whose language
    has no list, or one its language's list lacks (on a Russian page "подпылить" is a rare
    inflection of a real verb, not a coined brand: the lists hold a language's common forms
    only, and the more a language inflects, the more of its real words they leave out)."""
    key = word.replace("’", "'")
    lists = [_frequencies(lang), _frequencies(ENGLISH)]
    known = [f for f in lists if f is not None]
    frequency = max((f.get(key, 0.0) for f in known), default=0.0)
    if not key.isascii() and lang != ENGLISH and (lists[0] is None or not frequency):
        return UNKNOWN_LANGUAGE_ZIPF
    return math.log10(frequency) + ZIPF_OFFSET if frequency else 0.0


def word_zipf(word: str, lang: str) -> float | None:
    """How common a (lower-case) word is (`zipf`). A word with digits, dots or hyphens that the
    list does not hold is as common as its rarest run of letters: "kioncruth24" as "kioncruth",
    "plorxido.net" as "plorxido", "covid-19" as "covid". None for a number, and for initials
    the list does not hold ("q&a"): how common they are says nothing of a name."""
    if word.replace("’", "").replace("'", "").isalpha():
        return zipf(word, lang)
    if not any(ch.isalpha() for ch in word):
        return None
    known = zipf(word, lang)
    if known:
        return known
    runs = LETTER_RUN_RE.findall(word)
    return min(zipf(run, lang) for run in runs) if runs else None


def declared_language(page: Page) -> str:
    lang = page.root.get("lang") or page.meta.get("og:locale") or "en"
    return lang.replace("_", "-").split("-")[0].lower() or "en"


def checked_language(declared: str, sample: list[str]) -> str:
    """The declared language when its word list knows most of the page's words, else English
    if that list does, else "" (no list: word frequency is no evidence on this page)."""
    if not sample:
        return declared
    for lang in dict.fromkeys((declared, "en")):
        frequencies = _frequencies(lang)
        if frequencies is None:
            continue
        known = sum(map(frequencies.__contains__, sample))
        if known >= MIN_KNOWN_SHARE * len(sample):
            return lang
    return ""


def phrase_words(phrase: str) -> list[str]:
    return TOKEN_RE.findall(phrase)


class Source(StrEnum):
    """Where a candidate phrase was found (a candidate may have several)."""

    TITLE = "title"
    HEADLINE = "headline"
    REPEAT = "repeat"
    DATELINE = "dateline"
    DOUBLED = "doubled"
    LEAD = "paragraph lead"
    """Set off at the start of a paragraph, as a kicker is in a title ("Brand: The council…")."""
    KEYWORD_RUN = "keyword run"
    META_KEYWORDS = "meta keywords"
    BRAND_LINE = "brand line"
    """A whole short line under the headline."""
    MEMORY = "memory"
    """The site's memory of phrases found on its other pages."""


@dataclass
class Candidate:
    phrase: str
    sources: set[Source]
    line: HtmlElement | None = None
    """For a line under the headline: its element (the whole line is the candidate)."""


@dataclass
class Evidence:
    """One candidate's features (named values, most in [0, 1]) and the places it occurs."""

    candidate: Candidate
    features: dict[str, float]
    places: list[Place]
    in_title: bool
    in_headline: bool
    facts: dict[str, str]
    """Specifics the reasons quote: the rare word, counts."""
    remembered: int = 0
    """Other pages of this site the phrase was found spliced into (the site's memory)."""
    person: str | None = None
    """Where a one-word phrase is the surname of a person who acts in the article ("Craig
    Menear said"): that place's words."""
    on_topic: tuple[str, ...] = ()
    """For a lower-case phrase about a spam topic: the other words of that topic the article's
    prose uses, when there are at least ON_TOPIC_MIN_WORDS (the story is about the topic)."""
    headlined: bool = False
    """The real headline uses the phrase among its own words ("Crypto exchange Vantrex
    collapses"): the story is about it. A farm splices its brand as a segment of its own."""
    defined: str | None = None
    """The appositive in which the article says what the phrase is, in the real headline's
    own words ("TLUSD, the dollar-pegged stablecoin" under "Taloryn's dollar stablecoin
    slips"): the story's subject, however a farm would have spliced it."""

    @cached_property
    def code(self) -> str | None:
        """Where the sentence names the phrase as a code or a handle ("promo code X", "@X"):
        that place's words (looked for only when the model would show the phrase)."""
        return _as_a_code(self.places, self.candidate.phrase)

    @cached_property
    def kicker_in_prose(self) -> bool:
        """A title or headline segment that the prose writes in KICKER_MIN_COPIES places or
        more, none of them a place a farm splices into (`_as_spliced`, the dateline), and that
        at least half of them use (`_takes_part`): a name the article writes in its own
        sentences and lists ("Chelsea, Real Madrid and Manchester United")."""
        if not (self.in_title or self.in_headline) or len(self.places) < KICKER_MIN_COPIES:
            return False
        if self.features["dateline"]:
            return False
        if any(_as_spliced(p) for p in self.places):
            return False
        return sum(map(_takes_part, self.places)) * 2 >= len(self.places)

    @property
    def amount(self) -> bool:
        """Every place of the phrase follows a currency sign ("$20 bonus"): a price or a sum
        the page states. A splice is put between words, never after a "$"."""
        return bool(self.places) and all(p.before[-1:] in CURRENCY_SIGNS for p in self.places)


class TopicRead(NamedTuple):
    """How a page writes about one spam topic a phrase names."""

    topic: str
    others: tuple[str, ...]
    """The topic's words the prose uses, other than the phrase's own."""
    headlined: bool
    """The real headline names the topic."""


def _on_topic(topics: list[TopicRead]) -> tuple[str, ...]:
    """For a topic of the phrase (not an everyday one) that the real headline names: the
    topic's other words that the prose uses, when there are at least ON_TOPIC_MIN_WORDS. The
    headline says what the story is about; a farm that stuffs three keyword phrases of one
    topic into a story about a council budget gives its prose the words, not its headline."""
    for read in topics:
        if read.topic in EVERYDAY_TOPICS or not read.headlined:
            continue
        if len(read.others) >= ON_TOPIC_MIN_WORDS:
            return read.others
    return ()


def _topic_features(topics: list[TopicRead]) -> tuple[float, float]:
    """For the model, everyday topics too: the most other words of one of the phrase's topics
    the prose uses (as a share of TOPIC_PROSE_CAP), and whether the headline names one."""
    most = max((len(read.others) for read in topics), default=0)
    named = any(read.headlined for read in topics)
    return min(most, TOPIC_PROSE_CAP) / TOPIC_PROSE_CAP, float(named)


class SpliceEvidence:
    """What a page offers as evidence about candidate phrases; computed once per page."""

    def __init__(self, page: Page, rules: SiteRules) -> None:
        self.page = page
        self.rules = rules
        self.text = PageText(page)

    @cached_property
    def lang(self) -> str:
        sample: list[str] = []
        for folded in self._prose_folded_words:
            sample += [w for w in folded if w.isalpha()]
            if len(sample) >= LANGUAGE_SAMPLE_WORDS:
                break
        return checked_language(declared_language(self.page), sample)

    @cached_property
    def spam_topic_words(self) -> frozenset[str]:
        """The spam vocabulary's nouns that are not function words of the page's language."""
        return SPAM_TOPIC_WORDS - foreign_function_words(self.lang)

    @cached_property
    def spam_words(self) -> frozenset[str]:
        """The spam vocabulary (nouns and modifiers) that sells something on its own: not the
        words that join a keyword phrase ("no", "for"), which every sentence has, nor function
        words of the page's language (on a Portuguese page "no" is "in the")."""
        vocabulary = SPAM_TOPIC_WORDS | SPAM_MODIFIERS
        return vocabulary - SPAM_JOINERS - foreign_function_words(self.lang)

    @cached_property
    def _prose_folded_words(self) -> list[list[str]]:
        """The words of each paragraph of running text, case folded."""
        return [WORD_RE.findall(unit.text.casefold()) for unit in self.text.prose]

    # -- the page's own statements ---------------------------------------------------------
    @cached_property
    def declared_title(self) -> str:
        return declared_title(self.page)

    @cached_property
    def title_segments(self) -> list[str]:
        return [s.text for s in split_segments(self.page.title_text)]

    @cached_property
    def headline_segments(self) -> list[str]:
        unit = self.text.headline_unit
        segments = [s.text for s in split_segments(unit.text)] if unit is not None else []
        return segments if len(segments) > 1 else []

    @cached_property
    def headline_phrase(self) -> str:
        """The segment of the title or headline that is the real headline: the one og:title
        (else the headline element) agrees with most, then the one whose words the article
        uses most and does not repeat word for word, then the longest."""
        unit = self.text.headline_unit
        reference = self.declared_title or (unit.text if unit is not None else "")
        best, best_rank = "", float("-inf")
        for segment in dict.fromkeys(self.title_segments + self.headline_segments):
            if self.is_site_name(segment):
                continue
            agreement = word_overlap(segment, reference) if reference else 1.0
            if agreement < HEADLINE_MIN_AGREEMENT:
                continue
            copied = any(p.unit.kind == UnitKind.PROSE for p in self.text.places(segment))
            rank = (
                AGREEMENT_RANK * agreement
                + TOPIC_RANK * self._used_in_prose(segment)
                + min(len(phrase_words(segment)), MAX_RANKED_WORDS)
                - (COPIED_RANK if copied else 0)
            )
            if rank > best_rank:
                best, best_rank = segment, rank
        return best

    def _used_in_prose(self, segment: str) -> float:
        """Share of the segment's distinctive words that the article's prose uses outside the
        segment's own copies (a brand copied into the prose is not what the article is about)."""
        words = [w.casefold() for w in phrase_words(segment)]
        distinctive = [w for w in words if len(w) >= MIN_TOPIC_WORD_CHARS]
        if not distinctive:
            return 0.0
        copies = sum(1 for p in self.text.places(segment) if p.unit.kind == UnitKind.PROSE)
        used = sum(self.prose_words[w] - copies * words.count(w) > 0 for w in distinctive)
        return used / len(distinctive)

    @cached_property
    def topic_reference(self) -> str:
        """What the page says it is about in its own headline: the headline segment and
        og:title (not the description, which a farm fills with its brand as it likes)."""
        return f"{self.headline_phrase} {self.declared_title}".casefold()

    @cached_property
    def meta_keywords(self) -> list[str]:
        raw = self.page.meta.get("keywords", "") + "," + self.page.meta.get("news_keywords", "")
        return [normalize_space(k) for k in re.split(r"[,;，、|]", raw) if k.strip()]

    @cached_property
    def prose_words(self) -> Counter:
        counts: Counter = Counter()
        for folded in self._prose_folded_words:
            counts.update(folded)
        return counts

    @cached_property
    def chrome_labels(self) -> Counter:
        """Short link labels of the page (menu items, sections, tags), case-folded, counted."""
        labels: Counter = Counter()
        for link in SHORT_LINKS_XPATH(self.page.body):
            label_words = link.text_content().split()
            if label_words and len(label_words) <= MAX_CHROME_WORDS:
                labels[" ".join(label_words).casefold()] += 1
        return labels

    @cached_property
    def slots(self) -> list[TextSlot]:
        """Where phrases are cut: the <title>, the headline and the body's text nodes."""
        page = self.page
        found = []
        if page.title_element is not None and page.title_element.text:
            found.append(TextSlot(page.title_element, None))
        if self.text.headline is not None:
            found += [s for s in page.text_slots if s.element in self.text.headline_elements]
        return found + self.text.body_slots

    def is_site_name(self, phrase: str) -> bool:
        return looks_like_site_name(phrase, self.page)

    # -- candidates ------------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        found: dict[str, set[Source]] = {}

        def add(phrase: str, source: Source) -> None:
            phrase = normalize_space(phrase)
            # A phrase ending in a possessive is a name acting in its sentence ("Fundabee’s
            # new app"), wherever it was found: a farm splices its brand bare.
            if phrase.endswith(POSSESSIVE_SUFFIXES):
                return
            if phrase and len(phrase_words(phrase)) <= MAX_PHRASE_WORDS:
                found.setdefault(phrase, set()).add(source)

        for segment in self.title_segments:
            add(segment, Source.TITLE)
        for segment in self.headline_segments:
            add(segment, Source.HEADLINE)
        for phrase in self._repeated_phrases():
            if not self._common_words_only(phrase):
                add(phrase, Source.REPEAT)
        for phrase in self._dateline_phrases():
            add(phrase, Source.DATELINE)
        for phrase in self._doubled_names():
            add(phrase, Source.DOUBLED)
        # A lead that holds a phrase found otherwise holds the sentence's words too ("Brand
        # Brand Capital DEAR ABBY: …"): the phrase is the candidate, not the lead.
        for lead in self._paragraph_leads():
            if not any(phrase in lead for phrase in found if phrase != lead):
                add(lead, Source.LEAD)
        for phrase in self._keyword_runs():
            add(phrase, Source.KEYWORD_RUN)
        for phrase in self.meta_keywords:
            in_title = phrase in self.title_segments or phrase in self.headline_segments
            if len(self.text.places(phrase)) >= (1 if in_title else 2):
                add(phrase, Source.META_KEYWORDS)
        for phrase in self.rules.remembered_phrases:
            for spelling in self._spellings(phrase):
                add(spelling, Source.MEMORY)
        return [
            Candidate(p, s)
            for p, s in found.items()
            if phrase_words(p) and p != self.headline_phrase and not self.is_site_name(p)
        ]

    def line_candidates(self) -> list[Candidate]:
        """Each short line under the headline, whole: a brand line is spliced as a line. The
        site's own name there ("PanARMENIAN.Net" on panarmenian.net) credits the story."""
        lines = [(normalize_space(el.text or ""), el) for el in self.text.lines_under_headline]
        return [
            Candidate(line, {Source.BRAND_LINE}, el)
            for line, el in lines
            if not self.is_site_name(line)
        ]

    @cached_property
    def declared_authors(self) -> set[str]:
        names = [self.page.meta.get(k, "") for k in ("author", "article:author", "parsely-author")]
        for obj in self.page.json_ld:
            authors = obj.get("author")
            for author in authors if isinstance(authors, list) else [authors]:
                if isinstance(author, dict) and isinstance(author.get("name"), str):
                    names.append(author["name"])
                elif isinstance(author, str):
                    names.append(author)
        names += [el.text_content() for el in AUTHOR_ELEMENTS_XPATH(self.page.body)]
        return {normalize_space(n).casefold() for n in names if n.strip()}

    def _common_words_only(self, phrase: str) -> bool:
        """A phrase of everyday words, as names the article repeats often are ("White House",
        "Senate") and as its own turns of phrase are ("are at odds"): from the body alone it is
        no candidate. A spam word among everyday words makes a candidate ("Summit Trading",
        "personal loans"), but not in a lower-case run with a function word inside: that is
        the sentence's own wording, a keyword phrase is nouns and their modifiers."""
        words = [w.casefold() for w in phrase_words(phrase)]
        if not all(zipf(w, self.lang) >= COMMON_ZIPF for w in words):
            return False
        spam = sum(w in self.spam_words for w in words)
        if spam == 0:
            return True
        grammar = function_words(self.lang)
        return phrase.islower() and spam < MIN_KEYWORD_WORDS and any(w in grammar for w in words)

    def _anchors(self) -> list[str]:
        """Words a repeated phrase may be built around, used at least twice in the body: names
        (capitalised) and other words that are not everyday vocabulary, and spam keywords. A
        phrase of everyday words only is no candidate from the body alone (see
        `_common_words_only`), so everyday words anchor nothing."""
        return [
            word
            for word, count in self.text.word_counts.items()
            if count >= 2 and not word.isdigit() and self._anchors_a_phrase(word)
        ]

    def _anchors_a_phrase(self, word: str) -> bool:
        lower = word.casefold()
        if lower in self.spam_topic_words:
            return True
        if word[:1].isupper():
            return zipf(lower, self.lang) < COMMON_ZIPF
        rarity = word_zipf(lower, self.lang)
        return rarity is not None and rarity < RARE_ZIPF

    def _repeated_phrases(self) -> set[str]:
        """Phrases the body repeats verbatim: around each repeated anchor word, as far as every
        copy agrees on its neighbours, without a function word at either end. A name that only
        ever opens its sentences is the sentences' subject, unless a mark sets it off from
        each of them ("Brand: The council…"), as a kicker spliced into the body is."""
        found = set()
        for anchor in self._anchors():
            places = self.text.places(anchor)
            if len(places) < 2 or (anchor[:1].isupper() and _only_subject(places)):
                continue
            phrase = _common_phrase(places)
            if phrase:
                found.add(phrase)
        return found

    @cached_property
    def _dateline_at(self) -> tuple[Unit, str] | None:
        """The paragraph that opens with the article's dateline, and the dateline."""
        for number, unit in enumerate(self.text.lead[:DATELINE_MAX_PARAGRAPHS]):
            region = _dateline_of(unit.text, proper_only=number > 0)
            if region is not None:
                return unit, region
        return None

    @property
    def dateline(self) -> str | None:
        return self._dateline_at[1] if self._dateline_at else None

    def _in_dateline(self, place: Place) -> bool:
        found = self._dateline_at
        return found is not None and place.unit is found[0] and place.end <= len(found[1])

    def _dateline_phrases(self) -> list[str]:
        """Runs of capitalised words inside the dateline, the city (in
        capitals) and the agency aside."""
        region = self.dateline
        if region is None:
            return []
        return [
            region[run[0].start : run[-1].end]
            for run in _runs(region, tokenize(region), _dateline_name_word)
        ]

    def _paragraph_leads(self) -> set[str]:
        """The words a paragraph opens with, set off from its sentence like a kicker ("Brand:
        The council…", "Brand | The council…", "(Brand) The council…"), other than its
        dateline, nor a clause of the sentence ("He added: …"), nor one of the labels the
        article opens its paragraphs with, as lists, glossaries and Q&As do ("Tuvalu: …",
        "Vanuatu: …"), nor a label for what the article writes about elsewhere (a
        transcript's "RXHAVEN24: …" where the story says "RxHaven24"; a brand a farm splices
        into several places is a candidate as a repeated phrase)."""
        dateline = self.dateline
        grammar = function_words(self.lang)
        leads: dict[str, tuple[str, list[str]]] = {}
        for unit in self.text.prose:
            match = PARAGRAPH_LEAD_RE.match(unit.text)
            if match is None:
                continue
            if dateline is not None and unit.text.startswith(dateline):
                continue
            lead = match.group("enclosed") or match.group("marked")
            words = [w.casefold() for w in phrase_words(lead)]
            if len(words) <= MAX_PHRASE_WORDS and grammar.isdisjoint(words):
                leads[lead] = (match.group("mark") or "()", words)
        marks = Counter(mark for mark, _ in leads.values())
        return {
            lead
            for lead, (mark, words) in leads.items()
            if marks[mark] < LABELLED_PARAGRAPHS and not self._written_elsewhere(words)
        }

    def _written_elsewhere(self, words: list[str]) -> bool:
        """Whether the prose uses the rarest of these (case-folded) words outside them."""
        rarest = _rarest(self._word_frequencies(words))
        return rarest is not None and self.prose_words[rarest] > words.count(rarest)

    def _word_frequencies(self, lowered: list[str]) -> dict[str, float]:
        """How common each of these (case-folded) words is, for those that say (`word_zipf`)."""
        return {w: z for w in lowered if (z := word_zipf(w, self.lang)) is not None}

    def _doubled_names(self) -> set[str]:
        """Runs of capitalised words opened by a doubled one ("Brand Brand Wealth Academy"):
        stuffed brands double their name, natural names rarely do."""
        found = set()
        # One search over the joined body (a doubled name never spans two units), each match
        # then read in its own unit.
        joined, starts = self.text.joined
        for match in DOUBLED_NAME_RE.finditer(joined):
            number = bisect.bisect_right(starts, match.start()) - 1
            text = self.text.body[number].text
            start, match_end = match.start() - starts[number], match.end() - starts[number]
            words = [match.group(1), match.group(1)]
            for more in NEXT_WORD_RE.finditer(text, match_end):
                if more.start() != start + len(" ".join(words)):
                    break
                word = more.group("word")
                if not word[:1].isupper() or not word.isalpha() or len(words) >= MAX_PHRASE_WORDS:
                    break
                words.append(word)
            end = start + len(" ".join(words))
            if len(words) > 2 and sentence_initial(text, start) and _continues_lower(text, end):
                words.pop()
            while len(words) > MIN_DOUBLED_RUN_WORDS and self.prose_words[words[-1].casefold()] > 1:
                words.pop()
            found.add(" ".join(words))
        return found

    def _keyword_runs(self) -> set[str]:
        """Runs of lower-case spam-keyword words in the body ("cheap payday loans online")."""
        found = set()
        present = self.spam_topic_words.intersection(self.text.word_counts)
        holding = {id(p.unit): p.unit for word in present for p in self.text.places(word)}
        grammar = function_words(self.lang) | foreign_function_words(self.lang)
        for unit in holding.values():
            for run in _keyword_runs_in(unit.text, grammar):
                for phrase in self._keyword_phrases(run):
                    found.add(unit.text[phrase[0].start : phrase[-1].end])
        return found

    def _keyword_phrases(self, run: list[Token]) -> list[list[Token]]:
        """The run as one keyword phrase, if it sells enough. A run that bridged a word needs
        BRIDGED_MIN_KEYWORD_WORDS different selling words and at most MAX_PHRASE_WORDS words,
        or else each part between its bridged words is read alone: "online sports betting
        grew" is the sentence's own, "plan weather plan plan" in a list of words sells nothing,
        and "a new vehicle installment loans today online loan" holds a stuffed keyword
        between the sentence's words."""
        run = _without_trailing_joiners(self._from_first_topical_part(run))
        parts = _unbridged_parts(run)
        if len(parts) == 1:
            return [run] if self._sells(run, MIN_KEYWORD_WORDS) else []
        if len(run) <= MAX_PHRASE_WORDS and self._sells(
            run, BRIDGED_MIN_KEYWORD_WORDS, distinct=True
        ):
            return [run]
        return [phrase for part in parts for phrase in self._keyword_phrases(part)]

    def _sells(self, run: list[Token], spam_words: int, distinct: bool = False) -> bool:
        """At least `spam_words` words of the spam vocabulary (`distinct` ones), one of them a
        topic's noun."""
        spam = [t.text for t in run if t.text in self.spam_words]
        count = len(set(spam)) if distinct else len(spam)
        return count >= spam_words and any(t.text in self.spam_topic_words for t in run)

    def _from_first_topical_part(self, run: list[Token]) -> list[Token]:
        """The run from the first of its parts (between join words) that names a spam topic:
        a part of modifiers alone before a join word is the sentence's ("in order to easy
        poker": "order to" goes)."""
        start = 0
        for i, token in enumerate(run):
            if token.text in SPAM_JOINERS and not any(
                t.text in self.spam_topic_words for t in run[start:i]
            ):
                start = i + 1
        return run[start:]

    def _spellings(self, normalized: str) -> set[str]:
        """The page's own spelling of a remembered (normalized) phrase, wherever it occurs."""
        texts = [self.page.title_text] + [u.text for u in self.text.body]
        spellings = set()
        for text in texts:
            if normalized in text.casefold():
                for start, end in find_all(text, normalized, case_sensitive=False):
                    spellings.add(text[start:end])
        return spellings

    # -- features --------------------------------------------------------------------------
    def evidence(self, candidate: Candidate, echoes: frozenset[str] = frozenset()) -> Evidence:
        """The candidate's features; `echoes` are first words of phrases found spliced on this
        page (a brand line repeats its brand's)."""
        phrase = candidate.phrase
        places = self.text.places(phrase)
        in_title = phrase in self.title_segments
        in_headline = phrase in self.headline_segments
        words = phrase_words(phrase)
        lowered = [w.casefold() for w in words]
        frequencies = self._word_frequencies(lowered)
        lettered = [w for w in lowered if w in frequencies]
        rarest = _rarest(frequencies)
        copies = len(places)
        f: dict[str, float] = dict.fromkeys(FEATURES, 0.0)
        f["title"] = float(in_title)
        f["headline"] = float(in_headline)
        f["title_and_headline"] = float(in_title and in_headline)
        f["declared_title_has"] = float(phrase.casefold() in self._declared_title_folded)
        f["body_copies"] = min(copies, COPIES_CAP) / COPIES_CAP
        f["body_only"] = float(not in_title and not in_headline and copies >= 2)
        f["dateline"] = float(
            Source.DATELINE in candidate.sources or any(map(self._in_dateline, places))
        )
        f["brand_line"] = float(any(line.startswith(phrase) for line in self._short_lines))
        f["meta_keywords"] = float(phrase.casefold() in self._meta_keywords_folded)
        if places:
            f.update(_shares(places, wedged=phrase[:1].isupper()))
        least = min(frequencies.values()) if frequencies else UNKNOWN_LANGUAGE_ZIPF
        f["min_zipf"] = least / ZIPF_SCALE
        f["rare_word"] = float(least < RARE_ZIPF)
        letters = [w for w in words if w[:1].isalpha()]
        f["title_case"] = float(bool(letters) and all(w[:1].isupper() for w in letters))
        f["lower_case"] = float(bool(letters) and all(w.islower() for w in letters))
        f["all_caps"] = float(
            bool(letters) and all(w.isupper() for w in letters) and len(phrase) > 2
        )
        f["words"] = len(words) / MAX_PHRASE_WORDS
        f["one_word"] = float(len(words) == 1)
        spam = [w for w in lowered if w in self.spam_words]
        f["spam_words"] = len(spam) / len(lowered) if lowered else 0.0
        f["spam_topic"] = float(any(w in self.spam_topic_words for w in lowered))
        f["doubled"] = float(any(a == b for a, b in itertools.pairwise(lowered)))
        other = self._other_forms(rarest, places, lowered) if rarest else 0
        f["other_forms"] = math.log1p(other) / math.log1p(COPIES_CAP * 2)
        f["other_forms"] = min(f["other_forms"], 1.0)
        distinctive = [w for w in lettered if len(w) >= MIN_TOPIC_WORD_CHARS]
        if distinctive:
            f["headline_words"] = sum(w in self.topic_reference for w in distinctive) / len(
                distinctive
            )
            f["topic_words"] = sum(
                self.prose_words[w] - copies * lowered.count(w) >= 2 for w in distinctive
            ) / len(distinctive)
        topics = self._topic_reads(lowered)
        f["topic_prose"], f["topic_headline"] = _topic_features(topics)
        own_link = candidate.line is not None and candidate.line.tag == "a"
        f["chrome"] = float(self.chrome_labels[phrase.casefold()] - own_link > 0)
        f["title_only_common"] = float(
            (in_title or in_headline) and copies == 0 and least >= RARE_ZIPF
        )
        if candidate.line is not None:
            self._line_features(candidate, f, echoes)
        facts = {"rarest": rarest or "", "copies": str(copies), "other": str(other)}
        memory = self.rules.remembered_phrases
        remembered = memory.get(normalize_quote(phrase), 0) if memory else 0
        return Evidence(
            candidate,
            f,
            places,
            in_title,
            in_headline,
            facts,
            remembered=remembered,
            person=_as_a_person(places, phrase) if len(words) == 1 else None,
            on_topic=_on_topic(topics) if f["lower_case"] else (),
            headlined=self._inside_headline(lowered),
            defined=self._definition(places),
        )

    @cached_property
    def _headline_words(self) -> list[str]:
        return [w.casefold() for w in phrase_words(self.headline_phrase)]

    @cached_property
    def _headline_content_words(self) -> frozenset[str]:
        """The real headline's words that can say what a thing is: not function words, not
        short ones."""
        grammar = function_words(self.lang)
        return frozenset(
            w for w in self._headline_words if len(w) >= MIN_TOPIC_WORD_CHARS and w not in grammar
        )

    def _definition(self, places: list[Place]) -> str | None:
        """The first appositive after the phrase that says what it is with a word of the real
        headline's own (`_headline_content_words`), where the phrase is not an aside itself: a
        farm's ", Brand," or ", according to Brand," lands before whatever the sentence goes on
        with, ", the company's finances" as well."""
        headline = self._headline_content_words
        for place in places:
            if place.before.rstrip().endswith(",") or place.cited:
                continue
            match = DEFINITION_RE.match(place.after)
            if match and any(w.casefold() in headline for w in phrase_words(match["words"])):
                return match.group(0).lstrip(", ").strip()
        return None

    def _inside_headline(self, lowered: list[str]) -> bool:
        """Whether the phrase's words are a run of the headline segment's words, short of the
        whole segment."""
        words, size = self._headline_words, len(lowered)
        if not size or size >= len(words):
            return False
        return any(words[i : i + size] == lowered for i in range(len(words) - size + 1))

    @cached_property
    def _prose_topic_words(self) -> frozenset[str]:
        """The spam topic words the article's prose uses."""
        return frozenset(
            w for folded in self._prose_folded_words for w in folded if w in self.spam_topic_words
        )

    def _topic_reads(self, lowered: list[str]) -> list[TopicRead]:
        """For each spam topic the phrase names: the topic's other words the prose uses, and
        whether the real headline names the topic."""
        headline = set(self._headline_words)
        return [
            TopicRead(
                topic,
                tuple(sorted((self._prose_topic_words & words).difference(lowered))),
                bool(words & headline),
            )
            for topic, words in SPAM_TOPICS.items()
            if words.intersection(lowered)
        ]

    def _line_features(self, candidate: Candidate, f: dict[str, float], echoes) -> None:
        line = candidate.phrase
        lowered = line.casefold()
        el = candidate.line
        f["line"] = 1.0
        named = phrase_words(line_name(line))
        f["line_echo"] = float(bool(named) and named[0] in echoes)
        f["line_is_link"] = float(el.tag == "a" or any(a.tag == "a" for a in el.iterancestors()))
        lead_in = _lead_in(el)
        f["sponsor"] = float(
            lowered.startswith(SPONSOR_PREFIXES)
            or lead_in.startswith(SPONSOR_PREFIXES)
            or lead_in.endswith(SPONSOR_PREFIXES)
        )
        link = el if el.tag == "a" else next(el.iterancestors("a"), None)
        href = (link.get("href") or "") if link is not None else ""
        f["byline"] = float(
            lowered.startswith("by ")
            or lowered in self.declared_authors
            or bool(AUTHOR_PATH_RE.search(href))
        )
        f["digits"] = float(any(ch.isdigit() for ch in line))
        f["org_word"] = float(any(w.casefold() in ORGANISATION_WORDS for w in named))

    def _other_forms(self, word: str, places: list[Place], lowered: list[str]) -> int:
        """How often the phrase's rarest word is used outside the phrase's own copies: in the
        prose, and in the headline's and description's own words."""
        in_prose = self.prose_words[word] - sum(
            1 for p in places if p.unit.kind == UnitKind.PROSE
        ) * (lowered.count(word))
        outside_headline = self.topic_reference.count(word) if len(lowered) > 1 else 0
        return max(in_prose, 0) + outside_headline

    @cached_property
    def _short_lines(self) -> list[str]:
        return [normalize_space(el.text or "") for el in self.text.lines_under_headline]

    @cached_property
    def _declared_title_folded(self) -> str:
        return self.declared_title.casefold()

    @cached_property
    def _meta_keywords_folded(self) -> frozenset[str]:
        return frozenset(k.casefold() for k in self.meta_keywords)


# The features that say how a phrase sits in its sentences: the share of its places where...
PLACE_FEATURES = (
    "possessive",  # ...it is possessive ("X's")
    "governed",  # ...a word like "the", "at" or "said" governs it
    "verb_after",  # ...a verb follows it
    "framed",  # ...punctuation sets it off
    "cited",  # ...an aside of its own names it as a source (", per X,", ", X said,")
    "wedged",  # ...it sits between two lower-case words (only counted for a capitalised phrase)
    "opens_sentence",  # ...it opens a sentence
    "name_part",  # ...it is part of a longer name
    "glued",  # ...no space separates it from the text around it
    "in_link",  # ...it is a link's words (an anchor text, a list of links), not running text
    "teaser",  # ...it is in another story's summary, in a card after the story's headline link
)


def _shares(places: list[Place], wedged: bool) -> dict[str, float]:
    """The PLACE_FEATURES of a phrase, from one look at each of its places."""
    counts = dict.fromkeys(PLACE_FEATURES, 0)
    for place in places:
        counts["possessive"] += place.possessive
        counts["governed"] += _governed(place)
        counts["verb_after"] += _verb_after(place)
        counts["framed"] += place.framed
        counts["cited"] += place.cited
        counts["wedged"] += wedged and _wedged(place)
        counts["opens_sentence"] += place.opens_sentence
        counts["name_part"] += _in_longer_name(place)
        counts["glued"] += place.glued
        counts["in_link"] += place.in_link
        counts["teaser"] += place.teaser
    shares = {name: count / len(places) for name, count in counts.items()}
    if not wedged:
        shares["wedged"] = 0.0
    return shares


def _rarest(frequencies: dict[str, float]) -> str | None:
    return min(frequencies, key=frequencies.__getitem__) if frequencies else None


def line_name(line: str) -> str:
    """The name a line under the headline gives, after the words it may open with ("From Brand
    Markets View" gives "Brand Markets View")."""
    rest = line
    while (match := LINE_LEAD_IN_RE.match(rest)) is not None:
        rest = rest[match.end() :]
    return rest


def _name_word(word: str | None) -> bool:
    """A capitalised word that is not a function or attribution word: a word of a name."""
    return word is not None and word[:1].isupper() and word.casefold() not in EDGE_WORDS


def _in_longer_name(place: Place) -> bool:
    """Next to another capitalised word, or before a name's particle and its next part: part of
    a longer name there ("Gordon Sondland", "Ahmad bin Hanbal"), as a name the article writes
    about often is, and a phrase spliced at random rarely. A person's title before it ("Chief
    Minister") is no part of the name but governs it (`_governed`)."""
    before = place.previous_word
    return (
        (_name_word(before) and not _after_role_title(place))
        or _name_word(place.next_word)
        or _before_name_particle(place)
    )


def _before_name_particle(place: Place) -> bool:
    """Before a name's particle and the name's next part ("Imam Ahmad bin Hanbal"): a farm's
    splice lands before such a tail only where the article's name already stood."""
    tail = PARTICLE_NAME_RE.match(place.after)
    return tail is not None and tail.group("part").isupper()


def _numbered_reference(place: Place) -> bool:
    """The name of a reference in brackets, before the number of its part: "[Al Maa-idah 8]"."""
    opened = place.before[-1:] in ("(", "[")
    return opened and NUMBERED_REFERENCE_RE.match(place.after) is not None


def _after_role_title(place: Place) -> bool:
    """Right after a person's title ("Minister X"), or its short form with or without its full
    stop ("Dr. X", "Dr X")."""
    word = place.previous_word
    if word is not None:
        title = word.casefold()
        return title in ROLE_TITLES or title in ROLE_ABBREVIATIONS
    abbreviation = ABBREVIATION_BEFORE_RE.search(place.before)
    return abbreviation is not None and abbreviation.group(1).casefold() in ROLE_ABBREVIATIONS


def _as_a_person(places: list[Place], phrase: str) -> str | None:
    """The first place where the phrase ends a person's name and the person acts: a first name
    (not in capitals, not the phrase doubled) before it, a verb after it ("Craig Menear said").
    A coined brand spliced at random lands there about never; a surname kicker's article
    writes it so."""
    for place in places:
        first, verb = place.previous_word, place.next_word
        if (
            _name_word(first)
            and not first.isupper()
            and first != phrase
            and (verb or "").casefold() in FOLLOWING_VERBS
        ):
            return f"{first} {phrase} {verb}"
    return None


def _as_a_code(places: list[Place], phrase: str) -> str | None:
    """The first place where the sentence names the phrase as a code or a handle ("promo code
    APINSIDER", "@quorvex"): a rare word that repeats and takes no part in its sentences, as a
    spliced brand does, but the page's own."""
    for place in places:
        mark = place.before[-1:]
        if mark and mark in NAMING_MARKS:
            return f"{mark}{phrase}"
        lead = place.before.rstrip().removesuffix(":").rstrip()
        naming = TOKEN_RE.findall(lead[-NAMING_CHARS:])[-1:]
        if naming and lead.endswith(naming[0]) and naming[0].casefold() in NAMING_WORDS:
            return f"{naming[0]} {phrase}"
    return None


def _as_spliced(place: Place) -> bool:
    """Whether the place is one a farm puts a phrase in, or may: between two words of a
    sentence, against another capitalised word (a name's part, or a splice before one), before
    a sentence's first word, after the last where no full stop follows, or appended to a
    finished sentence after a comma or a dash (", X said.", " - X."). A name signing its
    own post, closing a quotation, listed with others, before its particle ("Ahmad bin
    Hanbal") or naming a reference ("[Al Maa-idah 8]") is none of these, whatever marks frame
    it."""
    following = place.next_word or ""
    if (
        _signs_own_post(place)
        or _closes_quotation(place)
        or _listed_as_a_name(place)
        or _before_name_particle(place)
        or _numbered_reference(place)
    ):
        return False
    return (
        place.framed
        or place.cited
        or place.closes_sentence_set_off
        or place.glued
        or place.marked_off
        or _between_words(place)
        or _in_longer_name(place)
        or (place.opens_sentence and following[:1].isupper())
        or not place.after.strip()
    )


def _takes_part(place: Place) -> bool:
    """Whether the sentence uses the phrase: a word like "the", "of" or "said" governs it, it
    acts (`_acts`), a relative clause describes it, it is possessive, it is listed with others
    (`_listed`), or it names a reference the article cites."""
    return (
        _governed(place)
        or _acts(place)
        or _signs_own_post(place)
        or _closes_quotation(place)
        or _listed(place)
        or _before_name_particle(place)
        or _numbered_reference(place)
        or place.described
        or place.possessive
    )


def _listed(place: Place) -> bool:
    """Listed with others: after or before a word like "and" ("Chelsea and X", "X or"), or
    between names (`_between_names`)."""
    before = (place.previous_word or "").casefold()
    after = (place.next_word or "").casefold()
    return before in LISTING_WORDS or after in LISTING_WORDS or _between_names(place)


def _listed_as_a_name(place: Place) -> bool:
    """Listed where only a name fits: before a word like "and" ("X and Chelsea"), after one
    with no lower-case word but a preposition after it ("FC Porto in 2004 and X in 2010"; a
    farm's bare splice reads "overcrowded and [Brand] unsanitary"), or between names."""
    before = (place.previous_word or "").casefold()
    after = place.next_word or ""
    if after.casefold() in LISTING_WORDS:
        return True
    if before in LISTING_WORDS:
        return not after[:1].islower() or after in PREPOSITIONS
    return _between_names(place)


def _between_names(place: Place) -> bool:
    """Between commas with a name on either side ("FC Porto, X, Chelsea and…"), where an
    aside would sit between words of a clause."""
    lead, tail = place.before, place.after
    if not (lead.endswith(", ") and tail.startswith(", ")):
        return False
    previous = LAST_WORD_RE.search(lead[:-2])
    following = FIRST_WORD_RE.search(tail[2:])
    return bool(previous and following) and _capitalised(previous.group(), following.group())


def _capitalised(*words: str) -> bool:
    return all(w[:1].isupper() for w in words)


def _signs_own_post(place: Place) -> bool:
    """Followed by a handle that spells it ("— Arvind Kejriwal (@ArvindKejriwal) November 1"):
    the signature of an embedded post, a person's or an organisation's own account."""
    match = POST_SIGNATURE_RE.match(place.after)
    if match is None:
        return False
    handle = match.group("handle").casefold()
    return all(w.casefold() in handle for w in phrase_words(place.text))


def _closes_quotation(place: Place) -> bool:
    """The last words of a quotation the sentence opened (“Saint Seiya”, “Knights of the
    Zodiac – Saint Seiya”): the title of a work, a slogan or a name the article quotes."""
    after = place.after
    if not after or after[0] not in CLOSING_QUOTES:
        return False
    return quotation_open(place.before, OPENING_QUOTES, CLOSING_QUOTES)


def _governed(place: Place) -> bool:
    """A word like "the", "at" or "said" governs it, or a person's title comes before it."""
    return (place.previous_word or "").casefold() in GOVERNING_WORDS or _after_role_title(place)


def _verb_after(place: Place) -> bool:
    """A verb follows it: the subject of its clause."""
    return (place.next_word or "").casefold() in FOLLOWING_VERBS


def _acts(place: Place) -> bool:
    """A verb follows it, or follows the short aside in parentheses after it: the subject of
    its clause, read with a wider list of verbs than the model's `verb_after` feature."""
    word = place.next_word
    if word is None:
        aside = ASIDE_THEN_WORD_RE.match(place.after)
        word = aside.group("word") if aside else ""
    return word.casefold() in ACTING_VERBS


def _between_words(place: Place) -> bool:
    """Between a word and a lower-case word that does not make it a verb's subject ("The
    [Brand] suit"; "the council [Brand] voted" is a name acting). After a person's title it is
    a person ("Chief Minister X turned"). `_as_spliced` reads a listed name and one before its
    particle first."""
    before, after = place.previous_word, place.next_word
    if not (before and after and after[:1].islower()) or _after_role_title(place):
        return False
    return after not in FOLLOWING_VERBS


def _lead_in(el: HtmlElement) -> str:
    """The text its parent has right before it, case folded ("Sponsored by" before a link to
    the sponsor)."""
    previous = el.getprevious()
    if previous is not None:
        text = previous.tail
    else:
        parent = el.getparent()
        text = parent.text if parent is not None else None
    return normalize_space(text or "").rstrip(":").casefold()


def _only_subject(places: list[Place]) -> bool:
    """Opening every sentence it is in, and not set off from each by a mark."""
    return all(p.opens_sentence for p in places) and not all(p.marked_off for p in places)


def _wedged(place: Place) -> bool:
    """A capitalised phrase between two lower-case words of one clause."""
    before, after = place.previous_word, place.next_word
    if not (before and after and before[:1].islower() and after[:1].islower()):
        return False
    return not _before_name_particle(place)


def _continues_lower(text: str, end: int) -> bool:
    """Whether the sentence goes on in lower case after `end`: the last capitalised word was
    its first word, not part of the name before it."""
    match = NEXT_WORD_RE.match(text, end)
    return bool(match and match.group("word")[:1].islower())


def _dateline_of(text: str, proper_only: bool) -> str | None:
    """The start of a paragraph up to its dateline dash, if it opens with a dateline."""
    window = text[:DATELINE_MAX_CHARS]
    dashes = list(DATELINE_DASH_RE.finditer(window))
    if not dashes or dashes[0].start() < MIN_DATELINE_CHARS:
        return None
    proper = CITY_RE.match(window) or AGENCY_RE.search(window[: dashes[0].start()])
    if not proper and proper_only:
        return None
    return window[: (dashes[-1] if proper else dashes[0]).start()]


def _dateline_name_word(token: Token) -> bool:
    """A capitalised word of a name in the dateline, other than a news agency's or a web
    address ("PanARMENIAN.Net —"): both credit the story's source, where the dateline names it."""
    word = token.text
    return (
        word[:1].isupper()
        and not word.isupper()
        and word.casefold() not in AGENCIES
        and WEB_ADDRESS_RE.fullmatch(word) is None
    )


KEYWORD_WORDS = SPAM_TOPIC_WORDS | SPAM_MODIFIERS | SPAM_JOINERS
# A stopword this common (once in about 1,600 words) is a function word: stopword lists also
# hold content words ("group", "research", "works") that brands are made of.
FUNCTION_WORD_ZIPF = 5.8


@lru_cache(maxsize=64)
def function_words(lang: str) -> frozenset[str]:
    """The language's function words ("are", "at", "which"): its stopwords that are also its
    most common words. A brand or a keyword list is names and nouns; a run of a sentence's own
    words has these inside ("are at odds"). The spam vocabulary's own words ("for", "no",
    "best") are not counted."""
    return _frequent_in(lang, stopwords_for(lang) - KEYWORD_WORDS)


@lru_cache(maxsize=64)
def foreign_function_words(lang: str) -> frozenset[str]:
    """The function words of a page language other than English: the spam vocabulary is
    English, and a word it shares with the page's grammar ("no", "in", "me") is that grammar
    there."""
    if lang in ("", ENGLISH) or lang not in stopwordsiso.langs():
        return frozenset()
    return _frequent_in(lang, stopwordsiso.stopwords(lang))


def _frequent_in(lang: str, stopwords: Iterable[str]) -> frozenset[str]:
    """The stopwords common enough in the language to be its function words."""
    return frozenset(w for w in stopwords if zipf(w, lang) >= FUNCTION_WORD_ZIPF)


def _keyword_runs_in(text: str, grammar: frozenset[str]) -> list[list[Token]]:
    """The runs of KEYWORD_WORDS in the text, one space apart, reading each word once and
    making a Token only of the words a run keeps (whether a word opens a sentence does not
    matter).
    A run bridges one lower-case word outside the vocabulary between two of its selling words
    ("payday loans direct lender", "best slot machines uk"): a stuffed search phrase has its
    own nouns, which no closed list holds; a word of the sentence's `grammar` ("are", "which")
    is never bridged."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    bridge: Token | None = None
    for match in TOKEN_RE.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if word[-2:] in POSSESSIVE_SUFFIXES:
            word, end = word[:-2], end - 2
        if word not in KEYWORD_WORDS:
            if run and bridge is None and _bridges(run[-1], word, text, start, grammar):
                bridge = Token(word, start, end)
                continue
            if run:
                runs.append(run)
            run, bridge = [], None
            continue
        token = Token(word, start, end)
        if run and text[(bridge or run[-1]).end : start] != " ":
            runs.append(run)
            run = []
        elif bridge is not None:
            if word in SPAM_JOINERS:
                runs.append(run)
                run = []
            else:
                run.append(bridge)
        bridge = None
        run.append(token)
    if run:
        runs.append(run)
    return runs


def _without_trailing_joiners(run: list[Token]) -> list[Token]:
    while run and run[-1].text in SPAM_JOINERS:
        run = run[:-1]
    return run


def _unbridged_parts(run: list[Token]) -> list[list[Token]]:
    """The run cut at the words it bridged (those outside KEYWORD_WORDS)."""
    parts: list[list[Token]] = [[]]
    for token in run:
        if token.text in KEYWORD_WORDS:
            parts[-1].append(token)
        else:
            parts.append([])
    return [part for part in parts if part]


def _bridges(last: Token, word: str, text: str, start: int, grammar: frozenset[str]) -> bool:
    """Whether a run that ends in `last` may go on over `word` (at `start`) to a next selling
    word."""
    return (
        last.text not in SPAM_JOINERS
        and word.islower()
        and word.isalpha()
        and len(word) >= MIN_BRIDGE_CHARS
        and word not in grammar
        and text[last.end : start] == " "
    )


def _runs(text: str, tokens: list[Token], belongs) -> list[list[Token]]:
    """Maximal runs of tokens that `belongs` accepts, joined by single spaces."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for token in tokens:
        if belongs(token) and (not run or text[run[-1].end : token.start] == " "):
            run.append(token)
            continue
        if run:
            runs.append(run)
        run = [token] if belongs(token) else []
    if run:
        runs.append(run)
    return runs


def _neighbours(places: list[Place], step: int) -> list[str | None]:
    """The word `step` words before (negative) or after each place, when only a phrase's gap
    separates them; a possessive "’s" is not part of the word."""
    found = []
    for place in places:
        text = place.unit.text
        if step < 0:
            match = PREVIOUS_WORD_RE.search(
                text, max(0, place.start - NEIGHBOUR_CHARS), place.start
            )
        else:
            match = NEXT_WORD_RE.match(text, place.end)
        found.append(match.group("word") if match else None)
    return found


def _common_phrase(places: list[Place]) -> str | None:
    """The longest phrase around the places that every copy shares, function words trimmed
    from its ends; None when the copies agree on more than a phrase's length (a repeated quote,
    not a splice)."""
    places = [Place(p.unit, p.start, p.end) for p in places]
    for step in (-1, 1):
        while True:
            words = _neighbours(places, step)
            if None in words or len(set(words)) != 1:
                break
            for i, place in enumerate(places):
                text = place.unit.text
                if step < 0:
                    match = PREVIOUS_WORD_RE.search(
                        text, max(0, place.start - NEIGHBOUR_CHARS), place.start
                    )
                    places[i] = Place(place.unit, match.start("word"), place.end)
                else:
                    match = NEXT_WORD_RE.match(text, place.end)
                    places[i] = Place(place.unit, place.start, match.end("word"))
            if len(phrase_words(places[0].text)) > MAX_PHRASE_WORDS:
                return None
    words = phrase_words(places[0].text)
    while words and words[0].casefold() in EDGE_WORDS:
        words = words[1:]
    while words and words[-1].casefold() in EDGE_WORDS:
        words = words[:-1]
    if not words:
        return None
    text = places[0].text
    start = text.index(words[0])
    end = text.rindex(words[-1]) + len(words[-1])
    return text[start:end]
