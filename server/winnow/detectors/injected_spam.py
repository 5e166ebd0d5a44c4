"""Injected spam: phrases spliced into the title, the headline and the prose, and fake brand lines.

Each candidate phrase (a <title> or headline segment that is neither the headline nor the site's
name, or a phrase this site was seen splicing before) collects weighted evidence; a phrase whose
evidence reaches SPLICE_THRESHOLD is spam, and every place it occurs is annotated and cut.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from ..findings import Finding, Kind, TextSpan
from ..page import Page, TextSlot, normalize_space, words
from ..site_rules import SiteRules, normalize_quote
from ..textedit import find_all
from ..titles import word_overlap
from .splice_evidence import SENTENCE_END, Occurrence, SpliceEvidence, distinctive, lower_words

# Weights of the evidence for a spliced phrase (see splice_evidence for how each is measured).
IN_TITLE = 1.0  # a separate segment of <title>
IN_HEADLINE = 1.5  # a separate segment of the <h1> as well
MISSING_FROM_DECLARED_TITLE = 1.0  # og:title exists and does not have it
FIRST_PROSE_COPY = 1.0  # repeated inside the article's prose...
EXTRA_PROSE_COPY = 0.5  # ...each further copy
MAX_PROSE_COPIES_WEIGHT = 2.0
SENTENCE_BREAK = 1.0  # a copy breaks the sentence it sits in
REPEATED_TOKEN = 1.5  # "FinLogic FinLogic ...": stuffed brands double their name
IN_KEYWORDS = 0.5  # listed in meta keywords
FOREIGN_WORD = 1.0  # a distinctive word of it occurs nowhere else in the prose...
ALL_WORDS_FOREIGN = 0.5  # ...and none of them does
BRAND_LINE_ECHO = 1.0  # a short line under the headline repeats its first word
LEADS_THE_TITLE = 0.5  # it comes before the headline in <title>
REMEMBERED = 2.0  # this site spliced it into other pages before
TOPICAL = -1.5  # most of its words are the article's own topic words
SECTION_LABEL = -2.0  # it is also a menu item or tag elsewhere on the page
SPLICE_THRESHOLD = 3.0
# Title-only evidence is not enough: one of these must back it up.
SUPPORTING = frozenset({"headline", "prose", "repeated", "keywords", "brand line", "memory"})
# A phrase found in the prose alone (a doubled name, no title to compare with) needs more:
# its doubled token and one of these.
BODY_ONLY_SUPPORTING = frozenset({"break", "keywords", "brand line", "memory"})
# "ApexChain ApexChain Digital Asset Academy": a doubled capitalised word opening a run of
# capitalised words. Natural doublings ("Walla Walla") rarely break a sentence as well.
DOUBLED_NAME_RE = re.compile(r"(?<![^\W_])([^\W\d_][\w’'.&-]{2,}) \1(?![^\W_])")
NEXT_WORD_RE = re.compile(r" ([^\W\d_][\w’'.&-]*)")
# A word of the phrase counts as the article's topic when the prose uses it this often.
TOPIC_WORD_MIN_USES = 2
MIN_PHRASE_WORDS = 2
# The headline segment: og:title or the headline element has this share of its words...
HEADLINE_MIN_AGREEMENT = 0.5
# ...agreement outranks length (10 points per unit), and a segment copied into the prose
# (as splices are) loses 3 points.
AGREEMENT_RANK = 10
COPIED_RANK = 3

# Brand-line evidence.
BRAND_SHARES_SPLICED_BRAND = 2.5  # starts with the first word of a spliced phrase
BRAND_SHARES_SPLICED_WORD = 1.5  # shares another word with a spliced phrase
BRAND_IN_KEYWORDS = 1.0
BRAND_WORD_FOREIGN = 1.0  # its first word occurs nowhere in the prose
BRAND_IS_LINK = 0.5  # a link, as tag and "source" lines are
BRAND_UNIQUE = 0.5  # its text is nowhere else on the page (a real section is also in the menu)
BRAND_TITLE_CASE = 0.5  # Every Word Capitalised, as names are
BRAND_THRESHOLD = 2.5
# Links to these paths are bylines: the line names the author, not a brand.
AUTHOR_PATH_RE = re.compile(
    r"/(?:author|authors|by|people|person|profile|staff|writers?|contributors?)/", re.I
)

RULE_PHRASE = "spliced-phrase"
RULE_REMEMBERED = "site-memory-phrase"
RULE_BRAND_LINE = "brand-line"


@dataclass
class Verdict:
    phrase: str
    score: float
    reasons: list[str]
    kinds: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def needs_memory(self) -> bool:
        """Whether the site's memory of this phrase made it spam: it is what proposed the
        phrase, or the page's own evidence falls short without it."""
        return "memory" in self.kinds and (
            self.sources == {"memory"} or self.score - REMEMBERED < SPLICE_THRESHOLD
        )

    @property
    def spliced(self) -> bool:
        if self.score < SPLICE_THRESHOLD:
            return False
        if self.kinds & {"title", "headline", "memory"}:
            return bool(self.kinds & SUPPORTING)
        return "repeated" in self.kinds and bool(self.kinds & BODY_ONLY_SUPPORTING)


def confidence(score: float) -> float:
    """Evidence points mapped onto (0, 1): 3 points ~0.65, 6 ~0.88, 9 ~0.95."""
    return 1 - 0.5 ** (score / 2)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _headline_phrase(ev: SpliceEvidence) -> str | None:
    """The title or headline segment that is the real headline, if one is: the segment that
    og:title (else the headline element) agrees with, longest, and not copied into the prose."""
    reference = ev.declared_title or ev.headline_text
    segments = dict.fromkeys(ev.title_segments + ev.headline_segments)
    best, best_rank = None, float("-inf")
    for segment in segments:
        if ev.is_site_name(segment):
            continue
        agreement = word_overlap(segment, reference) if reference else 1.0
        if agreement < HEADLINE_MIN_AGREEMENT:
            continue
        copied = any(o.in_prose for o in ev.occurrences(segment))
        rank = AGREEMENT_RANK * agreement + len(words(segment)) - (COPIED_RANK if copied else 0)
        if rank > best_rank:
            best, best_rank = segment, rank
    return best


def _candidates(ev: SpliceEvidence, rules: SiteRules) -> dict[str, set[str]]:
    headline = _headline_phrase(ev)
    found: dict[str, set[str]] = {}
    for segment in ev.title_segments:
        found.setdefault(segment, set()).add("title")
    for segment in ev.headline_segments:
        found.setdefault(segment, set()).add("headline")
    for phrase in list(found):
        if (
            phrase == headline
            or len(words(phrase)) < MIN_PHRASE_WORDS
            or ev.is_site_name(phrase)
            or ev.in_declared_title(phrase)
        ):
            del found[phrase]
    for phrase in _doubled_names(ev):
        found.setdefault(phrase, set()).add("body")
    for phrase in rules.remembered_phrases:
        for original in _spellings_on_page(ev.page, phrase):
            found.setdefault(original, set()).add("memory")
    return found


def _doubled_names(ev: SpliceEvidence) -> set[str]:
    """Runs of capitalised words opened by a doubled one ("Brand Brand Wealth Academy"), in the
    prose. Where a run ends is uncertain, so each is cut back: to what all runs of the same name
    share, and before trailing words the article uses elsewhere (a dateline's "South Korea")."""
    runs: dict[str, list[list[str]]] = {}
    for block in ev.page.prose:
        for slot in block.slots:
            for run in _capitalised_runs(slot.text):
                runs.setdefault(run[0], []).append(run)
    found = set()
    for same_name in runs.values():
        shared = _common_prefix(same_name)
        while len(shared) > MIN_PHRASE_WORDS + 1 and ev.prose_words[shared[-1].lower()] > len(
            same_name
        ):
            shared.pop()
        found.add(" ".join(shared))
    return found


def _capitalised_runs(text: str) -> list[list[str]]:
    runs = []
    for match in DOUBLED_NAME_RE.finditer(text):
        if not match.group(1)[:1].isupper():
            continue
        run, end = [match.group(1), match.group(1)], match.end()
        while (more := NEXT_WORD_RE.match(text, end)) and more.group(1)[:1].isupper():
            run.append(more.group(1))
            end = more.end()
        before = text[: match.start()].rstrip()
        opens_sentence = not before or before.endswith(tuple(SENTENCE_END))
        if opens_sentence and len(run) > MIN_PHRASE_WORDS and text[end:].lstrip()[:1].islower():
            run.pop()
        runs.append(run)
    return runs


def _common_prefix(runs: list[list[str]]) -> list[str]:
    shared = list(runs[0])
    for run in runs[1:]:
        size = next(
            (i for i, (a, b) in enumerate(zip(shared, run, strict=False)) if a != b),
            min(len(shared), len(run)),
        )
        shared = shared[:size]
    return shared


def _spellings_on_page(page: Page, normalized: str) -> set[str]:
    """The page's own spelling of a remembered (normalized) phrase, wherever it occurs."""
    texts = [page.title_text] + [s.text for s in page.text_slots]
    spellings = set()
    for text in texts:
        if normalized in text.casefold():
            for start, end in find_all(text, normalized, case_sensitive=False):
                spellings.add(text[start:end])
    return spellings


def _judge(phrase: str, sources: set[str], ev: SpliceEvidence, rules: SiteRules) -> Verdict:
    verdict = Verdict(phrase, 0.0, [], set(sources), set(sources))
    occurrences = ev.occurrences(phrase)
    verdict.occurrences = occurrences
    prose = [o for o in occurrences if o.in_prose]

    def add(weight: float, reason: str | None, kind: str | None = None) -> None:
        verdict.score += weight
        if reason:
            verdict.reasons.append(reason)
        if kind:
            verdict.kinds.add(kind)

    places = []
    if "title" in sources:
        add(IN_TITLE, None)
        places.append("the title")
    if "headline" in sources:
        add(IN_HEADLINE, None)
        places.append("the headline")
    if prose:
        weight = FIRST_PROSE_COPY + EXTRA_PROSE_COPY * (len(prose) - 1)
        add(min(weight, MAX_PROSE_COPIES_WEIGHT), None, "prose")
        places.append(_plural(len(prose), "paragraph"))
    if places:
        verdict.reasons.append("spliced into " + ", ".join(places))
    if ev.declared_title and ("title" in sources or "headline" in sources):
        add(MISSING_FROM_DECLARED_TITLE, "missing from the page's own og:title")
    if any(o.breaks for o in prose):
        add(SENTENCE_BREAK, None, "break")
    tokens = phrase.split()
    repeated = next((a for a, b in itertools.pairwise(tokens) if a == b), None)
    if repeated:
        add(REPEATED_TOKEN, f"repeated token “{repeated}”", "repeated")
    if phrase.casefold() in {k.casefold() for k in ev.keywords}:
        add(IN_KEYWORDS, "listed in the page's meta keywords", "keywords")
    elsewhere = ev.words_elsewhere(phrase, occurrences)
    foreign = [w for w, n in elsewhere.items() if n <= 0]
    if foreign:
        add(FOREIGN_WORD, f"“{foreign[0]}” occurs nowhere else in the article")
        if len(foreign) == len(elsewhere):
            add(ALL_WORDS_FOREIGN, None)
    topical = [w for w, n in elsewhere.items() if n >= TOPIC_WORD_MIN_USES]
    if elsewhere and len(topical) * 2 >= len(elsewhere):
        add(TOPICAL, None)
    if phrase.casefold() in ev.chrome_texts:
        add(SECTION_LABEL, None)
    if "title" in sources and ev.title_segments and ev.title_segments[0] == phrase:
        add(LEADS_THE_TITLE, None)
    echo = _brand_echo(phrase, ev)
    if echo is not None:
        add(BRAND_LINE_ECHO, f"echoed by the line “{echo}” under the headline", "brand line")
    remembered = rules.remembered_phrases.get(normalize_quote(phrase), 0)
    if remembered:
        add(REMEMBERED, f"spliced into {_plural(remembered, 'other page')} of this site", "memory")
    return verdict


def _brand_word(text: str) -> str | None:
    first = distinctive(text)
    return first[0] if first else None


def _brand_echo(phrase: str, ev: SpliceEvidence) -> str | None:
    word = _brand_word(phrase)
    if word is None:
        return None
    for el in ev.brand_line_candidates:
        line = normalize_space(el.text or "")
        if line != phrase and _brand_word(line) == word:
            return line
    return None


def _title_slot(page: Page) -> TextSlot | None:
    title = page.title_element
    return TextSlot(title, None) if title is not None and title.text else None


def _place_reason(slot: TextSlot, ev: SpliceEvidence, title: TextSlot | None) -> str:
    if title is not None and slot.element is title.element:
        return "in the <title>"
    if slot.element in ev.headline_elements:
        return "in the headline"
    prose = ev.page.prose
    if prose and slot in prose[0].slots:
        return "in the first paragraph (the dateline)"
    if slot in ev.prose_slots:
        return "in a paragraph of the article"
    return f"in a <{slot.element.tag}> element"


def _phrase_findings(verdict: Verdict, ev: SpliceEvidence) -> list[Finding]:
    title = _title_slot(ev.page)
    slots = [title] if title is not None else []
    slots += ev.headline_slots
    spans: list[tuple[TextSlot, int, int, list[str]]] = []
    for slot in slots:
        for start, end in find_all(slot.text, verdict.phrase):
            spans.append((slot, start, end, []))
    spans += [(o.slot, o.start, o.end, o.breaks) for o in verdict.occurrences]
    rule = RULE_REMEMBERED if verdict.needs_memory else RULE_PHRASE
    score = confidence(verdict.score)
    findings = []
    for slot, start, end, breaks in spans:
        reasons = [_place_reason(slot, ev, title), *verdict.reasons, *breaks]
        findings.append(
            Finding(
                Kind.INJECTED_SPAM,
                slot.element,
                slot.text[start:end],
                score,
                rule,
                reasons,
                span=TextSpan(slot, start, end),
            )
        )
    return findings


def _brand_line_findings(ev: SpliceEvidence, spliced: list[Verdict]) -> list[Finding]:
    """Short lines under the headline that advertise the spliced brand. Looked for only on
    pages where a spliced phrase was found: a line alone is too weak a sign."""
    if not spliced:
        return []
    brand_words = {w for v in spliced if (w := _brand_word(v.phrase))}
    spliced_words = {w for v in spliced for w in distinctive(v.phrase)}
    spliced_copies = Counter(
        w for v in spliced for o in v.occurrences if o.in_prose for w in lower_words(v.phrase)
    )
    keywords = {k.casefold() for k in ev.keywords}
    known_authors = {normalize_space(a).casefold() for a in _declared_authors(ev.page)}
    block_texts = Counter(b.text.casefold() for b in ev.page.blocks)
    findings = []
    for el in ev.brand_line_candidates:
        line = normalize_space(el.text or "")
        if (
            any(ch.isdigit() for ch in line)
            or line.casefold() in known_authors
            or AUTHOR_PATH_RE.search(el.get("href") or "")
            or ev.is_site_name(line)
            or any(line == v.phrase for v in spliced)
        ):
            continue
        score, reasons = 0.0, []
        word = _brand_word(line)
        shared = [w for w in distinctive(line) if w in spliced_words]
        if word in brand_words:
            score += BRAND_SHARES_SPLICED_BRAND
            reasons.append(f"repeats “{word}”, spliced into this page elsewhere")
        elif shared:
            score += BRAND_SHARES_SPLICED_WORD
            reasons.append(f"shares “{shared[0]}” with a phrase spliced into this page")
        if line.casefold() in keywords:
            score += BRAND_IN_KEYWORDS
            reasons.append("listed in the page's meta keywords")
        if word and ev.prose_words[word] - spliced_copies[word] <= 0:
            score += BRAND_WORD_FOREIGN
            reasons.append(f"“{word}” occurs nowhere in the article")
        if el.tag == "a":
            score += BRAND_IS_LINK
        if block_texts[line.casefold()] <= 1:
            score += BRAND_UNIQUE
        if all(w[:1].isupper() for w in line.split()):
            score += BRAND_TITLE_CASE
        if score >= BRAND_THRESHOLD:
            slot = TextSlot(el, None)
            start = slot.text.index(line)
            findings.append(
                Finding(
                    Kind.INJECTED_SPAM,
                    el,
                    line,
                    confidence(score + SPLICE_THRESHOLD - BRAND_THRESHOLD),
                    RULE_BRAND_LINE,
                    ["a short line placed under the headline", *reasons],
                    span=TextSpan(slot, start, start + len(line)),
                )
            )
    return findings


def _declared_authors(page: Page) -> list[str]:
    authors = [page.meta.get(k, "") for k in ("author", "article:author", "parsely-author")]
    for el in page.body.iter():
        if isinstance(el.tag, str) and (
            el.get("rel") == "author" or el.get("itemprop") == "author"
        ):
            authors.append(el.text_content())
    return [a for a in authors if a.strip()]


def detect(page: Page, rules: SiteRules) -> list[Finding]:
    ev = SpliceEvidence(page)
    verdicts = [_judge(p, s, ev, rules) for p, s in _candidates(ev, rules).items()]
    spliced = _drop_overreaching([v for v in verdicts if v.spliced])
    findings = [f for v in spliced for f in _phrase_findings(v, ev)]
    findings += _brand_line_findings(ev, spliced)
    order = page.document_order
    return sorted(
        _without_overlaps(findings),
        key=lambda f: (order.get(f.element, -1), f.span.start if f.span else 0),
    )


def _drop_overreaching(spliced: list[Verdict]) -> list[Verdict]:
    """A run read from the prose alone that contains a phrase the title confirms ("Brand Brand
    Center Hans Smith" around "Brand Brand Center") overreaches: the confirmed phrase wins."""
    confirmed = [v.phrase for v in spliced if v.kinds & {"title", "headline", "memory"}]
    return [
        v
        for v in spliced
        if v.kinds & {"title", "headline", "memory"} or not any(c in v.phrase for c in confirmed)
    ]


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Where two spliced phrases overlap in one text node, keep the longer."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: -(f.span.end - f.span.start) if f.span else 0):
        span = finding.span
        clash = any(
            k.span is not None
            and span is not None
            and k.span.slot == span.slot
            and k.span.start < span.end
            and span.start < k.span.end
            for k in kept
        )
        if not clash:
            kept.append(finding)
    return kept
