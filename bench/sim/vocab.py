"""Words the simulator invents brands, keywords and traps from, in two disjoint pools.

The tuning part of the simulated corpus draws from the "tuning" pool and the held-out part from
the "held-out" pool, so a detector tuned on one is checked on brands, keywords, kickers, frames
and sections it never saw. Brands are made from syllables, never picked from a list.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, replace
from pathlib import Path

TUNING = "tuning"
HELD_OUT = "held-out"
# Keyword words written by a helper that never saw Winnow's spam lexicon nor these pools
# (2026-11-30): `--keywords` puts them in both parts, to measure the keyword form on vocabulary
# no one tuned the lexicon to. The first file's misses were read once (ten phrases, named in
# the issue 10 note); the second's words have not been read by anyone working on the lexicon.
BLIND_KEYWORDS = Path(__file__).with_name("blind_keywords.json")
BLIND_KEYWORDS_UNREAD = Path(__file__).with_name("blind_keywords_2.json")
KEYWORD_FIELDS = ("keyword_heads", "keyword_modifiers", "keyword_tails")
# FORMS.md: a brand comes in "any capitalisation"; farms splice "goldsica" as readily as
# "Goldsica", and a lower-case brand is read apart from a capitalised one.
LOWER_CASE_BRAND_SHARE = 0.1
LOWER_CASE_TAG = "lower-case brand"


@dataclass(frozen=True)
class Pool:
    onsets: tuple[str, ...]
    nuclei: tuple[str, ...]
    codas: tuple[str, ...]
    endings: tuple[str, ...]
    company_words: tuple[str, ...]
    """Words that follow a coined name in a plausible company name."""
    plain_names: tuple[str, ...]
    """Ordinary words that start a plausible company name ("Summit", "Harbor")."""
    brand_line_tails: tuple[str, ...]
    keyword_heads: tuple[str, ...]
    keyword_modifiers: tuple[str, ...]
    keyword_tails: tuple[str, ...]
    kickers: tuple[str, ...]
    sections: tuple[str, ...]
    sponsor_frames: tuple[str, ...]
    sponsor_kinds: tuple[str, ...]
    datelines: tuple[str, ...]
    attribution_frames: tuple[str, ...]
    """How a clause splice attributes the sentence to the brand ("according to {}")."""
    site_words: tuple[str, ...]


POOLS = {
    TUNING: Pool(
        onsets=("b", "br", "c", "cr", "d", "dr", "f", "fl", "g", "k", "l", "m", "n", "qu", "r"),
        nuclei=("a", "e", "i", "o", "u", "ae", "io", "ea"),
        codas=("", "", "n", "r", "l", "x", "s", "nd", "rk"),
        endings=("ex", "ia", "ora", "ium", "ane", "elda", "ix", "on"),
        company_words=(
            "Capital",
            "Markets",
            "Holdings",
            "Group",
            "Finance",
            "Digital",
            "Exchange",
            "Academy",
            "Research Institute",
            "Wealth Partners",
            "Insights",
            "Labs",
            "Ventures",
            "Trading",
            "Advisors",
            "Ridge Capital",
            "Associates",
            "Systems",
            "Trust",
            "Partners",
        ),
        plain_names=(
            "Summit",
            "Harborline",
            "Northgate",
            "Bluewater",
            "Silverline",
            "Granite",
            "Lakeside",
            "Pinecrest",
            "Stonebridge",
            "Westfield",
            "Eastbrook",
        ),
        brand_line_tails=("Markets View", "Official Site", "Daily", "News", "Insider", ""),
        keyword_heads=(
            "payday loans",
            "crypto trading",
            "casino bonus",
            "weight loss pills",
            "forex signals",
            "bitcoin wallet",
            "personal loans",
            "online casino",
            "cbd oil",
            "sports betting",
            "credit repair",
            "car insurance",
            "home loans",
            "penny stocks",
            "free spins",
            "mortgage rates",
            "testosterone boosters",
            "skin whitening cream",
            "gold investing",
            "lottery tips",
        ),
        keyword_modifiers=(
            "cheap",
            "best",
            "fast",
            "instant",
            "free",
            "top",
            "legit",
            "affordable",
            "reliable",
            "secure",
        ),
        keyword_tails=(
            "online",
            "today",
            "no credit check",
            "review",
            "app",
            "sites",
            "for seniors",
            "",
        ),
        kickers=(
            "FACT CHECK",
            "LIVE",
            "ANALYSIS",
            "EXCLUSIVE",
            "BREAKING",
            "WATCH",
            "OPINION",
            "UPDATE",
        ),
        sections=("Politics", "Business", "World", "Sport", "Technology", "Opinion", "Health"),
        sponsor_frames=("Sponsored by {}", "Presented by {}", "In partnership with {}"),
        sponsor_kinds=("Credit Union", "Bank", "Insurance"),
        datelines=("LYON, France", "SEOUL, South Korea", "NAIROBI, Kenya", "DENVER", "OTTAWA"),
        attribution_frames=("according to {}", "{} reported", "as {} noted"),
        site_words=("Pulse", "Wire", "Daily", "Times", "Herald", "Report"),
    ),
    HELD_OUT: Pool(
        onsets=("p", "pr", "s", "st", "t", "tr", "v", "z", "th", "ch", "sl", "h", "j", "w"),
        nuclei=("a", "e", "i", "o", "u", "y", "ou", "ei"),
        codas=("", "", "m", "st", "v", "th", "lt", "n", "sk"),
        endings=("ify", "io", "ant", "ova", "ell", "ara", "us", "en"),
        company_words=(
            "Yield Works",
            "Asset Management",
            "Investment Club",
            "Global",
            "Fund",
            "Securities",
            "Analytics",
            "Media",
            "Network",
            "Solutions",
            "Alliance",
            "Foundation",
            "Consulting",
            "Bank",
            "Wealth",
        ),
        plain_names=("Crescent", "Ironwood", "Clearwater", "Redstone", "Highfield", "Oakmont"),
        brand_line_tails=("Market Watch", "Official", "Review", "Today", "Weekly", "Hub", ""),
        keyword_heads=(
            "slot machines",
            "debt relief",
            "keto gummies",
            "binary options",
            "crypto airdrop",
            "poker rooms",
            "title loans",
            "diet supplements",
            "nft mint",
            "cash advance",
        ),
        keyword_modifiers=("buy", "discount", "quick", "easy", "guaranteed", "trusted"),
        keyword_tails=("near me", "2025", "for beginners", "bonus codes", "uk", ""),
        kickers=(
            "WHO UPDATE",
            "EXPLAINER",
            "INTERVIEW",
            "PHOTOS",
            "VIDEO",
            "Q&A",
            "REVIEW",
            "UPDATE 2",
            "POLL",
            "IN PICTURES",
        ),
        sections=("Science", "Culture", "Local News", "Markets", "Travel", "Education", "US News"),
        sponsor_frames=("Paid content from {}", "Brought to you by {}", "Sponsored content: {}"),
        sponsor_kinds=("Credit Union", "Health", "Savings"),
        datelines=("LIMA, Peru", "OSLO, Norway", "PHOENIX", "HANOI, Vietnam", "ACCRA, Ghana"),
        attribution_frames=("per {}", "{} said", "says {}"),
        site_words=("Post", "Journal", "Chronicle", "Gazette", "Observer", "Today"),
    ),
}
# Title and headline separators, with the spacing sites use around them.
SEPARATORS = (" | ", "|", " - ", " – ", " — ", ": ", " · ", " » ", " ~ ", " :: ", "_")
AGENCIES = ("(AP)", "(Reuters)", "(AFP)", "")


def coined_word(rng: random.Random, pool: Pool) -> str:
    """An invented word: two syllables, sometimes a third or a coined ending."""
    syllables = [rng.choice(pool.onsets) + rng.choice(pool.nuclei) for _ in range(2)]
    word = "".join(syllables) + rng.choice(pool.codas)
    if rng.random() < 0.5:
        word = word.rstrip("aeiouy") + rng.choice(pool.endings)
    return word.capitalize()


def brand(rng: random.Random, pool: Pool, words: int | None = None) -> str:
    """An invented brand of 1 to 6 words: a coined word alone, or a plausible company name."""
    shape = rng.random()
    if words == 1 or (words is None and shape < 0.3):
        name = coined_word(rng, pool)
    elif shape < 0.45:
        name = f"{rng.choice(pool.plain_names)} {rng.choice(pool.company_words)}"
    elif shape < 0.55:
        name = f"{coined_word(rng, pool)} {coined_word(rng, pool)}"
    else:
        name = f"{coined_word(rng, pool)} {rng.choice(pool.company_words)}"
    if rng.random() < 0.1:
        first = name.split()[0]
        name = f"{first} {name}"
    if rng.random() < 0.08:
        name = name.upper()
    elif rng.random() < 0.08 and " " in name:
        first, second, *rest = name.split()
        name = " ".join([first + second, *rest])
    return " ".join(name.split()[:6])


def in_spliced_case(name: str) -> str:
    """The brand as the farm splices it: lower-cased for LOWER_CASE_BRAND_SHARE of brands,
    drawn from the name alone so that the page's other random choices stay as they were."""
    if random.Random(f"case:{name}").random() < LOWER_CASE_BRAND_SHARE:
        return name.lower()
    return name


def with_keywords(pools: dict[str, Pool], path: Path) -> dict[str, Pool]:
    """The pools with their keyword words replaced by the lists in the JSON file at `path`."""
    words = json.loads(path.read_text())
    fields = {name: tuple(words[name]) for name in KEYWORD_FIELDS}
    return {part: replace(pool, **fields) for part, pool in pools.items()}


def keyword_phrase(rng: random.Random, pool: Pool) -> str:
    """A lower-case money keyword phrase: "cheap payday loans online"."""
    parts = []
    if rng.random() < 0.7:
        parts.append(rng.choice(pool.keyword_modifiers))
    parts.append(rng.choice(pool.keyword_heads))
    if rng.random() < 0.5:
        parts.append(rng.choice(pool.keyword_tails))
    return " ".join(" ".join(parts).split()[:6])


@dataclass(frozen=True)
class BlockPool:
    """Wording and markup for the link blocks and hidden links of the "blocks" variant."""

    list_headings: tuple[str | None, ...]
    grid_headings: tuple[str | None, ...]
    on_topic_frames: tuple[str, ...]
    """Headlines about the article, from its names ({name}, {other}) and terms ({term})."""
    on_topic_summaries: tuple[str, ...]
    list_markups: tuple[str, ...]
    card_markups: tuple[str, ...]
    url_shapes: tuple[str, ...]
    """Where a story link leads: {id}, {slug}, {date}, {host} are filled in."""
    hiding_classes: tuple[str, ...]
    skip_texts: tuple[str, ...]
    seo_hosts: tuple[str, ...]
    """Endings of the invented host names hidden links lead to."""


BLOCK_POOLS = {
    TUNING: BlockPool(
        list_headings=(
            "Read next",
            "More stories",
            "Around the web",
            "Trending",
            "In other news",
            "Editors' picks",
            None,
            None,
        ),
        grid_headings=(None, None, None, "You might also like", "Recommended for you"),
        on_topic_frames=(
            "{name} faces new questions over {term}",
            "What the {term} means for {name}",
            "{name} and {other}: inside the {term} dispute",
            "Analysis: why {name} is betting on {term}",
            "Timeline: how {name} got here",
            "{other} responds to {name} on {term}",
            "The {term} behind the {name} story",
        ),
        on_topic_summaries=(
            "A closer look at {name} and the {term} at the heart of this story.",
            "{name} has been under pressure over {term}, and {other} is watching closely.",
            "Everything we know so far about {name} and the {term}.",
        ),
        list_markups=("ul", "div-p", "ol-time"),
        card_markups=("figure", "div-span", "article-h3"),
        url_shapes=(
            "/news/{id}.html",
            "/{date}/{slug}/",
            "/article/{slug}-{id}",
            "/{slug}",
        ),
        hiding_classes=("sr-only", "visually-hidden", "seo-box", "hide-me", "partners"),
        skip_texts=("Skip to content", "Skip to main content"),
        seo_hosts=("-loans.example", "-casino.example", "-pills.example", "-deals.example"),
    ),
    HELD_OUT: BlockPool(
        list_headings=(
            "Elsewhere",
            "Don't miss",
            "Our picks",
            "What others are reading",
            "Latest headlines",
            "Across the network",
            None,
            None,
        ),
        grid_headings=(None, None, None, "Discover more", "From our partners"),
        on_topic_frames=(
            "Why {name} matters to the {term} debate",
            "{term} questions follow {name}",
            "Five things to know about {name}",
            "{other} weighs in as {name} {term} talks continue",
            "Explainer: {name}, {other} and the {term}",
            "Opinion: {name} got the {term} wrong",
            "How {other} sees the {term}",
        ),
        on_topic_summaries=(
            "The latest on {name}, as the {term} keeps drawing attention.",
            "{other} and {name} are at odds over the {term}; here is why.",
            "Our earlier coverage of {name} and what led to the {term}.",
        ),
        list_markups=("div-br", "dl", "ul-source"),
        card_markups=("li-thumb", "div-h4", "section-p"),
        url_shapes=(
            "/story/{id}/{slug}",
            "/p/{slug}.html",
            "/?p={id}",
            "https://{host}/{date}/{slug}",
        ),
        hiding_classes=("offscreen", "a11y-hide", "x-lnk", "ftr-net", "tiny"),
        skip_texts=("Jump to article", "Skip navigation"),
        seo_hosts=("-bonus.example", "-crypto.example", "-keto.example", "-cash.example"),
    ),
}
