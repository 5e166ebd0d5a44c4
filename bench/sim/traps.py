"""Clean pages that look spliced and are not (../shared/corpus/FORMS.md, "What is not spam").

A trap page has no spam at all: its truth lists none, and `trap` names the text that must keep
every word in the reader view.
"""

from __future__ import annotations

import random
import re

import lxml.html
from lxml.html import HtmlElement

from .base import BasePage, shingles
from .edit import Edits, prefix_text
from .forms import Target, holds_line
from .vocab import Pool, coined_word

TRAPS = ("real name", "all-caps kicker", "section title", "sponsor line", "paragraph label")
KICKER_SEPARATORS = (": ", " | ", " - ", " — ")
# A label a paragraph opens with: a transcript's speaker, an update or a note ("UPDATE: …").
LABEL_SEPARATORS = (": ", " — ")
# A name the article writes in the possessive is no speaker ("Quorvane’s").
POSSESSIVES = ("’s", "'s")
# Names the article uses this often make the most convincing kicker.
NAME_PICK_FROM = 3
# Sponsored stories link the sponsor's name to its site this often ("Paid content from <a>…").
SPONSOR_LINK_SHARE = 0.5


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


def _sponsor(rng: random.Random, pool: Pool) -> tuple[str, str]:
    """A sponsor's disclosure and the sponsor's name in it."""
    if rng.random() < 0.5:
        name = f"{coined_word(rng, pool)} {rng.choice(pool.sponsor_kinds)}"
    else:
        name = f"{rng.choice(pool.plain_names)} {rng.choice(pool.sponsor_kinds)}"
    return rng.choice(pool.sponsor_frames).format(name), name


def _sponsor_line(rng: random.Random, disclosure: str, name: str) -> HtmlElement:
    """The disclosure as one line of text, or with the sponsor's name linked to its site."""
    line = lxml.html.Element(rng.choice(("div", "p")))
    line.set("class", "sponsor")
    before, _, after = disclosure.partition(name)
    if rng.random() < SPONSOR_LINK_SHARE:
        link = lxml.html.Element("a", href=f"https://{name.split()[0].lower()}.example/")
        link.set("rel", "sponsored")
        link.text, link.tail = name, after or None
        line.text = before
        line.append(link)
    else:
        line.text = disclosure
    return line


def _label(rng: random.Random, base: BasePage, pool: Pool) -> str:
    """A name the article repeats, in capitals as transcripts write speakers, or a note's
    all-caps label."""
    names = [n for n in base.repeated_names[:NAME_PICK_FROM] if not n[0].endswith(POSSESSIVES)]
    if names and rng.random() < 0.5:
        name, _ = rng.choice(names)
        return name.upper() if rng.random() < 0.5 else name
    return rng.choice(pool.kickers)


def _label_paragraph(rng: random.Random, target: Target, label: str) -> bool:
    """`label` before a paragraph after the first, and before its line of the true article
    (the label is the article's own text)."""
    lines = target.article_text.split("\n")
    fits = []
    for paragraph in target.paragraphs[1:]:
        if not (paragraph.text or "").strip():
            continue
        mine = shingles(paragraph.text_content())
        number = next((n for n, line in enumerate(lines) if holds_line(mine, line)), None)
        if number is not None:
            fits.append((paragraph, number))
    if not fits:
        return False
    paragraph, number = rng.choice(fits)
    paragraph.text = label + (paragraph.text or "").lstrip()
    lines[number] = label + lines[number].lstrip()
    target.article_text = "\n".join(lines)
    return True


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
    elif kind == "paragraph label":
        text = _label(rng, base, pool)
        if not _label_paragraph(rng, target, text + rng.choice(LABEL_SEPARATORS)):
            return None
    elif kind == "sponsor line":
        text, name = _sponsor(rng, pool)
        line = _sponsor_line(rng, text, name)
        line.tail = target.headline.tail
        target.headline.tail = None
        target.headline.addnext(line)
    else:
        raise ValueError(kind)
    uses = len(re.findall(rf"(?<![\w]){re.escape(text)}(?![\w])", target.article_text))
    return target, Edits(), {"kind": kind, "text": text, "occurrences_in_article": uses}
