"""Clean pages that look spliced and are not (../shared/corpus/FORMS.md, "What is not spam").

A trap page has no spam at all: its truth lists none, and `trap` names the text that must keep
every word in the reader view.
"""

from __future__ import annotations

import random
import re

import lxml.html

from .base import BasePage
from .edit import Edits, prefix_text
from .forms import Target
from .vocab import Pool, coined_word

TRAPS = ("real name", "all-caps kicker", "section title", "sponsor line")
KICKER_SEPARATORS = (": ", " | ", " - ", " — ")
# Names the article uses this often make the most convincing kicker.
NAME_PICK_FROM = 3


def _kick(rng: random.Random, target: Target, kicker: str) -> bool:
    """`kicker` before the title and the headline, as sites do."""
    if target.title is None or target.headline is None or not (target.title.text or "").strip():
        return False
    separator = rng.choice(KICKER_SEPARATORS)
    target.title.text = kicker + separator + (target.title.text or "").strip()
    prefix_text(target.headline, kicker + separator)
    return True


def _section_breadcrumb(target: Target, section: str) -> None:
    crumb = lxml.html.fragment_fromstring(
        f'<nav class="breadcrumb"><a href="/">Home</a> › '
        f'<a href="/{section.lower().replace(" ", "-")}/">{section}</a></nav>'
    )
    assert target.headline is not None
    target.headline.addprevious(crumb)


def _sponsor(rng: random.Random, pool: Pool) -> str:
    if rng.random() < 0.5:
        name = f"{coined_word(rng, pool)} {rng.choice(pool.sponsor_kinds)}"
    else:
        name = f"{rng.choice(pool.plain_names)} {rng.choice(pool.sponsor_kinds)}"
    return rng.choice(pool.sponsor_frames).format(name)


def trap_page(
    rng: random.Random, base: BasePage, pool: Pool, kind: str
) -> tuple[Target, Edits, dict] | None:
    """A trap case of `base`; None when the page cannot carry that trap."""
    target = Target.of(base)
    if target.headline is None or len(target.paragraphs) < 3:
        return None
    if kind == "real name":
        names = base.repeated_names[:NAME_PICK_FROM]
        if not names:
            return None
        text, _ = rng.choice(names)
        if not _kick(rng, target, text):
            return None
    elif kind == "all-caps kicker":
        text = rng.choice(pool.kickers)
        if not _kick(rng, target, text):
            return None
    elif kind == "section title":
        text = rng.choice(pool.sections)
        if not _kick(rng, target, text):
            return None
        _section_breadcrumb(target, text)
    elif kind == "sponsor line":
        text = _sponsor(rng, pool)
        line = lxml.html.Element(rng.choice(("div", "p")))
        line.set("class", "sponsor")
        line.text = text
        line.tail = target.headline.tail
        target.headline.tail = None
        target.headline.addnext(line)
    else:
        raise ValueError(kind)
    uses = len(re.findall(rf"(?<![\w]){re.escape(text)}(?![\w])", target.article_text))
    return target, Edits(), {"kind": kind, "text": text, "occurrences_in_article": uses}
