"""POST and GET /api/feedback: recorded once, checked field by field, rate limited, and a clear
503 when the store is down."""

from __future__ import annotations

import pytest

from conftest import make_app
from helpers import SEED_URL, assert_error, register
from winnow import db

CLIENT = "client-0001-abcdef"


def report(**changes) -> dict:
    body = {
        "url": SEED_URL,
        "verdict": "false_positive",
        "kind": "injected_spam",
        "quote": "FinLogic FinLogic Quantitative Think Tank Center",
        "client": CLIENT,
        "annotation": {"rule": "spliced-phrase", "node": "12", "xpath": "/html/head/title"},
    }
    body.update(changes)
    return body


@pytest.fixture
def me(client) -> dict[str, str]:
    return register(client)


def test_report_is_recorded(backend_client):
    me = register(backend_client)
    response = backend_client.post("/api/feedback", json=report(), headers=me)
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "recorded" and body["id"]


def test_same_report_from_same_client_is_recorded_once(backend_client):
    me = register(backend_client)
    first = backend_client.post("/api/feedback", json=report(), headers=me).get_json()["id"]
    again = backend_client.post(
        "/api/feedback",
        json=report(quote="  finlogic   FINLOGIC quantitative think tank center"),
        headers=me,
    )
    assert again.status_code == 200
    assert again.get_json()["id"] == first
    assert len(backend_client.get("/api/feedback", headers=me).get_json()["items"]) == 1


def test_the_body_client_does_not_decide_who_sent_a_report(client):
    me = register(client)
    first = client.post("/api/feedback", json=report(client="client-aaaaaaaa"), headers=me)
    again = client.post("/api/feedback", json=report(client="client-bbbbbbbb"), headers=me)
    assert (first.status_code, again.status_code) == (201, 200)
    del_body = report()
    del del_body["client"]
    assert client.post("/api/feedback", json=del_body, headers=me).status_code == 200


def test_listing_is_newest_first_and_paginated(backend_client):
    me = register(backend_client)
    for n in range(5):
        backend_client.post("/api/feedback", json=report(quote=f"phrase number {n}"), headers=me)
    page = backend_client.get(
        "/api/feedback?host=nextfrontier-finance.example&limit=2", headers=me
    ).get_json()
    assert [i["quote"] for i in page["items"]] == ["phrase number 4", "phrase number 3"]
    rest = backend_client.get(
        f"/api/feedback?limit=10&before={page['next']}", headers=me
    ).get_json()
    assert [i["quote"] for i in rest["items"]] == [
        "phrase number 2",
        "phrase number 1",
        "phrase number 0",
    ]
    assert rest["next"] is None
    assert "client" not in rest["items"][0]


def test_listing_filters_by_host(client, me):
    client.post("/api/feedback", json=report(), headers=me)
    client.post("/api/feedback", json=report(url="https://other.example/a.html"), headers=me)
    listed = client.get("/api/feedback?host=other.example", headers=me).get_json()["items"]
    assert {i["host"] for i in listed} == {"other.example"}


@pytest.mark.parametrize(
    "changes",
    [
        {"client": "short"},
        {"client": "has spaces in it"},
        {"verdict": "maybe"},
        {"kind": "advert"},
        {"quote": ""},
        {"quote": "x" * 4001},
        {"comment": "y" * 501},
        {"url": "not a url"},
        {"annotation": "title"},
        {"annotation": {"label": "z" * 201}},
    ],
)
def test_invalid_reports_are_400(client, me, changes):
    assert_error(
        client.post("/api/feedback", json=report(**changes), headers=me), 400, "bad_request"
    )


@pytest.mark.parametrize(
    "query", ["limit=0", "before=abc", "limit=%C2%B9", "before=%C2%B2", "limit=%D9%A3"]
)
def test_bad_listing_arguments_are_400(client, me, query):
    assert_error(client.get(f"/api/feedback?{query}", headers=me), 400, "bad_request")


def test_reports_are_rate_limited_per_client(tmp_path):
    app = make_app(tmp_path, FEEDBACK_RATE_LIMIT="3/minute")
    client = app.test_client()
    me = register(client, "198.51.100.7")
    for n in range(3):
        body = report(quote=f"q{n}")
        assert client.post("/api/feedback", json=body, headers=me).status_code == 201
    response = client.post("/api/feedback", json=report(quote="q3"), headers=me)
    error = assert_error(response, 429, "rate_limited")
    assert error["message"]
    assert int(response.headers["Retry-After"]) > 0
    db.dispose(app)


def test_rate_limit_also_applies_per_address(tmp_path):
    app = make_app(tmp_path, FEEDBACK_RATE_LIMIT="2/minute")
    client = app.test_client()
    for n in range(2):
        me = register(client)
        body = report(quote=f"q{n}")
        assert client.post("/api/feedback", json=body, headers=me).status_code == 201
    body = report(quote="q9")
    assert_error(
        client.post("/api/feedback", json=body, headers=register(client)), 429, "rate_limited"
    )
    db.dispose(app)


def test_store_down_answers_503_and_analysis_still_works(tmp_path, seed_html):
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=1"
    app = make_app(tmp_path, unreachable)
    client = app.test_client()
    assert_error(client.post("/api/clients", json={}), 503, "database_unavailable")
    token = {"X-Winnow-Client": "a-token-the-store-cannot-check"}
    error = assert_error(
        client.post("/api/feedback", json=report(), headers=token), 503, "database_unavailable"
    )
    assert "nothing was recorded" in error["message"]
    assert_error(client.get("/api/feedback", headers=token), 503, "database_unavailable")
    analyzed = client.post("/api/analyze", json={"url": SEED_URL, "html": seed_html})
    assert analyzed.status_code == 200
    assert analyzed.get_json()["annotations"]
