"""A fixed, contract-valid answer for the seed page, for the tests of the extension's own UI
(folding blocks, queued reports, reporting a miss) that must not wait for the server's
detectors. The tests that count for the server's behaviour use the real `winnow serve`."""

from __future__ import annotations

import html
import itertools

import lxml.html
from support import Responder

from helpers import assert_contract

FINLOGIC = "FinLogic FinLogic Quantitative Think Tank Center"
ETHERMAC = "Ethermac Exchange View"
SEED_SPAM = [
    ("//title", FINLOGIC, "in the <title>"),
    ("//h1", FINLOGIC, "in the headline"),
    ("//div[@class='tags']/a", ETHERMAC, "a short line placed under the headline"),
    ("//div[@id='content']/p[1]", FINLOGIC, "breaks the sentence: no space after “,”"),
]
SEED_BLOCKS = [
    ("//div[@class='related']", "Related"),
    ("//div[contains(@class, 'ranking')]", "Ranking"),
    ("//div[contains(@class, 'recommend')]", "Recommendation"),
]


def _annotation(
    tree, xpath: str, kind: str, quote: str | None, label: str | None, reason: str
) -> dict:
    (element,) = tree.xpath(xpath)
    if quote is None:
        quote = " ".join(element.text_content().split())
    return {
        "id": "",
        "kind": kind,
        "node": element.get("data-winnow-id"),
        "xpath": tree.getroottree().getpath(element),
        "quote": quote,
        "label": label,
        "score": 0.9,
        "rule": "test-stub",
        "reasons": [reason],
    }


def _reader(expected: dict) -> dict:
    paragraphs = expected["paragraphs"]
    words = sum(len(p.split()) for p in paragraphs)
    return {
        "title": expected["title"],
        "byline": None,
        "published": expected["published"],
        "site_name": expected["site_name"],
        "lang": "en",
        "dir": "ltr",
        "lead_image": None,
        "excerpt": None,
        "html": "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        "text": "\n".join(paragraphs),
        "word_count": words,
        "reading_minutes": max(1, round(words / 230)),
    }


def seed_analysis(request: dict, expected: dict) -> dict:
    """The analyze answer the finished server gives for the seed page, ids from `request`."""
    tree = lxml.html.document_fromstring(request["html"])
    annotations = [
        _annotation(tree, xpath, "injected_spam", quote, None, reason)
        for xpath, quote, reason in SEED_SPAM
    ] + [
        _annotation(
            tree, xpath, "unrelated_links", None, label, "headlines unrelated to the article"
        )
        for xpath, label in SEED_BLOCKS
    ]
    for number, annotation in enumerate(annotations, start=1):
        annotation["id"] = f"a{number}"
    answer = {"url": request["url"], "reader": _reader(expected), "annotations": annotations}
    assert_contract(answer)
    return answer


def seed_responder(expected: dict) -> Responder:
    """Answers /api/analyze for the seed page and records every /api/feedback with 201."""
    ids = itertools.count(1)

    def respond(path: str, body: dict) -> tuple[int, dict]:
        if path == "/api/analyze":
            return 200, seed_analysis(body, expected)
        if path == "/api/feedback":
            return 201, {"id": f"r{next(ids)}", "status": "recorded"}
        return 404, {"error": {"code": "not_found", "message": f"no route {path}"}}

    return respond
