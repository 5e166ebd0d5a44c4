"""The parsed page's text: text nodes, the blocks that hold them, words and link words."""

from __future__ import annotations

import pytest

from winnow import page as page_module
from winnow.page import Page

URL = "https://news.example/a.html"


def page_of(body: str) -> Page:
    return Page.from_html(f"<html><head><title>T</title></head><body>{body}</body></html>", URL)


def blocks_of(body: str) -> list[tuple[str, str, int, int]]:
    return [(b.element.tag, b.text, b.word_count, b.link_word_count) for b in page_of(body).blocks]


def test_text_belongs_to_the_nearest_block_element():
    assert blocks_of("<div>One <span>two <b>three</b></span> four<p>Five six</p> seven</div>") == [
        ("div", "One two three four seven", 5, 0),
        ("p", "Five six", 2, 0),
    ]


def test_link_words_are_those_inside_a_link_below_the_block():
    assert blocks_of(
        "<p>Read <a href='/x'>the <em>whole</em> story</a> now</p>"
        "<a href='/y'><div>Own block</div> tail of the div</a>"
    ) == [
        ("p", "Read the whole story now", 5, 3),
        ("div", "Own block", 2, 0),
        ("body", "tail of the div", 4, 4),
    ]


def test_scripts_are_left_out_but_the_text_after_them_and_after_comments_is_kept():
    page = page_of("<p>Before<script>var x = 1;</script> after<!-- note --> end</p>")
    assert [s.text for s in page.text_slots] == ["Before", " after", " end"]
    assert [(b.text, b.word_count) for b in page.blocks] == [("Before after end", 3)]


STORABLE = ["plain ascii", "accents é and — dashes", "tab\tline\nreturn\r"]
UNSTORABLE = ["nul\x00", "vt\x0b", "unit\x1f", "non-character \ufffe", "non-character \uffff"]
LONE_HALVES = ["lone \ud800 half", "lone \udfff half"]


@pytest.mark.parametrize("text", [*STORABLE, *UNSTORABLE, *LONE_HALVES])
def test_the_fast_unstorable_check_agrees_with_the_pattern(text):
    assert page_module._has_unstorable(text) == bool(page_module.UNSTORABLE_RE.search(text))
