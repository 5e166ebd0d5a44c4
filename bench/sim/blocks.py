"""Link blocks of every form in ../shared/corpus/FORMS.md, put into a clean page.

Story lists with and without a heading, card grids (image, headline link, a one- or
two-sentence summary per card), in every position (inside the article, after it, after its
container, before it, in a sidebar); unrelated ones made of other pages' headlines and
summaries, and on-topic ones worded from the article's own names and terms in the part's own
frames. Each block's truth says its form, its position and its relation; a card grid's truth
also lists its summaries, which must not reach the reader view.

The page's own chrome (menus, header, footer, share buttons) stays: it is what must not be
flagged.
"""

from __future__ import annotations

import html
import random
import re
from collections import Counter
from dataclasses import dataclass

import lxml.html
from lxml.html import HtmlElement

from .base import BasePage, normalize, words
from .edit import Edits, Marked
from .forms import Target
from .hiding import Technique, add_hidden, add_skip_link, shown
from .vocab import BlockPool, Pool, coined_word

FORMS = ("story list", "card grid")
WHERES = ("inside article", "after article", "after container", "before article", "sidebar")
STORIES_PER_LIST = (4, 8)
CARDS_PER_GRID = (3, 6)
ON_TOPIC_PER_BLOCK = (3, 6)
# How often a page gets a card grid, an on-topic block, a skip link.
GRID_SHARE = 0.8
ON_TOPIC_SHARE = 0.7
SKIP_LINK_SHARE = 0.6
# A summary is the first sentence or two of the story, cut to this many words.
SUMMARY_MAX_WORDS = 45
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")
# Words that say nothing about a story, for choosing unrelated stories and on-topic terms.
COMMON = frozenset(
    """about after again against also although always among another around because been before
    being below between both called came cannot could didn does doing done during each either
    enough every first found from further given going have having here however into itself
    just known least less like likely made make makes making many might more most much must
    never often only other others over perhaps rather really said same says seem seemed should
    since some something still such take taken than that their them themselves then there
    these they thing things think this those though three through today together told took
    toward under until upon used using very want wanted well went were what whatever when
    where whether which while whole whom whose will with within without would year years
    your even back last week people monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    according added already another asked came come comes different early later look looking
    means need needs part place point right several show shows small started state states
    time times trying around percent number""".split()
)
# An unrelated story shares none of its words with the title, and at most this many with the
# words the article uses this often.
UNRELATED_MAX_SHARED = 1
SALIENT_MIN_USES = 3
TERM_MIN_CHARS = 5
TERM_MIN_USES = 2
TERMS_PICKED_FROM = 8
NAMES_PICKED_FROM = 4
# On-topic headlines are mostly worded from frames; the rest quote the article (as farms'
# "More on this story" lists do).
QUOTE_SHARE = 0.2
QUOTE_WORDS = (6, 10)
# One card: {image} and {link} lead to the story, {summary} is one or two of its sentences.
CARD_MARKUPS = {
    "figure": "<figure>{image}<figcaption>{link}<p>{summary}</p></figcaption></figure>",
    "div-span": "<div class='card'>{image}{link} <span class='dek'>{summary}</span></div>",
    "article-h3": "<article>{image}<h3>{link}</h3><p>{summary}</p></article>",
    "li-thumb": "<li><div class='thumb'>{image}</div><div>{link}<p>{summary}</p></div></li>",
    "div-h4": "<div class='item'><h4>{link}</h4><div class='excerpt'>{summary}</div>"
    "<span class='meta'>{minutes} min read</span></div>",
    "section-p": "<section><p class='kicker'>{section}</p>{link}<p>{summary}</p></section>",
}
BLOCK_CLASSES = ("box", "widget", "more", "rail", "module", "teasers", "feed")
HEADING_TAGS = ("h2", "h3", "h4", "strong", "span")


@dataclass(frozen=True)
class Pools:
    """A part's word pool (names, sections, hosts) and its block pool (wording, markup)."""

    words: Pool
    blocks: BlockPool


@dataclass(frozen=True)
class Story:
    title: str
    summary: str


def summary_of(article_text: str) -> str:
    """The first sentence or two of an article, at most SUMMARY_MAX_WORDS words."""
    first = next((line for line in article_text.split("\n") if len(line.split()) > 6), "")
    sentences = SENTENCE_RE.split(normalize(first))
    text = " ".join(sentences[:2])
    cut = text.split()[:SUMMARY_MAX_WORDS]
    return " ".join(cut) + ("…" if len(cut) < len(text.split()) else "")


def _content(text: str) -> set[str]:
    return {w.lower() for w in words(text) if len(w) >= 4 and w.lower() not in COMMON}


def _salient(base: BasePage) -> set[str]:
    counts = Counter(w.lower() for w in words(base.article_text))
    return {w for w, n in counts.items() if n >= SALIENT_MIN_USES}


def unrelated_stories(
    rng: random.Random, base: BasePage, others: list[Story], count: int
) -> list[Story]:
    """Other pages' stories that share nothing with this article's title and next to nothing
    with what it keeps talking about."""
    title, salient = _content(base.true_title), _salient(base)
    eligible = [
        s
        for s in others
        if not _content(s.title) & title
        and len(_content(s.title) & salient) <= UNRELATED_MAX_SHARED
    ]
    return rng.sample(eligible, min(count, len(eligible)))


def _terms(base: BasePage) -> list[str]:
    """Lower-case words the article uses most (and at least twice), adverbs and common words
    left out."""
    counts = Counter(
        w
        for w in words(base.article_text)
        if w.islower() and len(w) >= TERM_MIN_CHARS and w not in COMMON and not w.endswith("ly")
    )
    return [w for w, n in counts.most_common(TERMS_PICKED_FROM) if n >= TERM_MIN_USES]


def _names(base: BasePage) -> list[str]:
    """Names the article keeps using: never written in lower case, not a common word."""
    lower = {w for w in words(base.article_text) if w.islower()}
    return [
        name
        for name, _ in base.repeated_names
        if not any(w.lower() in lower or w.lower() in COMMON for w in words(name))
    ][:NAMES_PICKED_FROM]


def _quote(rng: random.Random, base: BasePage) -> str | None:
    sentences = [s for s in SENTENCE_RE.split(base.article_text) if len(s.split()) > 12]
    if not sentences:
        return None
    tokens = rng.choice(sentences).split()
    size = rng.randint(*QUOTE_WORDS)
    start = rng.randint(0, len(tokens) - size)
    return " ".join(tokens[start : start + size]).strip(",;:")


def on_topic_stories(
    rng: random.Random, base: BasePage, pool: BlockPool, count: int
) -> list[Story] | None:
    """Headlines and summaries about this article, from its names and terms; None when the
    article has too few of either."""
    names = _names(base)
    terms = _terms(base)
    if not names or len(terms) < 2:
        return None
    stories = []
    frames = rng.sample(pool.on_topic_frames, min(count, len(pool.on_topic_frames)))
    for frame in frames:
        quote = _quote(rng, base) if rng.random() < QUOTE_SHARE else None
        name = rng.choice(names)
        others = [n for n in names if n != name] or [t.capitalize() for t in terms]
        fill = {"name": name, "other": rng.choice(others), "term": rng.choice(terms)}
        title = quote or frame.format(**fill)
        stories.append(Story(title, rng.choice(pool.on_topic_summaries).format(**fill)))
    return stories


def story_url(rng: random.Random, pools: Pools, title: str) -> str:
    slug = "-".join(w.lower() for w in words(title)[:8]) or "story"
    shape = rng.choice(pools.blocks.url_shapes)
    date = f"{rng.randint(2019, 2025)}/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}"
    host = f"{coined_word(rng, pools.words)}.example".lower()
    return shape.format(id=rng.randint(10_000, 9_999_999), slug=slug, date=date, host=host)


def _image(rng: random.Random) -> str:
    return f"<img src='https://cdn.example/img/{rng.randint(1000, 99999)}.jpg' alt=''>"


def _heading(rng: random.Random, text: str | None) -> str:
    if not text:
        return ""
    tag = rng.choice(HEADING_TAGS)
    return f"<{tag} class='title'>{html.escape(text)}</{tag}>"


def _link(rng: random.Random, pools: Pools, story: Story) -> str:
    href = html.escape(story_url(rng, pools, story.title), quote=True)
    return f"<a href='{href}'>{html.escape(story.title)}</a>"


def list_html(
    rng: random.Random, pools: Pools, markup: str, heading: str | None, stories: list[Story]
) -> str:
    """A story list in one of the part's markups."""
    links = [_link(rng, pools, s) for s in stories]
    if markup in ("ul", "ol-time", "ul-source"):
        tag = "ol" if markup == "ol-time" else "ul"
        extra = {
            "ul": lambda: "",
            "ol-time": lambda: f" <time>{rng.randint(1, 23)} hours ago</time>",
            "ul-source": lambda: f" <span class='src'>{coined_word(rng, pools.words)}</span>",
        }[markup]
        items = "".join(f"<li>{link}{extra()}</li>" for link in links)
        inner = f"<{tag}>{items}</{tag}>"
    elif markup == "div-p":
        inner = "".join(f"<p>{link}</p>" for link in links)
    elif markup == "div-br":
        inner = "<br>".join(links)
    elif markup == "dl":
        sections = pools.words.sections
        items = "".join(f"<dt>{link}</dt><dd>{rng.choice(sections)}</dd>" for link in links)
        inner = f"<dl>{items}</dl>"
    else:
        raise ValueError(markup)
    wrapper = rng.choice(("div", "section", "div"))
    css = rng.choice(BLOCK_CLASSES)
    return f"<{wrapper} class='{css}'>{_heading(rng, heading)}{inner}</{wrapper}>"


def grid_html(
    rng: random.Random, pools: Pools, markup: str, heading: str | None, stories: list[Story]
) -> str:
    """A card grid: per card an image, the headline link and its summary."""
    cards = []
    for story in stories:
        href = html.escape(story_url(rng, pools, story.title), quote=True)
        title, summary = html.escape(story.title), html.escape(story.summary)
        image = f"<a href='{href}'>{_image(rng)}</a>"
        link = f"<a href='{href}'>{title}</a>"
        cards.append(
            CARD_MARKUPS[markup].format(
                image=image,
                link=link,
                summary=summary,
                minutes=rng.randint(2, 9),
                section=rng.choice(pools.words.sections),
            )
        )
    inner = "".join(cards)
    if markup == "li-thumb":
        inner = f"<ul>{inner}</ul>"
    css = rng.choice(BLOCK_CLASSES)
    return f"<div class='{css}'>{_heading(rng, heading)}{inner}</div>"


def insert(rng: random.Random, target: Target, fragment: HtmlElement, where: str) -> bool:
    """Put `fragment` at `where` in the page; False when the page has no such place."""
    paragraphs = [p for p in target.paragraphs if shown(p)]
    if len(paragraphs) < 3:
        return False
    if where == "inside article":
        paragraphs[rng.randint(1, len(paragraphs) - 2)].addnext(fragment)
    elif where == "after article":
        paragraphs[-1].addnext(fragment)
    elif where == "before article":
        paragraphs[0].addprevious(fragment)
    elif where == "after container":
        container = paragraphs[-1].getparent()
        if container is None or container.tag == "body" or container.getparent() is None:
            return False
        container.addnext(fragment)
    elif where == "sidebar":
        body = target.tree.find("body")
        if body is None:
            return False
        aside = lxml.html.Element("aside", {"class": "sidebar"})
        aside.append(fragment)
        body.append(aside)
    else:
        raise ValueError(where)
    return True


def add_block(
    rng: random.Random,
    target: Target,
    edits: Edits,
    pools: Pools,
    form: str,
    relation: str,
    stories: list[Story],
    where: str,
) -> bool:
    """One block of `stories` at `where`, recorded in the truth with its form and relation."""
    pool = pools.blocks
    if form == "card grid":
        heading = rng.choice(pool.grid_headings)
        markup = rng.choice(pool.card_markups)
        fragment_html = grid_html(rng, pools, markup, heading, stories)
    else:
        heading = rng.choice(pool.list_headings)
        markup = rng.choice(pool.list_markups)
        fragment_html = list_html(rng, pools, markup, heading, stories)
    fragment = lxml.html.fragment_fromstring(fragment_html)
    if not insert(rng, target, fragment, where):
        return False
    entry = {
        "relation": relation,
        "heading": heading,
        "form": form,
        "where": where,
        "markup": markup,
    }
    if form == "card grid":
        entry["summaries"] = [s.summary for s in stories]
    edits.link_blocks.append(Marked(fragment, entry))
    return True


def blocks_page(
    rng: random.Random,
    base: BasePage,
    pools: Pools,
    others: list[Story],
    techniques: list[Technique],
) -> tuple[Target, Edits, list[str]] | None:
    """The clean page with an unrelated story list, usually an unrelated card grid, often an
    on-topic block, links hidden by `techniques` and sometimes a skip link; None when the page
    has too few paragraphs to place them."""
    target = Target.of(base)
    if len(target.paragraphs) < 3:
        return None
    edits = Edits()
    tags = ["blocks"]
    stories = unrelated_stories(rng, base, others, rng.randint(*STORIES_PER_LIST))
    if not add_block(rng, target, edits, pools, "story list", "unrelated", stories, _where(rng)):
        return None
    if rng.random() < GRID_SHARE:
        cards = unrelated_stories(rng, base, others, rng.randint(*CARDS_PER_GRID))
        if add_block(rng, target, edits, pools, "card grid", "unrelated", cards, _where(rng)):
            tags.append("card grid")
    on_topic = on_topic_stories(rng, base, pools.blocks, rng.randint(*ON_TOPIC_PER_BLOCK))
    if on_topic and rng.random() < ON_TOPIC_SHARE:
        form = rng.choice(FORMS)
        if add_block(rng, target, edits, pools, form, "related", on_topic, _where(rng)):
            tags.append(f"on-topic {form}")
    for technique in techniques:
        if add_hidden(rng, target, edits, pools.words, pools.blocks, technique):
            tags.append(technique.name)
    if rng.random() < SKIP_LINK_SHARE and add_skip_link(rng, target, pools.blocks):
        tags.append("skip link")
    return target, edits, tags


def _where(rng: random.Random) -> str:
    return rng.choice(WHERES)
