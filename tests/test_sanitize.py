"""The reader view's HTML: allowlisted markup, absolute http(s) URLs, nothing that runs."""

from __future__ import annotations

import pytest

from helpers import assert_contract
from winnow.pipeline import analyze

URL = "https://news.example/world/story.html"
PARAGRAPH = (
    "<p>The city council met on Tuesday evening to debate the new budget, which includes money "
    "for parks, libraries and the repair of several bridges across the river.</p>"
)


def article(inner: str) -> str:
    return (
        "<html><head><title>Budget debate</title></head><body><article>"
        f"<h1>Budget debate</h1>{PARAGRAPH}{inner}{PARAGRAPH}</article></body></html>"
    )


def reader_html(inner: str) -> str:
    result = analyze(article(inner), URL)
    assert_contract(result)
    return result["reader"]["html"]


@pytest.mark.parametrize(
    ("hostile", "forbidden"),
    [
        ("<script>alert(1)</script>", ["<script", "alert(1)"]),
        ('<img src="x.jpg" onerror="alert(1)">', ["onerror", "alert"]),
        ('<a href="javascript:alert(1)">click</a>', ["javascript:", "alert"]),
        ('<a href=" JaVaScRiPt:alert(1)">click</a>', ["javascript:", "alert"]),
        ('<iframe src="https://evil.example"></iframe>', ["<iframe", "evil.example"]),
        ('<form action="https://evil.example"><input name="q"></form>', ["<form", "<input"]),
        ('<p style="background:url(javascript:alert(1))">styled</p>', ["style=", "javascript"]),
        ("<style>p{color:red}</style>", ["<style", "color:red"]),
        ("<svg><script>alert(1)</script></svg>", ["<svg", "alert"]),
        ('<object data="evil.swf"></object>', ["<object", "evil.swf"]),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', ["data:", "alert"]),
        ('<p onclick="steal()">text</p>', ["onclick", "steal"]),
        ('<base href="https://evil.example/">', ["<base", "evil.example"]),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', ["<meta", "refresh"]),
    ],
)
def test_hostile_markup_never_reaches_the_reader(hostile, forbidden):
    html = reader_html(f"<p>Before the hostile part. {hostile} After it.</p>").lower()
    for needle in forbidden:
        assert needle.lower() not in html


def test_relative_links_become_absolute():
    html = reader_html('<p>Read <a href="/other/page.html">the other story</a> too, please.</p>')
    assert 'href="https://news.example/other/page.html"' in html


def test_lazy_image_gets_its_real_source():
    html = reader_html(
        '<figure><img src="data:image/gif;base64,R0lGOD" data-src="/img/photo.jpg" '
        'data-srcset="/img/photo-2x.jpg 2x" alt="The bridge">'
        "<figcaption>The old bridge</figcaption></figure>"
    )
    assert 'src="https://news.example/img/photo.jpg"' in html
    assert 'srcset="https://news.example/img/photo-2x.jpg 2x"' in html
    assert 'alt="The bridge"' in html
    assert "<figcaption>The old bridge</figcaption>" in html


def test_tables_and_lists_are_kept():
    html = reader_html(
        "<table><tr><th>Item</th><th>Cost</th></tr>"
        "<tr><td>Parks, playgrounds and the new skate park by the river</td><td>$2m</td></tr>"
        "<tr><td>Libraries, including longer opening hours on weekends</td><td>$1m</td></tr>"
        "</table>"
        "<ul><li>first point of the plan</li><li>second point of the plan</li></ul>"
    )
    assert "<table>" in html and "<td>$2m</td>" in html
    assert "<li>first point of the plan</li>" in html


def test_ids_and_classes_are_not_passed_on():
    html = reader_html('<p class="x" id="y" data-winnow-id="9">Plain paragraph text here.</p>')
    assert "class=" not in html and "data-winnow-id" not in html


def test_text_has_one_paragraph_per_line():
    result = analyze(
        article("<p>Middle paragraph of the story, with several words in it.</p>"), URL
    )
    lines = result["reader"]["text"].split("\n")
    assert "Middle paragraph of the story, with several words in it." in lines
    assert all(line.strip() == line and line for line in lines)
