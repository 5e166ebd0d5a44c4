"""Property tests: for any HTML, hypothesis-made and truncated anywhere, the analyzer answers
(or refuses the page as unprocessable), the answer follows the contract, every node it names was
in the input, and the reader view is sanitized."""

from __future__ import annotations

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import assert_contract
from sanitized import problems
from winnow.page import PageError
from winnow.pipeline import analyze
from xss_vectors import VECTORS

URL = "https://news.example/story.html"
TAGS = [
    "div",
    "p",
    "span",
    "a",
    "h1",
    "h2",
    "h3",
    "ul",
    "li",
    "article",
    "section",
    "aside",
    "nav",
    "footer",
    "header",
    "table",
    "tr",
    "td",
    "img",
    "figure",
    "figcaption",
    "blockquote",
    "script",
    "style",
    "iframe",
    "svg",
    "math",
    "form",
    "input",
    "title",
    "meta",
    "base",
    "br",
    "template",
    "noscript",
    "object",
    "x-widget",
]
ATTRIBUTES = st.sampled_from(
    [
        ("class", "content"),
        ("class", "related box"),
        ("id", "main"),
        ("href", "/next.html"),
        ("href", "javascript:alert(1)"),
        ("href", "https://other.example/x"),
        ("src", "/a.png"),
        ("src", "data:text/html,x"),
        ("onclick", "alert(1)"),
        ("onerror", "alert(1)"),
        ("style", "display:none"),
        ("style", "background:url(javascript:alert(1))"),
        ("hidden", ""),
        ("srcset", "javascript:alert(1) 1x"),
        ("lang", "ar"),
        ("dir", "rtl"),
        ("srcdoc", "<b>x</b>"),
    ]
)
WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<>&"),
    max_size=40,
)
TEXT = st.one_of(WORDS, st.sampled_from(VECTORS), st.just("Brand Brand Capital Forum"))


@st.composite
def elements(draw, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = "".join(f' {k}="{v}"' for k, v in draw(st.lists(ATTRIBUTES, max_size=3)))
    children = draw(
        st.lists(TEXT if depth >= 4 else st.one_of(TEXT, elements(depth + 1)), max_size=4)
    )
    return f"<{tag}{attrs}>{''.join(children)}</{tag}>"


@st.composite
def pages(draw) -> str:
    head = draw(st.lists(elements(3), max_size=2))
    body = draw(st.lists(elements(), min_size=0, max_size=5))
    html = f"<html><head>{''.join(head)}</head><body>{''.join(body)}</body></html>"
    cut = draw(st.integers(min_value=0, max_value=len(html)))
    return html[:cut] if draw(st.booleans()) else html


def stamped(html: str) -> tuple[str, set[str]]:
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return html, set()
    ids = set()
    for index, el in enumerate(tree.iter()):
        if isinstance(el.tag, str):
            el.set("data-winnow-id", str(index))
            ids.add(str(index))
    return lxml.html.tostring(tree, encoding="unicode"), ids


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_any_page_gets_a_valid_safe_answer_or_a_clear_refusal(html):
    page, ids = stamped(html)
    try:
        result = analyze(page, URL)
    except PageError as exc:
        assert str(exc)
        return
    assert_contract(result)
    assert {a["node"] for a in result["annotations"]} <= ids | {None}
    assert problems(result["reader"]["html"]) == []


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_at_all(text):
    try:
        result = analyze(text, URL)
    except PageError:
        return
    assert_contract(result)
    assert problems(result["reader"]["html"]) == []
