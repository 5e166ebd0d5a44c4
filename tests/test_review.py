"""/review: off without an admin token; with one, reports by site, and decisions that change
what the server says."""

from __future__ import annotations

import re

import pytest

from conftest import make_app
from winnow import db

TOKEN = "admin-secret-token"


@pytest.fixture
def review(tmp_path):
    app = make_app(tmp_path, ADMIN_TOKEN=TOKEN)
    yield app.test_client()
    db.dispose(app)


def csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(client) -> str:
    token = csrf(client.get("/review").get_data(as_text=True))
    response = client.post("/review/login", data={"token": TOKEN, "csrf": token})
    assert response.status_code == 302
    return csrf(client.get("/review").get_data(as_text=True))


def report(client, host: str, client_id: str, quote: str = "Brand Name Forum") -> None:
    body = {
        "url": f"https://{host}/a.html",
        "verdict": "missed",
        "kind": "injected_spam",
        "quote": quote,
        "client": client_id,
    }
    assert client.post("/api/feedback", json=body).status_code == 201


def test_review_is_off_without_an_admin_token(client):
    assert client.get("/review").status_code == 404


def test_login_with_a_wrong_token_is_refused(review):
    token = csrf(review.get("/review").get_data(as_text=True))
    response = review.post("/review/login", data={"token": "wrong", "csrf": token})
    assert response.status_code == 401
    assert "not right" in response.get_data(as_text=True)


def test_reports_are_listed_by_site(review):
    report(review, "one.example", "client-aaaaaaaa")
    report(review, "two.example", "client-bbbbbbbb", "Other Phrase Here")
    login(review)
    page = review.get("/review").get_data(as_text=True)
    assert "one.example" in page and "two.example" in page
    assert "brand name forum" in page
    only = review.get("/review?host=two.example").get_data(as_text=True)
    assert "one.example" not in only.split("<h2>", 1)[-1]


PAGE = "<html><body><p>The council met on Monday. Brand Name Forum</p></body></html>"


def decide(client, decision: str, token: str | None, **headers: str):
    """Post a decision on the rule the `report` helper's reports make."""
    form = {
        "kind": "injected_spam",
        "verdict": "missed",
        "quote": "brand name forum",
        "decision": decision,
    }
    if token is not None:
        form["csrf"] = token
    return client.post("/review/decide", data=form, headers=headers)


def test_accepting_a_rule_makes_it_apply_everywhere(review):
    report(review, "one.example", "client-aaaaaaaa")
    elsewhere = {"url": "https://three.example/x.html", "html": PAGE}
    assert review.post("/api/analyze", json=elsewhere).get_json()["annotations"] == []
    assert decide(review, "accepted", login(review)).status_code == 302
    annotations = review.post("/api/analyze", json=elsewhere).get_json()["annotations"]
    assert [a["quote"] for a in annotations] == ["Brand Name Forum"]


def test_rejecting_a_rule_stops_it_on_its_own_site(review):
    report(review, "one.example", "client-aaaaaaaa")
    same_site = {"url": "https://one.example/y.html", "html": PAGE}
    assert review.post("/api/analyze", json=same_site).get_json()["annotations"]
    decide(review, "rejected", login(review))
    assert review.post("/api/analyze", json=same_site).get_json()["annotations"] == []


def test_decisions_need_the_csrf_token(review):
    login(review)
    assert decide(review, "accepted", None).status_code == 400


def test_cross_origin_form_posts_are_refused(review):
    response = decide(review, "accepted", login(review), Origin="https://evil.example")
    assert response.status_code == 403


def test_decide_requires_login(review):
    token = csrf(review.get("/review").get_data(as_text=True))
    assert decide(review, "accepted", token).status_code == 403
