"""Clean news stories whose subject is what spam sells: loans, gambling, crypto, pills, schemes to
get rich. The extraction benchmark has none, so without them the simulator never shows a clean
page that says "payday loans" or "keto gummies" in its own sentences, and a model trained on it
learns that such words are always spliced.

The stories (bench/data/money-stories/stories.json) were written for Winnow by writers who never
saw its code or its word lists. Each is laid out as a page of a small news site, in one of a few
layouts, so that it becomes a base page like the benchmark's.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
from dataclasses import dataclass
from pathlib import Path

from ..corpus import DATA_DIR
from .base import STORY_KIND, BasePage

STORIES_FILE = DATA_DIR / "money-stories" / "stories.json"
# Stories no model was trained on and no threshold set on: a harm probe (--stories).
PROBE_STORIES = DATA_DIR / "probe-stories" / "stories.json"
# Source ids are hex digests, like the benchmark's, so that the same first-digit rule holds a
# quarter of the stories out of tuning.
SOURCE_ID_CHARS = 32
SITES = (
    ("The Riverside Ledger", "riversideledger.example"),
    ("Northfield Courier", "northfieldcourier.example"),
    ("Bay State Daily", "baystatedaily.example"),
    ("The Prairie Post", "prairiepost.example"),
    ("Metro Business Journal", "metrobusinessjournal.example"),
)
SECTIONS = ("News", "Business", "Money", "Local", "Politics", "Sports", "Opinion", "Weather")
AUTHORS = ("Dana Whitcomb", "Luis Ortega", "Priya Raman", "Tom Kessler", "Amara Okafor", "Jin Park")
# "Headline | Site" or "Headline - Site": the two title shapes news sites use most.
TITLE_SEPARATORS = (" | ", " - ")


@dataclass(frozen=True)
class Story:
    topic: str
    title: str
    paragraphs: tuple[str, ...]

    @property
    def source(self) -> str:
        return hashlib.sha256(self.title.encode("utf-8")).hexdigest()[:SOURCE_ID_CHARS]

    @property
    def article_text(self) -> str:
        return "\n".join(self.paragraphs)


def load_stories(path: Path = STORIES_FILE) -> list[Story]:
    items = json.loads(path.read_text(encoding="utf-8"))
    return [Story(i["topic"], i["title"], tuple(i["paragraphs"])) for i in items]


def _nav(rng: random.Random) -> str:
    sections = rng.sample(SECTIONS, k=rng.randint(4, len(SECTIONS)))
    items = "".join(f'<li><a href="/{s.lower()}/">{s}</a></li>' for s in sections)
    return f'<nav class="site-nav"><ul>{items}</ul></nav>'


def _paragraphs(story: Story) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)


def _classic(story: Story, site: str, byline: str, nav: str) -> str:
    return (
        f'<header class="masthead"><a class="logo" href="/">{site}</a>{nav}</header>'
        f'<main><article class="story"><h1 class="headline">{html.escape(story.title)}</h1>'
        f'<p class="byline">By {byline}</p><time datetime="2026-10-14">Oct. 14, 2026</time>'
        f'<div class="story-body">{_paragraphs(story)}</div></article></main>'
        f"<footer><p>© 2026 {site}. All rights reserved.</p></footer>"
    )


def _columns(story: Story, site: str, byline: str, nav: str) -> str:
    return (
        f'<div id="top"><div class="brand">{site}</div>{nav}</div>'
        f'<div class="layout"><div class="col-main"><h1>{html.escape(story.title)}</h1>'
        f'<div class="meta"><span class="author">{byline}</span> · '
        f'<span class="date">Published 9:41 a.m. ET Sept. 3, 2026</span></div>'
        f'<section class="article-text">{_paragraphs(story)}</section></div>'
        f'<div class="col-side"><div class="newsletter">Sign up for our daily newsletter.</div>'
        f'</div></div><div id="foot">Contact us · Privacy policy · Terms of use</div>'
    )


def _minimal(story: Story, site: str, byline: str, nav: str) -> str:
    return (
        f"{nav}<h1>{html.escape(story.title)}</h1><address>{byline}, {site}</address>"
        f"{_paragraphs(story)}<hr><small>Copyright {site}</small>"
    )


LAYOUTS = (_classic, _columns, _minimal)


def story_page(story: Story) -> BasePage:
    """The story as a page of a news site; the same story always gets the same page."""
    rng = random.Random(story.source)
    site, domain = rng.choice(SITES)
    body = rng.choice(LAYOUTS)(story, site, rng.choice(AUTHORS), _nav(rng))
    title = html.escape(story.title) + rng.choice(TITLE_SEPARATORS) + site
    lede = html.escape(story.paragraphs[0][:160], quote=True)
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:title" content="{html.escape(story.title, quote=True)}">'
        f'<meta property="og:site_name" content="{site}">'
        f'<meta name="description" content="{lede}"></head><body>{body}</body></html>'
    )
    url = f"https://www.{domain}/{story.source[:8]}/story.html"
    return BasePage(story.source, url, page, story.article_text, kind=STORY_KIND)
