"""Only the extension (and same-origin pages) may call the API; the token, when set, is required."""

from __future__ import annotations

import pytest

from helpers import SEED_URL, assert_error

PAGE = {"url": SEED_URL, "html": "<p>A short article about nothing in particular.</p>"}


@pytest.mark.parametrize(
    "origin", ["chrome-extension://abcdefghijklmnop", "moz-extension://1234-5678"]
)
def test_extension_origins_are_served_with_cors_headers(client, origin):
    response = client.post("/api/analyze", json=PAGE, headers={"Origin": origin})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == origin


@pytest.mark.parametrize("origin", ["https://news.example", "http://127.0.0.1:9999", "null"])
def test_web_page_origins_are_refused(client, origin):
    response = client.post("/api/analyze", json=PAGE, headers={"Origin": origin})
    assert_error(response, 403, "forbidden_origin")
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cross_site_request_without_origin_is_refused(client):
    response = client.get("/api/health", headers={"Sec-Fetch-Site": "cross-site"})
    assert_error(response, 403, "forbidden_origin")


def test_preflight_from_extension_is_answered(client):
    response = client.options(
        "/api/analyze",
        headers={"Origin": "chrome-extension://abc", "Access-Control-Request-Method": "POST"},
    )
    assert response.status_code == 200
    assert "POST" in response.headers["Access-Control-Allow-Methods"]


def test_preflight_from_web_page_is_refused(client):
    response = client.options(
        "/api/analyze",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert_error(response, 403, "forbidden_origin")


def test_request_without_origin_is_served(client):
    assert client.post("/api/analyze", json=PAGE).status_code == 200


def test_extra_origin_can_be_allowed(app):
    app.config["EXTRA_ORIGINS"] = ["https://dashboard.example"]
    response = app.test_client().post(
        "/api/analyze", json=PAGE, headers={"Origin": "https://dashboard.example"}
    )
    assert response.status_code == 200


def test_untrusted_host_header_is_refused(client):
    response = client.get("/api/health", headers={"Host": "attacker.example"})
    assert_error(response, 400, "bad_request")


@pytest.fixture
def token_client(app):
    app.config["API_TOKEN"] = "s3cret"
    return app.test_client()


def test_token_is_required_when_set(token_client):
    assert_error(token_client.post("/api/analyze", json=PAGE), 401, "unauthorized")
    assert_error(token_client.get("/api/health"), 401, "unauthorized")


def test_wrong_token_is_refused(token_client):
    response = token_client.post(
        "/api/analyze", json=PAGE, headers={"Authorization": "Bearer nope"}
    )
    assert_error(response, 401, "unauthorized")


def test_right_token_is_accepted(token_client):
    response = token_client.post(
        "/api/analyze", json=PAGE, headers={"Authorization": "Bearer s3cret"}
    )
    assert response.status_code == 200
