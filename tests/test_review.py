"""/review: off without an admin token; with one, reports by site, and decisions that change
what the server says."""

from __future__ import annotations

import re

import pytest

from conftest import make_app
from helpers import register
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


def report(client, host: str, quote: str = "Brand Name Forum") -> None:
    body = {
        "url": f"https://{host}/a.html",
        "verdict": "missed",
        "kind": "injected_spam",
        "quote": quote,
    }
    response = client.post("/api/feedback", json=body, headers=register(client))
    assert response.status_code == 201


def test_review_is_off_without_an_admin_token(client):
    assert client.get("/review").status_code == 404


def test_login_with_a_wrong_token_is_refused(review):
    token = csrf(review.get("/review").get_data(as_text=True))
    response = review.post("/review/login", data={"token": "wrong", "csrf": token})
    assert response.status_code == 401
    assert "not right" in response.get_data(as_text=True)


def test_reports_are_listed_by_site(review):
    report(review, "one.example")
    report(review, "two.example", "Other Phrase Here")
    login(review)
    page = review.get("/review").get_data(as_text=True)
    assert "one.example" in page and "two.example" in page
    assert "brand name forum" in page
    only = review.get("/review?host=two.example").get_data(as_text=True)
    assert "one.example" not in only.split("<h2>", 1)[-1]


PAGE = "<html><body><p>The council met on Monday. Brand Name Forum</p></body></html>"


def decide(client, action: str, token: str | None, site: str = "one.example", **headers: str):
    """Post a decision on the rule the `report` helper's reports make."""
    form = {
        "site": site,
        "kind": "injected_spam",
        "verdict": "missed",
        "key": "brand name forum",
        "action": action,
    }
    if token is not None:
        form["csrf"] = token
    return client.post("/review/decide", data=form, headers=headers)


def flagged(client, url: str) -> list[str]:
    result = client.post("/api/analyze", json={"url": url, "html": PAGE}).get_json()
    return [a["quote"] for a in result["annotations"]]


def test_accepting_a_rule_for_its_site_makes_it_apply_to_everyone_there(review):
    report(review, "one.example")
    assert flagged(review, "https://one.example/y.html") == []
    assert decide(review, "accept_site", login(review)).status_code == 302
    assert flagged(review, "https://one.example/y.html") == ["Brand Name Forum"]
    assert flagged(review, "https://three.example/x.html") == []


def test_accepting_a_rule_for_every_site_makes_it_apply_everywhere(review):
    report(review, "one.example")
    assert flagged(review, "https://three.example/x.html") == []
    assert decide(review, "accept_global", login(review)).status_code == 302
    assert flagged(review, "https://three.example/x.html") == ["Brand Name Forum"]
    result = review.post("/api/analyze", json={"url": "https://three.example/x.html", "html": PAGE})
    assert result.get_json()["annotations"][0]["scope"] == "global"


def test_rejecting_a_rule_stops_it_on_its_own_site(review):
    report(review, "one.example")
    token = login(review)
    decide(review, "accept_site", token)
    assert flagged(review, "https://one.example/y.html")
    decide(review, "reject", token)
    assert flagged(review, "https://one.example/y.html") == []


def test_the_review_page_shows_networks_and_decisions(review):
    report(review, "one.example")
    token = login(review)
    decide(review, "accept_site", token)
    page = review.get("/review").get_data(as_text=True)
    assert "Accept for every site" in page and "accepted" in page


def test_decisions_need_the_csrf_token(review):
    login(review)
    assert decide(review, "accept_global", None).status_code == 400


def test_cross_origin_form_posts_are_refused(review):
    response = decide(review, "accept_global", login(review), Origin="https://evil.example")
    assert response.status_code == 403


def test_decide_requires_login(review):
    token = csrf(review.get("/review").get_data(as_text=True))
    assert decide(review, "accept_global", token).status_code == 403
