"""Page cases: each folder of tests/pages holds a page and what Winnow must make of it.

expected.json keys (all optional but `url`): title, site_name, published, paragraphs (the reader
text, line by line), injected_spam (each spliced occurrence: its text, and its xpath where given),
unrelated_link_blocks (heading and link texts of each block flagged unrelated), related_link_blocks
(headings of blocks that must not be flagged), link_blocks (xpath and relation of each block:
flagged unrelated exactly when its relation is "unrelated"), not_flagged_within (xpaths of
elements such as the site's header and footer: no unrelated_links annotation on them, inside
them or around them), hidden_links (xpath of each hidden link block), not_in_reader_view (texts
the reader view must not contain), lines_not_in_reader (texts that must not be a line of the
reader text, such as the headline repeated under the story), paragraph_count and
last_paragraph (the reader text's number of lines and its last line, where the exact paragraphs
are beside the point), kept_in_reader (texts the reader text must keep, each at least so many
times: a trap's real name), about (what the page is, for people).
"""

from __future__ import annotations

import json
from collections import Counter

import lxml.html
import pytest

from helpers import PAGE_CASES, assert_contract, read_page, stamp_ids
from winnow.pipeline import analyze

CASES = PAGE_CASES


@pytest.fixture(scope="module", params=CASES, ids=[c.name for c in CASES])
def case(request):
    folder = request.param
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    html = stamp_ids(read_page(folder))
    result = analyze(html, expected["url"])
    return expected, result, lxml.html.document_fromstring(html)


def by_kind(result: dict, kind: str) -> list[dict]:
    return [a for a in result["annotations"] if a["kind"] == kind]


def test_response_follows_the_contract(case):
    _, result, _ = case
    assert_contract(result)


def test_reader_fields(case):
    expected, result, _ = case
    reader = result["reader"]
    for field in ("title", "site_name", "published"):
        if field in expected:
            assert reader[field] == expected[field], field
    lines = reader["text"].split("\n")
    if "paragraphs" in expected:
        assert lines == expected["paragraphs"]
    if "paragraph_count" in expected:
        assert len(lines) == expected["paragraph_count"]
    if "last_paragraph" in expected:
        assert lines[-1] == expected["last_paragraph"]
    for text in expected.get("lines_not_in_reader", []):
        assert text not in lines


def test_spliced_occurrences_are_annotated_on_their_elements(case):
    expected, result, tree = case
    if "injected_spam" not in expected:
        pytest.skip("no injected_spam expectation")
    found = by_kind(result, "injected_spam")
    assert Counter(a["quote"] for a in found) == Counter(
        s["text"] for s in expected["injected_spam"]
    )
    for occurrence in expected["injected_spam"]:
        if "xpath" in occurrence:
            (element,) = tree.xpath(occurrence["xpath"])
            nodes = {a["node"] for a in found if a["quote"] == occurrence["text"]}
            assert element.get("data-winnow-id") in nodes, occurrence


def test_unrelated_blocks_are_annotated_with_their_heading(case):
    expected, result, _ = case
    if "unrelated_link_blocks" not in expected:
        pytest.skip("no link block expectation")
    flagged = by_kind(result, "unrelated_links")
    assert sorted(a["label"] or "" for a in flagged) == sorted(
        b["heading"] or "" for b in expected["unrelated_link_blocks"]
    )
    for block in expected["unrelated_link_blocks"]:
        (annotation,) = [a for a in flagged if a["label"] == block["heading"]]
        for link in block["links"]:
            assert link in annotation["quote"]


def test_related_blocks_are_not_flagged(case):
    expected, result, _ = case
    labels = {a["label"] for a in by_kind(result, "unrelated_links")}
    for heading in expected.get("related_link_blocks", []):
        assert heading not in labels


def test_link_blocks_are_judged_at_their_roots(case):
    expected, result, tree = case
    if "link_blocks" not in expected:
        pytest.skip("no link block expectation")
    flagged = {a["node"] for a in by_kind(result, "unrelated_links")}
    for block in expected["link_blocks"]:
        (root,) = tree.xpath(block["xpath"])
        assert (root.get("data-winnow-id") in flagged) == (block["relation"] == "unrelated"), block


def test_nothing_is_flagged_unrelated_in_or_around_site_chrome(case):
    expected, result, tree = case
    if "not_flagged_within" not in expected:
        pytest.skip("no chrome expectation")
    flagged = {a["node"] for a in by_kind(result, "unrelated_links")}
    for xpath in expected["not_flagged_within"]:
        (root,) = tree.xpath(xpath)
        near = [*root.iter(), *root.iterancestors()]
        assert not flagged & {el.get("data-winnow-id") for el in near}, xpath


def test_hidden_link_blocks_are_annotated(case):
    expected, result, tree = case
    if "hidden_links" not in expected:
        pytest.skip("no hidden link expectation")
    flagged = {a["node"] for a in by_kind(result, "hidden_links")}
    for block in expected["hidden_links"]:
        (root,) = tree.xpath(block["xpath"])
        assert root.get("data-winnow-id") in flagged, block


def test_reader_view_keeps(case):
    expected, result, _ = case
    for text, count in expected.get("kept_in_reader", {}).items():
        assert result["reader"]["text"].count(text) >= count, text


def test_reader_view_leaves_out(case):
    expected, result, _ = case
    reader = result["reader"]
    for text in expected.get("not_in_reader_view", []):
        assert text not in reader["title"]
        assert text not in reader["text"]
        assert text not in reader["html"]
