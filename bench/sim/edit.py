"""Editing a page's tree: splicing text in at word boundaries, and writing a case with the xpath
of every element the truth names."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import lxml.html
from lxml.html import HtmlElement

MARK_ATTR = "data-sim-mark"
GAP_RE = re.compile(r"(?<=\S) (?=\S)")
# A text node needs this many words to take a phrase between two of them.
MIN_NODE_WORDS = 4
SENTENCE_END = ".!?…"
PUNCTUATION_BEFORE_GAP = ",;:—–-("


@dataclass
class Marked:
    """Truth about one element: filled in with its xpath when the case is written."""

    element: HtmlElement
    entry: dict


@dataclass
class Edits:
    """What a case's edits claim: entries of the truth lists, each tied to an element."""

    spam: list[Marked] = field(default_factory=list)
    link_blocks: list[Marked] = field(default_factory=list)
    hidden_links: list[Marked] = field(default_factory=list)

    def add_spam(self, element: HtmlElement, text: str, where: str, form: str) -> None:
        self.spam.append(Marked(element, {"text": text, "where": where, "form": form}))


def own_text_nodes(el: HtmlElement) -> list[tuple[HtmlElement, str]]:
    """(holder, "text"|"tail") for each text node that belongs to `el` itself: its text and the
    tails of its children (so the text stays in `el`, whatever the children are)."""
    nodes = [(el, "text")]
    nodes += [(child, "tail") for child in el if isinstance(child.tag, str)]
    return nodes


def get_text(holder: HtmlElement, attr: str) -> str:
    return getattr(holder, attr) or ""


def set_text(holder: HtmlElement, attr: str, value: str) -> None:
    setattr(holder, attr, value)


def gaps(text: str, frame: str) -> list[int]:
    """Offsets of the spaces between two words where `frame` may go."""
    found = []
    for match in GAP_RE.finditer(text):
        before = text[: match.start()]
        if frame != "bare" and before[-1:] in PUNCTUATION_BEFORE_GAP + SENTENCE_END:
            continue
        found.append(match.start())
    return found


def framed(phrase: str, frame: str, attribution: str) -> tuple[str, str]:
    """(the text that replaces the space between two words, the spliced part as the truth
    names it) for each way of splicing."""
    if frame == "appositive":
        return f", {phrase}, ", phrase
    if frame == "parenthesis":
        return f" ({phrase}) ", phrase
    if frame == "dash":
        return f" — {phrase} — ", phrase
    if frame == "clause":
        clause = attribution.format(phrase)
        return f", {clause}, ", clause
    return f" {phrase} ", phrase


def splice_between_words(
    rng: random.Random, el: HtmlElement, phrase: str, frame: str, attribution: str = "{}"
) -> str | None:
    """Put `phrase` between two words of one of `el`'s own text nodes, in the given frame.
    Returns the spliced part as the truth should name it, or None when no place fits."""
    places = []
    for holder, attr in own_text_nodes(el):
        text = get_text(holder, attr)
        if len(text.split()) >= MIN_NODE_WORDS:
            places += [(holder, attr, gap) for gap in gaps(text, frame)]
    if not places:
        return None
    holder, attr, gap = rng.choice(places)
    text = get_text(holder, attr)
    inserted, spliced = framed(phrase, frame, attribution)
    set_text(holder, attr, text[:gap] + inserted + text[gap + 1 :])
    return spliced


def prefix_text(el: HtmlElement, prefix: str) -> None:
    el.text = prefix + (el.text or "")


def suffix_text(el: HtmlElement, suffix: str) -> None:
    """Add `suffix` after the element's last own text (its text, or its last child's tail)."""
    children = [c for c in el if isinstance(c.tag, str)]
    if children:
        children[-1].tail = (children[-1].tail or "").rstrip() + suffix
    else:
        el.text = (el.text or "").rstrip() + suffix


def write_case(tree: HtmlElement, edits: Edits) -> tuple[str, dict[str, list[dict]]] | None:
    """The page's HTML and its truth lists with xpaths as lxml.html parses that HTML; None when
    a marked element cannot be found again (the case is then dropped)."""
    groups = {"spam": edits.spam, "link_blocks": edits.link_blocks, "hidden": edits.hidden_links}
    marks: list[tuple[str, Marked]] = [(g, m) for g, items in groups.items() for m in items]
    for index, (_, marked) in enumerate(marks):
        existing = marked.element.get(MARK_ATTR)
        marked.element.set(MARK_ATTR, f"{existing} {index}" if existing else str(index))
    html = lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")
    reparsed = lxml.html.document_fromstring(html)
    paths: dict[int, str] = {}
    for el in reparsed.iter():
        if not isinstance(el.tag, str) or el.get(MARK_ATTR) is None:
            continue
        for index in el.get(MARK_ATTR).split():
            paths[int(index)] = reparsed.getroottree().getpath(el)
        del el.attrib[MARK_ATTR]
    for _, marked in marks:
        if MARK_ATTR in marked.element.attrib:
            del marked.element.attrib[MARK_ATTR]
    if len(paths) != len(marks):
        return None
    final = lxml.html.tostring(reparsed, encoding="unicode", doctype="<!DOCTYPE html>")
    truth: dict[str, list[dict]] = {"spam": [], "link_blocks": [], "hidden_links": []}
    keys = {"spam": "spam", "link_blocks": "link_blocks", "hidden": "hidden_links"}
    for index, (group, marked) in enumerate(marks):
        truth[keys[group]].append({**marked.entry, "xpath": paths[index]})
    return final, truth
