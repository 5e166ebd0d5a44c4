"""Hidden SEO links in every technique of ../shared/corpus/FORMS.md, and a skip link that is not.

Each technique hides a wrapper of links to other sites, or the link itself, by an inline style,
by a class rule of the page's <style>, or by a class rule inside an @media block that applies on
a desktop screen; the values vary as they do on real pages (`0`, `0px`, `#fff`, `white`,
`rgb(255, 255, 255)`). The truth names the hidden element with its technique (`form`) and how
the style reached it (`via`).
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass

import lxml.html
from lxml.html import HtmlElement

from .edit import Edits, Marked
from .forms import Target
from .vocab import BlockPool, Pool, coined_word, keyword_phrase


@dataclass(frozen=True)
class Technique:
    name: str
    on_link: bool
    """Whether the style goes on the link itself (one link per block) or on a wrapper."""
    styles: tuple[str, ...]
    """Declarations that hide, one chosen per block; empty for the hidden attribute."""


# Colours a text and its background share, in the spellings pages use.
SAME_COLOURS = (
    ("#fff", "#ffffff"),
    ("white", "#FFF"),
    ("rgb(255, 255, 255)", "#fff"),
    ("#000", "black"),
    ("#f4f4f4", "#F4F4F4"),
)
TECHNIQUES = (
    Technique("display:none", False, ("display:none", "display: none !important")),
    Technique("visibility:hidden", False, ("visibility:hidden", "visibility: hidden")),
    Technique("hidden attribute", False, ()),
    Technique("opacity:0", False, ("opacity:0", "opacity: 0.0", "opacity:.0")),
    Technique("font-size:0", False, ("font-size:0", "font-size: 0px", "font-size:0em")),
    Technique(
        "zero size on the link",
        True,
        (
            "display:inline-block;width:0;height:0;overflow:hidden",
            "display:block;height:0px;overflow:hidden",
            "display:inline-block;max-width:0;overflow:hidden",
        ),
    ),
    Technique(
        "zero size on a wrapper",
        False,
        (
            "height:0;overflow:hidden",
            "width: 0px; overflow: hidden",
            "max-height:0;overflow:hidden",
        ),
    ),
    Technique(
        "clip",
        False,
        (
            "position:absolute;clip:rect(0 0 0 0)",
            "position:absolute;clip:rect(0,0,0,0)",
            "position:absolute;clip: rect(1px, 1px, 1px, 1px)",
        ),
    ),
    Technique(
        "clip-path",
        False,
        ("clip-path:inset(50%)", "clip-path: inset(100%)", "clip-path:circle(0)"),
    ),
    Technique(
        "transform: scale(0)",
        False,
        ("transform:scale(0)", "transform: scale(0, 0)", "transform:scaleY(0)"),
    ),
    Technique(
        "text-indent",
        False,
        ("text-indent:-9999px;overflow:hidden", "text-indent:-999em", "text-indent: -5000px"),
    ),
    Technique(
        "off-screen",
        False,
        (
            "position:absolute;left:-9999px",
            "position:absolute;top:-5000px",
            "position:fixed;left:-10000px;top:0",
            "margin-left:-3000px",
            "transform:translateX(-9999px)",
        ),
    ),
    Technique("colour equal to background", False, ()),
)
VIAS = ("inline", "class rule", "class rule in @media")
# Media queries a desktop screen matches.
MEDIA = ("screen", "all", "(min-width: 1px)", "only screen and (min-width: 600px)")
LINKS_PER_BLOCK = (1, 4)
WHERES = ("end of body", "start of body", "after article", "after container")


def _colour_rules(rng: random.Random) -> tuple[str, str]:
    """(wrapper declarations, link declarations) painting the text in its background."""
    text, background = rng.choice(SAME_COLOURS)
    return f"background-color:{background}", f"color:{text}"


def _links(rng: random.Random, pool: Pool, blocks: BlockPool, count: int) -> list[HtmlElement]:
    links = []
    for _ in range(count):
        host = f"{coined_word(rng, pool).lower()}{rng.choice(blocks.seo_hosts)}"
        link = lxml.html.Element("a", href=f"https://{host}/?ref={rng.randint(100, 999)}")
        link.text = keyword_phrase(rng, pool)
        link.tail = " "
        links.append(link)
    return links


def _style_sheet(target: Target, css: str) -> None:
    head = target.tree.find("head")
    if head is None:
        head = lxml.html.Element("head")
        target.tree.insert(0, head)
    style = lxml.html.Element("style")
    style.text = css
    head.append(style)


def shown(el: HtmlElement) -> bool:
    """Whether no ancestor hides the element already (pages keep hidden copies of articles)."""
    return not any(
        a.get("hidden") is not None
        or "display:none" in (a.get("style") or "").replace(" ", "").lower()
        for a in (el, *el.iterancestors())
    )


def _place(rng: random.Random, target: Target, el: HtmlElement) -> bool:
    body = target.tree.find("body")
    if body is None or not target.paragraphs:
        return False
    where = rng.choice(WHERES)
    if not shown(target.paragraphs[-1]):
        where = "end of body"
    if where == "end of body":
        body.append(el)
    elif where == "start of body":
        body.insert(0, el)
    elif where == "after article":
        target.paragraphs[-1].addnext(el)
    else:
        container = target.paragraphs[-1].getparent()
        if container is None or container is body:
            body.append(el)
        else:
            container.addnext(el)
    return True


def add_hidden(
    rng: random.Random,
    target: Target,
    edits: Edits,
    pool: Pool,
    blocks: BlockPool,
    technique: Technique,
) -> bool:
    """A block of links to other sites hidden by `technique`, through an inline style, a class
    rule or a class rule in @media; recorded in the truth with both."""
    via = "attribute" if technique.name == "hidden attribute" else rng.choice(VIAS)
    css_class = f"{rng.choice(blocks.hiding_classes)}-{rng.randint(10, 99)}"
    wrapper = lxml.html.Element(rng.choice(("div", "span", "p")))
    links = _links(rng, pool, blocks, 1 if technique.on_link else rng.randint(*LINKS_PER_BLOCK))
    for link in links:
        wrapper.append(link)
    hidden_el = links[0] if technique.on_link else wrapper
    rules = []
    if technique.name == "hidden attribute":
        wrapper.set("hidden", "")
    elif technique.name == "colour equal to background":
        outer, inner = _colour_rules(rng)
        if via == "inline":
            wrapper.set("style", outer)
            for link in links:
                link.set("style", inner)
        else:
            rules = [f".{css_class}{{{outer}}}", f".{css_class} a{{{inner}}}"]
    else:
        style = rng.choice(technique.styles)
        if via == "inline":
            hidden_el.set("style", style)
        else:
            selector = f".{css_class}" if not technique.on_link else f".{css_class} a"
            rules = [f"{selector}{{{style}}}"]
    if rules:
        wrapper.set("class", css_class)
        css = "".join(rules)
        if via == "class rule in @media":
            css = f"@media {rng.choice(MEDIA)} {{ {css} }}"
        _style_sheet(target, css)
    if not _place(rng, target, wrapper):
        return False
    edits.hidden_links.append(Marked(hidden_el, {"form": technique.name, "via": via}))
    return True


def add_skip_link(rng: random.Random, target: Target, blocks: BlockPool) -> bool:
    """A screen-reader-only "Skip to content" link to the page itself: not SEO spam."""
    body = target.tree.find("body")
    if body is None:
        return False
    text = html.escape(rng.choice(blocks.skip_texts))
    link = lxml.html.fragment_fromstring(
        f"<a class='skip-link' href='#main' style='position:absolute;clip:rect(0 0 0 0);"
        f"width:1px;height:1px;overflow:hidden'>{text}</a>"
    )
    body.insert(0, link)
    return True
