"""Site chrome through the extension: on a clean news page, what the server answers flags
nothing in the site's header (200 links: sections, a stock ticker, shows, podcasts)."""

from __future__ import annotations

import gzip

import lxml.html
import pytest
from support import ROOT, Extension, PageUrl, RecordingProxy, analyzed

pytestmark = pytest.mark.e2e

CLEAN_CASE = ROOT / "bench" / "data" / "corpus-dev" / "cases" / "65408257dbe4-clean"
# The data-winnow-ids of the first <header>, everything in it and everything around it.
HEADER_IDS_JS = """() => {
    const header = document.querySelector('header');
    const near = [header, ...header.querySelectorAll('*')];
    for (let el = header.parentElement; el; el = el.parentElement) near.push(el);
    return {
        ids: near.map((el) => el.getAttribute('data-winnow-id')).filter(Boolean),
        links: header.querySelectorAll('a').length,
    };
}"""


def offline(html: str) -> str:
    """The page without what it would fetch from its site (scripts, style sheets, frames,
    images), which this machine cannot reach and the browser would wait for: its markup,
    header included, is unchanged."""
    tree = lxml.html.document_fromstring(html)
    for el in list(tree.iter("script", "link", "iframe")):
        el.drop_tree()
    for el in tree.iter():
        for attribute in ("src", "srcset", "data-src"):
            el.attrib.pop(attribute, None)
    return lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")


def test_the_site_header_of_a_clean_page_is_not_flagged(
    extension: Extension, proxy: RecordingProxy, page_url: PageUrl
) -> None:
    html = gzip.decompress((CLEAN_CASE / "page.html.gz").read_bytes()).decode("utf-8")
    page = analyzed(extension, page_url(offline(html), "65408257dbe4-clean.html"))
    header = page.evaluate(HEADER_IDS_JS)
    assert header["links"] >= 150

    (answer,) = proxy.answers("/api/analyze")
    unrelated = [a for a in answer["annotations"] if a["kind"] == "unrelated_links"]
    on_header = [a for a in unrelated if a["node"] in set(header["ids"])]
    assert on_header == []
    assert extension.errors == []
