"""The page's style sheets as a desktop browser applies them."""

from __future__ import annotations

import lxml.html
import pytest

from winnow.detectors.page_styles import (
    media_matches,
    parse_selector,
    selector_matches,
    style_rules,
)


@pytest.mark.parametrize(
    ("query", "matches"),
    [
        ("", True),
        ("screen", True),
        ("all", True),
        ("print", False),
        ("only screen and (min-width: 768px)", True),
        ("screen and (max-width: 767px)", False),
        ("(min-width: 100em)", False),
        ("(max-width: 90em)", True),
        ("print, (min-width: 1px)", True),
        ("not print", True),
        ("not screen", False),
        ("(orientation: landscape)", True),
        ("(prefers-color-scheme: dark)", False),
        ("(min-resolution: 2dppx)", False),
        ("(width >= 600px)", False),
    ],
)
def test_media_queries_against_a_desktop_screen(query, matches):
    assert media_matches(query) is matches


def test_style_rules_keep_the_rules_that_apply_in_order():
    sheet = (
        "/* a comment { x } */ @import url(x.css); .a{color:red}"
        "@media print { .b{display:none} } @media screen { .c{opacity:0} .d{top:0} }"
        "@font-face { font-family: X; src: url(x.woff) } @keyframes k { 0% {opacity:0} }"
        "@supports (display:grid) { .e{display:grid} } .f{margin:0}"
    )
    assert [s.strip() for s, _ in style_rules(sheet)] == [".a", ".c", ".d", ".e", ".f"]


def test_simple_selectors_are_read_and_richer_ones_left_alone():
    assert parse_selector("div#main > .box.ad a") is not None
    assert parse_selector("a[href^=http]") is None
    assert parse_selector("li:hover a") is None
    assert parse_selector("h2 + p") is None


def test_descendant_and_child_selectors_match_through_ancestors():
    tree = lxml.html.fromstring(
        "<div id='main'><section class='box ad'><p><a>x</a></p></section></div>"
    )
    link = tree.find(".//a")
    assert selector_matches(parse_selector("#main .box a"), link)
    assert selector_matches(parse_selector("div > .ad a"), link)
    assert not selector_matches(parse_selector(".other a"), link)
