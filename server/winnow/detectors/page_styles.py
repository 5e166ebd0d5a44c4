"""The page's own <style> sheets, read as a desktop browser applies them.

Rules inside an @media block count when a desktop screen (DESKTOP_WIDTH × DESKTOP_HEIGHT) matches
its query; rules inside @keyframes, @font-face and other at-rules that hold no style rules are
not style rules and are skipped. Selectors are read when they are compounds (`tag#id.class`)
joined by descendant or child combinators; richer selectors (attributes, pseudo-classes,
siblings) are left alone, so the server never claims more than it can check. The browser's own
answer comes in the request's `hidden` field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from lxml.html import HtmlElement

# The screen the page is read on: what @media queries are evaluated against.
DESKTOP_WIDTH = 1280
DESKTOP_HEIGHT = 800
PX_PER_EM = 16
# Media types and features a desktop screen has; a query naming anything else is not matched.
DESKTOP_TYPES = frozenset({"all", "screen"})
DESKTOP_FEATURES = {
    "orientation": "landscape",
    "hover": "hover",
    "any-hover": "hover",
    "pointer": "fine",
    "any-pointer": "fine",
    "prefers-reduced-motion": "no-preference",
    "prefers-color-scheme": "light",
    "color": None,
}
CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.S)
# An at-rule block with at most one level of blocks inside (an @media of style rules).
AT_BLOCK_RE = re.compile(r"@([\w-]+)([^{};]*)\{((?:[^{}]*\{[^{}]*\})*[^{}]*)\}")
# At-rules whose blocks hold style rules that apply when their condition does.
CONDITIONAL_AT_RULES = frozenset({"media", "supports", "layer", "container", "document"})
STYLE_RULE_RE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")
FEATURE_RE = re.compile(r"\(\s*([\w-]+)\s*(?::\s*([^)]+?))?\s*\)")
LENGTH_RE = re.compile(r"^(-?[\d.]+)(px|em|rem)?$")
COMPOUND_RE = re.compile(r"([A-Za-z][\w-]*|\*)?(?:#([\w-]+))?((?:\.[\w-]+)*)")


def _length_px(value: str) -> float | None:
    match = LENGTH_RE.match(value.strip().lower())
    if match is None:
        return None
    number = float(match.group(1))
    return number * PX_PER_EM if match.group(2) in ("em", "rem") else number


def _feature_matches(name: str, value: str | None) -> bool:
    name = name.lower()
    for prefix, size in (("width", DESKTOP_WIDTH), ("height", DESKTOP_HEIGHT)):
        if name in (prefix, f"min-{prefix}", f"max-{prefix}"):
            px = _length_px(value or "")
            if px is None:
                return False
            if name.startswith("min-"):
                return size >= px
            if name.startswith("max-"):
                return size <= px
            return size == px
    if name not in DESKTOP_FEATURES:
        return False
    wanted = DESKTOP_FEATURES[name]
    return value is None or wanted is None or value.strip().lower() == wanted


def _query_matches(query: str) -> bool:
    query = query.strip().lower()
    negated = query.startswith("not ")
    if negated or query.startswith("only "):
        query = query.split(None, 1)[1] if " " in query else ""
    head = query.split("(", 1)[0].replace(" and", " ").strip()
    kind = head.split()[0] if head else "all"
    matches = kind in DESKTOP_TYPES and all(
        _feature_matches(name, value) for name, value in FEATURE_RE.findall(query)
    )
    if "(" in query and not FEATURE_RE.search(query):
        matches = False
    return matches != negated


@lru_cache(maxsize=1024)
def media_matches(query_list: str) -> bool:
    """Whether a desktop screen matches an @media query list (an empty list matches)."""
    queries = [q for q in query_list.split(",") if q.strip()]
    return not queries or any(_query_matches(q) for q in queries)


def style_rules(sheet: str) -> Iterator[tuple[str, str]]:
    """(selector list, declarations) of each style rule of `sheet` that applies on a desktop
    screen, in the order of the sheet."""
    sheet = CSS_COMMENT_RE.sub("", sheet)
    if "@" not in sheet:
        yield from STYLE_RULE_RE.findall(sheet)
        return
    position = 0
    for block in AT_BLOCK_RE.finditer(sheet):
        yield from STYLE_RULE_RE.findall(sheet, position, block.start())
        position = block.end()
        name, condition, inner = block.group(1).lower(), block.group(2), block.group(3)
        if name not in CONDITIONAL_AT_RULES:
            continue
        if name == "media" and not media_matches(condition.strip()):
            continue
        yield from STYLE_RULE_RE.findall(inner)
    yield from STYLE_RULE_RE.findall(sheet, position)


@dataclass(frozen=True)
class Compound:
    """One compound selector: `tag#id.class.class` (any part optional)."""

    tag: str | None
    id: str | None
    classes: frozenset[str]

    def matches(self, el: HtmlElement) -> bool:
        if self.tag and el.tag != self.tag:
            return False
        if self.id and el.get("id") != self.id:
            return False
        return not self.classes or self.classes <= set((el.get("class") or "").split())

    @property
    def key(self) -> tuple[str, str]:
        """What an element needs to be tested against this compound at all."""
        if self.id:
            return ("id", self.id)
        if self.classes:
            return ("class", min(self.classes))
        return ("tag", self.tag or "*")


Selector = tuple[Compound, ...]


@lru_cache(maxsize=8192)
def parse_selector(selector: str) -> Selector | None:
    """A selector of compounds joined by descendant or child combinators, or None for anything
    richer (attributes, pseudo-classes, siblings), which is left alone."""
    parts = selector.replace(">", " ").split()
    if not parts:
        return None
    compounds = []
    for part in parts:
        match = COMPOUND_RE.fullmatch(part)
        if match is None or not any(match.groups()):
            return None
        tag, ident, classes = match.group(1), match.group(2), match.group(3)
        class_set = frozenset(c for c in (classes or "").split(".") if c)
        compounds.append(Compound(tag.lower() if tag and tag != "*" else None, ident, class_set))
    return tuple(compounds)


def selector_matches(compounds: Selector, el: HtmlElement) -> bool:
    """Whether `el` matches; a child combinator is read as a descendant one."""
    if not compounds[-1].matches(el):
        return False
    wanted = list(compounds[:-1])
    for ancestor in el.iterancestors():
        if not wanted:
            break
        if wanted[-1].matches(ancestor):
            wanted.pop()
    return not wanted


def specificity(compounds: Selector) -> tuple[int, int, int]:
    return (
        sum(bool(c.id) for c in compounds),
        sum(len(c.classes) for c in compounds),
        sum(bool(c.tag) for c in compounds),
    )


def element_keys(el: HtmlElement) -> list[tuple[str, str]]:
    keys = [("tag", el.tag), ("tag", "*")]
    if el.get("id"):
        keys.append(("id", el.get("id")))
    keys += [("class", c) for c in (el.get("class") or "").split()]
    return keys


@dataclass(frozen=True)
class SheetRule:
    selector: Selector
    text: str
    """The selector as the page wrote it, for reasons."""
    value: str
    """What the rule says (a hiding reason, or a declared value)."""
    order: int


class SheetIndex:
    """Rules indexed by what their last compound needs (an id, a class, a tag), so that an
    element is tested only against rules that can match it."""

    def __init__(self, rules: list[SheetRule]) -> None:
        self.by_key: dict[tuple[str, str], list[SheetRule]] = {}
        for rule in rules:
            self.by_key.setdefault(rule.selector[-1].key, []).append(rule)

    def __bool__(self) -> bool:
        return bool(self.by_key)

    def matching(self, el: HtmlElement) -> list[SheetRule]:
        """The rules that match `el`, by rising specificity then order (the last one wins)."""
        found = [
            rule
            for key in element_keys(el)
            for rule in self.by_key.get(key, ())
            if selector_matches(rule.selector, el)
        ]
        return sorted(found, key=lambda r: (specificity(r.selector), r.order))


def sheets(root: HtmlElement) -> list[str]:
    return [style.text or "" for style in root.iter("style")]
