"""POST /api/analyze and GET /api/health: the contract, and one error shape for every error."""

from __future__ import annotations

import pytest

from conftest import make_app
from helpers import SEED_URL, assert_contract, assert_error, stamp_ids


def analyze(client, **body):
    return client.post("/api/analyze", json=body)


def test_health_answers_ok(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def test_analyze_seed_validates_against_contract(client, seed_html):
    response = analyze(client, url=SEED_URL, html=stamp_ids(seed_html))
    assert response.status_code == 200
    body = response.get_json()
    assert_contract(body)
    assert body["url"] == SEED_URL
    assert body["reader"]["word_count"] > 400
    assert "elapsed_ms" in body["stats"]


def test_annotation_nodes_are_submitted_ids_and_xpaths_resolve(client, seed_html):
    import lxml.html

    stamped = stamp_ids(seed_html)
    body = analyze(client, url=SEED_URL, html=stamped).get_json()
    tree = lxml.html.document_fromstring(stamped)
    submitted = {el.get("data-winnow-id") for el in tree.iter() if isinstance(el.tag, str)}
    assert body["annotations"], "the seed page has findings"
    for ann in body["annotations"]:
        assert ann["node"] in submitted
        (element,) = tree.xpath(ann["xpath"])
        assert element.get("data-winnow-id") == ann["node"]


def test_html_without_ids_gives_null_nodes_and_xpaths(client, seed_html):
    body = analyze(client, url=SEED_URL, html=seed_html).get_json()
    assert body["annotations"]
    assert all(
        ann["node"] is None and ann["xpath"].startswith("/html") for ann in body["annotations"]
    )


def test_malformed_json_is_400(client):
    response = client.post("/api/analyze", data="{not json", content_type="application/json")
    assert_error(response, 400, "bad_request")


def test_empty_body_is_400(client):
    response = client.post("/api/analyze", data="", content_type="application/json")
    assert_error(response, 400, "bad_request")


@pytest.mark.parametrize("body", [[], "text", 42])
def test_body_that_is_not_an_object_is_400(client, body):
    assert_error(client.post("/api/analyze", json=body), 400, "bad_request")


@pytest.mark.parametrize("partial", ["yes", 1, None])
def test_partial_that_is_not_true_or_false_is_400(client, seed_html, partial):
    assert_error(analyze(client, url=SEED_URL, html=seed_html, partial=partial), 400, "bad_request")


def test_every_annotation_says_whether_the_reader_leaves_it_out(client, seed_html):
    body = analyze(client, url=SEED_URL, html=seed_html).get_json()
    assert {a["removes"] for a in body["annotations"]} == {True}


def test_missing_url_is_400(client):
    assert_error(analyze(client, html="<p>x</p>"), 400, "bad_request")


@pytest.mark.parametrize("url", ["ftp://example.com/a", "/relative/path", "javascript:alert(1)", 7])
def test_url_that_is_not_absolute_http_is_400(client, url):
    assert_error(analyze(client, url=url, html="<p>x</p>"), 400, "bad_request")


def test_html_that_is_not_a_string_is_400(client):
    assert_error(analyze(client, url=SEED_URL, html=["<p>"]), 400, "bad_request")


def test_missing_html_is_400_when_fetching_is_off(client):
    error = assert_error(analyze(client, url=SEED_URL), 400, "bad_request")
    assert "html" in error["message"]


def test_not_json_is_415(client):
    response = client.post(
        "/api/analyze", data="url=x", content_type="application/x-www-form-urlencoded"
    )
    assert_error(response, 415, "unsupported_media_type")


def test_body_over_the_limit_is_413(tmp_path):
    app = make_app(tmp_path, MAX_BODY_BYTES=1000)
    response = app.test_client().post("/api/analyze", json={"url": SEED_URL, "html": "x" * 2000})
    assert_error(response, 413, "payload_too_large")


@pytest.mark.parametrize("html", ["   ", "<!-- only a comment -->"])
def test_page_without_content_is_422(client, html):
    assert_error(analyze(client, url=SEED_URL, html=html), 422, "unprocessable_page")


def test_unknown_route_is_json_404(client):
    assert_error(client.get("/api/nothing-here"), 404, "not_found")


def test_wrong_method_is_json_405(client):
    assert_error(client.get("/api/analyze"), 405, "method_not_allowed")


def test_plain_text_page_is_analyzed(client):
    body = analyze(client, url=SEED_URL, html="Just a sentence of text, nothing else.").get_json()
    assert_contract(body)
    assert "Just a sentence" in body["reader"]["text"]


def test_hidden_ids_from_the_browser_mark_hidden_links(client):
    html = (
        "<html><body><article><p>A winter storm closed schools across the valley on Monday, "
        "officials said.</p></article><div data-winnow-id='9'><a href='https://pills.example/'>"
        "cheap pills</a></div></body></html>"
    )
    body = client.post(
        "/api/analyze", json={"url": SEED_URL, "html": html, "hidden": ["9"]}
    ).get_json()
    assert [a["kind"] for a in body["annotations"]] == ["hidden_links"]
    assert body["annotations"][0]["node"] == "9"


@pytest.mark.parametrize("hidden", ["9", [9], {"a": 1}])
def test_hidden_must_be_a_list_of_strings(client, hidden):
    response = client.post(
        "/api/analyze", json={"url": SEED_URL, "html": "<p>x</p>", "hidden": hidden}
    )
    assert_error(response, 400, "bad_request")
