"""Hidden SEO links: hidden by attribute, inline style, page style sheet or the browser."""

from __future__ import annotations

import pytest

from winnow.detectors import hidden_links
from winnow.page import Page
from winnow.site_rules import NO_RULES

URL = "https://valley-times.example/news/storm.html"
SEO = (
    '<a href="http://cheap-pills.example/1">buy cheap pills</a> '
    '<a href="https://casino.example/2">online casino</a>'
)
ARTICLE = (
    "<article><p>A winter storm closed schools across the northern valley on Monday.</p></article>"
)


def page(hidden_block: str, style: str = "", reported: frozenset[str] = frozenset()) -> Page:
    html = f"<html><head><style>{style}</style></head><body>{ARTICLE}{hidden_block}</body></html>"
    return Page.from_html(html, URL, reported_hidden=reported)


def reasons(p: Page) -> list[list[str]]:
    return [f.reasons for f in hidden_links.detect(p, NO_RULES)]


@pytest.mark.parametrize(
    ("style", "why"),
    [
        ("display:none", "display:none"),
        ("visibility: hidden", "visibility:hidden"),
        ("position:absolute; left:-9999px", "placed far off-screen"),
        ("width:0;height:0;overflow:hidden", "zero size with overflow hidden"),
        ("font-size:0", "font-size:0"),
    ],
)
def test_inline_styles_that_hide(style, why):
    (found,) = reasons(page(f'<div style="{style}">{SEO}</div>'))
    assert found[0] == f"hidden from readers by {why} (inline style)"
    assert found[1] == "2 links to other sites: cheap-pills.example, casino.example"


def test_hidden_attribute():
    (found,) = reasons(page(f"<div hidden>{SEO}</div>"))
    assert found[0] == "hidden from readers by the hidden attribute"


def test_page_style_sheet_rule():
    (found,) = reasons(page(f'<div class="seo x">{SEO}</div>', style=".seo{display:none}"))
    assert found[0] == "hidden from readers by display:none (page style “.seo”)"


def test_descendant_rule_applies_only_inside_its_ancestor():
    style = "footer .links { visibility: hidden }"
    assert reasons(page(f'<div class="links">{SEO}</div>', style=style)) == []
    assert len(reasons(page(f'<footer><div class="links">{SEO}</div></footer>', style=style))) == 1


def test_element_reported_as_not_rendered_by_the_browser():
    block = f'<div data-winnow-id="77">{SEO}</div>'
    (found,) = reasons(page(block, reported=frozenset({"77"})))
    assert found[0] == "hidden from readers by not rendered by the browser"


def test_hidden_links_to_the_same_site_are_not_seo_links():
    internal = '<div style="display:none"><a href="/menu">Menu</a> <a href="https://valley-times.example/x">X</a></div>'
    assert reasons(page(internal)) == []


def test_hidden_share_menu_is_not_seo_links():
    share = (
        '<div style="display:none"><a href="https://facebook.example/share?u='
        'https%3A%2F%2Fvalley-times.example%2Fnews%2Fstorm.html">Share</a></div>'
    )
    assert reasons(page(share)) == []


def test_visible_outbound_links_are_not_flagged():
    assert reasons(page(f"<div>{SEO}</div>")) == []


def test_one_annotation_per_outermost_hidden_block():
    nested = f'<div style="display:none"><div hidden>{SEO}</div><p>{SEO}</p></div>'
    found = hidden_links.detect(page(nested), NO_RULES)
    assert len(found) == 1
    assert found[0].reasons[1].startswith("4 links")
