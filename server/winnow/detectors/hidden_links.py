"""Hidden SEO links: links to other sites that no reader can see.

An element is hidden by its `hidden` attribute, by its inline style, by a rule of the page's
own <style> sheets that matches it (simple selectors only), or because the browser reported it
as not rendered. Every outermost hidden element that holds links to other sites is one block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlsplit

from lxml.html import HtmlElement

from ..findings import Finding, Kind
from ..page import Page, element_text, normalize_space
from ..site_rules import SiteRules

# Declarations that hide an element, with the words a person reads in the reason.
HIDING_DECLARATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:^|;)\s*display\s*:\s*none", re.I), "display:none"),
    (re.compile(r"(?:^|;)\s*visibility\s*:\s*(?:hidden|collapse)", re.I), "visibility:hidden"),
    (re.compile(r"(?:^|;)\s*opacity\s*:\s*0(?:\.0+)?\s*(?:;|$|!)", re.I), "opacity:0"),
    (
        re.compile(r"(?:^|;)\s*font-size\s*:\s*0(?:px|em|rem|pt|%)?\s*(?:;|$|!)", re.I),
        "font-size:0",
    ),
    # Far off-screen: a reader never scrolls a thousand pixels left of the page.
    (
        re.compile(r"(?:^|;)\s*(?:left|top|margin-left|text-indent)\s*:\s*-\d{4,}(?:px)?", re.I),
        "placed far off-screen",
    ),
)
# One cheap test that every hiding declaration passes (style sheets have thousands of rules).
MAY_HIDE_RE = re.compile(r"none|hidden|collapse|:\s*0|-\d{4}", re.I)
# Zero size only hides what overflows, so both are needed.
ZERO_SIZE_RE = re.compile(r"(?:^|;)\s*(?:width|height)\s*:\s*0(?:px)?\s*(?:;|$|!)", re.I)
OVERFLOW_HIDDEN_RE = re.compile(r"(?:^|;)\s*overflow\s*:\s*hidden", re.I)
COMPOUND_RE = re.compile(r"([A-Za-z][\w-]*|\*)?(?:#([\w-]+))?((?:\.[\w-]+)*)")
CSS_RULE_RE = re.compile(r"([^{}@]+)\{([^{}]*)\}")
CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.S)
MAX_HOSTS_NAMED = 3

RULE_HIDDEN = "hidden-seo-links"


def hiding_reason(declarations: str) -> str | None:
    """Why a style hides its element ("display:none"), or None when it does not."""
    if not MAY_HIDE_RE.search(declarations):
        return None
    for pattern, reason in HIDING_DECLARATIONS:
        if pattern.search(declarations):
            return reason
    if ZERO_SIZE_RE.search(declarations) and OVERFLOW_HIDDEN_RE.search(declarations):
        return "zero size with overflow hidden"
    return None


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


@lru_cache(maxsize=4096)
def parse_selector(selector: str) -> tuple[Compound, ...] | None:
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


def selector_matches(compounds: tuple[Compound, ...], el: HtmlElement) -> bool:
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


SheetRule = tuple[tuple[Compound, ...], str, str]


class SheetRules:
    """The hiding rules of the page's style sheets, indexed by what their last compound needs
    (an id, a class, a tag) so that an element is tested only against rules that can match."""

    def __init__(self, rules: list[SheetRule]) -> None:
        self.by_key: dict[tuple[str, str], list[SheetRule]] = {}
        for rule in rules:
            last = rule[0][-1]
            if last.id:
                key = ("id", last.id)
            elif last.classes:
                key = ("class", min(last.classes))
            else:
                key = ("tag", last.tag or "*")
            self.by_key.setdefault(key, []).append(rule)

    def candidates(self, el: HtmlElement) -> list[SheetRule]:
        keys = [("tag", el.tag), ("tag", "*")]
        if el.get("id"):
            keys.append(("id", el.get("id")))
        keys += [("class", c) for c in (el.get("class") or "").split()]
        return [rule for key in keys for rule in self.by_key.get(key, ())]


def hiding_rules(page: Page) -> SheetRules:
    """(selector, its text, the reason) for each rule of the page's <style> sheets that hides."""
    rules = []
    for style in page.root.iter("style"):
        sheet = CSS_COMMENT_RE.sub("", style.text or "")
        for selectors, declarations in CSS_RULE_RE.findall(sheet):
            reason = hiding_reason(declarations)
            if reason is None:
                continue
            for selector in selectors.split(","):
                compounds = parse_selector(selector.strip())
                if compounds is not None:
                    rules.append((compounds, selector.strip(), reason))
    return SheetRules(rules)


def hiding(el: HtmlElement, page: Page, sheet_rules: SheetRules) -> str | None:
    """Why `el` is hidden from readers, or None when nothing hides it."""
    if el.get("hidden") is not None:
        return "the hidden attribute"
    style = el.get("style")
    if style and (reason := hiding_reason(style)):
        return f"{reason} (inline style)"
    if el.get("data-winnow-id") in page.reported_hidden:
        return "not rendered by the browser"
    for compounds, text, reason in sheet_rules.candidates(el):
        if selector_matches(compounds, el):
            return f"{reason} (page style “{text}”)"
    return None


def _site(host: str) -> str:
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def _other_site(href: str, page: Page) -> str | None:
    """The link's host when it is another site than the page's, else None."""
    if not href.lstrip()[:8].lower().startswith(("http://", "https://", "//")):
        return None
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https", "") or not parts.hostname:
        return None
    host, mine = _site(parts.hostname), page.host
    if host == mine or host.endswith("." + mine) or mine.endswith("." + host):
        return None
    return host


def _shares_this_page(href: str, page: Page) -> bool:
    """Share buttons carry the page's own URL: they are hidden menus, not SEO links."""
    return page.url in href or quote(page.url, safe="") in href


@dataclass
class HiddenBlock:
    root: HtmlElement
    reason: str
    hosts: list[str]
    links: int


def _blocks(page: Page) -> list[HiddenBlock]:
    """Outermost hidden elements holding links to other sites. Only the ancestors of such
    links are examined: the page's style sheets may hide thousands of elements."""
    outbound = [
        link
        for link in page.body.iter("a")
        if (href := link.get("href"))
        and _other_site(href, page)
        and not _shares_this_page(href, page)
        and normalize_space(link.text_content())
    ]
    if not outbound:
        return []
    sheet_rules = hiding_rules(page)
    verdicts: dict[HtmlElement, str | None] = {}
    roots: dict[HtmlElement, HiddenBlock] = {}
    for link in outbound:
        root, reason = None, None
        for el in (link, *link.iterancestors()):
            if el is page.body:
                break
            if el not in verdicts:
                verdicts[el] = hiding(el, page, sheet_rules)
            if verdicts[el]:
                root, reason = el, verdicts[el]
        if root is None or reason is None:
            continue
        block = roots.setdefault(root, HiddenBlock(root, reason, [], 0))
        block.hosts.append(_other_site(link.get("href") or "", page) or "")
        block.links += 1
    return list(roots.values())


def detect(page: Page, rules: SiteRules) -> list[Finding]:
    findings = []
    for block in _blocks(page):
        sites = list(dict.fromkeys(block.hosts))
        named = ", ".join(sites[:MAX_HOSTS_NAMED])
        if len(sites) > MAX_HOSTS_NAMED:
            named += " and others"
        findings.append(
            Finding(
                Kind.HIDDEN_LINKS,
                block.root,
                element_text(block.root),
                1.0,
                RULE_HIDDEN,
                [
                    f"hidden from readers by {block.reason}",
                    f"{block.links} link{'s' if block.links != 1 else ''} to other sites: {named}",
                ],
                removes_element=True,
            )
        )
    return findings
