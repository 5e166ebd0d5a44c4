"""Hidden SEO links: hidden by attribute, inline style, page style sheet (@media blocks
included) or the browser, in every technique of FORMS.md; a skip link is not spam."""

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
        ("position:absolute; top:-600px", "placed far off-screen"),
        ("position:fixed; left:-100em", "placed far off-screen"),
        ("margin-left:-3000px", "placed far off-screen"),
        ("transform: translateX(-9999px)", "placed far off-screen"),
        ("text-indent:-9999px", "text indented off-screen"),
        ("text-indent: -999em", "text indented off-screen"),
        ("width:0;height:0;overflow:hidden", "zero size with overflow hidden"),
        ("height: 0px; overflow: hidden", "zero size with overflow hidden"),
        ("max-width:0;overflow-x:hidden", "zero size with overflow hidden"),
        ("font-size:0", "font-size:0"),
        ("font-size: 0.0em", "font-size:0"),
        ("opacity:0", "opacity:0"),
        ("opacity: .0 !important", "opacity:0"),
        ("position:absolute;clip:rect(0 0 0 0)", "a clip box with no area"),
        ("position:absolute;clip: rect(1px, 1px, 1px, 1px)", "a clip box with no area"),
        ("clip-path: inset(50%)", "a clip-path with no area"),
        ("clip-path:circle(0)", "a clip-path with no area"),
        ("transform:scale(0)", "transform: scale(0)"),
        ("transform: scale(0, 0)", "transform: scale(0)"),
        ("transform: rotate(2deg) scaleY(0)", "transform: scale(0)"),
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


@pytest.mark.parametrize(
    "style",
    [
        "position:relative; left:-20px",
        "text-indent:-2em",
        "width:0",
        "height:0;overflow:visible",
        "opacity:0.5",
        "font-size:0.9em",
        "clip:rect(0 100px 20px 0)",
        "clip-path: inset(10%)",
        "transform:scale(1.05)",
        "margin-top:-20px",
    ],
)
def test_styles_that_leave_links_visible(style):
    assert reasons(page(f'<div style="{style}">{SEO}</div>')) == []


def test_zero_size_on_the_link_itself():
    links = SEO.replace("<a ", '<a style="display:inline-block;width:0;overflow:hidden" ')
    (found,) = reasons(page(f"<p>{links}</p>"))
    assert found[0] == "hidden from readers by zero size with overflow hidden (inline style)"
    assert found[1].startswith("2 links")


@pytest.mark.parametrize(
    ("wrapper", "link"),
    [
        ("background-color:#fff", "color:#ffffff"),
        ("background:white", "color:#FFF"),
        ("background-color:rgb(255, 255, 255)", "color:white"),
        ("background:#f4f4f4 none", "color:#f5f5f5"),
    ],
)
def test_text_coloured_like_its_background(wrapper, link):
    links = SEO.replace("<a ", f'<a style="{link}" ')
    (found,) = reasons(page(f'<div style="{wrapper}">{links}</div>'))
    assert found[0] == "hidden from readers by text coloured like its background"


def test_text_coloured_like_its_background_by_class_rules():
    style = ".box{background-color:#000} .box a{color:black}"
    (found,) = reasons(page(f'<div class="box">{SEO}</div>', style=style))
    assert found[0] == "hidden from readers by text coloured like its background"


def test_transparent_text():
    links = SEO.replace("<a ", '<a style="color:rgba(0, 0, 0, 0)" ')
    (found,) = reasons(page(f"<div>{links}</div>"))
    assert found[0] == "hidden from readers by transparent text"


def test_readable_colours_and_backgrounds_of_unknown_colour_are_not_hidden():
    light = SEO.replace("<a ", '<a style="color:#fff" ')
    assert reasons(page(f'<div style="background:#222">{light}</div>')) == []
    assert reasons(page(f'<div style="background:url(/sky.png)">{light}</div>')) == []
    assert reasons(page(f"<div>{light}</div>")) == []


@pytest.mark.parametrize(
    "media",
    ["screen", "all", "(min-width: 1px)", "only screen and (min-width: 768px)", "print, screen"],
)
def test_class_rule_inside_an_at_media_block_a_desktop_matches(media):
    style = f"@media {media} {{ .seo {{ clip-path: inset(50%) }} }}"
    (found,) = reasons(page(f'<div class="seo">{SEO}</div>', style=style))
    assert found[0] == "hidden from readers by a clip-path with no area (page style “.seo”)"


@pytest.mark.parametrize(
    "media", ["print", "(max-width: 600px)", "screen and (max-width: 40em)", "not screen"]
)
def test_class_rule_for_other_screens_does_not_hide(media):
    style = f"@media {media} {{ .seo {{ display:none }} }}"
    assert reasons(page(f'<div class="seo">{SEO}</div>', style=style)) == []


def test_keyframes_are_not_style_rules():
    style = "@keyframes fade { 0% { opacity: 0 } 100% { opacity: 1 } } .seo { color: red }"
    assert reasons(page(f'<div class="seo">{SEO}</div>', style=style)) == []


def test_a_skip_link_to_the_page_itself_is_not_spam():
    skip = (
        '<a class="sr-only" href="#main">Skip to content</a>'
        f'<a class="sr-only" href="{URL}#main">Skip to main content</a>'
    )
    style = ".sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}"
    assert reasons(page(skip, style=style)) == []


def test_links_hidden_one_by_one_make_one_block_at_their_wrapper():
    style = ".partners a { transform: scale(0) }"
    found = hidden_links.detect(page(f'<div class="partners">{SEO}</div>', style=style), NO_RULES)
    (block,) = found
    assert block.element.get("class") == "partners"
    assert block.reasons[1].startswith("2 links")
