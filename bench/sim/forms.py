"""The forms of splice in ../shared/corpus/FORMS.md, each as an edit of a clean page's tree.

Every function puts one phrase in one kind of place, records each occurrence in `Edits` with
the form it took, and returns whether it found a place. `splice_page` combines them into the
plans a spam farm follows: a brand everywhere, in the body only, at one paragraph's start,
keywords, two or three brands.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import lxml.html
from lxml.html import HtmlElement

from .base import BasePage, normalize, shingles
from .edit import Edits, prefix_text, splice_between_words, suffix_text
from .vocab import (
    AGENCIES,
    LOWER_CASE_TAG,
    SEPARATORS,
    Pool,
    brand,
    in_spliced_case,
    keyword_phrase,
)

BODY_FRAMES = ("bare", "bare", "appositive", "parenthesis", "dash", "clause", "end")
# How the "paragraph lead" plan sets a brand off at one paragraph's start, as a kicker is in a
# title ("Brand: The…"), and nowhere else.
LEAD_FRAMES = ("{}: ", "{} | ", "{} — ", "{} - ", "{} · ", "({}) ")
# Words a farm's brand line may open with ("From Brand Markets View"), and how often.
BRAND_LINE_LEAD_INS = ("From ", "Via ")
BRAND_LINE_LEAD_IN_SHARE = 0.25
# "LYON, France (AP) — ": a dateline the page already has.
DATELINE_RE = re.compile(
    r"^(?P<city>[A-Z][A-Z.' ]{2,}?)(?P<region>, [A-Z][\w.' ]+?)?\s*"
    r"(?P<agency>\((?:AP|Reuters|AFP|dpa|UPI|CNN)\))?\s*(?P<dash>[—–-]{1,2})\s*"
)
# A title's own separators, to put a phrase before the site name.
TITLE_SEPARATOR_RE = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
# The first article paragraph is the truth's first line when they share this share of runs.
FIRST_LINE_MIN_SHARE = 0.8
BRAND_LINE_TAGS = ("div", "p", "span")
# How often a page gets a brand line, and how often that line names a brand of its own that the
# page splices nowhere else (a farm's house brand over a story it splices other names into).
BRAND_LINE_SHARE = 0.3
BRAND_LINE_OWN_BRAND_SHARE = 0.4


@dataclass
class Target:
    """The places of one page that splices go into, found before any edit moves them."""

    tree: HtmlElement
    title: HtmlElement | None
    headline: HtmlElement | None
    paragraphs: list[HtmlElement]
    article_text: str
    used: set[HtmlElement] = field(default_factory=set)

    @classmethod
    def of(cls, base: BasePage) -> Target:
        tree = base.tree()
        title = tree.find(".//title")
        headline = tree.xpath(base.headline_path)[0] if base.headline_path else None
        paragraphs = [tree.xpath(path)[0] for path in base.paragraph_paths]
        return cls(tree, title, headline, paragraphs, base.article_text)

    def free_paragraphs(self, skip_first: bool) -> list[HtmlElement]:
        start = 1 if skip_first else 0
        return [p for p in self.paragraphs[start:] if p not in self.used]


def splice_title(
    rng: random.Random, target: Target, edits: Edits, phrase: str, position: str
) -> bool:
    title = target.title
    if title is None or not normalize(title.text or ""):
        return False
    text = normalize(title.text or "")
    separator = rng.choice(SEPARATORS)
    if position == "prefix":
        title.text = phrase + separator + text
    else:
        own = list(TITLE_SEPARATOR_RE.finditer(text))
        if own and rng.random() < 0.6:
            cut = own[-1].start()
            title.text = text[:cut] + separator + phrase + text[cut:]
        else:
            title.text = text + separator + phrase
    edits.add_spam(title, phrase, "title", f"title {position}")
    return True


def splice_headline(
    rng: random.Random, target: Target, edits: Edits, phrase: str, position: str
) -> bool:
    headline = target.headline
    if headline is None:
        return False
    separator = rng.choice(SEPARATORS)
    if position == "prefix":
        prefix_text(headline, phrase + separator)
    else:
        suffix_text(headline, separator + phrase)
    edits.add_spam(headline, phrase, "headline", f"headline {position}")
    return True


def holds_line(mine: set[tuple[str, ...]], line: str) -> bool:
    """Whether a paragraph whose shingles are `mine` is this line of the true article."""
    return bool(mine) and len(mine & shingles(line)) >= FIRST_LINE_MIN_SHARE * len(mine)


def _first_line_matches(target: Target) -> bool:
    mine = shingles(target.paragraphs[0].text_content())
    return holds_line(mine, target.article_text.split("\n", 1)[0])


def splice_dateline(
    rng: random.Random, target: Target, edits: Edits, phrase: str, pool: Pool
) -> bool:
    """The phrase in the first paragraph's dateline, with clean punctuation. A page without a
    dateline gets one (and its truth too), or the phrase opens the paragraph."""
    if not target.paragraphs:
        return False
    first = target.paragraphs[0]
    text = first.text or ""
    match = DATELINE_RE.match(text)
    if match:
        city, region = match.group("city").strip(), match.group("region") or ""
        agency, rest = match.group("agency") or "", text[match.end() :]
    elif _first_line_matches(target) and rng.random() < 0.7:
        place = rng.choice(pool.datelines)
        city, _, region = place.partition(",")
        region = f",{region}" if region else ""
        agency = rng.choice(AGENCIES)
        dateline = f"{city}{region}{' ' + agency if agency else ''} — "
        lines = target.article_text.split("\n")
        target.article_text = "\n".join([dateline + lines[0].lstrip(), *lines[1:]])
        rest = text.lstrip()
    else:
        first.text = f"{phrase} — {text.lstrip()}"
        edits.add_spam(first, phrase, "dateline", "dateline")
        target.used.add(first)
        return True
    shapes = [f"{city}{region} ({phrase}) — ", f"{city}{region} {agency} — {phrase} — "]
    if region:
        shapes.append(f"{city}, {phrase} — {region[2:]} {agency} — ")
    first.text = normalize(rng.choice(shapes)).replace(" ,", ",") + " " + rest
    edits.add_spam(first, phrase, "dateline", "dateline")
    target.used.add(first)
    return True


def splice_body(
    rng: random.Random,
    target: Target,
    edits: Edits,
    phrase: str,
    pool: Pool,
    count: int,
    frames: tuple[str, ...] = BODY_FRAMES,
    form: str | None = None,
) -> int:
    """The phrase in `count` paragraphs, each in a frame of its own; how many took it."""
    candidates = target.free_paragraphs(skip_first=False)
    rng.shuffle(candidates)
    done = 0
    for paragraph in candidates:
        if done >= count:
            break
        frame = rng.choice(frames)
        if frame == "end":
            suffix_text(paragraph, " " + phrase)
            spliced = phrase
        elif frame == "lead":
            prefix_text(paragraph, rng.choice(LEAD_FRAMES).format(phrase))
            spliced = phrase
        else:
            attribution = rng.choice(pool.attribution_frames)
            spliced = splice_between_words(rng, paragraph, phrase, frame, attribution)
        if spliced is None:
            continue
        edits.add_spam(paragraph, spliced, "paragraph", form or f"body {frame}")
        target.used.add(paragraph)
        done += 1
    return done


def add_brand_line(
    rng: random.Random, target: Target, edits: Edits, phrase: str, pool: Pool
) -> bool:
    """A short line under the headline that names the brand, a link or plain text."""
    if target.headline is None:
        return False
    line = normalize(f"{phrase} {rng.choice(pool.brand_line_tails)}")
    lead_in = ""
    if rng.random() < BRAND_LINE_LEAD_IN_SHARE:
        lead_in = rng.choice(BRAND_LINE_LEAD_INS)
    holder = lxml.html.Element(rng.choice(BRAND_LINE_TAGS))
    holder.set("class", rng.choice(("source", "meta", "brand", "tagline", "sub")))
    if rng.random() < 0.5:
        link = lxml.html.Element("a", href=f"/tag/{phrase.split()[0].lower()}/")
        link.text = line
        holder.text = lead_in or None
        holder.append(link)
        owner = link
    else:
        holder.text = lead_in + line
        owner = holder
    holder.tail = target.headline.tail
    target.headline.tail = None
    target.headline.addnext(holder)
    edits.add_spam(owner, line, "brand line", "brand line")
    return True


PLANS = (
    "everywhere",
    "title and body",
    "kicker",
    "body only",
    "keyword",
    "dateline and body",
    "paragraph lead",
)


def _plan_for(
    rng: random.Random, plan: str, target: Target, edits: Edits, phrase: str, pool: Pool
) -> bool:
    """Put one phrase into the page the way `plan` says; whether every part found a place."""
    position = rng.choice(("prefix", "suffix"))
    if plan == "everywhere":
        ok = splice_title(rng, target, edits, phrase, position)
        ok &= splice_headline(rng, target, edits, phrase, rng.choice(("prefix", "suffix")))
        ok &= splice_dateline(rng, target, edits, phrase, pool)
        splice_body(rng, target, edits, phrase, pool, rng.randint(0, 2))
        return ok
    if plan == "title and body":
        ok = splice_title(rng, target, edits, phrase, position)
        return ok and splice_body(rng, target, edits, phrase, pool, rng.randint(1, 2)) > 0
    if plan == "kicker":
        ok = splice_title(rng, target, edits, phrase, position)
        return ok and splice_headline(rng, target, edits, phrase, position)
    if plan == "body only":
        return splice_body(rng, target, edits, phrase, pool, rng.randint(2, 3)) >= 2
    if plan == "paragraph lead":
        return splice_body(rng, target, edits, phrase, pool, 1, ("lead",), "body lead") == 1
    if plan == "dateline and body":
        ok = splice_dateline(rng, target, edits, phrase, pool)
        return ok and splice_body(rng, target, edits, phrase, pool, rng.randint(1, 2)) > 0
    raise ValueError(plan)


def _keyword_plan(rng: random.Random, target: Target, edits: Edits, pool: Pool) -> bool:
    phrase = keyword_phrase(rng, pool)
    if rng.random() < 0.3:
        splice_title(rng, target, edits, phrase, rng.choice(("prefix", "suffix")))
    wanted = rng.randint(1, 3)
    return splice_body(rng, target, edits, phrase, pool, wanted, ("bare",), "keyword") == wanted


@dataclass
class Spliced:
    target: Target
    edits: Edits
    tags: list[str]
    phrases: list[str]


def splice_page(rng: random.Random, base: BasePage, pool: Pool, plan: str) -> Spliced | None:
    """A spliced case of `base` following `plan`, with one to three brands; None when the page
    has no room for the plan (no headline, too few paragraphs)."""
    target = Target.of(base)
    if len(target.paragraphs) < 3:
        return None
    edits = Edits()
    tags = [plan]
    if plan == "keyword":
        if not _keyword_plan(rng, target, edits, pool):
            return None
        return Spliced(target, edits, tags, [e.entry["text"] for e in edits.spam])
    first = brand(rng, pool)
    phrases = [in_spliced_case(first)]
    if not _plan_for(rng, plan, target, edits, phrases[0], pool):
        return None
    extra = rng.choices((0, 1, 2), weights=(6, 3, 1))[0]
    others = [p for p in PLANS if p not in ("keyword", plan, "everywhere", "kicker")]
    for _ in range(extra):
        phrase = in_spliced_case(brand(rng, pool))
        if _plan_for(rng, rng.choice(others), target, edits, phrase, pool):
            phrases.append(phrase)
    if len(phrases) > 1:
        tags.append("multi-brand")
    if rng.random() < BRAND_LINE_SHARE:
        # Drawn apart from the page's stream, so every other part of every page stays as it was
        # before lines had brands of their own: a model retrained on them learns only the lines.
        aside = random.Random(first)
        own = aside.random() < BRAND_LINE_OWN_BRAND_SHARE
        line_brand = in_spliced_case(brand(aside, pool)) if own else phrases[0]
        if add_brand_line(rng, target, edits, line_brand, pool):
            tags.append("brand line of its own" if own else "brand line")
            if own:
                phrases.append(line_brand)
    if any(len(p.split()) == 1 for p in phrases):
        tags.append("one-word brand")
    if any(p.islower() for p in phrases):
        tags.append(LOWER_CASE_TAG)
    return Spliced(target, edits, tags, phrases)
