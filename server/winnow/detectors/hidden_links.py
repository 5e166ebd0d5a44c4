"""Hidden SEO links: links to other sites that no reader can see.

An element is hidden by its `hidden` attribute; by a style (inline, or a rule of the page's own
<style> sheets as a desktop browser applies them, @media blocks included; see page_styles) that
removes it (display, visibility), makes it invisible (opacity, font size 0, a zero-area clip or
clip-path, transform: scale(0)), shrinks it to nothing with its overflow hidden, moves it or its
text far off-screen, or paints its text in its own background colour; or because the browser
reported it as not rendered. Every outermost hidden element that holds links to other sites is
one block. A link to the page itself (a "Skip to content" link for screen readers) is not an SEO
link, and neither is a share button carrying the page's own address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from lxml.html import HtmlElement

from ..findings import Finding, Kind
from ..page import Page, element_text
from ..site_rules import SiteRules
from ..words import normalize_space, words
from .blocks import leaves_reader
from .page_styles import (
    SheetIndex,
    SheetRule,
    element_keys,
    parse_selector,
    sheets,
    style_rules,
)

ZERO = r"-?0*\.?0+(?:px|em|rem|pt|%|vw|vh)?"
# Declarations that hide an element, with the words a person reads in the reason.
HIDING_DECLARATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:^|;)\s*display\s*:\s*none", re.I), "display:none"),
    (re.compile(r"(?:^|;)\s*visibility\s*:\s*(?:hidden|collapse)", re.I), "visibility:hidden"),
    (re.compile(rf"(?:^|;)\s*opacity\s*:\s*{ZERO}\s*(?:;|$|!)", re.I), "opacity:0"),
    (re.compile(rf"(?:^|;)\s*font-size\s*:\s*{ZERO}\s*(?:;|$|!)", re.I), "font-size:0"),
    # rect(0 0 0 0), rect(1px, 1px, 1px, 1px): a clip box with no area.
    (
        re.compile(
            r"(?:^|;)\s*clip\s*:\s*rect\(\s*(-?[\d.]+)(?:px)?[\s,]+(-?[\d.]+)(?:px)?[\s,]+"
            r"\1(?:px)?[\s,]+\2(?:px)?\s*\)",
            re.I,
        ),
        "a clip box with no area",
    ),
    # inset(50%) or more clips everything; so does a circle or ellipse of radius 0.
    (
        re.compile(
            r"(?:^|;)\s*clip-path\s*:\s*(?:inset\(\s*(?:[5-9]\d|100)(?:\.\d+)?%|"
            rf"(?:circle|ellipse)\(\s*{ZERO}[\s)]|polygon\(\s*0(?:px)?\s+0(?:px)?\s*\))",
            re.I,
        ),
        "a clip-path with no area",
    ),
    (
        re.compile(rf"(?:^|;)\s*transform\s*:[^;]*\bscale[XY]?\(\s*{ZERO}\s*(?:[,)])", re.I),
        "transform: scale(0)",
    ),
)
# Far off-screen: a reader never scrolls this far left or up, and text indented this far is
# gone. Lengths in px, em (as PX_PER_EM px) or a whole-width percentage.
OFF_SCREEN_RE = re.compile(
    r"(?:^|;)\s*(left|top|right|margin-left|margin-top|text-indent)\s*:\s*"
    r"(-?[\d.]+)(px|em|rem|%)?",
    re.I,
)
TRANSLATE_RE = re.compile(r"translate(?:X|Y|3d)?\(\s*(-?[\d.]+)(px|em|rem|%)?", re.I)
OFF_SCREEN_MIN_PX = 500
OFF_SCREEN_MIN_PERCENT = 100
PX_PER_EM = 16
# Zero size hides only what overflows, so both are needed.
ZERO_SIZE_RE = re.compile(rf"(?:^|;)\s*(?:max-)?(?:width|height)\s*:\s*{ZERO}\s*(?:;|$|!)", re.I)
OVERFLOW_HIDDEN_RE = re.compile(r"(?:^|;)\s*overflow(?:-[xy])?\s*:\s*(?:hidden|clip)", re.I)
# One test that every hiding declaration passes and most others fail (style sheets have
# thousands of rules): the properties above with a value that may hide.
MAY_HIDE_RE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|(?:opacity|font-size|width"
    r"|height)\s*:\s*-?\.?0|clip|scale|translate|(?:left|top|right|margin-left|margin-top"
    r"|text-indent)\s*:\s*-\d",
    re.I,
)

# Colours: a text painted in its own background colour is not seen. Channels within this
# distance are the same colour to the eye.
SAME_COLOUR_MAX_DISTANCE = 12
COLOUR_DECLARATION_RE = re.compile(
    r"(?:^|;)\s*(color|background-color|background)\s*:\s*([^;!]+)", re.I
)
HEX_RE = re.compile(r"#([0-9a-f]{3,8})\b", re.I)
RGB_RE = re.compile(
    r"rgba?\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?)(?:[\s,/]+([\d.]+%?))?", re.I
)
NAMED_COLOURS = {
    "white": (255, 255, 255),
    "black": (0, 0, 0),
    "red": (255, 0, 0),
    "green": (0, 128, 0),
    "blue": (0, 0, 255),
    "yellow": (255, 255, 0),
    "gray": (128, 128, 128),
    "grey": (128, 128, 128),
    "silver": (192, 192, 192),
    "navy": (0, 0, 128),
    "whitesmoke": (245, 245, 245),
    "snow": (255, 250, 250),
    "ivory": (255, 255, 240),
    "beige": (245, 245, 220),
}
TRANSPARENT = "transparent"
TEXT_COLOUR = ("color",)
BACKGROUND = ("background-color", "background")
MAX_HOSTS_NAMED = 3
# The host of an absolute link (http, https or scheme-relative), without user or port.
ABSOLUTE_HOST_RE = re.compile(r"\s*(?:https?:)?//(?:[^/?#@]*@)?([^/?#:\s]+)", re.I)

RULE_HIDDEN = "hidden-seo-links"
# The rule names this module's findings carry (pipeline.RULES maps each to this module).
RULES = (RULE_HIDDEN,)

Colour = tuple[int, int, int] | str


def _px(number: str, unit: str | None) -> float:
    value = float(number)
    return value * PX_PER_EM if (unit or "").lower() in ("em", "rem") else value


def _off_screen(declarations: str) -> str | None:
    for prop, number, unit in OFF_SCREEN_RE.findall(declarations):
        far = (
            float(number) <= -OFF_SCREEN_MIN_PERCENT
            if unit == "%"
            else _px(number, unit) <= -OFF_SCREEN_MIN_PX
        )
        if far:
            return (
                "text indented off-screen"
                if prop.lower() == "text-indent"
                else "placed far off-screen"
            )
    if "translate" in declarations.lower():
        for number, unit in TRANSLATE_RE.findall(declarations):
            if unit != "%" and _px(number, unit) <= -OFF_SCREEN_MIN_PX:
                return "placed far off-screen"
    return None


@lru_cache(maxsize=8192)
def hiding_reason(declarations: str) -> str | None:
    """Why a style hides its element ("display:none"), or None when it does not."""
    if not MAY_HIDE_RE.search(declarations):
        return None
    for pattern, reason in HIDING_DECLARATIONS:
        if pattern.search(declarations):
            return reason
    if ZERO_SIZE_RE.search(declarations) and OVERFLOW_HIDDEN_RE.search(declarations):
        return "zero size with overflow hidden"
    return _off_screen(declarations)


def parse_colour(value: str) -> Colour | None:
    """An (r, g, b) colour, TRANSPARENT, or None when `value` names no colour we can read."""
    value = value.strip().lower()
    if value == TRANSPARENT:
        return TRANSPARENT
    if value in NAMED_COLOURS:
        return NAMED_COLOURS[value]
    match = HEX_RE.search(value)
    if match:
        digits = match.group(1)
        if len(digits) in (3, 4):
            digits = "".join(c * 2 for c in digits)
        if len(digits) == 8 and digits[6:] == "00":
            return TRANSPARENT
        if len(digits) in (6, 8):
            return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]
        return None
    match = RGB_RE.search(value)
    if match:
        channels = [
            float(c[:-1]) * 2.55 if c.endswith("%") else float(c) for c in match.groups()[:3]
        ]
        alpha = match.group(4)
        if alpha is not None and float(alpha.rstrip("%")) == 0:
            return TRANSPARENT
        return tuple(round(c) for c in channels)  # type: ignore[return-value]
    first = value.split()[0] if value.split() else ""
    return NAMED_COLOURS.get(first)


def same_colour(a: Colour, b: Colour) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return False
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5 <= SAME_COLOUR_MAX_DISTANCE


@dataclass
class PageSheets:
    """The page's hiding rules and colour rules, each indexed for matching."""

    hiding: SheetIndex
    text_colours: SheetIndex
    backgrounds: SheetIndex


def _paints(declarations: str) -> bool:
    """A cheap test that the declarations may set a colour or a background."""
    return "olo" in declarations or "ackground" in declarations


def _last_key(selector: str) -> tuple[str, str] | None:
    """The key of a selector's last compound, read cheaply (None for what parse_selector
    would refuse): to skip colour rules no element on the way to an outbound link can match."""
    parts = selector.replace(">", " ").split()
    if not parts or any(c in parts[-1] for c in "[:+~*"):
        return None
    last = parts[-1]
    if "#" in last:
        return ("id", last.split("#", 1)[1].split(".", 1)[0])
    if "." in last:
        return ("class", min(c for c in last.split(".")[1:] if c) if last.strip(".") else "")
    return ("tag", last.lower())


def _index(page: Page, wanted: set[tuple[str, str]]) -> PageSheets:
    """The page's hiding rules, and its colour rules that may match an element of `wanted`
    keys (colour rules are a large part of every style sheet)."""
    hiding: list[SheetRule] = []
    text_colours: list[SheetRule] = []
    backgrounds: list[SheetRule] = []
    order = 0
    for sheet in sheets(page.root):
        for selectors, declarations in style_rules(sheet):
            reason = hiding_reason(declarations)
            found = COLOUR_DECLARATION_RE.findall(declarations) if _paints(declarations) else []
            if reason is None and not found:
                continue
            for selector in selectors.split(","):
                selector = selector.strip()
                if reason is None and _last_key(selector) not in wanted:
                    continue
                compounds = parse_selector(selector)
                if compounds is None:
                    continue
                order += 1
                if reason is not None:
                    hiding.append(SheetRule(compounds, selector, reason, order))
                for prop, value in found:
                    rules = text_colours if prop.lower() == "color" else backgrounds
                    rules.append(SheetRule(compounds, prop.lower(), value.strip(), order))
    return PageSheets(SheetIndex(hiding), SheetIndex(text_colours), SheetIndex(backgrounds))


def page_sheets(page: Page, links: list[HtmlElement]) -> PageSheets:
    """The page's rules that may hide `links` (or anything: hiding rules are all kept)."""
    wanted = {key for a in links for el in (a, *a.iterancestors()) for key in element_keys(el)}
    return _index(page, wanted)


def hiding(el: HtmlElement, page: Page, sheet: SheetIndex) -> str | None:
    """Why `el` is hidden from readers, or None when nothing hides it."""
    if el.get("hidden") is not None:
        return "the hidden attribute"
    style = el.get("style")
    if style and (reason := hiding_reason(style)):
        return f"{reason} (inline style)"
    if el.get("data-winnow-id") in page.reported_hidden:
        return "not rendered by the browser"
    for rule in sheet.matching(el) if sheet else ():
        return f"{rule.value} (page style “{rule.text}”)"
    return None


def _declared(el: HtmlElement, props: tuple[str, ...], rules: SheetIndex) -> str | None:
    """The value the element itself declares for one of `props`: its inline style first,
    then the page's rules (the most specific, latest one)."""
    style = el.get("style")
    if style and _paints(style):
        inline = [v for p, v in COLOUR_DECLARATION_RE.findall(style) if p.lower() in props]
        if inline:
            return inline[-1]
    found = rules.matching(el) if rules else []
    return found[-1].value if found else None


def _text_colour(link: HtmlElement, sheets_: PageSheets) -> Colour | None:
    """The link's own colour (a link does not inherit its colour unless told to)."""
    el: HtmlElement | None = link
    while el is not None:
        value = _declared(el, TEXT_COLOUR, sheets_.text_colours)
        if value is None and el is link:
            return None
        if value is not None and value.strip().lower() not in ("inherit", "currentcolor"):
            return parse_colour(value)
        el = el.getparent()
    return None


def _background(
    el: HtmlElement, sheets_: PageSheets, memo: dict[HtmlElement, Colour | None]
) -> Colour | None:
    """The nearest background colour declared on the element or around it; None when there is
    none, or when it is an image or a gradient (what is behind the text is unknown)."""
    walked = []
    node: HtmlElement | None = el
    colour: Colour | None = None
    while node is not None:
        if node in memo:
            colour = memo[node]
            break
        walked.append(node)
        value = _declared(node, BACKGROUND, sheets_.backgrounds)
        found = parse_colour(value) if value is not None else TRANSPARENT
        if found != TRANSPARENT:
            colour = found
            break
        node = node.getparent()
    for done in walked:
        memo[done] = colour
    return colour


def colour_hidden(
    link: HtmlElement, sheets_: PageSheets, memo: dict[HtmlElement, Colour | None]
) -> str | None:
    """Why the link's text cannot be seen for its colour, or None."""
    text = _text_colour(link, sheets_)
    if text is None:
        return None
    if text == TRANSPARENT:
        return "transparent text"
    background = _background(link, sheets_, memo)
    if background is not None and same_colour(text, background):
        return "text coloured like its background"
    return None


def _site(host: str) -> str:
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def _other_site(href: str, page: Page) -> str | None:
    """The link's host when it is another site than the page's, else None."""
    match = ABSOLUTE_HOST_RE.match(href)
    if match is None:
        return None
    host, mine = _site(match.group(1)), page.host
    if not host or host == mine or host.endswith("." + mine) or mine.endswith("." + host):
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


def _hidden_root(
    link: HtmlElement, page: Page, sheets_: PageSheets, verdicts: dict, backgrounds: dict
) -> tuple:
    """The outermost element hiding the link, with why; (None, None) when it is visible."""
    root, reason = None, None
    for el in (link, *link.iterancestors()):
        if el is page.body:
            break
        if el not in verdicts:
            verdicts[el] = hiding(el, page, sheets_.hiding)
        if verdicts[el]:
            root, reason = el, verdicts[el]
    if root is None:
        why = colour_hidden(link, sheets_, backgrounds)
        if why is not None:
            root, reason = link, why
    return root, reason


def _around(root: HtmlElement, hidden: set[HtmlElement], page: Page) -> HtmlElement:
    """The largest element around a hidden root that holds nothing a reader sees: only
    hidden links and no other text (links hidden one by one make one block)."""
    found = root
    for el in root.iterancestors():
        if el is page.body:
            break
        links = [a for a in el.iter("a") if a.text_content().strip()]
        if any(a not in hidden for a in links):
            break
        link_words = sum(len(words(a.text_content())) for a in links)
        if len(words(element_text(el))) > link_words:
            break
        found = el
    return found


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
    sheets_ = page_sheets(page, outbound)
    verdicts: dict[HtmlElement, str | None] = {}
    backgrounds: dict[HtmlElement, Colour | None] = {}
    hidden: dict[HtmlElement, tuple[HtmlElement, str]] = {}
    for link in outbound:
        root, reason = _hidden_root(link, page, sheets_, verdicts, backgrounds)
        if root is not None:
            hidden[link] = (root, reason)
    hidden_links = {a for link, (root, _) in hidden.items() for a in root.iter("a")}
    roots: dict[HtmlElement, HiddenBlock] = {}
    for link, (root, reason) in hidden.items():
        outer = _around(root, hidden_links, page)
        block = roots.setdefault(outer, HiddenBlock(outer, reason, [], 0))
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
                removes_element=leaves_reader(Kind.HIDDEN_LINKS),
            )
        )
    return findings
