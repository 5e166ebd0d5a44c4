"""Hostile input: huge, deep, wide, binary, mislabelled pages and XSS vectors never crash the
server, never hang it, and never reach the reader view as markup that runs."""

from __future__ import annotations

import json

import pytest

from conftest import make_app
from helpers import SEED_URL, assert_contract, assert_error
from sanitized import problems
from winnow import db
from winnow.encoding import decode_html
from winnow.pipeline import analyze
from xss_vectors import VECTORS, page_with

URL = "https://news.example/world/budget.html"


@pytest.fixture
def workers_app(tmp_path):
    """A server app analyzing in a worker process with a short budget, as `winnow serve` does."""
    app = make_app(
        tmp_path, ANALYSIS_WORKERS=1, ANALYSIS_TIMEOUT=15.0, MAX_BODY_BYTES=40 * 1024 * 1024
    )
    yield app
    pool = app.extensions.get("winnow.analysis_pool")
    if pool is not None:
        pool.close()
    db.dispose(app)


def post(client, html: str):
    return client.post("/api/analyze", json={"url": URL, "html": html})


@pytest.mark.slow
def test_a_hundred_thousand_nested_divs_get_an_answer(workers_app):
    html = "<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>"
    response = post(workers_app.test_client(), html)
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        assert_contract(response.get_json())


@pytest.mark.slow
def test_a_twenty_megabyte_page_gets_an_answer(workers_app):
    paragraph = "<p>" + "lorem ipsum dolor sit amet consectetur " * 40 + "</p>"
    html = f"<html><body><article>{paragraph * 13_000}</article></body></html>"
    assert len(html) > 20_000_000
    response = post(workers_app.test_client(), html)
    assert response.status_code in (200, 422)
    body = response.get_json()
    if response.status_code == 422:
        assert body["error"]["code"] in ("analysis_timeout", "unprocessable_page")


def test_a_twenty_megabyte_body_is_413_by_default(client):
    response = client.post("/api/analyze", json={"url": URL, "html": "x" * 20_000_000})
    assert_error(response, 413, "payload_too_large")


def test_too_many_elements_is_422(tmp_path):
    app = make_app(tmp_path, MAX_ELEMENTS=1000)
    response = post(app.test_client(), "<html><body>" + "<p>w</p>" * 2000 + "</body></html>")
    error = assert_error(response, 422, "unprocessable_page")
    assert "more than 1000 elements" in error["message"]


def test_too_deep_is_422(tmp_path):
    app = make_app(tmp_path, MAX_DEPTH=50)
    html = "<html><body>" + "<div>" * 100 + "x" + "</div>" * 100 + "</body></html>"
    error = assert_error(post(app.test_client(), html), 422, "unprocessable_page")
    assert "deeper than 50" in error["message"]


@pytest.mark.parametrize("junk", ["\x00\x01\x02\x03" * 1000, "\ufffe\uffff" * 100])
def test_binary_html_is_refused_clearly(client, junk):
    error = assert_error(post(client, junk), 422, "unprocessable_page")
    assert error["message"] == "The page looks like binary data, not HTML."


def test_stray_control_characters_and_lone_surrogates_are_dropped(client):
    html = "<p>The council\x00 met on Tuesday\x07 to debate the budget \ud800for the year.</p>"
    response = post(client, html)
    assert response.status_code == 200
    assert (
        "The council met on Tuesday to debate the budget for the year."
        in (response.get_json()["reader"]["text"])
    )


def test_a_body_that_is_not_utf8_json_is_400(client):
    response = client.post(
        "/api/analyze", data='{"url": "caf\xe9"}'.encode("latin-1"), content_type="application/json"
    )
    assert_error(response, 400, "bad_request")


def test_random_bytes_are_400(client):
    response = client.post(
        "/api/analyze", data=bytes(range(256)) * 10, content_type="application/json"
    )
    assert_error(response, 400, "bad_request")


def test_utf16_json_is_understood(client):
    paragraph = "Caf\u00e9 society returns to the old town square after a long winter. " * 3
    body = json.dumps(
        {"url": "https://news.example/a", "html": f"<p>{paragraph}</p>"}, ensure_ascii=False
    )
    response = client.post(
        "/api/analyze", data=body.encode("utf-16"), content_type="application/json"
    )
    assert response.status_code == 200
    assert "Café" in response.get_json()["reader"]["text"]


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        ("<meta charset='utf-8'><p>Caf\u00e9</p>".encode("cp1252"), None, "Café"),
        (
            "<p>na\u00efve r\u00e9sum\u00e9</p>".encode("latin-1"),
            "text/html; charset=utf-8",
            "naïve",
        ),
        (
            "<p>\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440, "
            "\u043a\u0430\u043a \u0434\u0435\u043b\u0430</p>".encode("cp1251"),
            None,
            "Привет",
        ),
        (b"\xef\xbb\xbf<p>bom page</p>", "text/html; charset=latin-1", "bom page"),
    ],
)
def test_mislabelled_or_unlabelled_encodings_decode_sensibly(data, content_type, expected):
    assert expected in decode_html(data, content_type)


@pytest.mark.parametrize("vector", VECTORS, ids=range(len(VECTORS)))
def test_xss_vectors_never_reach_the_reader_view(vector):
    result = analyze(page_with(vector), URL)
    assert_contract(result)
    assert "Council members spoke" in result["reader"]["text"]
    assert problems(result["reader"]["html"]) == []


def test_the_seed_page_passes_the_same_check():
    from helpers import PAGES

    result = analyze((PAGES / "seed" / "page.html").read_text(), SEED_URL)
    assert problems(result["reader"]["html"]) == []
