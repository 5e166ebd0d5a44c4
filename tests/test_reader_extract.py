"""readability's steps that the reader does its own faster way give exactly what readability's
own code gives: the same tree, the same scores, the same text lengths."""

from __future__ import annotations

import lxml.etree
import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st
from readability import Document
from readability.readability import clean as readability_clean

from bench.corpus import load_extraction_pages
from helpers import PAGE_CASES, read_page
from winnow.page import parse_html
from winnow.reader.extract import _TreeDocument, clean

STEPS = ("remove_unlikely_candidates", "transform_misused_divs_into_paragraphs")
# Trees that take each branch of the two steps: nested <div>s of inline and block children,
# loose text and tails, <br>s, tags whose names start like a block tag's, block markup only
# inside a comment, unlikely classes and ids inside and around <pre> and <article>.
TRICKY = (
    "<div>text <b>bold</b> tail<br>more <i>it</i><div>inner <a>link</a></div> end</div>",
    "<div><span><div>deep</div></span><em>x</em> loose</div>",
    "<div><param><picture>pic</picture></div><div><progress></progress></div>",
    "<div><span><!-- <p>in a comment --></span></div><div><!-- <i>no block --></div>",
    "<div><font>a</font><br><u>b</u><table><tr><td>c</td></tr></table><sub>d</sub></div>",
    '<div class="sidebar"><p>side</p></div><div id="comment-3"><article>kept</article></div>',
    '<pre><span class="menu">code</span></pre><div class="footer body">maybe</div>',
    '<div class="" id=""><p class="x">empty class</p></div><aside class="combx">gone</aside>',
)


def _document(html: str, strip: bool = True) -> _TreeDocument:
    """readability on the page as the reader prepares it (`strip`), or as parsed (comments
    kept)."""
    document = _TreeDocument(lambda: parse_html(html))
    document.html = document._parse(None) if strip else lxml.html.document_fromstring(html)
    return document


def _after(step: str, html: str, ours: bool, strip: bool = True) -> str:
    """The tree after one step."""
    document = _document(html, strip)
    getattr(_TreeDocument if ours else Document, step)(document)
    return lxml.etree.tostring(document.html, encoding="unicode")


def _scores(html: str, ours: bool) -> list[tuple[str, float, float]]:
    """Each candidate's score, and each element's link density, after readability's first
    steps."""
    document = _document(html)
    document.remove_unlikely_candidates()
    document.transform_misused_divs_into_paragraphs()
    cls = _TreeDocument if ours else Document
    tree = document.html.getroottree()
    scores = [
        (tree.getpath(el), c["content_score"], cls.get_link_density(document, el))
        for el, c in cls.score_paragraphs(document).items()
    ]
    return scores + [
        (tree.getpath(el), 0.0, cls.get_link_density(document, el))
        for el in document.html.iter("div", "p", "ul", "table")
    ]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("folder", PAGE_CASES, ids=lambda p: p.name)
def test_a_step_gives_readabilitys_tree_on_every_page_case(step, folder):
    html = read_page(folder)
    assert _after(step, html, ours=True) == _after(step, html, ours=False)


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("html", TRICKY)
def test_a_step_gives_readabilitys_tree_on_tricky_markup(step, html):
    page = f"<html><body>{html}</body></html>"
    for strip in (True, False):
        assert _after(step, page, True, strip) == _after(step, page, False, strip)


@pytest.mark.parametrize("folder", PAGE_CASES, ids=lambda p: p.name)
def test_scores_and_link_densities_are_readabilitys_on_every_page_case(folder):
    html = read_page(folder)
    assert _scores(html, ours=True) == _scores(html, ours=False)


WHITESPACE = st.sampled_from([" ", "  ", "\t", "\n", "\r", "\xa0", "\u2009", "\u3000", "\x0b"])


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["a", "b", ",", "word"]),
            WHITESPACE,
            st.builds(lambda w, n: w * n, WHITESPACE, st.integers(200, 300)),
        ),
        max_size=30,
    )
)
def test_clean_is_readabilitys_clean(pieces):
    text = "".join(pieces)
    assert clean(text) == readability_clean(text)


@pytest.mark.slow
def test_every_step_gives_readabilitys_result_on_the_extraction_pages():
    for case in load_extraction_pages():
        for step in STEPS:
            ours, theirs = (_after(step, case.raw_html, side) for side in (True, False))
            assert ours == theirs, f"{case.name}: {step}"
        assert _scores(case.raw_html, True) == _scores(case.raw_html, False), case.name
