"""POST and GET /api/feedback: recorded once, checked field by field, rate limited, and a clear
503 when the store is down."""

from __future__ import annotations

import pytest

from conftest import make_app
from helpers import SEED_URL, assert_error
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


def test_report_is_recorded(backend_client):
    response = backend_client.post("/api/feedback", json=report())
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "recorded" and body["id"]


def test_same_report_from_same_client_is_recorded_once(backend_client):
    first = backend_client.post("/api/feedback", json=report()).get_json()["id"]
    again = backend_client.post(
        "/api/feedback", json=report(quote="  finlogic   FINLOGIC quantitative think tank center")
    )
    assert again.status_code == 200
    assert again.get_json()["id"] == first
    assert len(backend_client.get("/api/feedback").get_json()["items"]) == 1


def test_listing_is_newest_first_and_paginated(backend_client):
    for n in range(5):
        backend_client.post("/api/feedback", json=report(quote=f"phrase number {n}"))
    page = backend_client.get("/api/feedback?host=nextfrontier-finance.example&limit=2").get_json()
    assert [i["quote"] for i in page["items"]] == ["phrase number 4", "phrase number 3"]
    rest = backend_client.get(f"/api/feedback?limit=10&before={page['next']}").get_json()
    assert [i["quote"] for i in rest["items"]] == [
        "phrase number 2",
        "phrase number 1",
        "phrase number 0",
    ]
    assert rest["next"] is None
    assert "client" not in rest["items"][0]


def test_listing_filters_by_host(client):
    client.post("/api/feedback", json=report())
    client.post("/api/feedback", json=report(url="https://other.example/a.html"))
    hosts = {i["host"] for i in client.get("/api/feedback?host=other.example").get_json()["items"]}
    assert hosts == {"other.example"}


@pytest.mark.parametrize(
    "changes",
    [
        {"client": None},
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
def test_invalid_reports_are_400(client, changes):
    body = report(**changes)
    if changes.get("client", "") is None:
        del body["client"]
    assert_error(client.post("/api/feedback", json=body), 400, "bad_request")


def test_bad_listing_arguments_are_400(client):
    assert_error(client.get("/api/feedback?limit=0"), 400, "bad_request")
    assert_error(client.get("/api/feedback?before=abc"), 400, "bad_request")


def test_reports_are_rate_limited_per_client(tmp_path):
    app = make_app(tmp_path, FEEDBACK_RATE_LIMIT="3/minute")
    client = app.test_client()
    for n in range(3):
        assert client.post("/api/feedback", json=report(quote=f"q{n}")).status_code == 201
    error = assert_error(client.post("/api/feedback", json=report(quote="q3")), 429, "rate_limited")
    assert error["message"]
    db.dispose(app)


def test_rate_limit_also_applies_per_address(tmp_path):
    app = make_app(tmp_path, FEEDBACK_RATE_LIMIT="2/minute")
    client = app.test_client()
    for n in range(2):
        body = report(quote=f"q{n}", client=f"client-number-{n}")
        assert client.post("/api/feedback", json=body).status_code == 201
    body = report(quote="q9", client="client-number-9")
    assert_error(client.post("/api/feedback", json=body), 429, "rate_limited")
    db.dispose(app)


def test_store_down_answers_503_and_analysis_still_works(tmp_path, seed_html):
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=1"
    app = make_app(tmp_path, unreachable)
    client = app.test_client()
    error = assert_error(client.post("/api/feedback", json=report()), 503, "database_unavailable")
    assert "not recorded" in error["message"]
    assert_error(client.get("/api/feedback"), 503, "database_unavailable")
    analyzed = client.post("/api/analyze", json={"url": SEED_URL, "html": seed_html})
    assert analyzed.status_code == 200
    assert analyzed.get_json()["annotations"]
